"""Speaker resolution within one article: names, surnames, pronouns, roles.

A speaker mention is resolved to a person or a description:

- a full name (two or more capitalised words after any title: "Russian Foreign
  Minister Sergei Lavrov" -> "Sergei Lavrov") stands for itself (``"name"``);
- a single name ("Rubio", "Mr. Lavrov") becomes the full name that ends in it and that
  the article names most, or (rules version 6) the one named before it when the usual
  one is first named later (``"surname"``); without one it stays as it is;
- *he* or *she* takes the last speaker named in the same paragraph,
  else the last named speaker of an earlier paragraph (``"pronoun"``), preferring the
  nearest person named before it outside reported words (rules version 4: outside
  indirect speech too, so "X suggested that Y could ..." leaves Y out); rules version 6
  skips people the article shows to be of the other gender (:func:`person_genders`)
  and reads "He, too" as *he*;
- *they* and *it* (rules version 4) take the last source described without a name in the same
  paragraph or the one before ("officials", "the ministry"; ``"pronoun"``), never a
  single named person; rules version 6 then tries the last group of people or document
  named there ("the protesters", "the report") when no person is named after it;
  without one it stays unresolved (``"none"``);
- a report of a report ("OUTLET reported that NAME has told ... that ...") belongs to
  the inner speaker when the reported clause opens with a named person and a speech
  verb (rules version 6, ``"nested"``); "“...,” I replied" is the writer's (``"writer"``);
- a definite role ("the minister", "the foreign minister", "the senator") takes the
  last person before the quote whose title or appositive has that role word
  (``"role"``); "Sergei Lavrov, Russia's foreign minister" and "Foreign Minister Sergei
  Lavrov" anywhere in the article both give Lavrov the role;
- a floating quote takes the resolved speaker of the quote it follows (``"follows"``);
- anything else (an institution, "officials", "a person familiar with the talks") is
  kept as written, without a leading article (``"description"``).

The roles found for a person (titles and appositives) are returned as ``speaker_role``
so that :mod:`framing.voices` can map "Oleg Varlamov" to Russian officials when the
article calls him "Russia's deputy foreign minister".
"""

from __future__ import annotations

import re

from framing.voices._extract import paragraph_spans
from framing.voices._lexicon import (
    ANON_HEADS,
    FEMALE_WORDS,
    MALE_WORDS,
    NATIONALITY_WORDS,
    PRONOUNS,
    ROLE_HEADS,
    TITLE_WORDS,
)

__all__ = ["resolve", "person_index", "split_title", "person_genders"]

