"""Tests of framing.keyness against hand arithmetic and reference implementations."""

from __future__ import annotations

import gzip
import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse, stats
from sklearn.feature_extraction.text import CountVectorizer

from framing.errors import ColumnsError, CorpusError
from framing.keyness import keyness, log_odds_dirichlet, ngram_counts, prior_sensitivity
from framing.keyness._stats import rank_sum_test


# ----------------------------------------------------------------- Fightin' Words
def test_log_odds_flat_prior_by_hand():
    r = log_odds_dirichlet([10, 0, 5], [2, 8, 5], prior=1.0)
    # alpha_w = 1, alpha_0 = 3, n_a = n_b = 15
    # term 0: log(11 / (15 + 3 - 10 - 1)) - log(3 / (15 + 3 - 2 - 1)) = log(11/7) - log(3/15)
    d0 = math.log(11 / 7) - math.log(3 / 15)
    # term 1: log(1 / 17) - log(9 / 9)
    d1 = math.log(1 / 17) - math.log(9 / 9)
    assert r["log_odds"].tolist() == pytest.approx([d0, d1, 0.0])
    # var ~ 1/(y_a + alpha) + 1/(y_b + alpha)
    se0, se1 = math.sqrt(1 / 11 + 1 / 3), math.sqrt(1 / 1 + 1 / 9)
    assert r["se"].tolist()[:2] == pytest.approx([se0, se1])
    assert r["z"].tolist() == pytest.approx([d0 / se0, d1 / se1, 0.0])
    assert r["z"][0] == pytest.approx(3.164901, abs=1e-6)


def test_log_odds_informative_pooled_prior_by_hand():
    r = log_odds_dirichlet([3, 1], [1, 3], prior="pooled", prior_size=4)
    # pooled counts [4, 4] -> pi = [0.5, 0.5] -> alpha = 4 * pi = [2, 2], alpha_0 = 4
    # n_a = n_b = 4; term 0: log((3+2)/(4+4-3-2)) - log((1+2)/(4+4-1-2)) = 2 log(5/3)
    d0 = 2 * math.log(5 / 3)
    var = 1 / 5 + 1 / 3
    assert r.loc[0, "log_odds"] == pytest.approx(d0)
    assert r.loc[0, "z"] == pytest.approx(d0 / math.sqrt(var))
    assert r.loc[1, "z"] == pytest.approx(-d0 / math.sqrt(var))
    # the full delta-method variance adds 1/(n_a + a0 - y_a - a) + 1/(n_b + a0 - y_b - a)
    full = log_odds_dirichlet([3, 1], [1, 3], prior_size=4, variance="full")
    assert full.loc[0, "z"] == pytest.approx(d0 / math.sqrt(var + 1 / 3 + 1 / 5))


def test_log_odds_background_prior_and_series_alignment():
    a = pd.Series({"war": 4, "peace": 1})
    b = pd.Series({"peace": 3, "talks": 2})
    bg = pd.Series({"war": 10, "peace": 10, "talks": 20})
    r = log_odds_dirichlet(a, b, prior=bg, prior_size=None)
    assert set(r.index) == {"war", "peace", "talks"}
    # alpha = background as is: war 10, alpha_0 = 40, n_a = 5, n_b = 5
    d_war = math.log(14 / (5 + 40 - 4 - 10)) - math.log(10 / (5 + 40 - 0 - 10))
    assert r.loc["war", "log_odds"] == pytest.approx(d_war)
    assert r.loc["talks", "n_a"] == 0


def test_log_odds_errors():
    with pytest.raises(ValueError, match="equal length"):
        log_odds_dirichlet([1, 2], [1])
    with pytest.raises(ValueError, match="non-negative"):
        log_odds_dirichlet([1, -2], [1, 1])
    with pytest.raises(ValueError, match="prior pseudo-count"):
        log_odds_dirichlet([1, 2], [1, 1], prior=[1, 0])


# ----------------------------------------------------------------- quanteda statistics
@pytest.fixture
def ab_corpus():
    # quanteda's own test example: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b"
    return pd.DataFrame(
        {"outlet": ["d1", "d2"], "text": ["b b b b b b b a a a", "a a a a a a a b b"]}
    )


