"""Tests of dictionaries as the field writes them: LIWC ``.dic`` variants (tabs and spaces,
leading-zero ids, CRLF, byte order marks, Latin-1), WordStat ``.cat``, quanteda JSON, the
kit/quanteda YAML decision, and the Moral Foundations Dictionary against the liwc package.

Defects of the reliability review (../shared/reviews/reliability.md) covered here: M1
(a misspelt ``categories:`` read as quanteda), M5 (one category name under two ids), the
misleading messages of §3.3 (unclosed header), and the field's MFD ``.dic`` of issue 13.
"""

from __future__ import annotations

import codecs
import gzip
import json
import warnings
from itertools import islice

import numpy as np
import pytest

from framing.errors import LexiconError
from framing.lexicon import DuplicateTermWarning, Lexicon, load_lexicon, score
from framing.text import tokenize


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def counts(lex, text):
    return score([text], lex).iloc[0][lex.category_names].to_dict()


# -- LIWC .dic as it comes ---------------------------------------------------------------
CLEAN = "%\n1\tcare.virtue\n2\tcare.vice\n%\nsafe*\t1\npreserve\t1\t2\nhurt\t2\ncivil rights\t1\n"


def test_tabs_spaces_leading_zeros_and_phrases_read_the_same():
    """The MFD 1.0 layout (`preserve<TAB><TAB>01 02`) reads like the clean file."""
    # written as the Moral Foundations Dictionary 1.0 has it: two-digit ids, term and
    # ids separated by several tabs, the ids of one term separated by spaces
    field = (
        "%\n01\tcare.virtue\n02   care.vice\n%\nsafe*\t\t\t01\npreserve\t\t01 02\n"
        "hurt 02\ncivil rights\t 01\n"
    )
    import tempfile
    from pathlib import Path

    d = Path(tempfile.mkdtemp())
    clean = load_lexicon(write(d, "clean.dic", CLEAN))
    variant = load_lexicon(write(d, "field.dic", field))
    assert variant.categories == clean.categories
    assert variant.categories["care.vice"].terms == ("preserve", "hurt")
    assert variant.categories["care.virtue"].terms == ("safe*", "preserve", "civil rights")


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\r\n", b""),
        ("utf-8", "\r", b""),
        ("utf-8", "\n", codecs.BOM_UTF8),
        ("utf-16-le", "\r\n", codecs.BOM_UTF16_LE),
        ("latin-1", "\n", b""),
        ("cp1252", "\r\n", b""),
    ],
)
def test_dic_line_ends_byte_order_marks_and_encodings(tmp_path, encoding, newline, bom):
    text = "%\n1\tsocial\n2\tpolitique\n%\ncafé\t1\nélection*\t2\nsommet\t1 2\n"
    path = write(tmp_path, "f.dic", bom + text.replace("\n", newline).encode(encoding))
    lex = load_lexicon(path)
    assert lex.categories["social"].terms == ("café", "sommet")
    assert lex.categories["politique"].terms == ("élection*", "sommet")
    assert counts(lex, "Au café, les élections et le sommet.") == {"social": 2, "politique": 2}


def test_dic_spaced_category_names_are_kept():
    import tempfile
    from pathlib import Path

    p = write(Path(tempfile.mkdtemp()), "s.dic", "%\n1\tHarm  Virtue\n%\nsafe*\t1\n")
    assert load_lexicon(p).category_names == ["Harm Virtue"]


def test_one_category_name_under_two_ids_is_an_error(tmp_path):
    """Review M5: the first id's terms were silently dropped."""
    p = write(tmp_path, "two.dic", "%\n1\tpos\n2\tpos\n%\ngood\t1\nbad\t2\n")
    with pytest.raises(LexiconError, match="category name 'pos' is declared twice") as e:
        load_lexicon(p)
    assert e.value.line == 3 and e.value.value == "pos"
    assert "ids 1 at line 2 and 2" in str(e.value)


@pytest.mark.parametrize(
    ("text", "match", "line"),
    [
        # review §3.3: an unclosed header said "expected '<id><TAB><category name>'"
        ("%\n1\ta\npeace\t1\n", "looks like a term, but the category header", 3),
        ("%\n1\ta\n%\npeace\t1\n%\n", "a third '%' line", 5),
        ("%\n1\ta\n%\n2025 2026 1\n", "end the term with a TAB", 4),
        ("%\n1\ta\n%\n\t1\n", "has no category id|no term before", 4),
    ],
)
def test_dic_structure_errors_name_line_and_fix(tmp_path, text, match, line):
    p = write(tmp_path, "bad.dic", text)
    with pytest.raises(LexiconError, match=match) as e:
        load_lexicon(p)
    assert e.value.line == line and e.value.path == str(p)


