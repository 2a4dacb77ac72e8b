"""The dictionary model: :class:`Lexicon` and :class:`Category` (private; public via
:mod:`framing.lexicon`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from framing._patterns import check_pattern
from framing._shared.jsonable import sha256_text
from framing.errors import LexiconError

__all__ = ["Category", "Lexicon", "DuplicateTermWarning"]


class DuplicateTermWarning(UserWarning):
    """A term is listed twice in one category (the second listing is ignored)."""


# framing.lexicon is the public home of DuplicateTermWarning
# (reprs, docs and saved models, which skops stores by dotted name).
DuplicateTermWarning.__module__ = "framing.lexicon"


@dataclass(frozen=True)
class Category:
    """One category of a dictionary.

    Parameters
    ----------
    name : str
        Full name; a nested category's name is its dotted path (``frames.conflict``).
    definition : str
        What the category measures, for the codebook and reports.
    terms : tuple of str
        Patterns (words, globs with ``*``/``?``, multiword expressions). Empty for a
        group.
    sources : tuple of str
        Citations for this category.
    children : tuple of str
        Full names of the direct sub-categories (non-empty only for a group; a group's
        count is the union of its descendants' patterns).
    """

    name: str
    definition: str = ""
    terms: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    children: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        """True when the category groups sub-categories instead of listing terms."""
        return bool(self.children)


# framing.lexicon is the public home of Category
# (reprs, docs and saved models, which skops stores by dotted name).
Category.__module__ = "framing.lexicon"


@dataclass(frozen=True)
class Lexicon:
    """A dictionary: named categories of patterns, with version and sources.

    Parameters
    ----------
    name : str
        Short identifier (``news_frames``).
    categories : mapping of str to Category, or list of Category
        In output order; groups come before their children.
    version, language, description : str
        Metadata (``language`` defaults to ``"en"``).
    sources : tuple of str
        Citations (papers, codebooks) the dictionary comes from.
    path : str or None
        Where it was read from (not part of equality or of :attr:`content_hash`).

    Raises
    ------
    LexiconError
        If there are no categories, a category has no terms, a pattern is invalid,
        or a group names a child that does not exist.

    Examples
    --------
    >>> lex = Lexicon.from_dict({"conflict": ["clash*", "war of words"]}, name="mini")
    >>> lex.category_names
    ['conflict']
    >>> lex.categories["conflict"].terms
    ('clash*', 'war of words')
    """

    name: str
    categories: Mapping[str, Category]
    version: str = ""
    language: str = "en"
    description: str = ""
    sources: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        cats = self.categories
        if not isinstance(cats, Mapping):
            cats = {c.name: c for c in cats}
        object.__setattr__(self, "categories", dict(cats))
        object.__setattr__(self, "sources", tuple(self.sources))
        where = f"lexicon {self.name!r}" + (f" ({self.path})" if self.path else "")
        if not self.categories:
            raise LexiconError(
                f"{where} has no categories. Add at least one category with terms.",
                path=self.path,
            )
        for key, cat in self.categories.items():
            if key != cat.name:
                raise LexiconError(
                    f"{where}: category stored under {key!r} is named {cat.name!r}.",
                    path=self.path,
                    value=key,
                )
            if cat.is_group:
                missing = [c for c in cat.children if c not in self.categories]
                if missing:
                    raise LexiconError(
                        f"{where}: group {cat.name!r} lists unknown children {missing}.",
                        path=self.path,
                        value=missing,
                    )
                if cat.terms:
                    raise LexiconError(
                        f"{where}: category {cat.name!r} has both terms and sub-categories; "
                        "move its terms into a sub-category.",
                        path=self.path,
                        value=cat.name,
                    )
            elif not cat.terms:
                raise LexiconError(
                    f"{where}: category {cat.name!r} is empty. Add terms or remove it.",
                    path=self.path,
                    value=cat.name,
                )
            for term in cat.terms:
                try:
                    check_pattern(term)
                except LexiconError as exc:
                    raise LexiconError(
                        f"{where}, category {cat.name!r}: {exc.message}",
                        path=self.path,
                        value=term,
                    ) from None

    @classmethod
    def from_dict(cls, mapping: Mapping, *, name: str = "lexicon", **meta) -> Lexicon:
        """Build a lexicon from ``{category: [terms] or {sub-category: [terms]}}``.

        This is the shape of quanteda's ``dictionary()`` and of Lexicoder's YAML
        files; nested mappings become groups with dotted names.
        """
        cats: dict[str, Category] = {}

        def add(prefix: str, m: Mapping) -> list[str]:
            names = []
            for key, value in m.items():
                full = f"{prefix}{key}"
                names.append(full)
                if isinstance(value, Mapping):
                    cats[full] = None  # keep pre-order: the group first
                    children = add(full + ".", value)
                    cats[full] = Category(full, children=tuple(children))
                else:
                    terms = [value] if isinstance(value, str) else list(value or [])
                    cats[full] = Category(full, terms=tuple(str(t) for t in terms))
            return names

        add("", mapping)
        return cls(name=name, categories=cats, **meta)

    @property
    def category_names(self) -> list[str]:
        """All category names (groups and leaves) in output order."""
        return list(self.categories)

    def check_categories(self, names=()) -> list[str]:
        """The category names asked for, checked; every category when ``names`` is empty.

        Parameters
        ----------
        names : sequence of str
            Category names (e.g. a notebook's ``frames`` parameter).

        Returns
        -------
        list of str

        Raises
        ------
        LexiconError
            A name that is not a category (``value``; the message lists the categories
            and the closest name).

        Examples
        --------
        >>> lex = Lexicon.from_dict({"conflict": ["clash*"], "peace": ["truce"]})
        >>> lex.check_categories([]), lex.check_categories(["peace"])
        (['conflict', 'peace'], ['peace'])
        """
        import difflib

        if isinstance(names, str):
            names = [names]
        names = list(names or [])
        for name in names:
            if name not in self.categories:
                close = difflib.get_close_matches(str(name), self.category_names, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise LexiconError(
                    f"lexicon {self.name!r} has no category {name!r} (categories: "
                    f"{', '.join(self.category_names)}).{hint}",
                    path=self.path,
                    value=name,
                )
        return names or self.category_names

    def patterns(self, name: str) -> tuple[str, ...]:
        """A category's patterns; for a group, the union of its descendants' patterns."""
        cat = self.categories[name]
        if not cat.is_group:
            return cat.terms
        out: dict[str, None] = {}
        for child in cat.children:
            out.update(dict.fromkeys(self.patterns(child)))
        return tuple(out)

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the lexicon's content (metadata, categories, terms), for provenance."""
        payload = {
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "description": self.description,
            "sources": list(self.sources),
            "categories": [
                [c.name, c.definition, list(c.terms), list(c.sources), list(c.children)]
                for c in self.categories.values()
            ],
        }
        # this serialisation defines the hash: keep it, so recorded hashes stay valid
        return sha256_text(json.dumps(payload, ensure_ascii=False, sort_keys=True))

    def __repr__(self) -> str:
        n_terms = sum(len(c.terms) for c in self.categories.values())
        return (
            f"Lexicon(name={self.name!r}, version={self.version!r}, "
            f"categories={len(self.categories)}, terms={n_terms})"
        )


# framing.lexicon is the public home of Lexicon
# (reprs, docs and saved models, which skops stores by dotted name).
Lexicon.__module__ = "framing.lexicon"
