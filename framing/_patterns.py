"""Dictionary patterns: checking, compiling, and the fast matcher (private).

Pattern syntax (documented for users in :mod:`framing.lexicon`): a pattern is one or
more words separated by spaces; a word is literal text in which ``*`` stands for any
run of characters (also none) and ``?`` for exactly one character.

The matcher works on token lists made by :mod:`framing.text`, or (``count_texts``,
the path of scoring) directly on prepared texts: with the optional C extension
(``framing._speedups.count_hits``) each text is scanned once, its tokens counted and
looked up in the memo as they are found, and no token list is built unless the
lexicon has multiword expressions. Its speed comes from three things:

- every distinct token *type* is resolved against the patterns once and remembered
  (a dict from type to the category ids it belongs to and the multiword expressions
  it may start), so the per-token work is one C-level dict membership test
  (``filter(hit.__contains__, tokens)``) and a ``Counter`` over the few hits;
- with glob patterns, the memo holds every type seen (type -> 1 hit / 0 no hit), and
  one C-level pass (``compress(tokens, map(memo.get, tokens, repeat(1)))``) keeps the
  hits and the types never seen, which are then resolved; a lexicon without globs
  needs no resolution at all (its memo is complete from the start);
- multiword expressions are checked only where their anchor word occurs (their longest
  literal word, usually the rarest), found with `list.index` from its known count.

Bounded work for any input: a glob word with at most one ``*`` is a compiled regular
expression (linear: one ``.*`` backtracks over one position at a time); one with two or
more is matched by :class:`_Glob`, which finds its literal pieces in order (a glob like
``a*a*a*a*b`` would make a regular expression backtrack exponentially). Globs are
indexed by their literal prefix (else suffix), so resolving a token tries only the
globs that can match it and setting up a lexicon is linear in its size.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, repeat

import numpy as np

from framing import _tokens
from framing.errors import LexiconError

__all__ = ["check_pattern", "pattern_words", "glob_regex", "Matcher"]

# Memo size after which the remembered token types are forgotten (bounds memory on
# corpora with open vocabularies; they are simply resolved again when seen).
_MAX_SEEN = 3_000_000
# Glob detection by literal search when there are at most this many distinct literals,
# each at least this long; otherwise every new token type is checked.
_MAX_LITERALS = 24
_MIN_LITERAL = 3
# MWE words shorter than this are not counted for the presence check (see Matcher).
_MIN_PRESENCE_WORD = 4
_RUN = re.compile(r"[\w'.,%-]+")


def glob_regex(pattern: str) -> str:
    """A lexicon-style pattern as a regular expression over raw text (whole words; ``*``,
    ``?``; case-sensitive when written in capitals, like ``US``), for patterns matched on
    text rather than tokens (actor mentions, speaker roles).

    Examples
    --------
    >>> bool(re.search(glob_regex("Russian official*"), "two russian officials said"))
    True
    >>> bool(re.search(glob_regex("US"), "told us"))
    False
    """
    body = []
    for ch in pattern.strip():
        if ch == "*":
            body.append(r"\w*")
        elif ch == "?":
            body.append(r"\w")
        elif ch.isspace():
            if not body or body[-1] != r"\s+":
                body.append(r"\s+")
        else:
            body.append(re.escape(ch))
    regex = "".join(body)
    letters = [c for c in pattern if c.isalpha()]
    case_sensitive = len(letters) >= 2 and pattern.upper() == pattern
    tail = r"(?!\w)" if pattern.strip()[-1:].isalnum() or pattern.strip()[-1:] in "*?" else ""
    regex = rf"(?<!\w){regex}{tail}"
    return regex if case_sensitive else f"(?i:{regex})"


def check_pattern(pattern) -> None:
    """Raise :class:`LexiconError` (``value=pattern``) unless ``pattern`` is valid."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise LexiconError(
            f"empty pattern {pattern!r}: a pattern is a word, a glob like 'negotiat*', "
            "or words separated by spaces like 'peace talks'. Remove it.",
            value=pattern,
        )
    for word in pattern.split():
        if "**" in word:
            raise LexiconError(
                f"pattern {pattern!r}: '**' is not valid; one '*' already matches any "
                f"run of characters. Write {word.replace('**', '*')!r}.",
                value=pattern,
            )
        if not word.strip("*?"):
            raise LexiconError(
                f"pattern {pattern!r}: the word {word!r} is only wildcards and would match "
                "every token. Give at least one literal character (e.g. 'negotiat*').",
                value=pattern,
            )
        probe = word.replace("*", "x").replace("?", "x").lower()
        got = _tokens.find_tokens(probe)
        if got != [probe]:
            if _REGEX_LIKE.search(word):
                raise LexiconError(
                    f"pattern {pattern!r} can never match: it looks like a regular "
                    "expression, but patterns are globs: '*' stands for any run of "
                    "characters and '?' for one (e.g. 'negotiat*'); list alternatives as "
                    "separate patterns.",
                    value=pattern,
                )
            fix = _suggest(word, probe, got)
            raise LexiconError(
                f"pattern {pattern!r} can never match: the tokenizer reads {word!r} as "
                f"{got} (see framing.text: it drops the possessive 's and splits on "
                f"punctuation). Write {fix!r} instead.",
                value=pattern,
            )