_ABBR = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|St|Jr|Sr|Amb|Sec|Pres)\."
_CAP_TOKEN = rf"(?:{_ABBR}|[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w'’\-]*)"
_CAP_RUN = re.compile(
    rf"(?<![\w.]){_CAP_TOKEN}"
    rf"(?:\s+(?:{_CAP_TOKEN}|(?:de|da|van|von|bin|al|el|le|la|di|del|der|dos|du)(?=\s+[A-Z])))*"
)
_NOT_NAME = frozenset(
    """the a an in on at but and he she it they we i this that these those his her their
    its our my your there here when while after before as if for with from by of to
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr""".split()
)
_ORG_WORDS = frozenset(
    """department ministry institute institution university house council committee party
    news times post fund bank agency service office association union organization
    organisation center centre foundation group company inc corp corporation club
    administration government kremlin pentagon commission court congress senate parliament
    network journal press review tribune herald daily agency school college program
    programme project campaign coalition alliance forum board bureau embassy consulate
    army navy force forces command cia fbi nato eu un asean""".split()
)
_LOWER_TITLE = re.compile(
    r"(?:^|\W)((?:[a-z.\-']+ ){0,3}(?:" + "|".join(sorted(ROLE_HEADS)) + r"))\s+$"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_BEFORE_PERSON = frozenset("the in at from of near across to for into on by".split())
_APPOSITIVE = re.compile(
    r",\s+((?:the|a|an|[A-Z][\w.]*['’]s|[A-Z][\w.]*|[a-z][\w-]*)\s+[^,.;:“”\"()]{2,80}?)"
    r"(?=,|\.|;|$)"
)


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a run of capitalised words into (title words, name words).

    Examples
    --------
    >>> split_title("Russian Foreign Minister Sergei Lavrov".split())
    (['Russian', 'Foreign', 'Minister'], ['Sergei', 'Lavrov'])
    >>> split_title(["Mr.", "Lavrov's"])
    (['Mr.'], ['Lavrov'])
    """
    i = 0
    while i < len(words) and (
        words[i].lower().rstrip(".").rstrip("'’s") in TITLE_WORDS
        or words[i].lower() in TITLE_WORDS
        or words[i].lower() in NATIONALITY_WORDS
        or words[i].lower() in {"of", "the"}
    ):
        i += 1
    name = [re.sub(r"['’]s?$", "", w) for w in words[i:]]
    return words[:i], [w for w in name if w]


_JUNK = frozenset(
    """then despite close but and so after before while when as if though although
    because since until yet also even meanwhile however read watch related photo
    video advertisement afterwards later earlier today yesterday now still instead
    does did do is was has have had where what why how who""".split()
)


def _strip_junk(name: list[str]) -> list[str]:
    """Drop leading words that are not part of a name (sentence adverbs, page residue
    in capitals such as "CLOSE" or "VPC")."""
    i = 0
    while i < len(name) - 1 and (
        name[i].lower() in _JUNK or (name[i].isupper() and len(name[i]) > 1 and "." not in name[i])
    ):
        i += 1
    return name[i:]


def _is_person(name: list[str]) -> bool:
    if not name or len(name) > 4:
        return False
    lowered = [w.lower().rstrip(".") for w in name]
    if lowered[0] in _NOT_NAME or any(w in _ORG_WORDS for w in lowered):
        return False
    return all(w[:1].isupper() for w in name)


def person_index(text: str) -> tuple[list[tuple[int, str, str]], dict[str, str]]:
    """People named in a text: ``[(position, full name, roles)]`` and surname -> name.

    Roles are the title words before a name and an appositive after it.

    Examples
    --------
    >>> people, surnames = person_index(
    ...     "Russian Foreign Minister Sergei Lavrov met Marco Rubio, the secretary of state, on Friday.")
    >>> [(n, r) for _, n, r in people]
    [('Sergei Lavrov', 'Russian Foreign Minister'), ('Marco Rubio', 'the secretary of state')]
    >>> surnames["Rubio"]
    'Marco Rubio'
    """
    people, counts = [], {}
    surnames: dict[str, str] = {}
    singles = []
    for m in _CAP_RUN.finditer(text):
        words = m.group().split()
        if len(words) == 1:  # the common case: a capitalised word on its own
            word = _POSSESSIVE.sub("", words[0])
            if word.lower() not in _NOT_NAME and word.lower() not in TITLE_WORDS:
                singles.append((m.start(), word))
            continue
        before = text[max(0, m.start() - 8) : m.start()].split()
        if words[0] in ("The", "A", "An") or (before and before[-1].lower() in _NOT_BEFORE_PERSON):
            continue  # "the Harbour Trust", "in Port Quell": organisations and places
        title, name = split_title(_strip_junk(words))
        if not name or not _is_person(name):
            continue
        if len(name) == 1:  # "President Trump": the full name, when known, is used
            if title:
                people.append((m.start(), name[0], " ".join(title)))
            else:
                singles.append((m.start(), name[0]))
            continue
        full = " ".join(name)
        roles = [" ".join(title)] if title else []
        app = _APPOSITIVE.match(text, m.end())
        if app is not None:
            phrase = app.group(1)
            low = phrase.lower().split()
            # a lower-case start only as a role ("Mark Hodge, mayor of X"; rules version 6)
            bare = phrase[0].islower() and low[0] not in ("the", "a", "an")
            starts_as_role = not bare or low[0] in ROLE_HEADS or low[0] in TITLE_WORDS
            if starts_as_role and any(w in ROLE_HEADS or w in TITLE_WORDS for w in low):
                roles.append(phrase)
        lower_title = _LOWER_TITLE.search(text[max(0, m.start() - 60) : m.start()])
        if lower_title is not None:
            roles.insert(0, lower_title.group(1))
        people.append((m.start(), full, "; ".join(r for r in roles if r)))
        by_full = counts.setdefault(name[-1], {})
        by_full[full] = by_full.get(full, 0) + 1
    for surname, fulls in counts.items():  # the full name mentioned most, first on ties
        surnames[surname] = max(fulls, key=fulls.get)
    people += [(p, n, "") for p, n in singles if n in surnames]
    people.sort()
    fulls = [(p, n) for p, n, _ in people if " " in n]
    people = [(p, n if " " in n else full_before(fulls, n, p, surnames), r) for p, n, r in people]
    return people, surnames


def full_before(fulls, surname: str, pos: int, surnames: dict) -> str:
    """The full name a lone ``surname`` at ``pos`` stands for: the full name ending in it
    that the article names most (``surnames``), unless that one is first named after
    ``pos`` and another full name ending in it was named before (rules version 6: the
    reader knows only the earlier person yet); ``fulls`` holds the sorted ``(position,
    full name)`` of the article's full names. Without any, ``surname`` itself."""
    usual = surnames.get(surname, surname)
    before = [full for p, full in fulls if p < pos and full.split()[-1] == surname]
    if before and usual not in before and not before[-1].endswith(" " + usual):
        return before[-1]
    return usual


_GENDERED_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)  # subjects: "her aide" misleads
_GENDER_REACH = 250  # characters after a person's mention searched for a pronoun


