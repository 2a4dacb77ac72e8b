"""The optional C extension (framing._speedups) against the pure-Python code.

Every test here compares the two paths: tokens against ``TOKEN_PATTERN`` applied by
``re``, hit counts against ``collections.Counter``, and whole lexicon scores against
the pure-Python matcher. ``.ci/run`` sets FRAMING_REQUIRE_SPEEDUPS=1, so on CI a
missing extension is a failure rather than a skip.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from collections import Counter
from itertools import compress, islice, repeat

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import framing.lexicon._score as lexicon_score
from framing._tokens import normalise, prepare, regex_tokens
from framing.keyness import keyness
from framing.keyness._stats import rank_sum_test
from framing.lexicon import Lexicon, load_lexicon, score
from framing.text import HAVE_SPEEDUPS, use_speedups

REQUIRED = os.environ.get("FRAMING_REQUIRE_SPEEDUPS", "") not in ("", "0")


def test_extension_is_built_where_required():
    if not REQUIRED and not HAVE_SPEEDUPS:
        pytest.skip("framing._speedups was not built (no C compiler at install time?)")
    assert HAVE_SPEEDUPS, (
        "FRAMING_REQUIRE_SPEEDUPS=1 but framing._speedups is missing: reinstall with a C "
        "compiler present (pip install -e .) and look for the build error"
    )


needs_c = pytest.mark.skipif(not HAVE_SPEEDUPS, reason="framing._speedups was not built")

# Strings at every rule's edge; both cases, since the clitic rule is case-sensitive.
_TRICKY = [
    "Russia's U.S.-led e.g. 's s 'sa it's' o'brien's don't's 1,000.5% 3.5.6 a.b.c. ",
    "x-'s -s- 's's a_b's 25%% u.s.'s Erdoğan's 1.,2 'tis rock'n'roll. A. B.C U.S.A.-",
    "3.5abc 1,2,3, 4.x .5 5. 5% %5 -5 a- -a a--b a-'b a'-b a'S A'S a's' '",
    "u.s.a.b.c u.s. .u.s. u..s u.1. 1.u. a.b.c.d. x.y_ _a _'s __ s's s",
    "٣.٤ ٣,٤٥ ²³ ² 3² Ⅻ ⅫV ½ x½ 五 ab五",  # Arabic-Indic digits, superscripts, numerals
    "naïve cafe\u0301 cafe\u0301's de\u0301ja\u0300-vu",  # combining marks are not \w
    "emoji 😀's a😀b 𝐀𝐁'𝐂 𝟏.𝟐 𝟏.𝟐%",  # outside the BMP (4-byte kind)
    "ß's İstanbul's ΣΑΣ's Ǆ'ǅ",
    "",
    "'",
    "a",
    "s",
    "'s",
]
_ALPHABET = list("aAsSbx'-.,%_ 19é\u00b2\u0663\u0301\u2019\u2010\n😀Ⅻ") + [
    "'s",
    "u.s.",
    "3.5",
    "--",
    "..",
    "%%",
]


def _random_strings(n, seed=20251128):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 16)))


@needs_c
def test_tokenize_matches_the_regex_on_edge_cases():
    from framing._speedups import tokenize as c_tokenize

    for text in _TRICKY:
        for lower in (True, False):
            prepared = prepare(text, lower)
            assert c_tokenize(prepared) == regex_tokens(prepared), prepared


@needs_c
def test_tokenize_matches_the_regex_on_random_strings():
    from framing._speedups import tokenize as c_tokenize

    n = 0
    for text in _random_strings(20_000):
        for prepared in (normalise(text), normalise(text).lower()):
            assert c_tokenize(prepared) == regex_tokens(prepared), prepared
            n += 1
    assert n == 40_000


@needs_c
def test_count_hits_matches_counter():
    from framing._speedups import count_hits

    table = {"russia", "u.s.", "3.5%", "s", "a", "😀"}
    codes = {"russia": 1, "a": 0, "x": 0, "b": 1}
    for text in [*_TRICKY, *_random_strings(3_000, seed=7)]:
        prepared = prepare(text)
        toks = regex_tokens(prepared)
        n, hits, none = count_hits(prepared, table, 0)
        assert (n, hits, none) == (len(toks), Counter(t for t in toks if t in table), None)
        assert list(hits) == list(dict.fromkeys(t for t in toks if t in table))  # order
        assert count_hits(prepared, frozenset(table), 0)[1] == hits
        # dict table: true values kept, false dropped, missing ones as `default`
        kept = Counter(compress(toks, map(codes.get, toks, repeat(1))))
        n, got, all_toks = count_hits(prepared, codes, 1, True)
        assert (got, all_toks) == (kept, toks)
        assert count_hits(prepared, codes, 0)[1] == Counter(t for t in toks if codes.get(t))


@needs_c
def test_count_hits_rejects_bad_arguments():
    from framing._speedups import count_hits, tokenize

    with pytest.raises(TypeError, match="str"):
        tokenize(b"bytes")
    with pytest.raises(TypeError):
        count_hits(None, set(), 0)
    with pytest.raises(TypeError, match="set or a dict"):
        count_hits("a b", ["a"], 0)


def test_pure_python_switch():
    code = "import framing._tokens as t; print(t.HAVE_SPEEDUPS, t.find_tokens is t.regex_tokens)"
    env = {**os.environ, "FRAMING_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]


def _both_paths(texts, lexicon, **kw):
    """Scores from the C path and from the pure-Python path, with fresh matchers."""
    lexicon_score._MATCHERS.clear()
    fast = score(texts, lexicon, cache=False, **kw)
    with use_speedups(False):
        lexicon_score._MATCHERS.clear()
        slow = score(texts, lexicon, cache=False, **kw)
    lexicon_score._MATCHERS.clear()
    return fast, slow


_GLOBBY = Lexicon.from_dict(
    {
        "talks": ["negotiat*", "talk*", "peace talks", "*-russia", "u.s.", "summit?"],
        "pressure": ["sanction*", "tariff*", "ultimat*", "war of words", "trade war*"],
        "many_globs": [f"{c}{d}*" for c in "abcdefghij" for d in "aeiou"],  # > 24 literals
        "mwe_globs": ["peace t*", "w?r of words", "tariff* on ch*"],
    },
    name="globby",
)


@needs_c
@pytest.mark.parametrize("lexicon", ["news_frames", "topic_frames", _GLOBBY])
@pytest.mark.parametrize("case_sensitive", [False, True])
def test_scores_identical_on_the_demo_corpus(monkeypatch, lexicon, case_sensitive):
    from framing.corpus import load_corpus

    articles = load_corpus("corpora/demo")
    texts = [*articles["text"], *_TRICKY, "Peace and then talks: peace talks of words."]
    fast, slow = _both_paths(texts, lexicon, case_sensitive=case_sensitive)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast.iloc[:, 2:].to_numpy().sum() > 0  # the comparison is not vacuous


@needs_c
@pytest.mark.realdata
@pytest.mark.slow
def test_identical_on_allsides(monkeypatch, shared_data):
    from framing._speedups import tokenize as c_tokenize

    path = shared_data("allsides", "articles.jsonl.gz", what="AllSides articles")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in islice(fh, 4000)]
    texts = [r["content_original"] or "" for r in rows]
    for text in [*texts, *(r.get("title") or "" for r in rows)]:
        for prepared in (normalise(text).lower(), normalise(text)):
            assert c_tokenize(prepared) == regex_tokens(prepared)
    mfd = shared_data("lexicons", "mfd2.0.dic", what="Moral Foundations Dictionary 2.0")
    for lexicon in ("news_frames", "topic_frames", load_lexicon(mfd)):
        fast, slow = _both_paths(texts[:1500], lexicon)
        pd.testing.assert_frame_equal(fast, slow)


def _keyness_corpus():
    # invented word soup: ties in rates, bigrams, one empty article, uneven groups
    rng = random.Random(7)
    words = [f"w{i}" for i in range(60)]
    texts = [" ".join(rng.choices(words[: rng.randint(5, 60)], k=rng.randint(3, 80)))
             for _ in range(70)]  # fmt: skip
    texts[5] = ""
    return pd.DataFrame({"outlet": ["A"] * 20 + ["B"] * 50, "text": texts})


@needs_c
@pytest.mark.parametrize("inference", ["articles", "tokens"])
def test_keyness_count_matrix_and_rank_sums_same_in_c_and_numpy(inference):
    df = _keyness_corpus()
    kw = dict(target="A", ngram_range=(1, 2), min_count=1, inference=inference)
    fast = keyness(df, **kw)
    with use_speedups(False):
        slow = keyness(df, **kw)
    pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-12)
    assert fast.attrs["n_docs_empty"] == 1


@needs_c
def test_rank_sums_in_c_match_numpy_on_random_matrices():
    rng = np.random.default_rng(3)
    for n, v, density in [(1, 3, 1.0), (9, 40, 0.2), (200, 300, 0.05)]:
        rates = sparse.random(n, v, density=density, format="csc", random_state=rng)
        rates.data = np.round(rates.data, 1) + 0.1  # ties within terms
        in_t = rng.random(n) < 0.3
        p, u = rank_sum_test(rates, in_t)
        with use_speedups(False):
            p0, u0 = rank_sum_test(rates, in_t)
        np.testing.assert_allclose(p, p0, rtol=1e-12, equal_nan=True)
        np.testing.assert_allclose(u, u0, rtol=1e-12)


@needs_c
def test_matrix_functions_in_c_refuse_bad_arrays():
    import framing._speedups as c

    i8 = np.zeros(3, dtype=np.int64)
    with pytest.raises(ValueError, match="unexpected types or sizes"):
        c.rank_sums(
            i8,
            np.zeros(2, np.int64),
            np.zeros(3),
            b"\x00",
            0,
            np.zeros(2),
            np.zeros(2),
            np.zeros(2),
        )
    with pytest.raises(ValueError, match="scale is not positive"):
        c.rank_sums(np.array([0, 1], np.int64), np.array([1], np.int64), np.ones(1),
                    np.zeros(2, np.uint8), 0, np.zeros(1), np.zeros(1), np.zeros(1),
                    np.array([1.0, 0.0]))  # fmt: skip
    with pytest.raises(ValueError, match="int64"):
        c.column_nnz(i8, np.zeros(3, np.int32), i8, i8.copy(), i8.copy())
    with pytest.raises(ValueError, match="outside colmap"):
        c.column_nnz(i8, np.array([0, 5, 0]), np.zeros(2, np.int64), np.zeros(2, np.int64),
                     np.full(2, -1, np.int64))  # fmt: skip
    with pytest.raises(ValueError, match="more entries than laid out"):
        c.column_fill(np.arange(3), np.zeros(3, np.int64), np.zeros(1, np.int64),
                      np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(1, np.int64),
                      np.zeros(1))  # fmt: skip


@needs_c
def test_ngram_count_functions_in_c():
    import framing._speedups as c

    vocab: dict = {}
    table = c.token_table(vocab)
    ids, lens = c.token_ids(["peace talks, talks", ["peace", "u.s."], ""], table, True)
    ids, lens = np.frombuffer(ids, np.int64), np.frombuffer(lens, np.int64)
    assert vocab == {"peace": 0, "talks": 1, "u.s.": 2}
    assert ids.tolist() == [0, 1, 1, 0, 2] and lens.tolist() == [3, 2, 0]
    known, _ = c.token_ids(["talks about peace"], c.token_table(vocab), False)
    assert np.frombuffer(known, np.int64).tolist() == [1, -1, 0]
    grams = c.gram_table()
    c.gram_fit(grams, ids, lens, 1, 2, 3)  # codes: id (words), 3 + 3 * id1 + id2 (pairs)
    codes = np.frombuffer(c.gram_codes(grams), np.int64)
    df, tf = c.gram_counts(grams)
    df, tf = np.frombuffer(df, np.int64), np.frombuffer(tf, float)
    assert codes.tolist() == [0, 4, 1, 7, 5, 2]  # in order of first occurrence
    assert df.tolist() == [2, 1, 1, 1, 1, 1] and tf.tolist() == [2, 1, 2, 1, 1, 1]
    kept = c.gram_table()
    c.gram_insert(kept, np.array([7, 1], np.int64))  # "talks talks" -> 0, "talks" -> 1
    indptr, indices, data = c.gram_rows(kept, ids, lens, 1, 2, 3)
    assert np.frombuffer(indptr, np.int64).tolist() == [0, 2, 2, 2]
    assert np.frombuffer(indices, np.int32).tolist() == [1, 0]
    assert np.frombuffer(data, float).tolist() == [2.0, 1.0]
    with pytest.raises(ValueError, match="given twice"):
        c.gram_insert(kept, np.array([1], np.int64))
    with pytest.raises(ValueError, match="lengths do not add up"):
        c.gram_rows(kept, ids, np.array([9], np.int64), 1, 2, 3)
    with pytest.raises(ValueError, match="gram_fit: ids and lengths must be int64"):
        c.gram_fit(grams, ids.astype(np.int32), lens, 1, 2, 3)
    rare = c.gram_table()  # leave out the n-grams holding "u.s." (id 2)
    c.gram_fit(rare, ids, lens, 1, 2, 3, np.array([0, 0, 1], np.uint8))
    assert np.frombuffer(c.gram_codes(rare), np.int64).tolist() == [0, 4, 1, 7]
    with pytest.raises(ValueError, match="skip must be uint8, one per token id"):
        c.gram_fit(rare, ids, lens, 1, 2, 3, np.zeros(2, np.uint8))
    with pytest.raises(OverflowError, match="do not fit 62 bits"):
        c.gram_fit(grams, ids, lens, 1, 5, 2**13)
    with pytest.raises(TypeError, match="neither a str nor a list"):
        c.token_ids([3], table, True)
    with pytest.raises(ValueError, match="PyCapsule"):
        c.token_ids(["a"], grams, True)


def test_token_ids_survive_python_code_that_empties_the_lists():
    """Adding a token to the vocabulary hashes it, and a str subclass's __hash__ is
    Python code: it may empty the very lists token_ids reads (found by the line-by-line
    review of the C n-gram counting). The C code holds its own references and reads the
    lengths again, so the call ends normally instead of reading freed memory."""
    import framing._speedups as c

    texts: list = []
    tokens: list = []

    class Mean(str):
        def __hash__(self):
            texts.clear()
            tokens.clear()
            return str.__hash__(self)

    tokens += [Mean("alpha"), Mean("beta"), "gamma"]
    texts += [tokens, "delta epsilon", ["zeta"]]
    vocab: dict = {}
    ids, lens = c.token_ids(texts, c.token_table(vocab), True)
    # the first token was counted, then both lists were emptied by its hash
    assert np.frombuffer(ids, np.int64).tolist() == [0]
    assert np.frombuffer(lens, np.int64).tolist() == [1]
    assert list(vocab) == ["alpha"]


@pytest.mark.parametrize("c_module", [True, False])
def test_rank_sums_of_counts_over_row_totals_equal_those_of_rates(c_module):
    rng = np.random.default_rng(4)
    counts = sparse.random(40, 30, density=0.2, format="csc", random_state=rng)
    counts.data = np.ceil(counts.data * 4)
    totals = rng.integers(5, 50, 40).astype(float)
    totals[[3, 17]] = 0  # articles without tokens have no counts either
    counts = sparse.csc_matrix(counts.multiply((totals > 0)[:, None]))
    counts.eliminate_zeros()
    in_t = rng.random(40) < 0.4
    keep = totals > 0
    rates = sparse.csc_matrix(counts[keep].multiply(1.0 / totals[keep][:, None]))
    if c_module and not HAVE_SPEEDUPS:
        pytest.skip("framing._speedups was not built")
    with use_speedups(c_module):
        p, u = rank_sum_test(counts, in_t, row_totals=totals)
        p0, u0 = rank_sum_test(rates, in_t[keep])
    np.testing.assert_allclose(p, p0, rtol=1e-12, equal_nan=True)
    np.testing.assert_allclose(u, u0, rtol=1e-12)