_REGEX_LIKE = re.compile(r"\.\*|[|()\[\]{}+\\^$]")


def _suggest(word: str, probe: str, got: list[str]) -> str:
    """The pieces of ``word`` (wildcards kept) at the places the tokenizer found tokens
    in ``probe`` (the word with each wildcard as a letter, so positions line up)."""
    if not got:
        return "a word made of letters or digits"
    pieces, at = [], 0
    for tok in got:
        p = probe.find(tok, at)
        if p < 0:  # the tokenizer changed the token (e.g. dropped an 's): show it
            return " ".join(got)
        pieces.append(word[p : p + len(tok)])
        at = p + len(tok)
    return " ".join(pieces)


def pattern_words(pattern: str, *, case_sensitive: bool = False) -> tuple[str, ...]:
    """Split a (checked) pattern into its words, lower-cased unless ``case_sensitive``."""
    words = tuple(pattern.split())
    return words if case_sensitive else tuple(w.lower() for w in words)


def _is_glob(word: str) -> bool:
    return "*" in word or "?" in word


def _glob_regex(word: str) -> str:
    parts = []
    for ch in word:
        parts.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
    return "".join(parts)


class _Glob:
    """A glob word with two or more ``*``: its literal pieces found in order (linear).

    Called with a token, returns True on a match and None otherwise (as ``fullmatch``
    returns a match or None). ``?`` inside a piece matches one character.
    """

    __slots__ = ("head", "tail", "middle", "size")

    def __init__(self, word: str):
        pieces = word.split("*")
        self.head, self.tail = _Piece(pieces[0]), _Piece(pieces[-1])
        self.middle = [_Piece(p) for p in pieces[1:-1] if p]
        self.size = sum(len(p) for p in pieces)

    def __call__(self, t: str):
        n = len(t)
        if n < self.size or not self.head.at(t, 0):
            return None
        end = n - len(self.tail.text)
        if not self.tail.at(t, end):
            return None
        pos = len(self.head.text)
        for piece in self.middle:
            pos = piece.find(t, pos, end)
            if pos < 0:
                return None
            pos += len(piece.text)
        return True


class _Piece:
    """Literal text between two ``*`` of a glob; ``?`` matches any one character."""

    __slots__ = ("text", "search")

    def __init__(self, text: str):
        self.text = text
        pattern = "".join("." if ch == "?" else re.escape(ch) for ch in text)
        self.search = re.compile(pattern, re.S).search if "?" in text else None

    def at(self, t: str, pos: int) -> bool:
        if self.search is None:
            return t.startswith(self.text, pos)
        return pos >= 0 and self.search(t, pos, pos + len(self.text)) is not None

    def find(self, t: str, pos: int, end: int) -> int:
        if self.search is None:
            return t.find(self.text, pos, end)
        m = self.search(t, pos, end)
        return -1 if m is None else m.start()


