"""Tests of framing.text: the shared tokenizer and sentence splitter."""

from __future__ import annotations

import math

import pytest

from framing.text import TOKEN_PATTERN, sentences, tokenize, tokenize_many


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations keep their dots (and their final dot)
        ("U.S. officials", ["u.s.", "officials"]),
        ("the U.N. vote", ["the", "u.n.", "vote"]),
        ("in the U.S.A. today", ["in", "the", "u.s.a.", "today"]),
        ("e.g. tariffs", ["e.g.", "tariffs"]),
        ("a U.S.-led pact", ["a", "u.s.-led", "pact"]),
        # hyphenated compounds stay whole
        ("US-Russia talks", ["us-russia", "talks"]),
        ("the Indo-Pacific", ["the", "indo-pacific"]),
        ("long-term, two-day", ["long-term", "two-day"]),
        # possessive 's is dropped (straight and curly apostrophes)
        ("Russia's envoy", ["russia", "envoy"]),
        ("Russia\u2019s envoy", ["russia", "envoy"]),
        ("the countries' leaders", ["the", "countries", "leaders"]),
        # contractions other than 's stay one token
        ("don\u2019t, won't", ["don't", "won't"]),
        ("O'Brien", ["o'brien"]),
        # a quoted word starting with s is not mistaken for a clitic
        ("'sick' 'so'", ["sick", "so"]),
        # numbers and percentages
        ("25% of 1,000 at 3.5.", ["25%", "of", "1,000", "at", "3.5"]),
        ("1,000,000 in 2020s", ["1,000,000", "in", "2020s"]),
        # dashes and odd spaces separate
        ("talks\u2014again\u2013now", ["talks", "again", "now"]),
        ("foo--bar", ["foo", "bar"]),
        ("peace\u00a0talks\u202fnow", ["peace", "talks", "now"]),
        # a missing space after a full stop still splits words
        ("ended.The", ["ended", "the"]),
        # Unicode letters
        ("Erdoğan and Zelenskyy", ["erdoğan", "and", "zelenskyy"]),
        ("", []),
    ],
)
def test_tokenize_rules(text, expected):
    assert tokenize(text) == expected


def test_tokenize_keeps_case_when_asked():
    assert tokenize("U.S. and Russia's", lower=False) == ["U.S.", "and", "Russia"]


def test_unicode_hyphen_is_normalised():
    assert tokenize("Indo\u2010Pacific") == ["indo-pacific"]


def test_tokenize_rejects_non_strings():
    with pytest.raises(TypeError, match="needs a str"):
        tokenize(None)


def test_tokenize_many_matches_tokenize_and_handles_missing():
    import pandas as pd

    texts = ["Peace talks in the U.S.", None, math.nan, pd.NA, "Russia\u2019s 25% tariff"]
    assert tokenize_many(texts) == [tokenize(texts[0]), [], [], [], tokenize(texts[4])]
    with pytest.raises(TypeError, match="expected a str"):
        tokenize_many([3])


def test_nltk_regexp_tokenizer_agrees():
    # The pattern is usable with nltk's RegexpTokenizer (same tokens, no data needed).
    from nltk.tokenize import RegexpTokenizer

    text = "u.s.-led talks, russia's 25% tariff on indo-pacific trade"
    assert RegexpTokenizer(TOKEN_PATTERN).tokenize(text) == tokenize(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. officials met Gen. Smith on Jan. 5. Talks resumed.",
            ["U.S. officials met Gen. Smith on Jan. 5.", "Talks resumed."],
        ),
        (
            "Mr. Rubio met Sen. Graham and Dr. Lee at the U.N. headquarters. Nothing changed!",
            [
                "Mr. Rubio met Sen. Graham and Dr. Lee at the U.N. headquarters.",
                "Nothing changed!",
            ],
        ),
        ("Is it over? Yes. Maybe\u2026", ["Is it over?", "Yes.", "Maybe\u2026"]),
        ("Tariffs rose 3.5 percent. Markets fell.", ["Tariffs rose 3.5 percent.", "Markets fell."]),
        (
            "First paragraph without a stop\n\nSecond one",
            ["First paragraph without a stop", "Second one"],
        ),
        ("  ", []),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_sentences_rejects_non_strings():
    with pytest.raises(TypeError, match="needs a str"):
        sentences(b"bytes")


def test_differs_from_treebank_where_it_matters():
    # nltk's TreebankWordTokenizer (which needs no data either) leaves a full stop glued
    # to a word inside a text ("ended."), keeps punctuation tokens and splits the
    # possessive into its own token; the kit's tokens suit counting words.
    from nltk.tokenize import TreebankWordTokenizer

    text = "Talks in the U.S. ended. Russia's envoy left."
    assert "ended." in TreebankWordTokenizer().tokenize(text)
    assert tokenize(text) == ["talks", "in", "the", "u.s.", "ended", "russia", "envoy", "left"]


def test_sentence_split_after_abbreviation_is_a_known_limit():
    # Without training data Punkt cannot tell "U.S." ending a sentence from "U.S." inside
    # one; the kit prefers never splitting after a listed abbreviation.
    assert sentences("Talks were held in the U.S. They ended early.") == [
        "Talks were held in the U.S. They ended early."
    ]


# The token pattern before its repeats were made possessive (a speed change only): the
# current pattern must give exactly these tokens.
_OLD_TOKEN_PATTERN = (
    r"\w(?!(?<='s)\b)\w*(?:(?=[-'.,%])(?:-\w+|'(?!s\b)\w+|(?<=\d)[.,]\d+"
    r"|(?<=\b\w)\.\w\b|(?<=\.[^\W\d_])\.|(?<=\d)%))*"
)
_TRICKY = (
    "Russia's U.S.-led e.g. 's s 'sa it's' o'brien's don't's 1,000.5% 3.5.6 a.b.c. "
    "x-'s -s- 's's a_b's 25%% u.s.'s Erdoğan’s 1.,2 'tis rock'n'roll. A. B.C U.S.A.-"
)


def test_possessive_pattern_gives_the_old_tokens():
    import re

    old = re.compile(_OLD_TOKEN_PATTERN).findall
    for text in (_TRICKY, _TRICKY.lower(), _TRICKY.upper()):
        assert tokenize(text, lower=False) == old(text.replace("\u2019", "'"))


@pytest.mark.realdata
def test_possessive_pattern_gives_the_old_tokens_on_allsides():
    import gzip
    import json
    import re
    from itertools import islice
    from pathlib import Path

    from framing._tokens import normalise

    data = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    articles = data / "allsides" / "articles.jsonl.gz"
    if not articles.exists():
        pytest.skip(f"real data not found under {data}")
    old = re.compile(_OLD_TOKEN_PATTERN).findall
    with gzip.open(articles, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["content_original"] or "" for line in islice(fh, 400)]
    for text, toks in zip(texts, tokenize_many(texts), strict=True):
        assert toks == old(normalise(text).lower())
    assert tokenize_many(texts, lower=False)[:50] == [old(normalise(t)) for t in texts[:50]]


def test_count_tokens_equals_token_lists_on_both_backends():
    from framing.text import count_tokens, use_speedups

    texts = ["U.S.-Russia talks’ 3.5% gain", "", None, "Russia's  envoy\nmet them."]
    want = [len(t) for t in tokenize_many(texts)]
    assert count_tokens(texts) == want
    with use_speedups(False):
        assert count_tokens(texts) == want