def test_dic_number_terms_need_a_tab_only_when_ambiguous(tmp_path):
    lex = load_lexicon(write(tmp_path, "n.dic", "%\n1\tyears\n%\n2025 1\n1 2 3\t1\n"))
    assert lex.categories["years"].terms == ("2025", "1 2 3")


# -- WordStat .cat -----------------------------------------------------------------------
def test_wordstat_cat_nested_weights_and_phrases(tmp_path):
    text = (
        "DIPLOMACY\n\tTALKS (1)\n\tNEGOTIAT* (1)\n\tPEACE TALKS (1)\n"
        "PRESSURE\n\tECONOMIC\n\t\tSANCTION* (1)\n\t\tTARIFF*\n\tMILITARY\n\t\tTROOPS (1)\n"
    )
    lex = load_lexicon(write(tmp_path, "frames.cat", text))
    assert lex.category_names == [
        "DIPLOMACY",
        "PRESSURE",
        "PRESSURE.ECONOMIC",
        "PRESSURE.MILITARY",
    ]
    assert lex.categories["DIPLOMACY"].terms == ("TALKS", "NEGOTIAT*", "PEACE TALKS")
    assert lex.categories["PRESSURE"].children == ("PRESSURE.ECONOMIC", "PRESSURE.MILITARY")
    got = counts(lex, "Peace talks on tariffs and sanctions; troops stay.")
    assert got == {"DIPLOMACY": 1, "PRESSURE": 3, "PRESSURE.ECONOMIC": 2, "PRESSURE.MILITARY": 1}


@pytest.mark.parametrize(
    ("text", "match", "line"),
    [
        ("A\n\tGOOD (2)\n", "weight '2'", 2),
        ("\tGOOD (1)\n", "not under a category", 1),
        ("A\n\tGOOD\n  BAD\n", "indentation matches no enclosing category", 3),
        ("A\n\tGOOD\nA\n\tBAD\n", "listed twice", 3),
        ("", "the file is empty", 1),
    ],
)
def test_wordstat_cat_errors(tmp_path, text, match, line):
    p = write(tmp_path, "bad.cat", text)
    with pytest.raises(LexiconError, match=match) as e:
        load_lexicon(p)
    assert e.value.line == line


# -- quanteda / Lexicoder JSON and YAML --------------------------------------------------
def test_quanteda_json_with_tabs_and_nesting(tmp_path):
    data = {"peace": ["ceasefire", "peace talks"], "conflict": {"war": ["war*"], "row": "feud"}}
    p = write(tmp_path, "q.json", json.dumps(data, indent="\t"))
    lex = load_lexicon(p)
    assert lex.category_names == ["peace", "conflict", "conflict.war", "conflict.row"]
    assert counts(lex, "A ceasefire after the war and the feud.")["conflict"] == 2


@pytest.mark.parametrize(
    ("text", "match", "line"),
    [
        ('{"a": ["x"],\n "b": ["y",]}', "not valid JSON", 2),
        ('{"a": ["x"],\n "a": ["y"]}', "appears twice", 2),
        ('{"a": []}', "category 'a' is empty", 1),
    ],
)
def test_quanteda_json_errors(tmp_path, text, match, line):
    with pytest.raises(LexiconError, match=match) as e:
        load_lexicon(write(tmp_path, "q.json", text))
    assert e.value.line == line


def test_kit_json_is_the_kit_format(tmp_path):
    data = {"name": "j", "version": "1", "categories": {"a": {"terms": ["x"]}}}
    lex = load_lexicon(write(tmp_path, "k.json", json.dumps(data)))
    assert (lex.name, lex.version, lex.category_names) == ("j", "1", ["a"])


def test_misspelt_categories_key_is_an_error_not_quanteda(tmp_path):
    """Review M1: `categries:` was read as a quanteda dictionary (`name` a category)."""
    text = "name: t\nversion: '1'\ncategries:\n  a:\n    terms: [x]\n"
    with pytest.raises(LexiconError, match="unknown top-level key 'categries'") as e:
        load_lexicon(write(tmp_path, "typo.yaml", text))
    assert e.value.line == 3 and "Did you mean 'categories'?" in str(e.value)
    # without any metadata key the kit's own category keys give it away
    text = "categries:\n  a:\n    definition: d\n    terms: [x]\n"
    with pytest.raises(LexiconError, match="key 'definition' of the kit's format") as e:
        load_lexicon(write(tmp_path, "typo2.yaml", text))
    assert e.value.line == 3
    with pytest.raises(LexiconError, match="needs a 'categories:' mapping") as e:
        load_lexicon(write(tmp_path, "nocat.yaml", "name: t\n"))


