"""LIWC ``.dic`` and WordStat ``.cat`` dictionaries: reading, and writing ``.dic`` (private).

LIWC ``.dic`` (Pennebaker et al., LIWC2015 manual): a line holding only ``%``, one
``<id> <category name>`` line per category, ``%`` again, then one line per term:
``<term><TAB><id>[ <id>...]``. A term may also appear on several lines with one id each
(as in the Moral Foundations Dictionary 2.0, Frimer et al. 2019). ``*`` is a wildcard.
Files from the field are read as they come: any mix of tabs and spaces between the
fields (``preserve<TAB><TAB>01 07 09``, from the Moral Foundations Dictionary of Graham,
Haidt & Nosek 2009), ids with leading zeros, dotted or spaced category names, phrases
(words separated by spaces, the term ended by a TAB, or without a TAB by its trailing
ids), CRLF or CR line ends, a byte order mark, Latin-1/Windows-1252 text.

WordStat ``.cat`` (Provalis Research, WordStat manual): one category name per line, its
terms below it indented one level deeper, each optionally followed by a weight in
parentheses (``GOOD* (1)``); deeper indentation nests categories (dotted names). The
kit counts matches, so a weight other than 1 is refused rather than ignored.

Structure the reader cannot read unambiguously is an error naming the file, the line
and the fix; nothing is silently reinterpreted.
"""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from framing._patterns import check_pattern
from framing.errors import LexiconError
from framing.lexicon._model import Category, DuplicateTermWarning, Lexicon

__all__ = ["read_dic", "read_cat", "write_dic", "read_lines"]


def _err(path, line, message, **context):
    return LexiconError(f"{path} line {line}: {message}", path=str(path), line=line, **context)


_ID = re.compile(r"\d+")
_WEIGHT = re.compile(r"^(?P<term>.*?)\s*\((?P<weight>[^()]*)\)\s*$")


def read_lines(path: Path) -> list[str]:
    """The lines of a dictionary file: UTF-8 (with or without a byte order mark), UTF-16
    with a byte order mark, else Windows-1252 or Latin-1; any line end."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        for codec in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
    return text.splitlines()


def _term(path, line, text: str, term: str) -> str:
    term = " ".join(term.split())
    if not term:
        raise _err(path, line, f"no term before the category ids in {text!r}.", value=text)
    try:
        check_pattern(term)
    except LexiconError as exc:
        raise _err(path, line, exc.message, value=term) from None
    return term


def _header(path, numbered) -> tuple[dict[str, str], dict[str, int], int]:
    """Category ids -> names from the header; also each id's line and where terms start."""
    ids: dict[str, str] = {}
    id_lines: dict[str, int] = {}
    names: dict[str, str] = {}  # name -> id
    pos = 1
    while pos < len(numbered) and numbered[pos][1].strip() != "%":
        line, text = numbered[pos]
        parts = text.split(None, 1)
        if len(parts) != 2 or not _ID.fullmatch(parts[0]):
            if len(parts) == 2 and all(_ID.fullmatch(p) for p in parts[1].split()):
                raise _err(
                    path,
                    line,
                    f"{text.strip()!r} looks like a term, but the category header opened "
                    f"at line {numbered[0][0]} has no closing '%' line. Add a line holding "
                    "only '%' after the last '<id><TAB><category name>' line.",
                    value=text,
                )
            raise _err(
                path, line, f"expected '<id><TAB><category name>', got {text!r}.", value=text
            )
        cid, name = str(int(parts[0])), " ".join(parts[1].split())
        if cid in ids:
            raise _err(
                path,
                line,
                f"category id {cid} is declared twice (also line {id_lines[cid]}).",
                value=cid,
            )
        if name in names:
            first = names[name]
            raise _err(
                path,
                line,
                f"category name {name!r} is declared twice (ids {first} at line "
                f"{id_lines[first]} and {cid}); give each id its own name, or list the "
                f"terms of id {cid} under id {first}.",
                value=name,
            )
        ids[cid], id_lines[cid], names[name] = name, line, cid
        pos += 1
    if pos >= len(numbered):
        raise _err(
            path,
            numbered[-1][0],
            f"the category header opened at line {numbered[0][0]} is not closed by a '%' line.",
        )
    return ids, id_lines, pos + 1


def _split_term_line(text: str) -> tuple[str, list[str]]:
    """``(term, codes)`` of a term line: before the first TAB the term, after it the ids
    (any whitespace between them); without a TAB the ids are the trailing numbers."""
    if "\t" in text:
        term, _, rest = text.strip().partition("\t")
        return term, rest.split()
    fields = text.split()
    k = len(fields)
    while k > 1 and _ID.fullmatch(fields[k - 1]):
        k -= 1
    return " ".join(fields[:k]), fields[k:]