def test_chi2_as_quanteda_by_hand(ab_corpus):
    k = keyness(ab_corpus, target="d1", measure="chi2", min_count=1, correction="none")
    k = k.set_index("term")
    # term b: a=7 (target), b=2 (reference), c=3, d=7, N=19
    # chi2 = N (ad - bc)^2 / ((a+b)(c+d)(a+c)(b+d)) = 19 * 43^2 / (9 * 10 * 10 * 9)
    chi2_b = 19 * 43**2 / 8100
    assert k.loc["b", "statistic"] == pytest.approx(chi2_b)
    assert k.loc["a", "statistic"] == pytest.approx(-chi2_b)  # a is under-used by d1
    tokens = keyness(ab_corpus, target="d1", measure="chi2", min_count=1, correction="none",
                     inference="tokens").set_index("term")  # fmt: skip
    assert tokens.loc["b", "p_value"] == pytest.approx(stats.chi2.sf(chi2_b, 1))
    assert (k.loc["b", "n_target"], k.loc["b", "n_reference"]) == (7, 2)
    ref = stats.chi2_contingency([[7, 2], [3, 7]], correction=False)
    assert k.loc["b", "statistic"] == pytest.approx(ref.statistic)


def test_chi2_default_applies_yates_when_expected_below_5(ab_corpus):
    k = keyness(ab_corpus, target="d1", measure="chi2", min_count=1).set_index("term")
    # E11 = 9 * 10 / 19 = 4.74 < 5 and |ad - bc| = 43 >= N/2: Yates applies
    # chi2 = 19 * (43 - 19/2)^2 / 8100
    assert k.loc["b", "statistic"] == pytest.approx(19 * (43 - 9.5) ** 2 / 8100)
    ref = stats.chi2_contingency([[7, 2], [3, 7]], correction=True)  # = R chisq.test
    assert k.loc["b", "statistic"] == pytest.approx(ref.statistic)


def test_yates_correction_applies_to_every_term():
    # audit m1: correction="yates" was quanteda's conditional rule, identical to "default"
    df = pd.DataFrame(
        {"outlet": ["A", "B"], "text": ["x " * 40 + "y " * 60, "x " * 20 + "y " * 80]}
    )
    k = keyness(df, target="A", measure="chi2", min_count=1, correction="yates")
    ref = stats.chi2_contingency([[40, 20], [60, 80]], correction=True)
    assert k.set_index("term").loc["x", "statistic"] == pytest.approx(ref.statistic)
    default = keyness(df, target="A", measure="chi2", min_count=1).set_index("term")
    assert default.loc["x", "statistic"] != pytest.approx(ref.statistic)
    ref_lr = stats.chi2_contingency([[40, 20], [60, 80]], correction=True, lambda_="log-likelihood")
    lr = keyness(df, target="A", measure="lr", min_count=1, correction="yates")
    assert lr.set_index("term").loc["x", "statistic"] == pytest.approx(ref_lr.statistic)


def test_chi2_default_skips_yates_for_large_expected_counts():
    df = pd.DataFrame(
        {"outlet": ["A", "B"], "text": ["x " * 40 + "y " * 60, "x " * 20 + "y " * 80]}
    )
    k = keyness(df, target="A", measure="chi2", min_count=1).set_index("term")
    # every expected count >= 5: no correction, plain chi2 of [[40, 20], [60, 80]]
    ref = stats.chi2_contingency([[40, 20], [60, 80]], correction=False)
    assert k.loc["x", "statistic"] == pytest.approx(ref.statistic)


