"""Rule-based quote extraction from one text (no model, no downloaded data).

The rules (each tested in ``tests/test_voices.py``; measured on real news in
``framing/voices/VALIDATION.md``):

1. **Paragraphs** are separated by line breaks; **sentences** by ``.``, ``?`` or ``!``
   (optionally followed by closing quotation marks or brackets) before white space and
   an upper-case letter, digit or opening quotation mark, unless the word before the
   full stop is an abbreviation of :data:`framing.text.ABBREVIATIONS` or an initial.
2. **Quotation marks** are paired by a state machine over the whole article: curly
   ``“ ”`` and guillemets by their direction, straight ``"`` by position (opening when
   it starts a word; U+FFFD, a mark lost in decoding, likewise unless it stands between
   two letters), ``''`` or ``’’`` typed for a closing mark, a doubled opening mark
   opening once. A quotation left open at the end of a paragraph runs to the
   paragraph's end and is carried into the next: news style reopens it there with a
   mark (a *floating* quote, rule 3); a paragraph whose first mark closes it continues
   it up to that mark (rules version 4).
3. A quoted stretch is a **direct quote** when a speech verb attributes it: after it
   (``“...,” Lavrov said``, ``“...,” said Lavrov``, ``“...?” he asked``), before it
   (``Lavrov said: “...”``, ``Lavrov told reporters, “...”``, ``Lavrov said that “...”``,
   ``according to Lavrov, “...”``, ``..., saying, “...”``, any speech participle after a
   comma or before a colon, ``as he put it, “...”``, a verb of description
   ``described the deal as “...”`` / ``called it “...”`` with a subject that names
   someone, or a speech verb ending the previous paragraph with a colon). A quote broken by its
   attribution (``“We are ready,” Lavrov said, “to continue.”``) is one quote in two
   parts. A quotation that opens a paragraph or sentence without an attribution of its
   own (a *floating* quote) belongs to the previous quote's speaker in the paragraph
   (indirect quotes included), else - when the sentence before it holds no reported
   speech and its subject is a person's name or *he*/*she* ("Mara Quell unveiled the
   plan. “...”") - to that subject, else to the last speaker of the previous paragraph.
   Other quoted stretches (scare quotes, titles, single words) are not quotes unless
   they sit inside reported speech. Rules version 4 adds: a paragraph without quotation
   marks after a colon-ended attribution ("Lavrov wrote:", "X quoted Y:") is a block
   quotation; an embedded post ("text — Name (@handle) June 18, 2020") is a quote of
   Name; ``X quoted Y: “...”`` gives the words to Y.
4. **Indirect speech**: a speech verb (:data:`SPEECH_VERBS`) with a speaker and a
   reported clause: ``Lavrov said (that) ...``, ``..., Lavrov said.``,
   ``..., said Lavrov.``, ``The talks, Lavrov said, were useful.``,
   ``according to Lavrov, ...``, ``..., according to officials.``, ``..., saying ...``,
   ``As Lavrov noted, ...``, ``..., as Lavrov noted.``.
   Verbs marked ``"that"`` need *that* when they come first (``warned that``, not
   ``warned of``; for the verbs of :data:`~framing.voices._lexicon.NEAR_THAT` only
   adverbials may come between); verbs marked ``"direct"`` only attribute after the
   clause. Indirect questions: ``X asked (Y) whether/if ...``. A reported clause
   that runs into a quotation continuing past its sentence takes the quotation along.
   A verb form after a determiner or a hyphen is an adjective (``the alleged``,
   ``self-proclaimed``).
   Negated (``did not say``) and passive (``was told``) verbs are skipped, as are
   verbs inside quotation marks.
5. The **speaker mention** is the noun phrase next to the verb: before it, back to the
   start of the clause (a comma, colon, quotation mark or a conjunction such as *and*,
   *that*, *because*), skipping auxiliaries and adverbs (``has also said``) and taking
   an appositive along (``Sergei Lavrov, Russia's foreign minister, said``); or after
   it in inverted order (``said Lavrov``), up to a comma, preposition or the sentence
   end, with an appositive after a comma. An appositive before the verb may hold up to
   three commas; the nearest head that is a name is preferred.
6. **Rules version 5** (against the round-4 failures): a relative pronoun takes its
   antecedent (``an official who (in the past) has described X as “...”``, ``farmers
   who said ...``); a second verb after *and*/*but* or after *by* (``X did not rule it
   out but said ...``, ``X ended by saying ...``, ``... by calling it “...”``) takes the
   clause's subject (after an opening phrase or dateline; not after a reported clause,
   a quotation, a hypothetical or coordinated subjects); a passive with its agent
   attributes a quotation to the agent (``I was told by the lawyers, “...”``); more
   verbs (*alert that*, *sum up ...:*, verbs of uttering beside quotations such as
   *urge*, *chant*, *interject*); indirect speech whose speaker is an unnamed generic
   group or a research finding (``critics insist``, ``scientists warn``, ``the left
   argues``, ``studies have revealed``, ``data suggests``; not with a definite
   determiner, a nationality or a capitalised name after the head) is not reported
   speech; participles used as adjectives (after a possessive, ``they believe said
   ruling``, ``wants these numbers explained``) and *isn’t said* are not verbs; a verb
   of description after "what NAME" (``what Lavrov called the “...”``) has NAME as speaker.

Offsets are character positions in the text as given (0-based, end exclusive).
"""

from __future__ import annotations

import re
from functools import lru_cache

from framing._tokens import ABBREVIATIONS
from framing.voices._lexicon import (
    ANON_HEADS,
    BOUNDARY_WORDS,
    DESCRIBE_VERBS,
    GENERIC_HEADS,
    LEAD_ADVERBS,
    NATIONALITY_WORDS,
    NEAR_THAT,
    NOT_SPEAKER,
    PRONOUNS,
    QUESTION_VERBS,
    SKIP_BEFORE_VERB,
    SPEECH_VERBS,
    verb_forms,
)

__all__ = ["find_quotes", "sentence_spans", "paragraph_spans", "RULES_VERSION"]

#: Bumped whenever a rule changes: part of the cache key of extracted quotes.
RULES_VERSION = 6

_OPEN = "“«"
_CLOSE = "”»"
_MARKS = '"“”«»'
_MARK_RE = re.compile("''|’’|[\"“”«»\ufffd]")
_STRAIGHT = '"\ufffd'  # marks paired by position (U+FFFD: a mark lost in decoding)
_PARA_RE = re.compile(r"[^\n]+")
_SENT_END_RE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]{0,2}[A-Z0-9])")
_WORD_RE = re.compile(r"[\w][\w'’.\-]*")


@lru_cache(maxsize=1)
def verb_table() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """(regex of every speech-verb form, form -> (lemma, mode))."""
    table = {}
    for lemma, mode in SPEECH_VERBS.items():
        for form in verb_forms(lemma):
            table[form] = (lemma, mode)
    return re.compile(r"\b" + trie_pattern(table) + r"\b"), table


