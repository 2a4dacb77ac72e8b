"""Keyness of a target outlet (or group) against a reference: counts, the statistic, its
p-value and effect size per term (:func:`keyness`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from framing._shared.checks import require_columns
from framing.errors import CorpusError
from framing.keyness._ngrams import Grams, check_ngram_range, gram_names, tokenize_texts
from framing.keyness._stats import log_odds_dirichlet, quanteda_statistic

__all__ = ["keyness"]


def _as_groups(value, name: str, present: list) -> list:
    groups = [value] if isinstance(value, str) or not isinstance(value, Sequence) else list(value)
    for g in groups:
        if g not in present:
            raise CorpusError(
                f"keyness: {name} group {g!r} is not in the data (groups present: {present}).",
                field=name,
                value=g,
            )
    return groups


def _stopword_set(stopwords) -> frozenset[str]:
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        from framing.text import LANGUAGES
        from framing.text import stopwords as language_stopwords

        try:
            return language_stopwords(stopwords)
        except CorpusError:
            raise CorpusError(
                f"keyness: stopwords must be a language ({', '.join(sorted(LANGUAGES))}, or "
                f"their English names such as 'english', 'russian') or a list of words, got "
                f"{stopwords!r}.",
                field="stopwords",
                value=stopwords,
            ) from None
    return frozenset(str(w).lower() for w in stopwords)


def keyness(
    corpus: pd.DataFrame,
    *,
    target,
    reference=None,
    group: str = "outlet",
    measure: str = "lr",
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 5,
    correction: str = "default",
    prior="pooled",
    prior_size: float | None = 1000.0,
    variance: str = "approx",
    text: str = "text",
    tokenizer: Callable[[str], list[str]] | None = None,
    stopwords: str | Iterable[str] | None = None,
    sort: bool = True,
) -> pd.DataFrame:
    """Terms that distinguish a target group's articles from a reference group's.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with the columns ``group`` and ``text``.
    target : str or list of str
        Group value(s) forming the target (e.g. ``"CNN"``, or ``["left", "lean_left"]``
        with ``group="outlet_lean"``).
    reference : str or list of str, optional
        Group value(s) forming the reference; default every other group. Articles whose
        group is missing belong to neither side.
    group : str, default "outlet"
    measure : {"lr", "chi2", "log_odds"}, default "lr"
        Which statistic fills ``statistic``/``p_value`` and sets the order (module doc).
    ngram_range : (int, int), default (1, 1)
        ``(1, 2)`` for unigrams and bigrams.
    min_count : int, default 5
        Keep terms occurring at least this often in target and reference together.
        Totals (and the Fightin' Words prior) count every term occurrence of every
        n-gram length in ``ngram_range`` before this filter, as quanteda does with a dfm
        of those n-grams.
    correction : {"default", "yates", "williams", "none"}
        For ``lr`` and ``chi2``, as in quanteda (see the module docstring).
    prior, prior_size, variance
        The Dirichlet prior and variance of :func:`log_odds_dirichlet` (``"pooled"`` =
        target plus reference counts, or a flat float).
    text : str, default "text"
        Text column.
    tokenizer : callable, optional
        ``str -> list[str]``; default :func:`framing.text.tokenize`.
    stopwords : str or iterable of str, optional
        Tokens removed before n-grams are formed (as quanteda's ``tokens_remove``
        followed by ``tokens_ngrams``, so a bigram may join the words on either side of
        a removed one). A language (code or English name, see
        :func:`framing.text.stopwords`): ``"english"`` / ``"en"`` is scikit-learn's
        ``ENGLISH_STOP_WORDS`` (318 words, from the Glasgow Information Retrieval
        Group list); ``"russian"``, ``"german"``, ``"french"``, ``"spanish"``,
        ``"italian"``, ``"portuguese"`` are the kit's lists. Matching is on the
        lower-cased tokens. Default: keep every token.
    sort : bool, default True
        Sort by ``statistic`` descending (target's most distinctive terms first).

    Returns
    -------
    pandas.DataFrame
        ``term``, ``n_target``, ``n_reference``, ``statistic``, ``p_value``,
        ``log_odds`` and ``z`` (Fightin' Words, always computed). ``attrs`` holds
        ``measure``, ``target``, ``reference``, ``n_docs_target``,
        ``n_docs_reference``, ``n_tokens_target`` and ``n_tokens_reference``.

    Raises
    ------
    ColumnsError
        ``group`` or ``text`` is missing.
    CorpusError
        A target or reference group is not in the data, or the two overlap.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B"],
    ...                    "text": ["talks talks peace", "talks war", "war war tariffs"]})
    >>> k = keyness(df, target="A", measure="chi2", min_count=1, correction="none")
    >>> k[["term", "n_target", "n_reference"]].head(2)
        term  n_target  n_reference
    0  talks         3            0
    1  peace         1            0
    """
    if measure not in ("lr", "chi2", "log_odds"):
        raise ValueError(f"keyness: measure must be 'lr', 'chi2' or 'log_odds', got {measure!r}.")
    if correction not in ("default", "yates", "williams", "none"):
        raise ValueError(
            f"keyness: correction must be 'default', 'yates', 'williams' or 'none', got {correction!r}."
        )
    require_columns(
        corpus, [group, text], where="keyness", hint="Map the text column with text='...'."
    )
    present = sorted(corpus[group].dropna().unique().tolist())
    targets = _as_groups(target, "target", present)
    refs = (
        [g for g in present if g not in targets]
        if reference is None
        else _as_groups(reference, "reference", present)
    )
    overlap = sorted(set(targets) & set(refs))
    if not refs and reference is None:
        raise CorpusError(
            f"keyness: nothing to compare {targets} with: the data holds no other {group} "
            f"(groups present: {present}); select more outlets, or pass reference=.",
            field="reference",
            value=refs,
        )
    if overlap or not refs:
        raise CorpusError(
            f"keyness: target and reference must be different, non-empty groups "
            f"(target {targets}, reference {refs}).",
            field="reference",
            value=overlap or refs,
        )
    is_t = corpus[group].isin(targets).to_numpy()
    is_r = corpus[group].isin(refs).to_numpy()
    keep = is_t | is_r
    lo_n, hi_n = check_ngram_range(ngram_range, "keyness")
    tokens = tokenize_texts(corpus.loc[keep, text].tolist(), tokenizer)
    stops = _stopword_set(stopwords)
    if stops:
        tokens = [[t for t in doc if t.lower() not in stops] for doc in tokens]
    grams = Grams(tokens, hi_n)
    in_t = is_t[keep]
    y_t, y_r, where_ = [], [], []
    for n in range(lo_n, hi_n + 1):  # group totals straight from the coded occurrences
        level = grams.levels[n - 1]
        t_occ = in_t[level["doc"]]
        y_t.append(np.bincount(level["code"], weights=t_occ, minlength=level["n_terms"]))
        y_r.append(np.bincount(level["code"], weights=~t_occ, minlength=level["n_terms"]))
        where_.append(np.stack([np.full(level["n_terms"], n), np.arange(level["n_terms"])]))
    y_t, y_r, where_ = np.concatenate(y_t), np.concatenate(y_r), np.concatenate(where_, axis=1)
    total_t, total_r = y_t.sum(), y_r.sum()
    for side, total, names in (("target", total_t, targets), ("reference", total_r, refs)):
        if total == 0:
            raise CorpusError(
                f"keyness: the {side} articles ({names}) have no tokens in column {text!r}.",
                field=text,
                value=names,
            )
    lo = log_odds_dirichlet(y_t, y_r, prior=prior, prior_size=prior_size, variance=variance)
    sel = (y_t + y_r) >= min_count
    a, b = y_t[sel], y_r[sel]
    if measure == "log_odds":
        statistic = lo["z"].to_numpy()[sel]
        p = 2 * stats.norm.sf(np.abs(statistic))
    else:
        statistic = quanteda_statistic(a, b, total_t, total_r, measure, correction)
        p = stats.chi2.sf(np.abs(statistic), 1)
    out = pd.DataFrame(
        {
            "term": gram_names(grams, where_[:, sel]),
            "n_target": a.astype(np.int64),
            "n_reference": b.astype(np.int64),
            "statistic": statistic,
            "p_value": p,
            "log_odds": lo["log_odds"].to_numpy()[sel],
            "z": lo["z"].to_numpy()[sel],
        }
    )
    if sort:
        out = out.sort_values(["statistic", "term"], ascending=[False, True], kind="stable")
        out = out.reset_index(drop=True)
    out.attrs.update(
        measure=measure,
        target=targets,
        reference=refs,
        n_docs_target=int(in_t.sum()),
        n_docs_reference=int((~in_t).sum()),
        n_tokens_target=int(total_t),
        n_tokens_reference=int(total_r),
    )
    return out