def person_genders(text: str, people, quoted=()) -> dict[str, str]:
    """``"f"`` or ``"m"`` for the people of ``people`` (from :func:`person_index`) whose
    gender the article shows; people it does not show are left out.

    Evidence, summed over a person's mentions: a title, role or given name in
    :data:`~framing.voices._lexicon.FEMALE_WORDS` / ``MALE_WORDS`` (two votes) and the
    first *he* or *she* after a mention, before the next person is named,
    within the paragraph and outside the spans of ``quoted`` (one vote). The majority
    decides; a tie gives nothing.

    Examples
    --------
    >>> text = "Mara Quill spoke first. She said the plan was ready. Ivo Brandt disagreed."
    >>> people, _ = person_index(text)
    >>> person_genders(text, people)
    {'Mara Quill': 'f'}
    """
    votes: dict[str, list[int]] = {}
    order = sorted(people)
    for k, (pos, name, role) in enumerate(order):
        tally = votes.setdefault(name, [0, 0])
        words = {w.lower().strip(".,;'’") for w in role.split()} | {name.split()[0].lower()}
        tally[0] += 2 * bool(words & FEMALE_WORDS)
        tally[1] += 2 * bool(words & MALE_WORDS)
        stop = order[k + 1][0] if k + 1 < len(order) else len(text)
        stop = min(stop, pos + _GENDER_REACH)
        newline = text.find("\n", pos, stop)
        stop = newline if newline >= 0 else stop
        run = _CAP_RUN.match(text, pos)
        for m in _GENDERED_RE.finditer(text, run.end() if run else pos, stop):
            if any(a <= m.start() < b for a, b in quoted):
                continue
            tally[0 if m.group().lower() == "she" else 1] += 1
            break
    return {n: "f" if f > m else "m" for n, (f, m) in votes.items() if f != m}


def _clean(mention: str) -> str:
    out = re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", out)


# "Tom Cole of Oklahoma", "Ana Ruiz from Texas": a place after a name (rules version 6)
_PLACE_AFTER = re.compile(r"\s+(?:of|from)\s+(?:[A-Z][\w.'’-]*\s*){1,3}")