def trie_pattern(words) -> str:
    """One regular expression for a set of words, factored by common prefixes (much
    faster to scan with than a flat alternation).

    Examples
    --------
    >>> trie_pattern(["said", "says", "say", "told"])
    '(?:sa(?:id|ys?)|told)'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        parts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if ends:
            return f"(?:{body})?" if len(parts) > 1 or len(body) > 1 else f"{body}?"
        return body

    top = [re.escape(ch) + build(child) for ch, child in sorted(trie.items())]
    return "(?:" + "|".join(top) + ")"


_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\b")
_ANON_RE = re.compile(
    r"condition of anonymity|conditions of anonymity|not to be (?:named|identified)"
    r"|not authori[sz]ed to|speaking anonymously|on background|familiar with|"
    r"briefed on|with (?:direct )?knowledge of|close to the|requested anonymity|"
    r"granted anonymity|insisted on anonymity|anonymous",
    re.IGNORECASE,
)
_NEGATION = frozenset(
    "not never n't didn't doesn't don't wouldn't couldn't won't cannot declined refused".split()
)
_MODALS = frozenset("can could may might must should shall will would".split())
_PASSIVE = frozenset("am is was were are be been being".split())
_PREP_CUT_RE = re.compile(
    r"\s+(?:in|on|at|during|after|before|from|to|via|while|when|as|last|this|earlier|"
    r"late|early|told|adding|noting|saying|according|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|today|yesterday|recently)\b"
)
_ADVERBIAL_TAIL_RE = re.compile(
    r"\s+(?:in (?:a|an) |on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"during|told|adding|noting|saying|last|earlier|today|yesterday)\b"
)
_PARTICIPLE_RE = re.compile(r"\w+ing\b|according\b|who\b|citing\b|in (?:a|an)\b")
_LOWER_TITLE_RE = re.compile(r"(?:[a-z][\w'’-]*\s+){1,3}(?=[A-Z][\w'’-]+\s+[A-Z])")
_PREPOSITIONS = frozenset("to in at on during after before from via with".split())
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# the text Twitter and other embeds leave: "post text — Name (@handle) June 18, 2020"
_EMBED_RE = re.compile(
    r"\s+(?:—|–|--|-)\s*([^\n()—–]{1,60}?)\s*\(@\w{1,30}\)\s*"
    rf"(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}\s*$"
)
_DASH_NAME_RE = re.compile(
    r"\s*(?:—|–|--)\s*((?:[A-Z][\w.'’-]*\s+){0,3}(?:[a-z][\w'’-]*\s+){0,3}"  # "MSNBC host"
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*(?:,\s*[^,.;“”\"\n]{2,60})?)\s*$"
)
# "So says NAME ..." opening the paragraph after a quotation (rules version 6)
_SO_SAYS_RE = re.compile(r"\s*(?:(?:So|Thus)\s+)?(?:[Ss]ays|[Ss]aid|[Ww]rites|[Ww]rote)\s+")
# a name and a long appositive between a quotation and its verb (rules version 6):
# "“...,” NAME, a vice president and general counsel at X, said"
_NAME_COMMA_RE = re.compile(r"\s*((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*),\s")
_LONG_APPOSITIVE_WORDS = 30
_GO_FAR_RE = re.compile(
    r"\b(?:even\s+)?(?:went|go|goes|going|gone)\s+(?:so|as)\s+far\s+as\s+to\s+$"
)
_NAME_END_RE = re.compile(r"(?<![\w.])((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*[a-z])\s*$")
_NOT_I_RE = re.compile(r"\s+(?:that|it|this|so|the)\b")  # "“...,” I said that ...": argument
_TRANSCRIPT_RE = re.compile(
    r"((?:[A-Z][A-Za-z.'’-]*\s+){0,3}[A-Z][A-Za-z.'’-]+|[A-Z][A-Z .'’-]{2,40}):\s+(?=\S)"
)
_NOT_TRANSCRIPT = frozenset(
    """related read more photo photos update updated editor's note source sources watch
    video listen q a correction advertisement getty images credit caption also see
    click here subscribe follow contact email tags filed under by facts fact check
    verdict claim claims rating summary background context analysis bottom line why
    what how takeaway takeaways breaking exclusive warning disclaimer""".split()
)
_TURN_ROLES = frozenset(
    """moderator host interviewer reporter anchor narrator audience caller question answer
    q a president senator secretary governor chairman chairwoman chair judge witness
    speaker""".split()
)
# words after a speech verb that start no reported clause ("said to", "said nothing")
_NOT_CLAUSE = frozenset(
    """to of for about on in at by with from so nothing something anything yes hello
    goodbye thanks little much more less whether if why how what when where who
    goodnight enough otherwise""".split()
)
_DETERMINERS = frozenset(
    "a an the two three four several many some one other another both most all".split()
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_AS_PUT_RE = re.compile(
    r"\bas\s+((?:[\w.'’-]+\s+){0,5}?[\w.'’-]+)\s+(?:has\s+|had\s+)?(put it|noted|said|"
    r"wrote|observed|argued|explained|remarked|warned|pointed out|told \w+)\s*,?\s*"
)
_SUBORDINATORS = frozenset(
    "As When While After Before Although Though Because Since Unless Until Whereas".split()
)
_AS_END_RE = re.compile(r",?\s*\b[Aa]s$")
_HYPOTHETICAL_RE = re.compile(r"\b(?:might|may|could|can|should|must|would)\b|\bif\b|\bunless\b")
_LEAD_PHRASE_RE = re.compile(
    r"\s*(?:(?:[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier|[Ll]ater) \w+|[Yy]esterday|[Tt]oday|"
    rf"[Oo]n {_DAY}|(?:[Ii]n|[Oo]n|[Aa]t|[Dd]uring|[Aa]fter) (?:\w+ ){{0,3}}\w+|"
    r"[Mm]eanwhile|[Hh]owever|[Ss]till|[Ii]nstead),\s+"
)
_ADJECTIVE_BEFORE_RE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our|this|these|those)\s+$"
    # rules version 5: a name's possessive ("the Clintons' alleged efforts"), not a
    # contraction of a pronoun ("she's said")
    r"|(?<![\w'’])(?!(?:he|she|it|that|who|there|what|here|where)['’])[A-Za-z][\w-]*"
    r"(?:['’]s|s['’])\s+$",
    re.IGNORECASE,
)
# "wants these numbers explained", "got the rules changed": a causative participle
_CAUSATIVE_RE = re.compile(r"\b(?:wants?|wanted|needs?|needed|gets?|got)\s+(?:[\w'’-]+\s+){1,3}$")
# a prepositional phrase between *who* and its verb ("who in the past has derided")
_WHO_PP_RE = re.compile(r"(?:in|at|on|during|since|for|after|before)\b")
_QUESTION_RE = re.compile(
    r"\s+(?:(?!how\b|what\b|why\b|when\b|where\b|who\b|which\b)[\w'’.-]+\s+){0,4}?"
    r"(?:whether|if)\b"
)
_APPOSITIVE_COMMAS = 3  # commas an appositive between a name and its verb may hold
_TAIL_WORDS_MAX = 9  # words allowed between a verb and the quotation it introduces
_AS_OBJECT_WORDS_MAX = 16  # "described <object> as “...”": words of the object
_REGION_WORDS_MAX = 12  # words a speaker mention before its verb may have
_INVERTED_WORDS_MAX = 16
_ADVERBIAL_RE = re.compile(
    r"(?:\s*,?\s*(?:"
    rf"(?:on\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|today|yesterday|tonight|earlier|later|again|also|publicly|privately|repeatedly|"
    r"recently|separately|afterward|afterwards|(?:last|this|next|earlier|later) "
    r"(?:week|month|year|weekend|night|morning|afternoon|evening|spring|summer|fall|"
    r"autumn|winter)"
    r"|in (?:a|an|his|her|their|its|the) (?:[\w-]+ ){0,3}(?:statement|interview|tweet|"
    r"post|speech|letter|release|op-ed|memo|filing|report|email|e-mail|video|message|"
    r"appearance|address|remarks|testimony|broadcast|podcast)"
    r"(?: (?:on|to|with|for) (?:the |a |an )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)?"
    r"|at (?:a|an|the) (?:[\w-]+ ){0,2}(?:news conference|press conference|briefing|"
    r"rally|hearing|summit|meeting|forum|event|conference|gathering)"
    r"|on (?:Twitter|Facebook|X|Fox News|CNN|MSNBC|NBC|ABC|CBS|Sunday|television|TV|"
    r"state television|radio)"
    r"))*"
)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text`` (paragraphs), stripped.

    Examples
    --------
    >>> paragraph_spans("One.\\n\\n  Two.  \\n")
    [(0, 4), (8, 12)]
    """
    out = []
    for m in _PARA_RE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _is_abbreviation(text: str, end: int, start: int) -> bool:
    """True when the full stop at ``end`` closes an abbreviation or an initial."""
    j = end
    while j > start and not text[j - 1].isspace():
        j -= 1
    word = text[j:end].lstrip("(\"“‘'").lower()
    if not word:
        return False
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return "." in word and len(word) <= 6 and all(len(p) <= 2 for p in word.split("."))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans between ``start`` and ``end`` (one paragraph), stripped.

    Examples
    --------
    >>> t = "Gen. Smith met U.S. envoys. “We are ready.” Talks resumed."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gen. Smith met U.S. envoys.', '“We are ready.”', 'Talks resumed.']
    """
    end = len(text) if end is None else end
    out, s = [], start
    for m in _SENT_END_RE.finditer(text, start, end):
        dot = m.start()
        if text[dot] == "." and m.end() - dot == 1 and _is_abbreviation(text, dot, s):
            continue
        out.append((s, m.end()))
        s = m.end()
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if b > a]


def quote_segments(text: str, start: int, end: int, carried: bool = False) -> list[list[int]]:
    """Quotation spans in one paragraph: ``[open, close, closed]`` with ``open`` the
    opening mark's position and ``close`` the closing mark's (or the paragraph end).

    ``carried`` is the state the previous paragraph left: True when it ended inside an
    open quotation. The paragraph then continues it up to its first closing mark, when
    that comes before any opening mark (a continuation whose opening mark the writer or
    the text's encoding left out); such a segment opens at ``start - 1`` and is marked
    by a fourth element ``1``. Two apostrophes typed for a closing mark (``''``, ``’’``)
    close an open quotation; a doubled opening mark (``""...``) opens once; the
    replacement character U+FFFD, left where a decoder lost a curly mark, is paired
    like a straight mark unless it stands between two letters (a lost apostrophe).
    """
    segs, open_at = [], None
    if carried:
        first = _MARK_RE.search(text, start, end)
        if first is not None and first.group() in _CLOSE + _STRAIGHT:
            pos = first.start()
            nxt = text[pos + 1] if pos + 1 < end else " "
            if first.group() not in _STRAIGHT or not nxt.isalnum():
                segs.append([start - 1, pos, 1, 1])
                start = pos + 1
    for m in _MARK_RE.finditer(text, start, end):
        pos, ch = m.start(), m.group()
        if ch in ("''", "’’"):  # its second apostrophe is the closing position
            if open_at is not None:
                segs.append([open_at, pos + 1, 1])
                open_at = None
            continue
        if ch == "\ufffd" and text[pos - 1 : pos].isalpha() and text[pos + 1 : pos + 2].isalpha():
            continue  # "they\ufffdre": a lost apostrophe, not a quotation mark
        if ch in _OPEN:
            open_at = pos
        elif ch in _CLOSE:
            if open_at is not None:
                segs.append([open_at, pos, 1])
                open_at = None
        else:  # a straight mark: opening when a word follows and none is open
            nxt = text[pos + 1] if pos + 1 < end else " "
            if nxt in '"“\ufffd' and open_at is None:
                continue  # a doubled opening mark (""...”): the second one opens
            if open_at is None:
                if not nxt.isspace():
                    open_at = pos
            else:
                segs.append([open_at, pos, 1])
                open_at = None
    if open_at is not None and end - open_at > 1:
        segs.append([open_at, end, 0])
    return [s for s in segs if _content_span(text, s)[1] > _content_span(text, s)[0]]


def _content_span(text: str, seg) -> tuple[int, int]:
    s, e = seg[0] + 1, seg[1]
    if text[e - 1 : e + 1] in ("''", "’’"):
        e -= 1  # a closing mark typed as two apostrophes
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _words(text: str, s: int, e: int) -> list[re.Match]:
    return list(_WORD_RE.finditer(text, s, e))


def _trim(text: str, s: int, e: int, chars: str = " \t,;:—–-\"“”'‘’") -> tuple[int, int]:
    while s < e and text[s] in chars:
        s += 1
    while e > s and (text[e - 1] in chars or text[e - 1] == "."):
        e -= 1
    return s, e


def _valid_region(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Trim a candidate speaker region and check that it looks like a noun phrase."""
    words = _words(text, s, e)
    while words and (
        words[-1].group().lower() in SKIP_BEFORE_VERB or words[-1].group().lower().endswith("ly")
    ):
        words.pop()
    while words and words[0].group().lower() in LEAD_ADVERBS:
        words.pop(0)
    if not words or len(words) > _REGION_WORDS_MAX:
        return None
    lowered = [w.group().lower().rstrip(".") for w in words]
    if any(w in NOT_SPEAKER for w in lowered):
        return None
    if lowered[-1] in _DETERMINERS or lowered[-1] in {"of", "for", "at", "with", "in", "on"}:
        return None
    if len(words) > 1 and all(w in PRONOUNS for w in lowered):
        return None
    if lowered[0] in {"i", "we", "you", "me", "us"}:
        return None
    if len(words) > 1 and lowered[-1] in PRONOUNS - {"i", "we"}:
        words, lowered = words[-1:], lowered[-1:]  # "the footage they said showed ..."
    if len(words) > 1 and lowered[0] in PRONOUNS:
        return None  # "they believe said judgment": a clause, not a noun phrase
    first = words[0].group()
    noun_like = any(w.group()[0].isupper() for w in words) or lowered[-1] in PRONOUNS
    if not noun_like and not (lowered[0] in _DETERMINERS or first[0].islower()):
        return None
    return words[0].start(), words[-1].end()


def _region_before(text: str, verb_start: int, floor: int) -> tuple[int, int] | None:
    """Speaker mention ending before a verb: back to the start of its clause."""
    # a parenthesis right before the verb ("Schumer (D-N.Y.) said") belongs to the name
    k = verb_start
    while k > floor and text[k - 1].isspace():
        k -= 1
    if k > floor and text[k - 1] == ")":
        opening = text.rfind("(", floor, k)
        if opening > floor and k - opening < 40:
            inner = _region_before(text, opening, floor)
            return (inner[0], k) if inner is not None else None
    far = _GO_FAR_RE.search(text, max(floor, verb_start - 40), verb_start)
    if far is not None:  # "X (even) went so far as to say ...": X (rules version 6)
        return _region_before(text, far.start(), floor)
    # skip auxiliaries and adverbs right before the verb
    words = _words(text, floor, verb_start)
    j = len(words)
    while j and (
        words[j - 1].group().lower() in SKIP_BEFORE_VERB
        or words[j - 1].group().lower().endswith("ly")
    ):
        j -= 1
    stop = words[j - 1].end() if j else floor
    # appositive: "Name, role, said" -> a comma right before the verb (after skips)
    gap = text[stop:verb_start] if j else ""
    if gap.strip() == ",":
        return _appositive(text, stop + gap.index(","), floor)
    i = _clause_start(text, words, j, stop)
    if j and words[j - 1].group() == "by" and re.match(r"\w+ing\b", text[verb_start:]):
        # "X ended the speech by (again) calling it “...”": the clause's subject
        if _HYPOTHETICAL_RE.search(text, floor, words[j - 1].start()):
            return None
        return _opening_subject(text, floor, words[j - 1].start())
    if i == j:
        if j and words[j - 1].group() in {"and", "but"}:
            # "She met them and said ...", "X didn't close the door but said ...": the
            # second verb shares the sentence's subject (rules version 5), unless the
            # first clause is itself reported ("the report says X denied it and later
            # admitted ...": a nested report)
            return _shared_subject(text, floor, words[j - 1].start())
        return None
    who = [k for k in range(i, j) if words[k].group() == "who"]
    if who and who[-1] > i:
        # "a partisan who (in the past) has derided ...": the antecedent right before
        # *who*, back to a verb of being or a preposition (rules version 5)
        k = who[-1]
        after = text[words[k].end() : stop].strip()
        if after and not (_WHO_PP_RE.match(after) and len(after.split()) <= 4):
            whole = _valid_region(text, words[i].start(), stop)
            if whole is not None or "," in after or len(after.split()) < 5:
                return whole  # "suspects who police say": the speaker is inside
            if words[j - 1].group().lower() == "to" or text[stop:verb_start].strip():
                return None  # "workers who ... in order to maintain": no speech
            # a long relative clause ("officials who spoke to X on the condition of
            # anonymity said"): its antecedent, as below (rules version 6)
        a = k
        while a > i and k - a < 5 and words[a - 1].group().lower() not in _ANTECEDENT_STOP:
            a -= 1
        # a name, or a noun phrase with a determiner; else the head alone ("Ola met
        # officials who said": *officials*)
        while a < k - 1 and not (
            words[a].group()[0].isupper() or words[a].group().lower() in _DETERMINERS
        ):
            a += 1
        return _valid_region(text, words[a].start(), words[k - 1].end()) if a < k else None
    if j - i == 1 and words[i].group() in {"who", "which"}:
        # "Lavrov, who said ...": the antecedent before the comma
        k = text.rfind(",", floor, words[i].start())
        if k >= 0 and not text[k + 1 : words[i].start()].strip():
            found = _region_before_comma(text, k, floor)
            name = _NAME_END_RE.search(text, floor, k)
            if found is None and name is not None:
                return name.span(1)  # "The author is Ana Ruiz, who says" (rules version 6)
            return found
        return None
    return _valid_region(text, words[i].start(), stop)


def _shared_subject(text: str, floor: int, conj: int) -> tuple[int, int] | None:
    """The subject of "X did Y and/but said ...": the clause's opening noun phrase, when
    the clause starts the sentence (not after a quotation), holds no earlier speech verb
    (a nested report), nothing hypothetical, and the subject is a short noun phrase
    (not a possessive, a contraction, a subordinator or a day)."""
    if floor and text[floor - 1] in _MARKS:
        return None
    if verb_table()[0].search(text, floor, conj) or _HYPOTHETICAL_RE.search(text, floor, conj):
        return None
    return _opening_subject(text, floor, conj)


def _opening_subject(text: str, floor: int, conj: int) -> tuple[int, int] | None:
    """The subject of the clause a second verb shares ("X did Y and said", "X ended
    it by saying"): after an opening phrase, dateline or subordinate clause ("Sitting
    beside X on Monday, Trump set ...", "... when staff returned ...") when a subject
    is found there, else the sentence's; a short noun phrase or a name."""
    cut = max(text.rfind(ch, floor, conj) for ch in ",—–)")
    sub = _SUBORDINATE_RE.search(text, max(floor, cut), conj)
    subordinate = sub is not None
    while sub is not None:
        cut, sub = sub.end() - 1, _SUBORDINATE_RE.search(text, sub.end(), conj)
    subject = _sentence_subject(text, cut + 1, conj) if cut >= floor else None
    if subject is None and not subordinate:
        subject = _sentence_subject(text, floor, conj)
    if subject is None or re.match(r"\s+(?:and|or|&)\s", text[subject[1] : conj]):
        return None  # coordinated subjects ("X and Y met ... and agreed") are left out
    words = text[subject[0] : subject[1]].split()
    name = all(w[:1].isupper() or w in ("of", "the") for w in words)
    if (
        (len(words) > 4 and not name)
        or words[0] in _SUBORDINATORS
        or re.match(r"(?:its|their|his|her|(?:he|she|it|they|we|i)['’])", words[0].lower())
        or words[-1].endswith(("'s", "’s", "'", "’"))
        or re.search(_DAY, " ".join(words))
    ):
        return None
    return subject


# a subordinate clause before a shared subject: the subordinators (not *as*) and *where*
_SUBORDINATE_RE = re.compile(
    r"\b(?:" + "|".join(sorted({w.lower() for w in _SUBORDINATORS} - {"as"} | {"where"})) + r")\s"
)
_PASSIVE_AGENT_RE = re.compile(
    r"\s+by\s+((?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|my\s+|our\s+)?"
    r"[\w.'’-]+(?:\s+(?!that\b)[\w.'’-]+){0,7}?)\s*[,:]\s*$"
)
_PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_PASSIVE - {"be"})) + r")\s+(?:\w+\s+)?$"
)
_WHAT_RE = re.compile(r"\b[Ww]hat\s+((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|he|she|they)\s+$")
_ANTECEDENT_STOP = _PASSIVE | _PREPOSITIONS | {"by", "for", "has", "have", "had"}