def read_dic(path: Path) -> Lexicon:
    """Read a LIWC ``.dic`` file (see the module docstring for what is accepted)."""
    numbered = [(i + 1, ln.rstrip()) for i, ln in enumerate(read_lines(path)) if ln.strip()]
    if not numbered or numbered[0][1].strip() != "%":
        line = numbered[0][0] if numbered else 1
        raise _err(
            path,
            line,
            "a LIWC .dic file starts with a line holding only '%', then one "
            "'<id><TAB><category>' line per category, then '%' again.",
        )
    ids, id_lines, start = _header(path, numbered)
    terms: dict[str, dict[str, int]] = {cid: {} for cid in ids}
    for line, text in numbered[start:]:
        if text.strip() == "%":
            raise _err(
                path,
                line,
                "a third '%' line; a .dic file has one category header between two '%' "
                "lines. Remove this line.",
            )
        raw_term, codes = _split_term_line(text)
        if not codes:
            raise _err(
                path, line, f"term {raw_term.strip()!r} has no category id.", value=raw_term.strip()
            )
        term = _term(path, line, text, raw_term)
        for code in codes:
            if not _ID.fullmatch(code):
                raise _err(
                    path,
                    line,
                    f"category code {code!r} of term {term!r} is not a number (LIWC2007 "
                    "conditional codes like '134/125[...]' are not supported). Use plain ids.",
                    value=code,
                )
            cid = str(int(code))
            if cid not in ids:
                hint = "" if "\t" in text else " (or end the term with a TAB if it holds numbers)"
                raise _err(
                    path,
                    line,
                    f"term {term!r} uses category id {cid}, which the header does not "
                    f"declare (declared: {', '.join(ids)}). Add '{cid}<TAB><name>' to the "
                    f"header{hint}.",
                    value=cid,
                )
            if term in terms[cid]:
                warnings.warn(
                    DuplicateTermWarning(
                        f"{path} line {line}: term {term!r} of category {ids[cid]!r} is "
                        f"already listed at line {terms[cid][term]}; the repeat is ignored."
                    ),
                    stacklevel=3,
                )
                continue
            terms[cid][term] = line
    cats = {}
    for cid, name in ids.items():
        if not terms[cid]:
            raise _err(
                path,
                id_lines[cid],
                f"category {name!r} (id {cid}) has no terms. Remove it from the header.",
                value=name,
            )
        cats[name] = Category(name, terms=tuple(terms[cid]))
    return Lexicon(name=path.stem, categories=cats, path=str(path))


def read_cat(path: Path) -> Lexicon:
    """Read a WordStat ``.cat`` dictionary (see the module docstring)."""
    numbered = [(i + 1, ln.rstrip()) for i, ln in enumerate(read_lines(path)) if ln.strip()]
    if not numbered:
        raise _err(path, 1, "the file is empty; a .cat file lists categories and their terms.")
    # [indent, full name, line, terms, children, indent of its items] of the open
    # categories, outermost first
    stack: list[list] = []
    cats: dict[str, Category | None] = {}
    done: list[tuple[str, int, dict, list]] = []
    top: list[str] = []

    def close_to(level: int) -> None:
        while len(stack) > level:
            _, name, line, terms, children, _ = stack.pop()
            if children and terms:
                raise _err(
                    path,
                    line,
                    f"category {name!r} has both terms and sub-categories; move its terms "
                    "into a sub-category.",
                    value=name,
                )
            done.append((name, line, terms, children))

    def indent_of(text: str) -> str:
        return text[: len(text) - len(text.lstrip())]

    for i, (line, text) in enumerate(numbered):
        indent, body = indent_of(text), text.strip()
        level = next((k for k, s in enumerate(stack) if s[0] == indent), None)
        if level is not None:
            close_to(level)
        elif stack and (stack[-1][5] not in (None, indent) or not indent.startswith(stack[-1][0])):
            raise _err(
                path,
                line,
                "the indentation matches no enclosing category; indent each level the "
                "same way (tabs or the same number of spaces).",
                value=body,
            )
        parent = stack[-1] if stack else None
        if parent is not None:
            parent[5] = indent
        nxt = indent_of(numbered[i + 1][1]) if i + 1 < len(numbered) else None
        if nxt is not None and nxt.startswith(indent) and nxt != indent:
            # a category: the next line is indented deeper
            m = _WEIGHT.match(body)
            name = " ".join((m.group("term") if m else body).split())
            full = f"{parent[1]}.{name}" if parent else name
            if full in cats:
                raise _err(path, line, f"category {full!r} is listed twice.", value=full)
            cats[full] = None  # keep pre-order: the group first
            (parent[4] if parent else top).append(full)
            stack.append([indent, full, line, {}, [], None])
            continue
        if parent is None:
            raise _err(
                path,
                line,
                f"term {body!r} is not under a category; put a category name on the line "
                "above it and indent the terms below it.",
                value=body,
            )
        m = _WEIGHT.match(body)
        raw = body
        if m:
            raw = m.group("term")
            weight = m.group("weight").strip()
            if weight not in ("1", "1.0", ""):
                raise _err(
                    path,
                    line,
                    f"term {raw!r} has weight {weight!r}; the kit counts each match once, so "
                    "weights other than 1 are not supported. Set it to (1) or drop the term.",
                    value=weight,
                )
        term = _term(path, line, body, raw)
        terms = parent[3]
        if term in terms:
            warnings.warn(
                DuplicateTermWarning(
                    f"{path} line {line}: term {term!r} of category {parent[1]!r} is "
                    f"already listed at line {terms[term]}; the repeat is ignored."
                ),
                stacklevel=2,
            )
            continue
        terms[term] = line
    close_to(0)
    for name, _, terms, children in done:
        cats[name] = Category(name, terms=tuple(terms), children=tuple(children))
    return Lexicon(name=path.stem, categories=cats, path=str(path))


def write_dic(lex: Lexicon, path: Path) -> None:
    """Write LIWC ``.dic``: leaf categories only (dotted names), one line per term."""
    leaves = [c for c in lex.categories.values() if not c.is_group]
    rows: dict[str, list[int]] = {}
    for i, cat in enumerate(leaves, start=1):
        for term in cat.terms:
            rows.setdefault(term, []).append(i)
    lines = ["%"] + [f"{i}\t{c.name}" for i, c in enumerate(leaves, start=1)] + ["%"]
    lines += [term + "".join(f"\t{i}" for i in ids) for term, ids in rows.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