def test_lr_as_quanteda_by_hand(ab_corpus):
    k = keyness(ab_corpus, target="d1", measure="lr", min_count=1, correction="none")
    k = k.set_index("term")
    # G2 = 2 sum O ln(O / E); E = row total * column total / N
    obs = [7, 2, 3, 7]
    exp = [9 * 10 / 19, 9 * 9 / 19, 10 * 10 / 19, 10 * 9 / 19]
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip(obs, exp, strict=True))
    assert k.loc["b", "statistic"] == pytest.approx(g2)
    assert k.loc["a", "statistic"] == pytest.approx(-g2)
    ref = stats.chi2_contingency([[7, 2], [3, 7]], correction=False, lambda_="log-likelihood")
    assert g2 == pytest.approx(ref.statistic)
    # default: Yates moves each cell 0.5 towards independence (7, 2, 3, 7 -> 6.5, 2.5, 3.5, 6.5)
    k = keyness(ab_corpus, target="d1", measure="lr", min_count=1).set_index("term")
    obs = [6.5, 2.5, 3.5, 6.5]
    g2_yates = 2 * sum(o * math.log(o / e) for o, e in zip(obs, exp, strict=True))
    assert k.loc["b", "statistic"] == pytest.approx(g2_yates)
    # williams: G2 / q, q = 1 + (N/(a+b) + N/(c+d) - 1)(N/(a+c) + N/(b+d) - 1) / (6N)
    k = keyness(ab_corpus, target="d1", measure="lr", min_count=1, correction="williams")
    q = 1 + (19 / 9 + 19 / 10 - 1) * (19 / 10 + 19 / 9 - 1) / (6 * 19)
    assert k.set_index("term").loc["b", "statistic"] == pytest.approx(g2 / q)


def test_lr_with_a_zero_cell():
    df = pd.DataFrame({"outlet": ["A", "B"], "text": ["x x y", "y y y"]})
    k = keyness(df, target="A", measure="lr", min_count=1, correction="none").set_index("term")
    # x: a=2, b=0, c=1, d=3, N=6; the 0 cell contributes 0 (0 ln 0 = 0)
    exp = [2 * 3 / 6, 2 * 3 / 6, 4 * 3 / 6, 4 * 3 / 6]
    g2 = 2 * (2 * math.log(2 / exp[0]) + 1 * math.log(1 / exp[2]) + 3 * math.log(3 / exp[3]))
    assert k.loc["x", "statistic"] == pytest.approx(g2)


# ----------------------------------------------------------------- keyness table
@pytest.fixture
def news():
    return pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B", "C"],
            "outlet_lean": ["left", "left", "right", "right", "right"],
            "text": [
                "Peace talks resume in Geneva. Peace talks!",
                "Diplomats praise peace talks",
                "Sanctions and tariffs hit trade",
                "Tariffs, tariffs, tariffs on steel",
                "Peace talks stall over tariffs",
            ],
        }
    )


def test_keyness_table_one_against_rest(news):
    k = keyness(news, target="A", measure="lr", min_count=2)
    assert list(k.columns) == [
        "term", "n_target", "n_reference", "statistic", "p_value", "p_bh", "log_odds", "z",
        "docs_target", "docs_reference",
    ]  # fmt: skip
    np.testing.assert_allclose(k["p_bh"], stats.false_discovery_control(k["p_value"]))
    assert k.attrs["inference"] == "articles" and k.attrs["adjust"] == "bh"
    assert k.attrs["prior_size"] == 1000.0 and k.attrs["alpha0"] == 1000.0
    assert k["statistic"].is_monotonic_decreasing
    assert k.loc[0, "term"] in {"peace", "talks"}
    assert k.set_index("term").loc["peace", ["n_target", "n_reference"]].tolist() == [3, 1]
    assert (k.n_target + k.n_reference >= 2).all()
    assert k.attrs["reference"] == ["B", "C"]
    assert k.attrs["n_docs_target"] == 2 and k.attrs["n_docs_reference"] == 3


def test_keyness_group_against_group_and_bigrams(news):
    k = keyness(news, target="left", reference="right", group="outlet_lean", measure="log_odds",
                ngram_range=(1, 2), min_count=2)  # fmt: skip
    terms = set(k.term)
    assert "peace talks" in terms and "tariffs" in terms
    top = k.iloc[0]
    assert top["statistic"] == pytest.approx(top["z"])
    tokens = keyness(news, target="left", reference="right", group="outlet_lean",
                     measure="log_odds", ngram_range=(1, 2), min_count=2, inference="tokens")  # fmt: skip
    assert tokens.loc[0, "p_value"] == pytest.approx(2 * stats.norm.sf(abs(tokens.loc[0, "z"])))
    # the z column is Fightin' Words over the same counts
    assert k.set_index("term").loc["tariffs", "z"] < 0