def _clause_start(text: str, words: list, j: int, stop: int) -> int:
    """Index of the first word of the clause that ends with ``words[j - 1]``: walk back
    to a punctuation mark or a boundary word (*that*, *and*, *because* ...)."""
    i = j
    while i > 0:
        w = words[i - 1]
        between = text[w.end() : words[i].start() if i < len(words) else stop]
        if any(ch in between for ch in ',;:()[]“”"—–') or w.group() in BOUNDARY_WORDS:
            break
        if w.group() in _SUBORDINATORS:  # "As Lavrov said, ...", "When she said ..."
            break
        i -= 1
    return i


def _appositive(text: str, comma: int, floor: int) -> tuple[int, int] | None:
    """``Name, role,`` before a verb: the span of name and appositive, or None."""
    prev, nearest = comma, None
    for _ in range(_APPOSITIVE_COMMAS):
        # a long appositive may hold commas of its own ("Name, a leader of X, a union
        # of Y, said"): the nearest head before a comma that is a name, else the
        # nearest head with a short appositive
        prev = text.rfind(",", floor, prev)
        if prev < 0:
            break
        apposition = text[prev + 1 : comma]
        if (
            not apposition.strip()
            or any(ch in apposition for ch in ';:“”"()')
            or len(apposition.split()) > 14 * _APPOSITIVE_COMMAS
        ):
            break
        head = _region_before_comma(text, prev, floor)
        if head is not None and _is_name(text, *head):
            return head[0], comma
        if head is not None and nearest is None and len(apposition.split()) <= 14:
            nearest = head[0], comma
    return nearest