def _name_in(mention: str) -> tuple[list[str], list[str]] | None:
    """(title words, name words) of the capitalised run that ends the mention's head
    ("Foreign Minister Sergei Lavrov", "Lavrov, Russia's foreign minister"); a run
    followed by lower-case words ("Factory owners") is a modifier, not a name."""
    head = re.split(r",|\(", mention, maxsplit=1)[0].strip()
    for m in _CAP_RUN.finditer(head):
        rest = head[m.end() :]
        if rest.strip(" '’s") and not _PLACE_AFTER.fullmatch(rest):
            continue
        before = head[: m.start()].split()
        if before and before[-1].lower() in {
            "in",
            "of",
            "from",
            "at",
            "for",
            "with",
            "on",
            "near",
            "across",
            "by",
        }:
            continue
        title, name = split_title(_strip_junk(m.group().split()))
        if _is_person(name):
            return title, name
    return None


def resolve(text: str, quotes: list[dict]) -> list[dict]:
    """Add ``speaker``, ``speaker_role``, ``resolution`` and ``anonymous`` to each quote
    of one text (in place; quotes in text order, as from ``find_quotes``)."""
    people, surnames = person_index(text)
    roles_of = {}
    for _, name, role in people:
        if role:
            roles_of.setdefault(name, [])
            if role not in roles_of[name]:
                roles_of[name].append(role)
    fulls = [(p, n) for p, n, _ in people if " " in n]
    para_starts = [s for s, _ in paragraph_spans(text)]
    # people named inside reported words (direct or indirect) are not the next speaker
    quoted = [p for q in quotes for p in q["parts"]]
    genders = person_genders(
        text, people, [p for q in quotes if q["kind"] == "direct" for p in q["parts"]]
    )
    named: list[tuple[int, str, str]] = []
    last_named: dict[int, dict] = {}
    last_any_named = None
    described: list[dict] = []  # quotes whose source is described, not named
    for q in quotes:
        if q["floating"]:
            _take_speaker(q, q.get("follows"), "follows")
            continue
        span = q["mention"]
        if span is None:
            q.update(speaker=None, speaker_role="", anonymous=False, resolution="none")
            continue
        mention = text[span[0] : span[1]]
        low = _PRONOUN_TAIL.sub("", mention.lower().strip())
        sentence = text[q["sentence"][0] : q["sentence"][1]]
        speaker, method, role = None, "description", ""
        inner = _nested_speaker(text, q, surnames) if q["kind"] == "indirect" else None
        if inner is not None:
            # a report of someone else's speech ("X reported that NAME has told ...")
            # belongs to the inner speaker (VALIDATION.md, decisions before round 6)
            speaker, method = inner, "nested"
            role = "; ".join(roles_of.get(inner, []))
        elif low == "i" and q["kind"] == "direct":
            speaker, method = "I", "writer"  # "“...,” I replied" (rules version 6)
        elif low in ("they", "it"):
            # "they" and "it" stand for a group or an institution, not a named person:
            # the last source described without a name in this paragraph or the one
            # before ("officials", "the ministry"), else (rules version 6) the last
            # group of people or document named there ("the protesters", "the report")
            src = _last_described(described, q["paragraph"])
            if src is None:
                lo = para_starts[q["paragraph"] - 1] if q["paragraph"] else 0
                phrase = _antecedent(text, lo, span[0], low, quoted, people)
                if phrase is not None:
                    q.update(speaker=phrase, speaker_role="", resolution="pronoun",
                             anonymous=_anonymous(phrase.lower(), sentence))  # fmt: skip
                    described.append(q)
                    continue
            _take_speaker(q, src, "pronoun", mention)
            continue
        elif low in PRONOUNS:
            para = q["paragraph"]
            lo = para_starts[para - 1] if para else para_starts[para]
            near = None
            # rules version 6: he/she skip people the article shows to be of the other
            # gender (person_genders)
            clash = {"he": "f", "she": "m"}.get(low)
            if clash is not None:
                near = _nearest_person(people + named, para_starts[para], span[0], quoted,
                                       genders, clash)  # fmt: skip
                if near is None:
                    near = _nearest_person(people + named, lo, para_starts[para], quoted,
                                           genders, clash)  # fmt: skip
            src = last_named.get(para)
            if src is not None and genders.get(src["speaker"]) == clash:
                src = None
            if near is not None:
                speaker, method = near, "pronoun"
                role = "; ".join(roles_of.get(near, []))
            elif src is not None:
                speaker, method, role = src["speaker"], "pronoun", src["speaker_role"]
            elif last_any_named is not None and genders.get(last_any_named["speaker"]) != clash:
                src = last_any_named
                speaker, method, role = src["speaker"], "pronoun", src["speaker_role"]
            else:
                speaker, method = mention, "none"
        else:
            found = _name_in(mention)
            if found is not None:
                title, name = found
                if len(name) == 1 and not _proper(text, name[0], surnames):
                    found = None
                elif len(name) == 1:
                    full = full_before(fulls, name[0], span[0], surnames)
                    speaker = full
                    method = "surname" if full != name[0] else "name"
                else:
                    speaker, method = " ".join(name), "name"
            if found is not None:
                parts = [" ".join(title)] if title else []
                parts += [mention] if "," in mention or "(" in mention else []
                parts += roles_of.get(speaker, [])
                role = "; ".join(p for p in dict.fromkeys(parts) if p)
            else:
                words = low.split()
                head = words[-1].strip(".,") if words else ""
                if words and words[0] == "the" and head in ROLE_HEADS and len(words) <= 4:
                    match = _last_with_role(people, span[0], words[1:])
                    if match is not None:
                        speaker, method = match
                        role = "; ".join(roles_of.get(speaker, []))
                if speaker is None:
                    speaker, method = _clean(mention), "description"
        q["speaker"] = speaker
        q["speaker_role"] = role
        q["resolution"] = method
        q["anonymous"] = method == "description" and _anonymous(low, sentence)
        if method == "description":
            described.append(q)
        if method in ("name", "surname", "role") or (method == "pronoun" and speaker is not None):
            last_named[q["paragraph"]] = q
            last_any_named = q
            named.append((span[0], speaker, role))
    return quotes