def test_keyness_errors(news):
    with pytest.raises(CorpusError, match="target group 'Z'") as exc:
        keyness(news, target="Z")
    assert exc.value.value == "Z"
    with pytest.raises(CorpusError, match="different"):
        keyness(news, target="A", reference=["A", "B"])
    with pytest.raises(ColumnsError, match="missing column"):
        keyness(news, target="A", text="body")
    with pytest.raises(ValueError, match="measure"):
        keyness(news, target="A", measure="pmi")
    with pytest.raises(ValueError, match="inference must be"):
        keyness(news, target="A", inference="documents")
    with pytest.raises(ValueError, match="adjust must be"):
        keyness(news, target="A", adjust="bonferroni")
    empty = news.assign(text=np.where(news.outlet == "A", "", news.text))
    with pytest.raises(CorpusError, match="target articles .* have no tokens") as exc:
        keyness(empty, target="A")
    assert exc.value.field == "text"


# ----------------------------------------------------------------- counting
def test_ngram_counts_matches_countvectorizer():
    texts = ["Peace talks resume; peace talks stall.", "", None, "US-Russia talks resume"]
    X, terms = ngram_counts(texts, ngram_range=(1, 3))
    from framing.text import tokenize

    cv = CountVectorizer(
        tokenizer=tokenize, lowercase=False, token_pattern=None, ngram_range=(1, 3)
    )
    ref = cv.fit_transform([t or "" for t in texts])
    ours = pd.DataFrame(X.toarray(), columns=terms).sort_index(axis=1)
    theirs = pd.DataFrame(ref.toarray(), columns=cv.get_feature_names_out()).sort_index(axis=1)
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    assert "talks resume" in terms and "stall us-russia" not in terms  # no n-gram across texts


def test_ngram_counts_bad_range():
    with pytest.raises(ValueError, match="ngram_range"):
        ngram_counts(["a"], ngram_range=(2, 1))
    X, terms = ngram_counts([], ngram_range=(1, 2))
    assert X.shape == (0, 0) and len(terms) == 0
    X, terms = ngram_counts(["one"], ngram_range=(2, 2))
    assert X.shape == (1, 0)
    assert np.asarray(X.sum()) == 0


# ----------------------------------------------------------------- command line
def test_cli_keyness_writes_table(tmp_path, capsys):
    from framing.cli import main

    corpus = tmp_path / "articles.jsonl"
    rows = [
        ("1", "A", "Peace talks resume in Geneva. Peace talks!"),
        ("2", "A", "Diplomats praise peace talks"),
        ("3", "B", "Tariffs, tariffs, tariffs on steel"),
    ]
    corpus.write_text(
        "".join(
            pd.Series(
                {"doc_id": i, "outlet": o, "date": "2025-06-01", "title": "t", "text": t}
            ).to_json()
            + "\n"
            for i, o, t in rows
        )
    )
    out = tmp_path / "k.csv"
    code = main([
        "keyness", str(corpus), "--target", "A", "--measure", "chi2", "--min-count", "1",
        "--top", "2", "--out", str(out),
    ])  # fmt: skip
    assert code == 0
    table = pd.read_csv(out)
    assert set(table.columns) >= {"term", "n_target", "n_reference", "statistic", "p_value"}
    assert table.set_index("term").loc["tariffs", "n_reference"] == 3
    assert "wrote" in capsys.readouterr().out


# ----------------------------------------------------------------- real data


@pytest.mark.realdata
@pytest.mark.slow
def test_real_outlets_keyness_finds_house_style(shared_data):
    path = shared_data("allsides", "articles.jsonl.gz")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["source"] in ("Reuters", "Washington Times"):
                rows.append({"outlet": rec["source"], "text": rec["content_original"]})
    df = pd.DataFrame(rows)
    k = keyness(df, target="Reuters", measure="log_odds", ngram_range=(1, 2), min_count=10)
    assert "reuters" in set(k.head(30).term)  # the agency's dateline and credits
    lr = keyness(df, target="Reuters", measure="lr", ngram_range=(1, 2), min_count=10)
    both = k.set_index("term")["z"].to_frame().join(lr.set_index("term")["statistic"])
    rho = stats.spearmanr(both["z"], both["statistic"]).statistic
    assert rho > 0.8  # two keyness measures broadly agree on the same counts