def _has_name(words: list[str]) -> bool:
    return any(w[:1].isupper() for w in words)


def _is_name(text: str, s: int, e: int) -> bool:
    """True when a region is a capitalised name of two or more words ("Nick Sandmann")."""
    words = text[s:e].split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _region_before_comma(text: str, comma: int, floor: int) -> tuple[int, int] | None:
    words = _words(text, floor, comma)
    i = _clause_start(text, words, len(words), comma)
    if i == len(words) or len(words) - i > 7:
        return None
    region = _valid_region(text, words[i].start(), comma)
    if region is None:
        return None
    names = [w for w in words[i:] if w.group()[0].isupper()]
    lowered = words[-1].group().lower()
    if not names and lowered not in PRONOUNS and words[i].group().lower() not in _DETERMINERS:
        return None
    return region


def _region_after(text: str, verb_end: int, limit: int) -> tuple[int, int] | None:
    """Speaker mention after a verb (inverted order: ``said Lavrov``)."""
    m = re.compile(r"\s+").match(text, verb_end, limit)
    s = m.end() if m else verb_end
    if s >= limit:
        return None
    first = _WORD_RE.match(text, s, limit)
    if first is None:
        return None
    w = first.group()
    if not (w[0].isupper() or w.lower() in _DETERMINERS):
        lead = _LOWER_TITLE_RE.match(text, s, limit)
        if lead is None:
            return None
    if w.lower() in PRONOUNS:
        return None
    # the name part ends at a comma, a preposition or the sentence end
    e = limit
    for ch in '.;:?!“”"(':
        k = text.find(ch, s, e)
        while ch == "." and k >= 0 and _is_abbreviation(text, k, s):
            k = text.find(".", k + 1, e)
        if k >= 0:
            e = k
    comma = text.find(",", s, e)
    name_end = comma if comma >= 0 else e
    rel = re.compile(r"\s(?:who|that)\s").search(text, s, name_end)
    cut = _PREP_CUT_RE.search(text, s, rel.start() if rel else name_end)
    if cut is not None:
        name_end = cut.start()
        e = name_end
    elif comma >= 0:  # an appositive after the comma, up to the next comma
        nxt = text.find(",", comma + 1, e)
        app_end = nxt if nxt >= 0 else e
        app = text[comma + 1 : app_end].strip()
        low = app.lower()
        participle = re.match(r"\w+ing\b", low)  # ", speaking to reporters"
        if app and not participle and not low.startswith(("who ", "which ", "and ")):
            cut = _ADVERBIAL_TAIL_RE.search(text, comma + 1, app_end)
            e = app_end if cut is None else cut.start()
            if low.startswith(("in ", "on ", "at ", "during ", "after ", "before ")):
                e = comma
        else:
            e = comma
    s2, e2 = _trim(text, s, e)
    if e2 > s2 and len(text[s2:e2].split()) > _INVERTED_WORDS_MAX and 0 <= comma < e2:
        s2, e2 = _trim(text, s, comma)  # "says NAME, <a long appositive>": the name
    if e2 <= s2 or len(text[s2:e2].split()) > _INVERTED_WORDS_MAX:
        return None
    return s2, e2


class _Doc:
    """The quotes of one text under construction."""

    def __init__(self, text: str):
        self.text = text
        self.quotes: list[dict] = []
        self.used_verbs: set[int] = set()


def _new_quote(kind, parts, verb_m, mention, para, sent, floating=False):
    lemma, verb_start = None, -1
    if verb_m is not None:
        group = verb_m.lastindex or 0  # "as he put it": the verb is the last group
        form = verb_m.group(group).split()[0] if group else verb_m.group()
        lemma = verb_table()[1].get(form, (verb_m.group(group),))[0]
        verb_start = verb_m.start(group)
    return {
        "kind": kind,
        "parts": parts,
        "verb": lemma,
        "verb_start": verb_start,
        "mention": mention,
        "paragraph": para,
        "sentence": sent,
        "floating": floating,
    }


def _sentence_of(sents, pos) -> tuple[int, int]:
    for s, e in sents:
        if s <= pos < e:
            return s, e
    return sents[-1] if sents else (pos, pos)


def _negated_or_passive(text: str, verb_start: int, floor: int) -> bool:
    lo = max(floor, verb_start - 40)
    cut = max(text.rfind(ch, lo, verb_start) for ch in ',;:“”"')
    words = _words(text, max(lo, cut + 1), verb_start)  # the verb's own clause only
    prev = [w.group().lower() for w in words[-3:]]
    if prev and (prev[-1] in _PASSIVE or prev[-1] in _MODALS):
        return True
    if len(prev) > 1 and prev[-2] in _MODALS and prev[-1] not in {"have", "later"}:
        return True
    return any(w in _NEGATION or w.endswith(("n't", "n’t")) for w in prev)