def _take_speaker(q: dict, src: dict | None, method: str, fallback: str | None = None):
    """Give quote ``q`` the resolved speaker of quote ``src`` (resolution ``method``),
    or leave it unresolved (``"none"``) with speaker ``fallback``."""
    if src is not None and src.get("speaker"):
        for key in ("speaker", "speaker_role", "anonymous"):
            q[key] = src[key]
        q["resolution"] = method
    else:
        q.update(speaker=fallback, speaker_role="", anonymous=False, resolution="none")


def _last_described(described: list[dict], para: int) -> dict | None:
    """The last quote of paragraph ``para`` or the one before whose source is a
    description (a group or an institution)."""
    for q in reversed(described):
        if q["paragraph"] >= para - 1:
            return q
        break
    return None


def _proper(text: str, word: str, surnames: dict) -> bool:
    """A single capitalised word is a name when the article also has it capitalised
    inside a sentence, or a full name ends with it ("Officials said" is no name)."""
    if word in surnames:
        return True
    if word.lower() in ANON_HEADS or word.lower() in ROLE_HEADS:
        return False
    return re.search(rf"[a-z,;:]\s+{re.escape(word)}\b", text) is not None


def _nearest_person(people, lo, hi, quoted, genders=None, clash=None):
    """The person named last between ``lo`` and ``hi``, outside quotations, skipping
    people whose gender in ``genders`` is ``clash``."""
    best = None
    for p, name, _ in people:
        if lo <= p < hi and (best is None or p > best[0]):
            if clash is not None and genders.get(name) == clash:
                continue
            if not any(a <= p < b for a, b in quoted):
                best = (p, name)
    return best[1] if best else None


def _last_with_role(people, pos, role_words):
    """The last person before ``pos`` whose roles contain the role words."""
    wanted = [w.strip(".,") for w in role_words]
    for p, name, role in reversed(people):
        if p >= pos or not role:
            continue
        low = role.lower()
        if all(w in low for w in wanted):
            return name, "role"
    return None


