"""LIWC ``.dic`` dictionaries: reading and writing (private).

The format (Pennebaker et al., LIWC2015 manual): a line holding only ``%``, one
``<id><TAB><category name>`` line per category, ``%`` again, then one line per term:
``<term><TAB><id>[<TAB><id>...]``. A term may also appear on several lines with one id
each (as in the Moral Foundations Dictionary 2.0). ``*`` is a wildcard.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from framing._patterns import check_pattern
from framing.errors import LexiconError
from framing.lexicon._model import Category, DuplicateTermWarning, Lexicon

__all__ = ["read_dic", "write_dic"]


def _err(path, line, message, **context):
    return LexiconError(f"{path} line {line}: {message}", path=str(path), line=line, **context)


_ID = re.compile(r"\d+")


def read_dic(path: Path) -> Lexicon:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        lines = path.read_text(encoding="latin-1").splitlines()
    numbered = [(i + 1, ln.rstrip()) for i, ln in enumerate(lines) if ln.strip()]
    if not numbered or numbered[0][1].strip() != "%":
        line = numbered[0][0] if numbered else 1
        raise _err(
            path,
            line,
            "a LIWC .dic file starts with a line holding only '%', then one "
            "'<id><TAB><category>' line per category, then '%' again.",
        )
    ids: dict[str, str] = {}
    id_lines: dict[str, int] = {}
    pos = 1
    while pos < len(numbered) and numbered[pos][1].strip() != "%":
        line, text = numbered[pos]
        parts = text.split(None, 1)
        if len(parts) != 2 or not _ID.fullmatch(parts[0]):
            raise _err(
                path, line, f"expected '<id><TAB><category name>', got {text!r}.", value=text
            )
        cid = str(int(parts[0]))
        if cid in ids:
            raise _err(
                path,
                line,
                f"category id {cid} is declared twice (also line {id_lines[cid]}).",
                value=cid,
            )
        ids[cid], id_lines[cid] = parts[1].strip(), line
        pos += 1
    if pos >= len(numbered):
        raise _err(path, numbered[-1][0], "the category header is not closed by a '%' line.")
    terms: dict[str, dict[str, int]] = {cid: {} for cid in ids}
    for line, text in numbered[pos + 1 :]:
        if "\t" in text:
            fields = [f.strip() for f in text.split("\t") if f.strip()]
            term, codes = fields[0], fields[1:]
        else:
            fields = text.split()
            k = len(fields)
            while k > 1 and _ID.fullmatch(fields[k - 1]):
                k -= 1
            term, codes = " ".join(fields[:k]), fields[k:]
        if not codes:
            raise _err(path, line, f"term {term!r} has no category id.", value=term)
        try:
            check_pattern(term)
        except LexiconError as exc:
            raise _err(path, line, exc.message, value=term) from None
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
                raise _err(
                    path,
                    line,
                    f"term {term!r} uses category id {cid}, which the header does not "
                    f"declare (declared: {', '.join(ids)}). Add '{cid}<TAB><name>' to the header.",
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