def _attribution_after(doc, seg, para_end, next_open, sents):
    """Attribution following a closing mark: (verb match, mention span, end) or None."""
    text = doc.text
    close = seg[1]
    if not seg[2]:
        return None
    limit = min(next_open if next_open is not None else para_end, para_end)
    cs, ce = _content_span(text, seg)
    last = text[cs:ce].rstrip("’' ")[-1:]  # "... ‘nested,’ ”: the mark before the nested one
    after = text[close + 1 : limit]
    stripped = after.lstrip()
    if not stripped:
        return None
    dash = _DASH_NAME_RE.match(text, close + 1, limit)
    if dash is not None and limit == para_end:
        return None, dash.span(1), limit  # "“...” — Michelle Cottle, New York Times"
    lead_comma = stripped[0] in ",—–"
    if not (last in ",?!—–-…" or lead_comma or (last == "." and stripped[:1].islower())):
        return None
    # the attribution clause: up to the first sentence end (or the next quotation)
    sent_s, sent_e = _sentence_of(sents, close + 1 if close + 1 < para_end else close)
    clause_end = min(limit, max(sent_e, close + 1))
    regex, table = verb_table()
    for m in regex.finditer(text, close + 1, clause_end):
        if len(text[close + 1 : m.start()].split()) > _REGION_WORDS_MAX:
            named = _NAME_COMMA_RE.match(text, close + 1, m.start())
            if (
                named is not None
                and text[: m.start()].rstrip().endswith(",")
                and len(text[close + 1 : m.start()].split()) <= _LONG_APPOSITIVE_WORDS
                and not _negated_or_passive(text, m.start(), close + 1)
                and table[m.group()][0] not in DESCRIBE_VERBS
            ):
                return m, named.span(1), _attribution_end(text, m.end(), clause_end)
            return None
        if m.group().endswith("ing") and text[close + 1 : m.start()].strip(" ,—–"):
            return None  # "“...” Because he kept telling her ...": no attribution
        if table[m.group()][0] in DESCRIBE_VERBS or table[m.group()][0] == "quote":
            return None  # "“...,” X derided ...": a verb of description introduces only
        if _negated_or_passive(text, m.start(), close + 1):
            return None
        region_floor = close + 1
        before = text[region_floor : m.start()]
        if not before.strip(" ,—–"):
            mention = _region_after(text, m.end(), clause_end)
            if mention is None and len(text[cs:ce].split()) < 3:
                return None  # "(a “hawk,” say)": a quoted word, no speaker
            # "“...,” said the report's author": nothing recognisable; still a quote
            return m, mention, _attribution_end(text, m.end(), clause_end)
        mention = _region_before(text, m.start(), region_floor)
        if mention is None and before.strip(" ,—–") == "I" and not _NOT_I_RE.match(text, m.end()):
            # "“...,” I replied": the writer's own words in a scene (rules version 6)
            i = region_floor + before.index("I")
            mention = (i, i + 1)
        if mention is None:
            return None
        return m, mention, _attribution_end(text, m.end(), clause_end)
    return None


def _attribution_end(text: str, pos: int, limit: int) -> int:
    """End of an attribution clause: the next comma or the clause end."""
    k = text.find(",", pos, limit)
    return k if k >= 0 else limit


def _attribution_before(doc, seg, sents, para_start):
    """Attribution before an opening mark in the same sentence: (verb, mention) or None."""
    text = doc.text
    o = seg[0]
    sent_s, _ = _sentence_of(sents, o)
    floor = max(sent_s, para_start)
    # a previous quotation in the same sentence limits the look-back
    prev_close = max(text.rfind("”", floor, o), text.rfind('"', floor, o))
    if prev_close >= floor:
        floor = prev_close + 1
    before = text[floor:o]
    tail = before.rstrip()
    if not tail:
        return None
    accs = list(_ACCORDING_RE.finditer(text, floor, o))
    acc = accs[-1] if accs else None
    regex, table = verb_table()
    verbs = list(regex.finditer(text, floor, o))
    if acc is not None and (not verbs or verbs[-1].start() < acc.start()):
        region = _trim(text, acc.end(), floor + len(tail))
        if region[1] > region[0] and len(text[region[0] : region[1]].split()) <= 10:
            return acc, region
        return None
    as_put = _AS_PUT_RE.search(text, floor, floor + len(tail))
    if as_put is not None and as_put.end() == floor + len(tail):
        # "as he put it, “...”", "as Lavrov noted, “...”"
        mention = _valid_region(text, *as_put.span(1))
        return (as_put, mention) if mention is not None else None
    if not verbs:
        return None
    m = verbs[-1]
    if text[m.start() - 1 : m.start()] == "-":
        return None  # "self-proclaimed “...”", "so-called": an adjective
    between = text[m.end() : floor + len(tail)]
    words = between.split()
    ends = between.rstrip()[-1:] if between.strip() else ""
    lemma, mode = table[m.group()]
    if lemma == "quote":
        # "X quoted Y's verdict:", "quoting Y, whose essay ...:": the words are Y's
        if ends not in (":", ",") or _negated_or_passive(text, m.start(), floor):
            return None
        mention = _region_after(text, m.end(), floor + len(tail))
        if mention is None:
            return None
        own = re.search(r"['’]s?\s", text[mention[0] : mention[1]])
        return m, (mention[0], mention[0] + own.start()) if own else mention
    as_verb = DESCRIBE_VERBS.get(lemma) == "as" and words[-1:] == ["as"]
    if len(words) > (_AS_OBJECT_WORDS_MAX if as_verb else _TAIL_WORDS_MAX):
        return None
    if not _tail_introduces(words, ends, lemma, text[max(floor, m.start() - 3) : m.start()]):
        return None
    agent = _PASSIVE_AGENT_RE.match(text, m.end(), floor + len(tail))
    if agent is not None and _PASSIVE_BEFORE_RE.search(text, floor, m.start()):
        # "I was (always) told by the lawyers, “...”": a passive with its agent (rules 5)
        if _HYPOTHETICAL_RE.search(text, floor, m.start()):
            return None
        return m, _trim(text, agent.start(1), agent.end(1))
    if _negated_or_passive(text, m.start(), floor):
        return None
    participle = m.group().endswith("ing")
    if participle and (text[floor : m.start()].rstrip().endswith(",") or ends == ":"):
        # "..., saying: “...”", "..., asking, “...”", "..., telling NAME, “...”"
        if _HYPOTHETICAL_RE.search(text, floor, m.start()):
            return None  # "might try to explain it by saying, “...”"
        return m, _sentence_subject(text, floor, m.start())
    mention = _region_before(text, m.start(), floor)
    if lemma in DESCRIBE_VERBS and mention is None:
        # "what NAME called the “...”", "what he called a “...”" (rules version 5)
        what = _WHAT_RE.search(text, floor, m.start())
        mention = _valid_region(text, *what.span(1)) if what is not None else None
    if lemma in DESCRIBE_VERBS:
        # a subject that names someone: not "a project dubbed", "something called"
        words = text[mention[0] : mention[1]].split() if mention else [""]
        named = len(words) == 1 and words[0][:1].isupper() or _has_name(words[1:])
        # "an official who has derided X as “...”": *who* stands for a person (rules 5)
        named = named or (mention is not None and " who " in text[mention[1] - 1 : m.start()])
        return (m, mention) if named or words[0].lower() in PRONOUNS else None
    if mention is None:
        mention = _region_after(text, m.end(), o) if words else None
        if mention is None:
            return None
    return m, mention


def _tail_introduces(words: list[str], ends: str, lemma: str, before: str) -> bool:
    """True when the words between a speech verb and an opening quotation mark let the
    verb introduce it: none, or ending in ``:`` / ``,`` / *that*; for verbs of
    description, ending in *as* ("described the deal as") or a short object ("called
    it")."""
    if not words:
        return lemma not in DESCRIBE_VERBS or not before.endswith("so-")
    if lemma in DESCRIBE_VERBS:
        if before.endswith("so-"):
            return False  # "so-called"
        if DESCRIBE_VERBS[lemma] == "as":
            return words[-1] == "as"
        short = len(words) <= 4 and words[0] not in {"for", "on", "upon", "off"}
        return short and not any(ch in " ".join(words) for ch in ",;:.")
    if not (ends in ":," or words[-1] == "that"):
        return False
    if ends == "," and words[0] in _PREPOSITIONS:
        return True  # "declared to supporters in a launch video, “...”": adverbials
    return not (ends == "," and len(words) > 6)