def test_quanteda_category_named_like_metadata_is_still_quanteda(tmp_path):
    lex = load_lexicon(write(tmp_path, "q.yaml", "name: [naming, named]\nversion: [draft*]\n"))
    assert lex.category_names == ["name", "version"]


def test_yaml_lexicon_alias_bomb_and_recursion_are_refused(tmp_path):
    """Review M4 (a 387-byte alias bomb took 6 GB) and L6/L7 (recursion)."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    with pytest.raises(LexiconError, match="expand to more than"):
        load_lexicon(write(tmp_path, "bomb.yaml", bomb))
    with pytest.raises(LexiconError, match="refers to the node that contains it"):
        load_lexicon(write(tmp_path, "loop.yaml", "a: &a [x, *a]\n"))
    with pytest.raises(LexiconError, match="nested more than 64 levels"):
        load_lexicon(write(tmp_path, "deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n"))


# -- the field's Moral Foundations Dictionary against the liwc package -------------------
def _field_variant(clean_lines: list[str]) -> str:
    """MFD 2.0 rewritten the way older field dictionaries are laid out: two-digit ids,
    a term's ids on one line separated by spaces after several tabs, some lines with
    spaces only, CRLF line ends and a UTF-8 byte order mark."""
    end = clean_lines.index("%", 1)
    header = [f"{int(i):02d}\t{name}" for i, name in (ln.split("\t") for ln in clean_lines[1:end])]
    codes: dict[str, list[str]] = {}
    for ln in clean_lines[end + 1 :]:
        if ln.strip():
            term, *ids = ln.split("\t")
            codes.setdefault(term, []).extend(f"{int(i):02d}" for i in ids)
    body = []
    for k, (term, ids) in enumerate(codes.items()):
        if k % 3 == 0 and " " not in term:
            body.append(f"{term}   {' '.join(ids)}")  # spaces only
        else:
            body.append(f"{term}\t\t{' '.join(ids)}")
    return "\ufeff" + "\r\n".join(["%", *header, "%", *body]) + "\r\n"


@pytest.mark.realdata
def test_field_mfd_loads_and_scores_like_the_liwc_package(tmp_path, shared_data):
    """Issue 13: the field's moral-foundations .dic scores the counts of a reference
    LIWC counter (the liwc package, on the terms where the two counting rules agree)."""
    liwc = pytest.importorskip("liwc")
    dic = shared_data("lexicons", "mfd2.0.dic", what="the Moral Foundations Dictionary")
    articles = shared_data("allsides", "articles.jsonl.gz", what="AllSides")
    clean_lines = dic.read_text(encoding="utf-8").splitlines()
    field = write(tmp_path, "mfd_field.dic", _field_variant(clean_lines))
    with warnings.catch_warnings():
        warnings.simplefilter("error", DuplicateTermWarning)
        mfd, variant = load_lexicon(dic), load_lexicon(field)
    assert variant.category_names == mfd.category_names
    for name in mfd.category_names:
        assert set(variant.categories[name].terms) == set(mfd.categories[name].terms)
    with gzip.open(articles, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["content_original"] or "" for line in islice(fh, 300)]
    ours = score(texts, variant)
    # The reference: liwc reads one line per term and matches single tokens, so it gets
    # the single-word terms, each with all its ids on one tab-separated line.
    single = tmp_path / "mfd_single.dic"
    ids = {n: i for i, n in enumerate(mfd.category_names, start=1)}
    rows: dict[str, list[int]] = {}
    for cat in mfd.categories.values():
        for term in cat.terms:
            if " " not in term:
                rows.setdefault(term, []).append(ids[cat.name])
    lines = ["%", *(f"{i}\t{n}" for n, i in ids.items()), "%"]
    lines += [t + "".join(f"\t{i}" for i in c) for t, c in rows.items()]
    single.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parse, names = liwc.load_token_parser(str(single))
    theirs = np.zeros((len(texts), len(names)), dtype=np.int64)
    for d, text in enumerate(texts):
        for tok in tokenize(text):
            for cat in parse(tok):
                theirs[d, names.index(cat)] += 1
    # liwc stops at the first '*' on its trie path, so where a glob shares a prefix
    # with another term the two differ; compare on the single-word lexicon (ours) and
    # check the MWEs separately: the field variant scores exactly as the clean file.
    ours_single = score(
        texts,
        Lexicon.from_dict(
            {n: [t for t in mfd.categories[n].terms if " " not in t] for n in names}, name="s"
        ),
    )
    np.testing.assert_array_equal(ours_single[names].to_numpy(), theirs)
    np.testing.assert_array_equal(ours[names].to_numpy(), score(texts, mfd)[names].to_numpy())
    assert theirs.sum() > 1000
