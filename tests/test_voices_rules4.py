"""Tests of quote rules version 4 (framing.voices), written against the failures of
validation round 3 (see framing/voices/VALIDATION.md).

Every text here was written for these tests (invented people and places).
"""

from __future__ import annotations

import pandas as pd
import pytest

from framing.voices import extract_quotes
from framing.voices._extract import RULES_VERSION, quote_segments


def _q(text: str) -> pd.DataFrame:
    return extract_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text]}), cache=False)


def test_rules_version_is_at_least_4():
    assert RULES_VERSION >= 4


# -- the quotation-mark state across paragraphs ------------------------------------------
def test_a_paragraph_continues_a_quotation_whose_opening_mark_is_missing():
    text = (
        "“The ferry will run all winter,” said Mara Quell, the harbour master. “We have "
        "the crews.\n\n"
        "And we have the fuel for it.” The council meets on Friday."
    )
    q = _q(text)
    assert q["text"].tolist()[-1] == "And we have the fuel for it."
    assert q["speaker"].tolist() == ["Mara Quell"] * len(q)
    assert q["resolution"].tolist()[-1] == "follows"


def test_state_is_only_carried_from_an_open_quotation():
    # the previous paragraph closes its quotation: a later closing-looking mark is not
    # a continuation
    text = "“The ferry runs,” said Mara Quell.\n\nThe pier is 40 feet long” and old."
    assert all("pier" not in t for t in _q(text)["text"])
    segs = quote_segments("we have the fuel” now", 0, 21, carried=True)
    assert segs == [[-1, 16, 1, 1]]
    # a straight mark followed by a word opens a new quotation, even when carried
    segs = quote_segments('"We start now," she said.', 0, 25, carried=True)
    assert [s[:3] for s in segs] == [[0, 14, 1]]


def test_two_apostrophes_close_a_quotation():
    text = "“The pier will be rebuilt by spring,'' said Ola Brandt."
    q = _q(text)
    assert q["text"].tolist() == ["The pier will be rebuilt by spring,"]
    assert q["speaker"].tolist() == ["Ola Brandt"]


# -- verbs: the Gender Gap Tracker list and round-3 misses -------------------------------
@pytest.mark.parametrize(
    ("text", "words", "verb"),
    [
        ("Mara Quell proclaimed that the ferry would never stop.", "the ferry would never stop",
         "proclaim"),
        ("Ines Dunmore proposed that the toll be cut in half.", "the toll be cut in half",
         "propose"),
        ("Prosecutors charged that the captain had falsified the logs.",
         "the captain had falsified the logs", "charge"),
        ("Ola Brandt pointed out that the pier had been closed for years.",
         "the pier had been closed for years", "point out"),
        ("Ines Dunmore reminded the council that the ferry was full every day.",
         "the ferry was full every day", "remind"),
        ("Mara Quell asked whether the ferry could run on Sundays.",
         "the ferry could run on Sundays", "ask"),
        ("Tobias Renk asked the board if the tolls would rise again.",
         "the tolls would rise again", "ask"),
    ],
)  # fmt: skip
def test_new_speech_verbs(text, words, verb):
    q = _q(text)
    assert q["text"].tolist() == [words]
    assert q["verb"].tolist() == [verb]


def test_charged_with_and_asked_to_are_not_speech():
    for text in (
        "The captain was charged with falsifying the logs.",
        "Prosecutors charged the captain with fraud last week.",
        "Mara Quell asked the board to delay the vote.",
        "She proposed a new timetable for the winter.",
    ):
        assert _q(text).empty, text


def test_participle_adjectives_are_not_speech_verbs():
    for text in (
        "The alleged theft of the ferry bell was never solved.",
        "His proposed toll would double the fare for trucks.",
    ):
        assert _q(text).empty, text


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Mara Quell defended the new timetable as “the only way to keep the boats full.”",
         "the only way to keep the boats full."),
        # a long object before "as"
        ("Ines Dunmore described the plan to merge the two ferry companies and close the "
         "north pier as “a slow death for the islands.”", "a slow death for the islands."),
    ],
)  # fmt: skip
def test_verbs_of_description_added_in_rules_4(text, quote):
    assert _q(text)["text"].tolist() == [quote]


# -- speakers -------------------------------------------------------------------------------
def test_they_and_it_take_a_described_source_not_a_named_person():
    text = (
        "Mara Quell opened the meeting. Harbour officials said the pier was unsafe. "
        "They added that repairs would take a year.\n\n"
        "Ola Brandt spoke next. The port authority said the ferry would stop. It warned "
        "that fares would rise."
    )
    q = _q(text)
    assert q["speaker"].tolist() == ["Harbour officials", "Harbour officials",
                                     "port authority", "port authority"]  # fmt: skip
    assert q["resolution"].tolist()[1::2] == ["pronoun", "pronoun"]


def test_they_without_a_described_source_stays_unresolved():
    q = _q("Mara Quell and Ola Brandt met on Friday. They said the ferry would run.")
    assert q["resolution"].tolist() == ["none"]


# -- a quotation after a sentence without a speech verb ---------------------------------
def test_quotation_after_a_sentence_naming_its_subject():
    text = "Mara Quell unveiled the new timetable on Monday. “Every island gets a boat at dawn.”"
    q = _q(text)
    assert q["text"].tolist() == ["Every island gets a boat at dawn."]
    assert q["speaker"].tolist() == ["Mara Quell"]


