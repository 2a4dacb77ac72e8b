"""Optional quote engine on a spaCy dependency parse (used only when installed).

Direct quotations are found by the kit's rules (quotation marks are not a matter of
parsing); indirect speech comes from the parse instead of the rules: a token whose
lemma is a speech verb (:data:`framing.voices.SPEECH_VERBS`) with a clausal complement
(``ccomp``) and a nominal subject (``nsubj``) gives a quote whose words are the
complement's subtree and whose speaker is the subject's subtree. This is the
parse-based half of the Gender Gap Tracker's quote extractor (Asr et al. 2021,
PLOS ONE 16(1): e0245533), written for the kit. spaCy and an English pipeline are
never installed by the kit::

    pip install spacy && python -m spacy download en_core_web_sm
"""

from __future__ import annotations

from functools import lru_cache

from framing.errors import ModelError
from framing.voices._extract import find_quotes, paragraph_spans
from framing.voices._lexicon import SPEECH_VERBS

__all__ = ["spacy_engine"]

_DEFAULT_MODEL = "en_core_web_sm"


@lru_cache(maxsize=2)
def _pipeline(name: str):
    try:
        import spacy
    except ImportError:
        raise ModelError(
            "extract_quotes(engine='spacy') needs spaCy, which is not installed. Install "
            "it with `pip install spacy` and a pipeline with `python -m spacy download "
            f"{_DEFAULT_MODEL}`, or use engine='rules' (no model needed).",
            model=name,
        ) from None
    try:
        return spacy.load(name)
    except OSError:
        raise ModelError(
            f"extract_quotes(engine='spacy'): the spaCy pipeline {name!r} is not "
            f"installed. Install it with `python -m spacy download {name}`, pass "
            "model= the name of one you have, or use engine='rules'.",
            model=name,
        ) from None


def spacy_engine(model: str | None = None):
    """A quote finder on a spaCy parse, with the output format of the rules.

    Parameters
    ----------
    model : str, optional
        Name of an installed spaCy pipeline with a dependency parser (default
        ``en_core_web_sm``).

    Returns
    -------
    callable
        ``find(text) -> list of quote dicts`` (as :func:`framing.voices._extract.find_quotes`).

    Raises
    ------
    framing.errors.ModelError
        When spaCy or the pipeline is not installed (the message says how to install
        them).
    """
    nlp = _pipeline(model or _DEFAULT_MODEL)

    def find(text: str) -> list[dict]:
        direct = [q for q in find_quotes(text) if q["kind"] == "direct"]
        inside = [(p[0] - 1, p[1] + 1) for q in direct for p in q["parts"]]
        paras = paragraph_spans(text)
        doc = nlp(text)
        found = list(direct)
        for tok in doc:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS:
                continue
            if any(a <= tok.idx < b for a, b in inside):
                continue
            comp = [c for c in tok.children if c.dep_ == "ccomp"]
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not comp or not subj or subj[0].dep_ == "nsubjpass":
                continue
            clause = list(comp[0].subtree)
            while len(clause) > 1 and clause[0].dep_ == "mark":  # "that", "whether"
                clause = clause[1:]
            speaker = list(subj[0].subtree)
            cs, ce = clause[0].idx, clause[-1].idx + len(clause[-1])
            if any(a <= cs and ce <= b for a, b in inside):
                continue
            ss, se = speaker[0].idx, speaker[-1].idx + len(speaker[-1])
            sent = tok.sent
            para = next((i for i, (a, b) in enumerate(paras) if a <= tok.idx < b), 0)
            found.append(
                {
                    "kind": "indirect",
                    "parts": [(cs, ce)],
                    "verb": tok.lemma_.lower(),
                    "verb_start": tok.idx,
                    "mention": (ss, se),
                    "paragraph": para,
                    "sentence": (sent.start_char, sent.end_char),
                    "floating": False,
                }
            )
        found.sort(key=lambda q: q["parts"][0][0])
        return found

    return find