def _word_matcher(word: str):
    """A word of a pattern as a plain str (exact), a compiled ``fullmatch`` (a glob with
    at most one ``*``: linear) or a :class:`_Glob` (two or more ``*``)."""
    if not _is_glob(word):
        return word
    if word.count("*") >= 2:
        return _Glob(word)
    return re.compile(_glob_regex(word), re.S).fullmatch


class _GlobIndex:
    """Glob words by their literal prefix (else suffix): the globs a token may match.

    ``candidates(t)`` yields ``(matcher, payload)`` for every glob whose prefix starts
    ``t`` (or whose suffix ends it, or that has neither), one dict probe per distinct
    prefix length, so resolving a token does not try every glob of a large lexicon.
    """

    def __init__(self):
        self._prefix: dict[str, list] = {}
        self._suffix: dict[str, list] = {}
        self._other: list = []
        self._prefix_lengths: list[int] = []
        self._suffix_lengths: list[int] = []

    def add(self, word: str, matcher, payload) -> None:
        head = re.split(r"[*?]", word, maxsplit=1)[0]
        tail = re.split(r"[*?]", word)[-1]
        if head:
            self._prefix.setdefault(head, []).append((matcher, payload))
            if len(head) not in self._prefix_lengths:
                self._prefix_lengths.append(len(head))
        elif tail:
            self._suffix.setdefault(tail, []).append((matcher, payload))
            if len(tail) not in self._suffix_lengths:
                self._suffix_lengths.append(len(tail))
        else:
            self._other.append((matcher, payload))

    def __bool__(self) -> bool:
        return bool(self._prefix or self._suffix or self._other)

    def candidates(self, t: str):
        n = len(t)
        for k in self._prefix_lengths:
            if k <= n:
                yield from self._prefix.get(t[:k], ())
        for k in self._suffix_lengths:
            if k <= n:
                yield from self._suffix.get(t[n - k :], ())
        yield from self._other

    def matching(self, t: str) -> list:
        """Payloads of the globs that match ``t``."""
        return [payload for m, payload in self.candidates(t) if m(t) is not None]