def test_stopwords_are_removed_before_ngrams():
    df = pd.DataFrame(
        {"outlet": ["A", "B"], "text": ["the talks of the envoys", "the war and the tariffs"]}
    )
    kept = keyness(df, target="A", min_count=1, ngram_range=(1, 2), correction="none")
    assert "the" in set(kept["term"])
    cut = keyness(
        df, target="A", min_count=1, ngram_range=(1, 2), correction="none", stopwords="english"
    )
    terms = set(cut["term"])
    assert not terms & {"the", "of", "and"}
    assert "talks envoys" in terms  # the bigram joins the words around a removed one
    custom = keyness(df, target="A", min_count=1, correction="none", stopwords=["Talks"])
    assert "talks" not in set(custom["term"])


def test_unknown_stopword_list_name_is_an_error():
    df = pd.DataFrame({"outlet": ["A", "B"], "text": ["a b", "c d"]})
    with pytest.raises(ValueError, match="stopwords must be a language") as err:
        keyness(df, target="A", stopwords="klingon")
    assert err.value.value == "klingon"


# ----------------------------------------------------------------- article-level inference
def _bursty(rng, n_a, n_b, concentration=50.0, vocab=800):
    """Two groups of articles from one generator with bursty words (module of
    bench/coverage.py, smaller)."""
    base = 1.0 / np.arange(1, vocab + 1) ** 1.05
    probs = rng.gamma(concentration * base / base.sum(), size=(n_a + n_b, vocab))
    probs /= probs.sum(axis=1, keepdims=True)
    words = np.array([f"w{i}" for i in range(vocab)])
    texts = [" ".join(np.repeat(words, rng.multinomial(ln, p)))
             for ln, p in zip(rng.integers(120, 260, n_a + n_b), probs, strict=True)]  # fmt: skip
    return pd.DataFrame({"outlet": ["A"] * n_a + ["B"] * n_b, "text": texts})


def test_article_level_p_values_hold_their_level_with_bursty_words():
    # audit G1: with bursty words and no difference, half of the terms had p < .05
    rng = np.random.default_rng(0)
    shares, token_shares = [], []
    for _ in range(3):
        df = _bursty(rng, 100, 100)
        k = keyness(df, target="A")
        assert (k["p_value"] < 0.05).mean() <= 0.08  # every term, rare ones included
        used = (k["docs_target"] + k["docs_reference"]) >= 10
        shares.append((k.loc[used, "p_value"] < 0.05).mean())
        token_shares.append((keyness(df, target="A", inference="tokens")["p_value"] < 0.05).mean())
        assert (k["p_bh"] >= 0.05).all()  # nothing is a discovery under the null
    assert 0.02 <= np.mean(shares) <= 0.08
    assert np.mean(token_shares) > 0.2


def test_rank_sum_p_values_match_the_permutation_distribution():
    rng = np.random.default_rng(1)
    n_t, n_r = 8, 40
    rates = np.where(rng.random((n_t + n_r, 6)) < 0.3, rng.exponential(1, (n_t + n_r, 6)), 0.0)
    rates[:n_t, 0] += 0.5  # one term used more by the target
    in_t = np.r_[np.ones(n_t, bool), np.zeros(n_r, bool)]
    p, u = rank_sum_test(sparse.csr_matrix(rates), in_t)
    ranks = stats.rankdata(rates, axis=0)
    observed = np.abs(ranks[in_t].sum(0) - n_t * (n_t + n_r + 1) / 2)
    labels = np.zeros((20000, n_t + n_r))
    labels[:, :n_t] = 1
    rng.permuted(labels, axis=1, out=labels)
    perm = np.abs(labels @ ranks - n_t * (n_t + n_r + 1) / 2)
    exact = (perm >= observed - 1e-9).mean(axis=0)
    np.testing.assert_allclose(p, exact, atol=0.03)
    ref = [stats.mannwhitneyu(rates[in_t, j], rates[~in_t, j]).statistic for j in range(6)]
    np.testing.assert_allclose(u, ref)