def test_quotation_after_a_sentence_about_an_organisation_is_not_given_to_it():
    text = "The Harbour Board met on Monday. “Every island gets a boat at dawn.”"
    q = _q(text)
    assert q["speaker"].isna().all() or q["speaker"].tolist() == [None]


def test_block_quotation_after_a_colon_ended_attribution():
    text = (
        "In a letter to the council, Mara Quell wrote:\n\n"
        "The ferry has carried the islands for ninety years and it will not stop now.\n\n"
        "The council did not reply."
    )
    q = _q(text)
    assert q["text"].tolist() == [
        "The ferry has carried the islands for ninety years and it will not stop now."
    ]
    assert q["speaker"].tolist() == ["Mara Quell"]
    assert q["kind"].tolist() == ["direct"]


def test_a_paragraph_after_a_transcript_turn_is_not_taken_for_its_continuation():
    # labels also head recipes and fact checks ("NAME: claim", then the analysis), so
    # rules version 4 does not continue a turn into a paragraph without a label
    text = (
        "MARA QUELL: The ferry runs every day of the year.\n\n"
        "OLA BRANDT: Not in the storms of last winter, it did not.\n\n"
        "The ferry stopped twice in January, the port's records show."
    )
    assert _q(text)["speaker"].tolist() == ["MARA QUELL", "OLA BRANDT"]


def test_indirect_question_needs_whether_or_if_without_a_wh_word():
    assert _q("The survey asked how people would feel if the ferry stopped.").empty


def test_reported_clause_takes_a_quotation_continuing_past_its_sentence():
    text = "Ola Brandt admits he did it “for the town. Also for the crews. Mostly for them.”"
    q = _q(text)
    assert q["text"].tolist() == ["he did it “for the town. Also for the crews. Mostly for them."]
    assert q["speaker"].tolist() == ["Ola Brandt"]


def test_doubled_opening_mark_and_curly_apostrophes_closing():
    q = _q("Ines Dunmore answered critics in a long post. \"“Why not sail at night?” Because "
           "the pier has no lights.")  # fmt: skip
    assert q["text"].tolist()[0] == "Why not sail at night?"
    assert q["speaker"].tolist()[0] == "Ines Dunmore"
    q = _q("“Who pays for the pier?’’ asked Tobias Renk.")
    assert (q["text"].tolist(), q["speaker"].tolist()) == (["Who pays for the pier?"],
                                                          ["Tobias Renk"])  # fmt: skip


def test_floating_quotation_follows_an_indirect_quote_of_the_sentence_before():
    text = (
        "“The pier is old,” said Mara Quell.\n\n"
        "In a long interview on Friday, Ola Brandt revealed that he had a plan. “I told "
        "them, ‘We build a new one.’ Nobody listened to me at all.”"
    )
    q = _q(text)
    assert q["speaker"].tolist() == ["Mara Quell", "Ola Brandt", "Ola Brandt"]


def test_relative_that_and_hyphenated_participles_are_not_reported_clauses():
    for text in (
        "A group of councillors proposed legislation that would close the north pier.",
        "The self-proclaimed “King of the Ferries” sailed at dawn.",
        "The pier's long record indicates that repairs are overdue.",
    ):
        assert _q(text).empty, text


def test_marks_lost_in_decoding_are_paired_like_straight_marks():
    text = "Mara Quell called the plan \ufffda gift, they\ufffdre saying, to the islands\ufffd."
    q = _q(text)
    assert q["text"].tolist() == ["a gift, they\ufffdre saying, to the islands"]
    assert q["speaker"].tolist() == ["Mara Quell"]


def test_quoted_person_is_the_speaker_of_a_block_quotation():
    text = (
        "The harbour report quoted Ines Dunmore's verdict on the winter season:\n\n"
        "No ferry in ninety years has carried so few people in so much bad weather.\n\n"
        "“We need a new pier,” Ola Brandt said."
    )
    q = _q(text)
    assert q["speaker"].tolist() == ["Ines Dunmore", "Ola Brandt"]
    assert q["text"].tolist()[0].startswith("No ferry in ninety years")


def test_embedded_post_with_handle_and_date():
    text = (
        "The mayor answered within the hour.\n\n"
        "The ferry runs tomorrow at dawn, storms or not. Come early. — Ines Dunmore "
        "(@inesdunmore) March 3, 2021"
    )
    q = _q(text)
    assert q["text"].tolist() == ["The ferry runs tomorrow at dawn, storms or not. Come early"]
    assert q["speaker"].tolist() == ["Ines Dunmore"]


def test_prepositional_tail_before_a_comma_introduces_a_quotation():
    text = "Mara Quell declared to the crews in a video on Friday, “The ferry runs all winter.”"
    assert _q(text)["speaker"].tolist() == ["Mara Quell"]


def test_pronoun_skips_people_named_inside_reported_words():
    text = (
        "Mara Quell suggested that Ola Brandt could explain the missing logs. “It is fair "
        "to ask where they went,” she said."
    )
    assert _q(text)["speaker"].tolist() == ["Mara Quell", "Mara Quell"]