class Matcher:
    """Compiled patterns of several categories, with a memo over token types.

    Parameters
    ----------
    categories : list of (str, list of str)
        Category names and their (checked) patterns, in output order.
    case_sensitive : bool
        Match patterns as written (tokens must then be made with ``lower=False``).
    """

    def __init__(self, categories, *, case_sensitive: bool = False):
        self.names = [name for name, _ in categories]
        self.case_sensitive = case_sensitive
        self._exact: dict[str, list[int]] = {}
        # single-word globs; payload (category id, position in the category, pattern)
        self._globs = _GlobIndex()
        # (exact word, category id) -> (position in the category, pattern), the first
        self._exact_pos: dict[tuple[str, int], tuple[int, str]] = {}
        # multiword expressions: (category id, pattern, word matchers, anchor position);
        # an MWE is looked for only where its anchor word occurs: its longest literal
        # word (usually its rarest), or its first word when all words are globs.
        self._mwes: list[tuple[int, str, tuple, int]] = []
        self._anchor_exact: dict[str, list[int]] = {}
        self._anchor_glob = _GlobIndex()  # payload: the MWE's index
        # per MWE its literal words (position, word) kept in the memo, so a document's
        # counts show which MWEs can match at all and which of their words is rarest
        self._mwe_lits: list[tuple[tuple[int, str], ...]] = []
        self._lit_words: set[str] = set()
        for cid, (_, patterns) in enumerate(categories):
            for pos, pattern in enumerate(dict.fromkeys(patterns)):  # de-duplicated
                words = pattern_words(pattern, case_sensitive=case_sensitive)
                if len(words) == 1:
                    m = _word_matcher(words[0])
                    if isinstance(m, str):
                        if (m, cid) not in self._exact_pos:
                            self._exact.setdefault(m, []).append(cid)
                            self._exact_pos[m, cid] = (pos, pattern)
                    else:
                        self._globs.add(words[0], m, (cid, pos, pattern))
                else:
                    matchers = tuple(_word_matcher(w) for w in words)
                    k = _anchor(words)
                    idx = len(self._mwes)
                    self._mwes.append((cid, pattern, matchers, k))
                    # literal words checked for presence before positions are looked
                    # up; very short words (the, of, in) are left out: they occur in
                    # nearly every text, and counting them would cost more than it saves
                    lits = tuple((j, w) for j, w in enumerate(matchers) if isinstance(w, str))
                    long = tuple((j, w) for j, w in lits if len(w) >= _MIN_PRESENCE_WORD or j == k)
                    lits = long if len(long) >= 2 else lits
                    self._mwe_lits.append(lits)
                    self._lit_words.update(w for _, w in lits)
                    if isinstance(matchers[k], str):
                        self._anchor_exact.setdefault(matchers[k], []).append(idx)
                    else:
                        self._anchor_glob.add(words[k], matchers[k], idx)
        self.needs_resolution = bool(self._globs or self._anchor_glob)
        # A type can match a glob only if it contains the glob's longest literal run.
        # With few, long enough literals, new types are found by searching the text for
        # them (C-speed substring search) instead of checking every token's type.
        glob_words = [w for _, ps in categories for w in _glob_words(ps, case_sensitive)]
        lits = {max(re.split(r"[*?]", w), key=len) for w in glob_words}
        self._literals = sorted(lits) if len(lits) <= _MAX_LITERALS else None
        if self._literals and min(map(len, self._literals)) < _MIN_LITERAL:
            self._literals = None
        self._attribution: dict[tuple[str, int], str] = {}
        self._reset_memo()

    # -- the memo over token types ---------------------------------------------------
    def _reset_memo(self) -> None:
        self._hit: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._hit_set: set[str] = set()  # the keys of _hit (a set probe is a bit faster)
        # every type seen so far -> 1 if it is in ``_hit`` else 0 (globs only)
        self._code: dict[str, int] = {}
        # types already resolved by the literal search
        self._checked: set[str] = set()
        for word in [*self._exact, *self._anchor_exact, *self._lit_words]:
            self._resolve(word)

    def _resolve(self, t: str) -> None:
        cats = set(self._exact.get(t, ()))
        starts = []
        if self.needs_resolution:
            cats.update(payload[0] for payload in self._globs.matching(t))
            starts = self._anchor_glob.matching(t)
        starts.extend(self._anchor_exact.get(t, ()))
        is_hit = bool(cats or starts or t in self._lit_words)
        if is_hit:
            self._hit[t] = (tuple(sorted(cats)), tuple(sorted(starts)))
            self._hit_set.add(t)
        if self.needs_resolution:
            self._code[t] = int(is_hit)

    # -- fast counting ---------------------------------------------------------------
    def _resolve_by_literals(self, texts) -> None:
        """Resolve the tokens of ``texts`` that contain a glob's literal run."""
        checked = self._checked
        find = _tokens.find_tokens
        for text in texts:
            for lit in self._literals:
                p = text.find(lit)
                while p >= 0:
                    a = p
                    while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_'.,%-"):
                        a -= 1
                    run = _RUN.match(text, a)
                    e = run.end() if run else p + len(lit)
                    for t in find(text[a:e]):
                        if t not in checked:
                            checked.add(t)
                            self._resolve(t)
                    p = text.find(lit, max(e, p + 1))

    def count_texts(self, texts):
        """Tokenize and count prepared texts one at a time (the fast path of scoring).

        ``texts`` are normalised (and, unless case-sensitive, lower-cased) strings, as
        made by ``framing._tokens.prepare``. With the C extension, a text's tokens are
        counted as they are scanned, and a token list is built only when the lexicon
        has multiword expressions; without it, each token list is dropped once
        counted. Returns what :meth:`count` returns.
        """
        count_hits = _tokens.count_hits
        if count_hits is None:
            return self.count(map(_tokens.find_tokens, texts), texts, n=len(texts))
        n = len(texts)
        globs = self._prepare_memo(texts)
        n_tokens = np.zeros(n, dtype=np.int64)
        counts = np.zeros((n, len(self.names)), dtype=np.int64)
        # with globs left unresolved, count every type never seen (default 1) as well
        table, default = (self._code, 1) if globs else (self._hit_set, 0)
        # MWEs are checked on the token list; nearly every news text holds some MWE's
        # words (98.7% of AllSides articles for news_frames), so it comes from the
        # same scan. Without MWEs no list is built (``toks`` is None, never read).
        keep = bool(self._mwes)
        for d, text in enumerate(texts):
            n_tokens[d], found, toks = count_hits(text, table, default, keep)
            if globs:
                self._resolve_new(found)
            if found:
                counts[d] = self._row(found, toks)
        return n_tokens, counts

    def _prepare_memo(self, texts) -> bool:
        """Bound the memo and, with few glob literals, resolve the types in ``texts``
        that can match a glob. True if unseen types must still be resolved per token."""
        if self.needs_resolution and len(self._code) > _MAX_SEEN:
            self._reset_memo()
        if self.needs_resolution and texts is not None and self._literals is not None:
            if len(self._checked) > _MAX_SEEN:
                self._reset_memo()
            self._resolve_by_literals(texts)
            return False  # the memo now covers every type in these texts
        return self.needs_resolution

    def _resolve_new(self, found) -> None:
        """Resolve the types of ``found`` not yet in the memo; drop those that miss."""
        hit = self._hit
        for t in [t for t in found if t not in hit]:
            self._resolve(t)
            if t not in hit:
                del found[t]

    def _row(self, found, toks) -> list[int]:
        """Category counts of one document from its memo hits ``found`` (type ->
        occurrences) and its token list ``toks`` (read only for multiword expressions)."""
        hit = self._hit
        row = [0] * len(self.names)
        anchors = []
        for t, k in found.items():
            single, starts = hit[t]
            for cid in single:
                row[cid] += k
            if starts:
                anchors.append((t, k))
        if anchors:
            for cid, i, length, _ in self._mwe_matches(toks, anchors, found):
                row[cid] += 1
                for p in range(i, i + length):
                    if cid in hit.get(toks[p], ((), ()))[0]:
                        row[cid] -= 1  # the word counted alone is part of this MWE
        return row

    def count(self, token_lists, texts=None, *, n=None):
        """Count category matches in each token list.

        ``texts``, when given, are the exact strings the token lists were made from
        (normalised and lower-cased as for tokenizing); with them, glob patterns are
        resolved by searching the texts for their literal runs. ``token_lists`` may be
        an iterator when ``n`` (the number of documents) is given.

        Returns
        -------
        n_tokens : numpy.ndarray of int64, shape (n_docs,)
        counts : numpy.ndarray of int64, shape (n_docs, n_categories)
        """
        if n is None:
            token_lists = token_lists if isinstance(token_lists, list) else list(token_lists)
            n = len(token_lists)
        globs = self._prepare_memo(texts)
        n_tokens = np.zeros(n, dtype=np.int64)
        counts = np.zeros((n, len(self.names)), dtype=np.int64)
        is_hit = self._hit_set.__contains__  # bound after any reset of the memo above
        code_get = self._code.get
        for d, toks in enumerate(token_lists):
            n_tokens[d] = len(toks)
            if globs:
                # one C-level pass: keep hits and types never seen (default code 1)
                found = Counter(compress(toks, map(code_get, toks, repeat(1))))
                self._resolve_new(found)
            else:  # the memo covers every type: no globs, or resolved by literals
                found = Counter(filter(is_hit, toks))
            if found:
                counts[d] = self._row(found, toks)
        return n_tokens, counts

    def _mwe_matches(self, toks, anchors, found):
        """Selected MWE matches: leftmost-longest, non-overlapping within a category.

        ``anchors`` lists ``(type, occurrences)`` of the anchor types in ``toks`` and
        ``found`` counts every memo type in ``toks``. An MWE is tried only when all its
        literal words occur, and only at the occurrences of the rarest of them.
        """
        hit = self._hit
        mwes = self._mwes
        n = len(toks)
        cands = set()
        index = toks.index
        positions: dict[str, list[int]] = {}
        for t, _ in anchors:
            for m in hit[t][1]:
                cid, _, words, a = mwes[m]
                best, best_k = (a, t), found[t]
                for j, w in self._mwe_lits[m]:
                    k = found.get(w, 0)
                    if k == 0:
                        break
                    if k < best_k:
                        best, best_k = (j, w), k
                else:
                    j, w = best
                    where = positions.get(w)
                    if where is None:
                        where, p = [], -1
                        for _ in range(found[w]):
                            p = index(w, p + 1)
                            where.append(p)
                        positions[w] = where
                    length = len(words)
                    for p in where:
                        i = p - j
                        if i < 0 or i + length > n:
                            continue
                        for q in range(length):
                            w = words[q]
                            tok = toks[i + q]
                            if (tok != w) if w.__class__ is str else (w(tok) is None):
                                break
                        else:
                            cands.add((cid, i, -length, m))
        cands = sorted(cands)
        out = []
        end: dict[int, int] = {}
        for cid, i, neg_len, m in cands:
            if i < end.get(cid, 0):
                continue
            end[cid] = i - neg_len
            out.append((cid, i, -neg_len, m))
        return out

    # -- explaining matches (slower; for term counts and key words in context) --------
    def matches(self, toks):
        """Every counted match in one token list.

        Returns a list of ``(category id, start, length, pattern)``, one per counted
        match, sorted by position; summing them per category gives :meth:`count`.
        """
        if self.needs_resolution:
            for t in toks:
                if t not in self._code:
                    self._resolve(t)
        hit = self._hit
        out = []
        covered: set[tuple[int, int]] = set()
        found = Counter(t for t in toks if t in hit)
        anchors = [(t, k) for t, k in found.items() if hit[t][1]]
        for cid, i, length, m in self._mwe_matches(toks, anchors, found):
            out.append((cid, i, length, self._mwes[m][1]))
            covered.update((cid, p) for p in range(i, i + length))
        for p, t in enumerate(toks):
            h = hit.get(t)
            if h is None:
                continue
            for cid in h[0]:
                if (cid, p) not in covered:
                    out.append((cid, p, 1, self._attribute(t, cid)))
        out.sort(key=lambda r: (r[1], r[0]))
        return out

    def _attribute(self, t: str, cid: int) -> str:
        """The first single-word pattern of category ``cid`` (in order) matching ``t``."""
        key = (t, cid)
        found = self._attribution.get(key)
        if found is None:
            hits = [(pos, p) for c, pos, p in self._globs.matching(t) if c == cid]
            if key in self._exact_pos:
                hits.append(self._exact_pos[key])
            found = self._attribution[key] = min(hits)[1]
        return found


def _anchor(words) -> int:
    """Position of an MWE's anchor: its longest literal word, else its first word."""
    literal = [(len(w), -j) for j, w in enumerate(words) if not _is_glob(w)]
    return -max(literal)[1] if literal else 0


def _glob_words(patterns, case_sensitive):
    """Glob words that can decide a single-word match or an MWE's anchor."""
    for pattern in patterns:
        words = pattern_words(pattern, case_sensitive=case_sensitive)
        w = words[_anchor(words)]
        if _is_glob(w):
            yield w