def test_rank_sum_normal_approximation_is_not_used_for_rare_terms():
    # a term in 2 of 330 articles, both in the small group: exact p = C(30,2)/C(330,2) x 2
    # sides would be about 0.016; the single normal approximation gives about 1e-5
    rates = np.zeros((330, 1))
    rates[[0, 1], 0] = [0.01, 0.02]
    in_t = np.r_[np.ones(30, bool), np.zeros(300, bool)]
    p, _ = rank_sum_test(sparse.csr_matrix(rates), in_t)
    assert p[0] > 0.005


def test_permutation_inference_and_its_floor():
    rng = np.random.default_rng(2)
    df = _bursty(rng, 40, 40)
    k = keyness(df, target="A", measure="log_odds", inference="permutation", n_perm=199)
    assert k["p_value"].min() >= 1 / 200 and k.attrs["inference"] == "permutation"
    again = keyness(df, target="A", measure="log_odds", inference="permutation", n_perm=199)
    pd.testing.assert_frame_equal(k, again)
    lr = keyness(df, target="A", measure="lr", inference="permutation", n_perm=99, adjust=None)
    assert "p_bh" not in lr.columns and lr["p_value"].between(0.01, 1).all()


def test_prior_sensitivity_reports_how_the_ranking_moves():
    rng = np.random.default_rng(3)
    df = _bursty(rng, 60, 60, concentration=200)
    t = prior_sensitivity(df, target="A", top=10)
    assert t["prior_size"].tolist() == [100.0, 1000.0, 10000.0, "unscaled"]
    base = t[t["baseline"]].iloc[0]
    assert base["spearman_z"] == pytest.approx(1.0) and base["top_target_shared"] == 10
    z = keyness(df, target="A", measure="log_odds", prior_size=100.0)["z"]
    assert t.loc[0, "n_abs_z_ge_1_96"] == (z.abs() >= 1.96).sum()
    assert t["alpha0"].iloc[3] > 1000


def test_fightin_words_plot_colours_by_the_adjusted_test():
    from framing.plots import fightin_words_plot

    kt = pd.DataFrame({"term": ["a", "b", "c"], "z": [3.0, 2.5, -2.2], "n_total": [10, 20, 30],
                       "p_bh": [0.01, 0.2, 0.04]})  # fmt: skip
    _, data = fightin_words_plot(kt, names=("X", "Y"))
    assert data.set_index("term")["side"].to_dict() == {"a": "X", "b": "neither", "c": "Y"}
    assert data.attrs["rule"] == "Benjamini-Hochberg-adjusted p < 0.05"
    _, plain = fightin_words_plot(kt.drop(columns="p_bh"), names=("X", "Y"))
    assert plain.set_index("term")["side"].to_dict() == {"a": "X", "b": "X", "c": "Y"}
    assert "unadjusted" in plain.attrs["rule"]


def test_stopwords_of_other_languages():
    df = pd.DataFrame(
        {"outlet": ["A", "B"], "text": ["и переговоры и санкции", "но переговоры не идут"]}
    )
    out = keyness(df, target="A", min_count=1, correction="none", stopwords="russian")
    assert not set(out["term"]) & {"и", "но", "не"}
    assert "санкции" in set(out["term"])


def test_one_group_only_says_there_is_nothing_to_compare():
    """Review §3.6: with one outlet, notebook 40 said "target and reference must be
    different, non-empty groups (... reference [])"."""
    from framing.errors import CorpusError
    from framing.keyness import keyness

    df = pd.DataFrame({"outlet": ["A", "A"], "text": ["peace talks", "more talks"]})
    with pytest.raises(CorpusError, match=r"nothing to compare \['A'\] with"):
        keyness(df, target="A")


def test_term_sort_keys_order_terms_as_their_strings():
    from framing.keyness._ngrams import Grams, gram_names, gram_sort_keys

    docs = [["new", "york", "talks"], ["newark", "talks", "new"], ["new-york", "talks"],
            ["u.s.", "talks", "new"], ["é", "new", "york"], ["don't", "new", "york", "talks"]]  # fmt: skip
    grams = Grams(docs, 3)
    where_ = np.concatenate(
        [
            np.stack([np.full(lv["n_terms"], n + 1), np.arange(lv["n_terms"])])
            for n, lv in enumerate(grams.levels)
        ],  # fmt: skip
        axis=1,
    )
    names = gram_names(grams, where_)
    order = np.lexsort(gram_sort_keys(grams, where_))
    assert names[order].tolist() == sorted(names.tolist())