_PRONOUN_TAIL = re.compile(r"(?:,?\s+(?:too|also|himself|herself|themselves|itself|as well))+$")
_IT_HEADS = """report study statement letter memo memorandum document lawsuit complaint
    filing poll survey book article editorial analysis audit ruling order bill resolution
    agency ministry department company campaign committee commission court government
    administration organization organisation newspaper network union party""".split()
_THEY_HEADS = """protesters demonstrators officials lawmakers legislators residents workers
    activists voters authorities police officers investigators prosecutors authors
    organizers organisers students parents teachers leaders members democrats republicans
    senators analysts doctors nurses advocates supporters families farmers employees
    executives diplomats lawyers attorneys judges soldiers troops witnesses victims
    survivors negotiators regulators owners""".split()
# words of a noun phrase before its head: not a function word or a verb form
_MODIFIER = (
    r"(?!(?:in|of|on|at|to|for|with|by|from|and|or|that|which|who|is|was|are|were|has|"
    r"have|had|be|been|said|says|not|it|they|he|she)\b)[\w'’-]+"
)
_ANTECEDENT_RE = {
    "it": re.compile(
        r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+((?:"
        + _MODIFIER
        + r"\s+){0,4}?(?:"
        + "|".join(_IT_HEADS)
        + r"))\b"
    ),
    "they": re.compile(
        r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Tt]wo|[Tt]hree|"
        r"[Ff]our|[Dd]ozens of|\d[\d,]*)\s+((?:"
        + _MODIFIER
        + r"\s+){0,3}?(?:"
        + "|".join(_THEY_HEADS)
        + r"))\b",
        re.IGNORECASE,
    ),
}


def _antecedent(text: str, lo: int, hi: int, pronoun: str, quoted, people) -> str | None:
    """The group of people (*they*) or the document or institution (*it*) named last
    between ``lo`` and ``hi`` outside reported words, when no person is named after it
    (rules version 6: "The protesters marched ... They said" -> "protesters")."""
    last = None
    for m in _ANTECEDENT_RE[pronoun].finditer(text, lo, hi):
        if not any(a <= m.start() < b for a, b in quoted):
            last = m
    if last is None or any(last.end() <= p < hi for p, _, _ in people):
        return None
    return re.sub(r"\s+", " ", last.group(1))


_NESTED_RE = re.compile(
    r"\s*(?:that\s+)?(" + _CAP_RUN.pattern + r")\s+(?:(?:has|had|have|also|reportedly|"
    r"previously|privately|publicly|repeatedly|once|already|later|then|recently)\s+){0,2}"
    r"(?:told|said|says|asked|warned|assured|informed|wrote|promised|explained|insisted|"
    r"claimed|argued|stated)\b"
)


def _nested_speaker(text: str, q: dict, surnames: dict) -> str | None:
    """The inner speaker of a nested report: an indirect quote whose reported clause
    opens with a named person and a speech verb ("OUTLET reported that [NAME has told
    the President that ...]") is that person's (rules version 6)."""
    start = q["parts"][0][0]
    m = _NESTED_RE.match(text, start, min(len(text), start + 120))
    if m is None:
        return None
    title, name = split_title(_strip_junk(m.group(1).split()))
    if not _is_person(name):
        return None
    if len(name) == 1:
        return surnames.get(name[0]) if _proper(text, name[0], surnames) else None
    return " ".join(name)


_ANON_MARKER = re.compile(
    r"condition of anonymity|conditions of anonymity|not to be (?:named|identified)"
    r"|not authori[sz]ed to|speaking anonymously|requested anonymity|granted anonymity"
    r"|insisted on anonymity|declined to be (?:named|identified)",
    re.IGNORECASE,
)


def _anonymous(mention_lower: str, sentence: str) -> bool:
    """An unnamed source: an official, source, person... without a name."""
    words = re.findall(r"[\w'’.-]+", mention_lower.split(",")[0])
    if any(w.strip(".") in ANON_HEADS for w in words):
        return True
    return bool(_ANON_MARKER.search(sentence)) and not any(
        w.strip(".") in _ORG_WORDS for w in words
    )
