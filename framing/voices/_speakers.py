"""Speaker resolution within one article: names, surnames, pronouns, roles.

A speaker mention is resolved to a person or a description:

- a full name (two or more capitalised words after any title: "Russian Foreign
  Minister Sergei Lavrov" -> "Sergei Lavrov") stands for itself (``"name"``);
- a single name ("Rubio", "Mr. Lavrov") becomes the full name that ends in it earlier
  in the article, else anywhere in it (``"surname"``); without one it stays as it is;
- *he* or *she* takes the last speaker named in the same paragraph,
  else the last named speaker of an earlier paragraph (``"pronoun"``), preferring the
  nearest person named before it outside reported words (rules version 4: outside
  indirect speech too, so "X suggested that Y could ..." leaves Y out);
- *they* and *it* (rules version 4) take the last source described without a name in the same
  paragraph or the one before ("officials", "the ministry"; ``"pronoun"``), never a
  single named person; without one it stays unresolved (``"none"``);
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
    NATIONALITY_WORDS,
    PRONOUNS,
    ROLE_HEADS,
    TITLE_WORDS,
)

__all__ = ["resolve", "person_index", "split_title"]

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
    r",\s+((?:the|a|an|[A-Z][\w.]*['’]s|[A-Z][\w.]*)\s+[^,.;:“”\"()]{2,80}?)(?=,|\.|;|$)"
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
    video advertisement""".split()
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
            if any(w in ROLE_HEADS or w in TITLE_WORDS for w in low):
                roles.append(phrase)
        lower_title = _LOWER_TITLE.search(text[max(0, m.start() - 60) : m.start()])
        if lower_title is not None:
            roles.insert(0, lower_title.group(1))
        people.append((m.start(), full, "; ".join(r for r in roles if r)))
        by_full = counts.setdefault(name[-1], {})
        by_full[full] = by_full.get(full, 0) + 1
    for surname, fulls in counts.items():  # the full name mentioned most, first on ties
        surnames[surname] = max(fulls, key=fulls.get)
    people += [(p, surnames[n], "") for p, n in singles if n in surnames]
    people.sort()
    people = [(p, surnames.get(n, n) if " " not in n else n, r) for p, n, r in people]
    return people, surnames


def _clean(mention: str) -> str:
    out = re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", out)


def _name_in(mention: str) -> tuple[list[str], list[str]] | None:
    """(title words, name words) of the capitalised run that ends the mention's head
    ("Foreign Minister Sergei Lavrov", "Lavrov, Russia's foreign minister"); a run
    followed by lower-case words ("Factory owners") is a modifier, not a name."""
    head = re.split(r",|\(", mention, maxsplit=1)[0].strip()
    for m in _CAP_RUN.finditer(head):
        if head[m.end() :].strip(" '’s"):
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
    para_starts = [s for s, _ in paragraph_spans(text)]
    # people named inside reported words (direct or indirect) are not the next speaker
    quoted = [p for q in quotes for p in q["parts"]]
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
        low = mention.lower().strip()
        sentence = text[q["sentence"][0] : q["sentence"][1]]
        speaker, method, role = None, "description", ""
        if low in ("they", "it"):
            # "they" and "it" stand for a group or an institution, not a named person:
            # the last source described without a name in this paragraph or the one
            # before ("officials", "the ministry"), else it stays unresolved
            _take_speaker(q, _last_described(described, q["paragraph"]), "pronoun", mention)
            continue
        if low in PRONOUNS:
            para = q["paragraph"]
            lo = para_starts[para - 1] if para else para_starts[para]
            near = None
            if low in ("he", "she"):
                near = _nearest_person(people + named, para_starts[para], span[0], quoted)
                if near is None:
                    near = _nearest_person(people + named, lo, para_starts[para], quoted)
            src = last_named.get(para)
            if near is not None:
                speaker, method = near, "pronoun"
                role = "; ".join(roles_of.get(near, []))
            elif src is not None:
                speaker, method, role = src["speaker"], "pronoun", src["speaker_role"]
            elif last_any_named is not None:
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
                    full = surnames.get(name[0])
                    speaker = full or name[0]
                    method = "surname" if full else "name"
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


def _nearest_person(people, lo, hi, quoted):
    """The person named last between ``lo`` and ``hi``, outside quotations."""
    best = None
    for p, name, _ in people:
        if lo <= p < hi and (best is None or p > best[0]):
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