def test_keyness_sorts_ties_by_term():
    df = pd.DataFrame({"outlet": ["A", "A", "B"], "text": ["zeta beta", "alpha", "gamma"]})
    k = keyness(df, target="A", measure="chi2", min_count=1, correction="none")
    same = k.groupby("statistic", sort=False)["term"].apply(list)
    assert all(terms == sorted(terms) for terms in same)
    assert k["statistic"].is_monotonic_decreasing


# ------------------------------------------------- keyness of a corpus counted in pieces
def _pieces_table():
    rng = np.random.default_rng(7)
    words = ["talks", "summit", "war", "sanctions", "trade", "peace", "deal", "tariffs", "the"]
    texts = [" ".join(rng.choice(words, size=rng.integers(3, 15))) for _ in range(60)]
    texts[5], texts[33] = "", None  # articles without tokens: left out of the rank test
    outlets = rng.choice(["A", "B", "C"], size=60).tolist()
    outlets[40:48] = ["B"] * 8  # a piece below without any target article
    return pd.DataFrame({"outlet": outlets, "text": texts})


@pytest.mark.parametrize(
    "inference, measure", [("articles", "lr"), ("permutation", "log_odds"), ("tokens", "chi2")]
)
def test_keyness_from_counts_of_pieces_equals_keyness(inference, measure):
    from framing.keyness import (
        ArticleCounts,
        article_counts,
        keyness_from_counts,
        partition_counts,
        sum_counts,
    )

    df = _pieces_table()
    opts = dict(target="A", reference=["B"], ngram_range=(1, 2), stopwords=["the"])
    pieces = [df.iloc[:40], df.iloc[40:48], df.iloc[48:]]
    counts = sum_counts([partition_counts(p, **opts) for p in pieces], target="A",
                        reference=["B"])  # fmt: skip
    kept = counts.loc[counts["n_target"] + counts["n_reference"] >= 2, "term"]
    arts = ArticleCounts.concat([article_counts(p, kept, **opts) for p in pieces])
    stats_ = dict(min_count=2, inference=inference, measure=measure, n_perm=99)
    got = keyness_from_counts(counts, arts, **stats_)
    expected = keyness(df, **opts, **stats_)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs and got.attrs["n_docs_empty"] >= 1
    unsorted = keyness_from_counts(counts, arts, sort=False, **stats_)
    assert unsorted["term"].tolist() == sorted(unsorted["term"])  # by term, not first use


def test_keyness_from_counts_says_what_the_article_level_test_needs():
    from framing.keyness import article_counts, keyness_from_counts, partition_counts, sum_counts

    df = _pieces_table()
    counts = sum_counts([partition_counts(df, target="A")], target="A")
    with pytest.raises(CorpusError, match="use inference='tokens'") as err:
        keyness_from_counts(counts, min_count=2)
    assert err.value.field == "articles"
    assert len(keyness_from_counts(counts, min_count=2, inference="tokens")) > 0
    wrong = article_counts(df, ["talks"], target="A")
    with pytest.raises(CorpusError, match="has 1 term columns") as err:
        keyness_from_counts(counts, wrong, min_count=2)
    assert err.value.value == wrong.matrix.shape
    with pytest.raises(CorpusError, match="target group 'Z' is not in the data"):
        sum_counts([partition_counts(df, target="Z")], target="Z")


def test_rank_sum_test_leaves_its_input_alone():
    rates = sparse.csc_matrix((np.array([0.5, 0.0, 0.2]), np.array([0, 1, 2]), np.array([0, 3])),
                              shape=(4, 1))  # fmt: skip
    before = rates.data.copy()
    p, _ = rank_sum_test(rates, np.array([True, True, False, False]))
    np.testing.assert_array_equal(rates.data, before)  # the explicit zero is still there
    p0, _ = rank_sum_test(sparse.csc_matrix(rates.toarray()), np.array([True, True, False, False]))
    np.testing.assert_allclose(p, p0)