def _sentence_subject(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The noun phrase that opens a clause (the speaker of a ``..., saying ...``)."""
    lead = _LEAD_PHRASE_RE.match(text, s, e)
    if lead is not None:
        s = lead.end()  # "Last week, the agency ..., noting: ..."
    words = _words(text, s, e)
    out = []
    for w in words:
        g = w.group()
        low = g.lower()
        if not out and low in LEAD_ADVERBS:
            continue
        if out and ")" in text[out[-1].end() : w.start()]:
            break
        if g[0].isupper() or low in _DETERMINERS or (out and low in {"of", "for"}):
            out.append(w)
            continue
        prev = out[-1].group() if out else ""
        lower_ok = (
            prev.lower() in _DETERMINERS or prev.islower() or prev.lower() in NATIONALITY_WORDS
        )
        # "Regional officials", "Iran's foreign minister" (rules version 5)
        lower_ok = lower_ok or low in ANON_HEADS or prev.endswith(("'s", "’s"))
        if out and lower_ok and low.isalpha() and not low.endswith("ed") and len(out) < 6:
            out.append(w)  # "the foreign ministry", "Chinese foreign ministry"
            continue
        break
    if not out:
        return None
    if text[out[0].start() : out[-1].end()].count(",") > 0:
        return None
    return _valid_region(text, out[0].start(), out[-1].end())


def _direct_quotes(doc, para_index, ps, pe, sents, segs, last_speaker, lead_in=None):
    """Direct quotes of one paragraph; ``lead_in`` is the attribution that ends the
    previous paragraph with a colon ("Lavrov told reporters:"), for a quotation that
    opens this one."""
    text = doc.text
    taken = [False] * len(segs)
    found = []
    prev_quote = None
    for i, seg in enumerate(segs):
        if taken[i]:
            continue
        cs, ce = _content_span(text, seg)
        next_open = segs[i + 1][0] if i + 1 < len(segs) else None
        after = _attribution_after(doc, seg, pe, next_open, sents)
        parts = [(cs, ce)]
        sent = _sentence_of(sents, max(seg[0], ps))
        if after is not None:
            verb_m, mention, att_end = after
            if verb_m is not None:
                doc.used_verbs.add(verb_m.start())
            # a quote broken by its attribution: ", “...”" continues the same sentence
            if next_open is not None and verb_m is not None:
                gap = text[att_end:next_open]
                cont = text[next_open + 1 : next_open + 3].lstrip()
                if gap.strip() in {",", ":"} or (gap.strip() == "" and cont[:1].islower()):
                    if "." not in text[verb_m.end() : next_open].replace(".,", ""):
                        taken[i + 1] = True
                        parts.append(_content_span(text, segs[i + 1]))
                        sent = (sent[0], _sentence_of(sents, segs[i + 1][1] - 1)[1])
            q = _new_quote("direct", parts, verb_m, mention, para_index, sent)
            q["attribution_end"] = att_end
            found.append(q)
            prev_quote = q
            continue
        if len(seg) > 3:  # continues the quotation left open by the previous paragraph
            q = _new_quote("direct", parts, None, None, para_index, sent, floating=True)
            q["follows"] = last_speaker
            found.append(q)
            prev_quote = q
            continue
        before = _attribution_before(doc, seg, sents, ps)
        if before is None and i == 0 and seg[0] == ps:
            before = lead_in
        if before is not None:
            verb_m, mention = before
            if verb_m.group()[0].isalpha() and verb_m.group() in verb_table()[1]:
                doc.used_verbs.add(verb_m.start())
            q = _new_quote("direct", parts, verb_m, mention, para_index, sent)
            # "Lavrov said: “…” “…”" — a second quotation right after continues it
            found.append(q)
            prev_quote = q
            continue
        # floating: opens a sentence or the paragraph, and is more than a few words
        starts_sentence = seg[0] == sent[0] or not text[sent[0] : seg[0]].strip(" \"“‘'")
        n_words = len(text[cs:ce].split())
        full = (
            text[cs:ce].rstrip("’' ")[-1:] in (".", "?", "!", "…", ",")  # '...?’ ”: nested
            or not seg[2]
            or ce == pe
            or text[seg[1] + 1 : seg[1] + 2] in (".", "?", "!")  # “...”. (British style)
        )
        if starts_sentence and n_words >= (2 if prev_quote is not None else 4) and full:
            so_says = _so_says(text, seg, pe)
            if so_says is not None:
                q = _new_quote("direct", parts, so_says[0], so_says[1], para_index, sent)
                found.append(q)
                prev_quote = q
                continue
            subject = None if prev_quote is not None else _previous_subject(text, sents, sent)
            if subject is not None:
                # "Mara Quell unveiled the plan. “...”": the previous sentence's subject
                q = _new_quote("direct", parts, None, subject, para_index, sent)
                found.append(q)
                prev_quote = q
                continue
            # without an earlier quote of this paragraph, find_quotes() lets it follow
            # the paragraph's last quote before it (indirect ones included), else the
            # last speaker of the paragraphs before
            source = prev_quote
            q = _new_quote(
                "direct",
                parts,
                None,
                None,
                para_index,
                sent,
                floating=True,
            )
            q["follows"] = source
            found.append(q)
            prev_quote = q
    return found


def _so_says(text: str, seg, pe: int):
    """(verb match, mention) of "So says NAME ..." opening the paragraph after a
    quotation that ends its own paragraph, else None (rules version 6)."""
    if text[seg[1] + 1 : pe].strip():
        return None
    m = _SO_SAYS_RE.match(text, pe)
    if m is None or "\n" not in text[pe : m.start() + len(m.group()) - len(m.group().lstrip())]:
        return None
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end
    stop = _SENT_END_RE.search(text, m.end(), end)
    limit = stop.start() if stop else end
    verb = verb_table()[0].search(text.lower(), pe, m.end())  # "Says NAME"
    mention = _region_after(text, verb.end(), limit) if verb else None
    return None if mention is None else (verb, mention)


def _previous_subject(text: str, sents, sent) -> tuple[int, int] | None:
    """The subject of the sentence before ``sent`` in its paragraph, when it names a
    person or is *he*/*she* and that sentence holds no quotation mark: the source of a
    quotation that follows it without an attribution of its own."""
    k = sents.index(sent) if sent in sents else -1
    if k <= 0:
        return None
    ps, pe = sents[k - 1]
    regex, table = verb_table()
    if _MARK_RE.search(text, ps, pe) or any(
        table[m.group()][1] != "direct" for m in regex.finditer(text, ps, pe)
    ):
        return None  # reported speech there: the quotation follows its speaker
    subject = _sentence_subject(text, ps, pe)
    if subject is None:
        return None
    words = text[subject[0] : subject[1]].split()
    if words[0].lower() in ("he", "she") and len(words) == 1:
        return subject
    named = _is_name(text, *subject) and words[0].lower() not in _DETERMINERS | {"the"}
    return subject if named else None


def _indirect_quotes(doc, para_index, sents, segs):
    text = doc.text
    regex, table = verb_table()
    inside = [(s[0], s[1]) for s in segs]
    found = []
    if not sents:
        return found
    # one scan of the paragraph, then each hit is looked at within its sentence
    lo, hi = sents[0][0], sents[-1][1]
    verbs = list(regex.finditer(text, lo, hi))
    accs = list(_ACCORDING_RE.finditer(text, lo, hi)) if "ccording to" in text[lo:hi] else []
    for ss, se in sents:
        for acc in accs:
            if not ss <= acc.start() < se:
                continue
            q = _according(doc, acc, ss, se, inside, para_index)
            if q is not None:
                found.append(q)
        if "that" in text[ss:se]:
            for nm in _NOUN_CLAUSE_RE.finditer(text, ss, se):
                q = _noun_clause(doc, nm, ss, se, inside, para_index)
                if q is not None:
                    found.append(q)
        for m in verbs:
            if not ss <= m.start() < se or m.start() in doc.used_verbs:
                continue
            if any(a < m.start() < b for a, b in inside):
                continue
            q = _indirect_at(doc, m, ss, se, inside, para_index, table)
            if q is not None:
                doc.used_verbs.add(m.start())
                found.append(q)
    return found


def _clause_floor(text: str, ss: int, pos: int, inside) -> int:
    """Start of the clause a verb at ``pos`` belongs to for the speaker look-back:
    the sentence start, or just after a closing quotation mark before it."""
    floor = ss
    for a, b in inside:
        if b < pos and b + 1 > floor and a >= ss:
            floor = b + 1
    return floor


def _indirect_at(doc, m, ss, se, inside, para_index, table):
    text = doc.text
    form = m.group()
    lemma, mode = table[form]
    floor = _clause_floor(text, ss, m.start(), inside)
    if _negated_or_passive(text, m.start(), floor):
        return None
    if text[m.start() - 1 : m.start()] == "-" or _ADJECTIVE_BEFORE_RE.search(
        text, max(floor, m.start() - 12), m.start()
    ):
        return None  # "the alleged plot", "his proposed deal": an adjective, no verb
    if form in ("saying", "adding", "noting", "arguing", "warning", "insisting"):
        return _participle(doc, m, ss, se, floor, para_index, mode)
    if lemma in QUESTION_VERBS and not form.endswith("ing"):
        return _indirect_question(doc, m, ss, se, floor, para_index)
    if form.split()[0].endswith("ing") or mode == "direct":
        return None  # "direct" verbs ("continued", "asked") attribute quotations only
    mention = _region_before(text, m.start(), floor)
    rest = text[m.end() : se]
    if mention is None:
        # "..., said Lavrov." (inverted, after the reported clause)
        pre = text[floor : m.start()].rstrip()
        if pre.endswith(",") and len(pre[:-1].split()) >= 3:
            spk = _region_after(text, m.end(), se)
            if spk is None:
                return None
            tail = text[spk[1] : se].strip(' .,;"”')
            if len(tail.split()) > 6:
                return None
            content = _trim(text, floor, floor + len(pre) - 1)
            return _make(doc, "indirect", [content], m, spk, para_index, (ss, se))
        return None
    ms, me = mention
    if _generic(text, ms, me):
        return None  # "critics insist that", "studies have revealed that"
    if form.endswith("ed") and _CAUSATIVE_RE.search(text, ms, m.start()):
        return None  # "anyone who wants these numbers explained"
    before_mention = text[floor:ms].rstrip()
    after_verb = rest
    adv = _ADVERBIAL_RE.match(after_verb)
    adv_end = m.end() + (adv.end() if adv else 0)
    remainder = text[adv_end:se].strip()
    if _AS_END_RE.search(before_mention):
        # "As Lavrov noted, the talks ..." / "The talks ..., as Lavrov noted."
        if remainder.startswith(","):
            content = _trim(text, adv_end + text[adv_end:se].index(",") + 1, se)
        elif not remainder.strip(' ."”’)'):
            content = _trim(text, floor, floor + len(_AS_END_RE.sub("", before_mention)))
        else:
            return None
        if len(text[content[0] : content[1]].split()) < 3:
            return None
        return _make(doc, "indirect", [content], m, mention, para_index, (ss, se))
    # "..., Lavrov said." / "..., Lavrov said on Monday."
    if before_mention.endswith(",") and (not remainder.strip(' ."”’)') or remainder[:1] in ".!?"):
        if len(before_mention.split()) < 3:
            return None
        content = _trim(text, floor, floor + len(before_mention) - 1)
        return _make(doc, "indirect", [content], m, mention, para_index, (ss, se))
    # "The talks, Lavrov said, were useful."
    after_stripped = text[m.end() : se].lstrip()
    if before_mention.endswith(",") and after_stripped.startswith(","):
        left = _trim(text, floor, floor + len(before_mention) - 1)
        right_s = m.end() + text[m.end() : se].index(",") + 1
        right = _trim(text, right_s, se)
        if _PARTICIPLE_RE.match(text, right[0], se):  # "..., X said, speaking on ..."
            right = (right[0], right[0])
        if len(text[left[0] : left[1]].split()) < 2:
            return None  # "However, X said, ..." is no parenthetical
        if len(text[left[0] : left[1]].split()) + len(text[right[0] : right[1]].split()) < 3:
            return None
        return _make(doc, "indirect", [left, right], m, mention, para_index, (ss, se))
    if mode == "direct":
        return None
    # "Lavrov said (on Monday) (that) ..."
    start = m.end()
    obj = None
    if lemma == "tell":
        obj = re.compile(r"\s+(?:[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*|(?:the\s+)?\w+)").match(
            text, start, se
        )
        if obj is None:
            return None
        start = obj.end()
    look = text[start:se]
    that = re.compile(r"\bthat\b").search(look)
    if lemma in NEAR_THAT and that is not None:
        # only adverbials between verb and *that* ("proposed on Monday that"); after
        # an object it starts a relative clause ("proposed legislation that would ...")
        adv = _ADVERBIAL_RE.match(text, start, se)
        gap = text[adv.end() if adv else start : start + that.start()]
        that = that if not gap.strip(" ,") else None
    if (
        that is not None
        and len(look[: that.start()].split()) <= 8
        and "," not in look[: that.start()].replace(", ", ",").strip(",")
    ):
        cstart = start + that.end()
    else:
        if mode != "say":
            return None
        adv = _ADVERBIAL_RE.match(text, start, se)
        cstart = adv.end() if adv else start
        first = cstart + len(text[cstart:se]) - len(text[cstart:se].lstrip())
        nxt = _WORD_RE.match(text, first, se)
        if nxt is None:
            return None
        w = nxt.group().lower()
        if w == "no" and re.match(r"\s*(?:to\b|[.,;:!?”\"]|$)", text[nxt.end() : se]):
            return None  # "said no to ...", "said no." (a refusal, not a clause)
        if w in _NOT_CLAUSE:
            return None
    content = _trim(text, cstart, se)
    if len(text[content[0] : content[1]].split()) < 3:
        return None
    return _make(doc, "indirect", [content], m, mention, para_index, (ss, se))


_EVIDENCE = frozenset("studies data research evidence".split())
_DEFINITE = frozenset("the these those this that its their his her our".split())


def _generic(text: str, s: int, e: int) -> bool:
    """True when a speaker mention is an unnamed generic group or a research finding
    ("critics", "many scientists", "Biden's critics on the left", "studies", "the
    left"): :data:`~framing.voices._lexicon.GENERIC_HEADS`, with only lower-case words
    (a possessive, or the sentence's first word, may be capitalised) and no capitalised
    word after the head ("experts at Brookings" names a source)."""
    words = text[s:e].split()
    low = [w.lower().strip(".,") for w in words]
    if low in (["the", "left"], ["the", "right"]):
        return True
    heads = [k for k, w in enumerate(low) if w in GENERIC_HEADS]
    if not heads:
        return False
    k = heads[0]
    if any(w in NATIONALITY_WORDS for w in low[:k]):
        return False  # "Russian commentators said": a national group is a source
    if low[k] not in _EVIDENCE and any(w in _DEFINITE for w in low[:k]):
        return False  # "the researchers said", "these critics": people named before
    before = words[1:k]
    if any(w[:1].isupper() and not w.endswith(("'s", "’s", "s'", "s’")) for w in before):
        return False
    return not any(w[:1].isupper() for w in words[k + 1 :])


def _indirect_question(doc, m, ss, se, floor, para_index):
    """``X asked (Y) whether/if ...``: an indirect question is reported speech."""
    text = doc.text
    mention = _region_before(text, m.start(), floor)
    if mention is None:
        return None
    q = _QUESTION_RE.match(text, m.end(), se)
    if q is None:
        return None
    content = _trim(text, q.end(), se)
    if len(text[content[0] : content[1]].split()) < 3:
        return None
    return _make(doc, "indirect", [content], m, mention, para_index, (ss, se))


# a message that speaks through a participle: "a letter saying ...", "an ad claiming
# that ..." (rules version 6)
_MESSAGE_NOUN_RE = re.compile(
    r"\b((?:a|an|the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,2}?(?:ad|advert|advertisement|"
    r"letter|statement|post|tweet|message|email|e-mail|note|memo|video|banner|petition|"
    r"op-ed|column|release|notice|flyer|leaflet|commercial|announcement|text|speech))\s*$"
)


def _participle(doc, m, ss, se, floor, para_index, mode):
    """``..., saying (that) ...``: the speaker is the subject that opens the clause."""
    text = doc.text
    pre = text[floor : m.start()].rstrip()
    by = m.group() == "saying" and pre.endswith(" by")  # "ended the speech by saying ..."
    if by and _HYPOTHETICAL_RE.search(text, floor, m.start()):
        return None  # "might try to explain it by saying ..."
    message = _MESSAGE_NOUN_RE.search(pre) if not by else None
    if not pre.endswith(",") and not by and message is None:
        return None
    if m.group() not in ("saying", "adding") and mode != "say":
        nxt = text[m.end() : se].lstrip()
        if not nxt.startswith("that"):
            return None
    if by:
        spk = _opening_subject(text, floor, floor + len(pre) - 2)
    elif message is not None and not pre.endswith(","):
        # "the campaign ran an ad saying ...": the message's sender opens the clause,
        # else the message itself speaks (rules version 6)
        spk = _sentence_subject(text, floor, floor + message.start())
        if spk is not None and not text[spk[1] : floor + message.start()].strip():
            # the subject ran into the verb before the message ("The campaign ran")
            words = text[spk[0] : spk[1]].split()
            spk = _valid_region(text, spk[0], spk[1] - len(words[-1])) if len(words) > 1 else None
        if spk is None or spk[1] > floor + message.start():
            spk = _valid_region(text, floor + message.start(1), floor + message.end())
    else:
        spk = _sentence_subject(text, floor, m.start())
    if spk is None:
        return None
    start = m.end()
    look = text[start:se]
    that = re.compile(r"^\s*(?:,\s*)?(?:that\b)?").match(look)
    cstart = start + (that.end() if that else 0)
    content = _trim(text, cstart, se)
    if len(text[content[0] : content[1]].split()) < 3:
        return None
    return _make(doc, "indirect", [content], m, spk, para_index, (ss, se))


# a speech noun with its clause after a light verb: "made the point that ...",
# "expressed confidence that ...", "issued a warning that ..." (rules version 6)
_NOUN_CLAUSE_RE = re.compile(
    r"\b(?:made|makes|making|expressed|expresses|expressing|voiced|voices|voicing|issued|"
    r"issues|issuing|reiterated|reiterates|repeated|repeats|offered|offers|gave|gives)\s+"
    r"(?:(?:the|a|an|his|her|their|its|our|my)\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    r"(point|argument|case|claim|warning|assurances?|promise|prediction|complaint|"
    r"confidence|concerns?|hopes?|belief|doubts?|fears?|optimism|skepticism|scepticism)"
    r"\s+that\b"
)


def _noun_clause(doc, m, ss, se, inside, para_index):
    """Indirect speech through a speech noun (``_NOUN_CLAUSE_RE``): the sentence's
    subject is the speaker; none without a named or described subject."""
    text = doc.text
    if any(a < m.start() < b for a, b in inside):
        return None
    floor = _clause_floor(text, ss, m.start(), inside)
    if _negated_or_passive(text, m.start(), floor):
        return None
    spk = _sentence_subject(text, floor, m.start())
    if spk is None or _generic(text, *spk):
        return None
    if re.match(r"(?:I|we|We)\b", text[spk[0] : spk[1]]):
        return None  # "I've made the case that": the writer's own argument
    content = _trim(text, m.end(), se)
    if len(text[content[0] : content[1]].split()) < 3:
        return None
    return _make(doc, "indirect", [content], m, spk, para_index, (ss, se))


def _according(doc, acc, ss, se, inside, para_index):
    text = doc.text
    if any(a < acc.start() < b for a, b in inside):
        return None
    comma = text.find(",", acc.end(), se)
    if acc.start() - ss <= 2 or not text[ss : acc.start()].strip():
        # "According to Lavrov, the talks ..."
        if comma < 0:
            return None
        spk = _trim(text, acc.end(), comma)
        content = _trim(text, comma + 1, se)
    else:
        end = comma if comma >= 0 else se
        spk = _trim(text, acc.end(), end)
        content = _trim(text, ss, acc.start())
        if comma >= 0 and len(text[comma + 1 : se].split()) > 2:
            content2 = _trim(text, comma + 1, se)
            if len(text[content[0] : content[1]].split()) < 3:
                content = content2
    if spk[1] <= spk[0] or len(text[spk[0] : spk[1]].split()) > 12:
        return None
    if len(text[content[0] : content[1]].split()) < 3:
        return None
    # a document or figure is a source too ("according to the report"); kept
    q = _make(doc, "indirect", [content], acc, spk, para_index, (ss, se))
    q["verb"] = "according to"
    return q


def _make(doc, kind, parts, verb_m, mention, para, sent):
    parts = [p for p in parts if p[1] > p[0]]
    return _new_quote(kind, parts, verb_m, mention, para, sent)


def _dialogue_labels(text: str) -> set[str]:
    """Labels of a written dialogue: two or more labels that each open two or more
    paragraphs ("Gail: ...", "Bret: ..." taking turns)."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"(?m)^([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}):\s", text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    turns = {k for k, n in counts.items() if n >= 2}
    return turns if len(turns) >= 2 else set()


def _transcript_turn(
    text: str, ps: int, pe: int, para_index: int, sents, dialogue=frozenset()
) -> dict | None:
    """``NAME: words`` opening a paragraph (interview transcripts) as a direct quote."""
    m = _TRANSCRIPT_RE.match(text, ps, pe)
    if m is None:
        return None
    label = m.group(1)
    if label.lower() in _NOT_TRANSCRIPT or any(w.lower() in _NOT_TRANSCRIPT for w in label.split()):
        return None
    body = _trim(text, m.end(), pe, " \t")
    if len(text[body[0] : body[1]].split()) < 4:
        return None
    last = label.split()[-1]
    letters = [c for c in label if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) >= 0.75 * len(letters)  # "SEN. McCAIN"
    quoted = text[body[0] : body[0] + 1] in '“"'  # "Roll Call: “...”": a cited passage
    if not (capitals or quoted) and last.lower() not in _TURN_ROLES and label not in dialogue:
        # a label in title case must name someone the article names elsewhere, after
        # a lower-case word or a first name ("Morrow:" after "Ada Morrow spoke"), not a
        # list or section label ("Costs:", "Opinion:"; rules version 6)
        named = rf"(?:\b[a-z][a-z'’-]*[,;:]?\s+|[A-Z][\w'’-]+\s+){re.escape(last)}\b"
        if re.search(named, text[:ps] + "\n" + text[pe:]) is None:
            return None
    sent = (ps, _sentence_of(sents, body[1] - 1)[1])
    return _new_quote("direct", [body], None, m.span(1), para_index, sent)


def find_quotes(text: str) -> list[dict]:
    """Every quote of one text, in text order (see the module docstring for the rules).

    Returns a list of dicts with ``kind`` (``"direct"``/``"indirect"``), ``parts``
    (list of ``(start, end)`` spans of the quoted words), ``verb`` (lemma, or
    ``"according to"``, or None for a floating quote), ``verb_start``, ``mention``
    (``(start, end)`` of the speaker mention or None), ``paragraph`` (index),
    ``sentence`` (``(start, end)``), ``floating`` (bool) and, for floating quotes,
    ``follows`` (the quote whose speaker they take, or None).

    Examples
    --------
    >>> t = "“We are ready,” Lavrov said, “to continue.” Rubio said the talks were useful."
    >>> [(q["kind"], q["verb"], t[slice(*q["mention"])]) for q in find_quotes(t)]
    [('direct', 'say', 'Lavrov'), ('indirect', 'say', 'Rubio')]
    """
    doc = _Doc(text)
    dialogue = _dialogue_labels(text) if ":" in text else set()
    last_speaker = None
    lead_in = None
    carried = False  # the quotation-mark state across paragraphs: a quotation left open
    for para_index, (ps, pe) in enumerate(paragraph_spans(text)):
        sents = sentence_spans(text, ps, pe)
        segs = quote_segments(text, ps, pe, carried)
        carried = bool(segs) and not segs[-1][2]
        para_lead_in = lead_in
        # a paragraph ending with a colon may introduce a quotation in the next one
        lead_in = _attribution_before(doc, [pe, pe, 1], sents, ps) if text[pe - 1] == ":" else None
        turn = _transcript_turn(text, ps, pe, para_index, sents, dialogue)
        verb_m = None
        if turn is None and para_lead_in is not None and not segs and text[pe - 1] != ":":
            # "Lavrov wrote:" then a paragraph without quotation marks: a block quotation
            verb_m, mention = para_lead_in
            if mention is None or not text[mention[0]].isalpha():
                verb_m = None  # "10 Min read time Share:": page furniture, no source
        if turn is None and para_lead_in is not None and verb_m is not None:
            turn = _new_quote("direct", [(ps, pe)], verb_m, mention, para_index, (ps, pe))
        embed = _EMBED_RE.search(text, ps, pe) if "(@" in text[ps:pe] else None
        if turn is None and embed is not None and len(text[ps : embed.start()].split()) >= 3:
            # an embedded post: its text, then "— Name (@handle) Month D, YYYY"
            body = _trim(text, ps, embed.start(), ' \t"“”')
            turn = _new_quote("direct", [body], None, embed.span(1), para_index, (ps, pe))
        if turn is not None:  # a transcript turn: the whole paragraph is one quote
            doc.quotes.append(turn)
            last_speaker = turn
            continue
        direct = _direct_quotes(doc, para_index, ps, pe, sents, segs, last_speaker, para_lead_in)
        covered = [(q["parts"][0][0] - 1, q["parts"][-1][1] + 1) for q in direct]
        indirect = _indirect_quotes(doc, para_index, sents, segs)
        kept = []
        for q in indirect:
            s, e = q["parts"][0][0], q["parts"][-1][1]
            if any(a <= s and e <= b for a, b in covered):
                continue  # a clause inside a direct quote
            kept.append(q)
        # a reported clause that runs into a quotation continuing past its sentence
        # ("He admits he did it “for me. Also for them.”") takes the quotation along
        starts = {q["parts"][0][0] for q in direct}
        for q in kept:
            end = q["parts"][-1][1]
            for seg in segs:
                cs, close = _content_span(text, seg)
                if seg[0] < end < close and close > q["sentence"][1] and cs not in starts:
                    q["parts"][-1] = (q["parts"][-1][0], close)
        # unattributed quotations inside reported clauses are part of those clauses
        para_quotes = sorted(direct + kept, key=lambda q: q["parts"][0][0])
        for q in para_quotes:
            if q["floating"] and q.get("follows") is None:
                earlier = [p for p in para_quotes if p["parts"][0][0] < q["parts"][0][0]]
                q["follows"] = earlier[-1] if earlier else last_speaker
        if para_quotes:
            last_speaker = para_quotes[-1]
        doc.quotes.extend(para_quotes)
    return doc.quotes
