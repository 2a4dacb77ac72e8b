"""A methods paragraph and the BibTeX of the methods behind every saved figure and table.

The paragraph is written from what the sidecar already records - the corpus (name,
articles, outlets, period, content hash), the topic and its query file, the lexicon
(name, version, content hash), the estimator the data table describes
(``attrs["estimator"]``, set by :mod:`framing.compare`) - so it always matches the
numbers. Authors edit it into their own prose; the BibTeX lists the works it cites.
"""

from __future__ import annotations

__all__ = ["REFERENCES", "methods_paragraph", "bibtex", "estimator_references"]

#: BibTeX entries of the methods the kit implements, by key.
REFERENCES = {
    "efron1993": """@book{efron1993,
  author = {Efron, Bradley and Tibshirani, Robert J.},
  title = {An Introduction to the Bootstrap},
  publisher = {Chapman \\& Hall},
  address = {New York},
  year = {1993}
}""",
    "wilson1927": """@article{wilson1927,
  author = {Wilson, Edwin B.},
  title = {Probable Inference, the Law of Succession, and Statistical Inference},
  journal = {Journal of the American Statistical Association},
  volume = {22},
  number = {158},
  pages = {209--212},
  year = {1927},
  doi = {10.1080/01621459.1927.10502953}
}""",
    "field2007": """@article{field2007,
  author = {Field, Christopher A. and Welsh, Alan H.},
  title = {Bootstrapping Clustered Data},
  journal = {Journal of the Royal Statistical Society: Series B},
  volume = {69},
  number = {3},
  pages = {369--390},
  year = {2007},
  doi = {10.1111/j.1467-9868.2007.00593.x}
}""",
    "cameron2008": """@article{cameron2008,
  author = {Cameron, A. Colin and Gelbach, Jonah B. and Miller, Douglas L.},
  title = {Bootstrap-Based Improvements for Inference with Clustered Errors},
  journal = {The Review of Economics and Statistics},
  volume = {90},
  number = {3},
  pages = {414--427},
  year = {2008},
  doi = {10.1162/rest.90.3.414}
}""",
    "holm1979": """@article{holm1979,
  author = {Holm, Sture},
  title = {A Simple Sequentially Rejective Multiple Test Procedure},
  journal = {Scandinavian Journal of Statistics},
  volume = {6},
  number = {2},
  pages = {65--70},
  year = {1979}
}""",
    "benjamini1995": """@article{benjamini1995,
  author = {Benjamini, Yoav and Hochberg, Yosef},
  title = {Controlling the False Discovery Rate: A Practical and Powerful Approach to Multiple Testing},
  journal = {Journal of the Royal Statistical Society: Series B},
  volume = {57},
  number = {1},
  pages = {289--300},
  year = {1995}
}""",
    "phipson2010": """@article{phipson2010,
  author = {Phipson, Belinda and Smyth, Gordon K.},
  title = {Permutation P-values Should Never Be Zero: Calculating Exact P-values When Permutations Are Randomly Drawn},
  journal = {Statistical Applications in Genetics and Molecular Biology},
  volume = {9},
  number = {1},
  year = {2010},
  doi = {10.2202/1544-6115.1585}
}""",
    "monroe2008": """@article{monroe2008,
  author = {Monroe, Burt L. and Colaresi, Michael P. and Quinn, Kevin M.},
  title = {Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the Content of Political Conflict},
  journal = {Political Analysis},
  volume = {16},
  number = {4},
  pages = {372--403},
  year = {2008},
  doi = {10.1093/pan/mpn018}
}""",
    "hutto2014": """@inproceedings{hutto2014,
  author = {Hutto, C. J. and Gilbert, Eric},
  title = {{VADER}: A Parsimonious Rule-Based Model for Sentiment Analysis of Social Media Text},
  booktitle = {Proceedings of the Eighth International AAAI Conference on Weblogs and Social Media},
  pages = {216--225},
  year = {2014}
}""",
    "krippendorff2004": """@book{krippendorff2004,
  author = {Krippendorff, Klaus},
  title = {Content Analysis: An Introduction to Its Methodology},
  edition = {2},
  publisher = {Sage},
  address = {Thousand Oaks, CA},
  year = {2004}
}""",
    "stryker2006": """@article{stryker2006,
  author = {Stryker, Jo Ellen and Wray, Ricardo J. and Hornik, Robert C. and Yanovitzky, Itzik},
  title = {Validation of Database Search Terms for Content Analysis: The Case of Cancer News Coverage},
  journal = {Journalism \\& Mass Communication Quarterly},
  volume = {83},
  number = {2},
  pages = {413--430},
  year = {2006},
  doi = {10.1177/107769900608300212}
}""",
    "forman2008": """@article{forman2008,
  author = {Forman, George},
  title = {Quantifying Counts and Costs via Classification},
  journal = {Data Mining and Knowledge Discovery},
  volume = {17},
  number = {2},
  pages = {164--206},
  year = {2008},
  doi = {10.1007/s10618-008-0097-y}
}""",
}

_INTERVALS = {
    "percentile": ("percentile bootstrap intervals", ["efron1993"]),
    "bca": ("bias-corrected and accelerated (BCa) bootstrap intervals", ["efron1993"]),
    "wilson": ("Wilson score intervals", ["wilson1927"]),
    "wilson-design-effect": (
        "Wilson score intervals on the design-effect sample size",
        ["wilson1927"],
    ),
    "bootstrap-t": ("studentized (bootstrap-t) intervals", ["efron1993"]),
    "wild-bootstrap-t": ("wild bootstrap-t intervals (Webb weights)", ["cameron2008"]),
    "t": ("t intervals over outlets", []),
}
_NOT_RESAMPLED = ("wilson", "wilson-design-effect", "t")


def estimator_references(estimator: dict | None) -> list[str]:
    """BibTeX keys of the methods an estimator description names."""
    if not estimator:
        return []
    keys = list(_INTERVALS.get(str(estimator.get("method")), ("", []))[1])
    if estimator.get("cluster") and estimator.get("method") not in _NOT_RESAMPLED:
        keys += ["field2007", "cameron2008"]
    return list(dict.fromkeys(keys))


def methods_paragraph(meta: dict) -> str:
    """A methods paragraph from a sidecar's caller part (see the module docstring).

    Examples
    --------
    >>> meta = {"inputs": {"corpus": {"name": "demo", "n_rows": 300, "n_outlets": 7,
    ...         "first_date": "2025-06-01", "last_date": "2025-11-29",
    ...         "corpus_hash": "ab" * 32}},
    ...         "parameters": {"topic": "us_russia_talks"},
    ...         "estimator": {"stat": "share", "method": "wilson", "ci": 0.95,
    ...                       "group": "outlet", "n_rows": 112}}
    >>> print(methods_paragraph(meta))  # doctest: +NORMALIZE_WHITESPACE
    Data: the corpus 'demo' (300 articles from 7 outlets, 2025-06-01 to 2025-11-29; corpus
    hash abababababab). Topic 'us_russia_talks': 112 articles selected by its boolean
    keyword query (Stryker et al. 2006 on validating such queries). Estimates: the share of
    articles in which the measure occurs, per outlet, with 95% Wilson score intervals
    (Wilson 1927).
    """
    inputs = meta.get("inputs") or {}
    params = meta.get("parameters") or {}
    parts = []
    corpus = inputs.get("corpus")
    if isinstance(corpus, dict) and "n_rows" in corpus:
        text = f"Data: the corpus {corpus.get('name')!r} ({corpus['n_rows']:,} articles"
        if corpus.get("n_outlets"):
            text += f" from {corpus['n_outlets']:,} outlets"
        if corpus.get("first_date"):
            text += f", {corpus['first_date']} to {corpus['last_date']}"
        text += f"; corpus hash {str(corpus.get('corpus_hash', ''))[:12]})."
        parts.append(text)
    est = meta.get("estimator")
    if params.get("topic"):
        n = est.get("n_rows") if isinstance(est, dict) else None
        count = f"{n:,} articles" if isinstance(n, int) else "articles"
        parts.append(
            f"Topic {params['topic']!r}: {count} selected by its boolean keyword query "
            "(Stryker et al. 2006 on validating such queries)."
        )
    lexicon = inputs.get("lexicon")
    if isinstance(lexicon, dict) and lexicon.get("name"):
        text = f"Frames: the dictionary {lexicon['name']!r}"
        if lexicon.get("version"):
            text += f" version {lexicon['version']}"
        text += f" (content hash {str(lexicon.get('content_hash', ''))[:12]})"
        sources = [str(s).strip().rstrip(".") for s in lexicon.get("sources") or []]
        text += f"; its sources: {'; '.join(sources)}." if sources else "."
        parts.append(text)
    if isinstance(est, dict):
        parts.append(_estimator_sentence(est))
    return "\n".join(_wrap(" ".join(parts)))


def _estimator_sentence(est: dict) -> str:
    stat = est.get("stat")
    what = {
        "mean": "the mean over articles of each article's value (a rate per 1,000 tokens "
        "is averaged over articles, not pooled)",
        "share": "the share of articles in which the measure occurs",
    }.get(stat, "estimates")
    if est.get("weight") and stat == "mean":
        what = (
            f"the mean of each article's value weighted by {est['weight']!r} (a rate per "
            "1,000 tokens weighted by tokens is the pooled rate)"
        )
    text = f"Estimates: {what}, per {est.get('group', 'outlet')}"
    interval, refs = _INTERVALS.get(str(est.get("method")), ("intervals", []))
    ci = est.get("ci")
    level = f"{ci:.0%} " if isinstance(ci, float) else ""
    text += f", with {level}{interval}"
    if est.get("method") not in _NOT_RESAMPLED and est.get("n_boot"):
        text += f" from {int(est['n_boot']):,} resamples"
        unit = est.get("cluster")
        text += (
            f" of {'days' if unit == 'date' else repr(unit) + ' clusters'}"
            if unit
            else " of articles"
        )
        if est.get("seed") is not None:
            text += f" (seed {est['seed']})"
    cites = {"efron1993": "Efron & Tibshirani 1993", "wilson1927": "Wilson 1927"}
    named = [cites[r] for r in refs if r in cites]
    if est.get("cluster") and est.get("method") not in _NOT_RESAMPLED:
        named += ["Field & Welsh 2007", "Cameron et al. 2008"]
    named = list(dict.fromkeys(named))
    return text + (f" ({'; '.join(named)})." if named else ".")


def _wrap(text: str, width: int = 88) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]


def bibtex(keys) -> str:
    """The BibTeX entries of ``keys`` (unknown keys are skipped), each once, in order."""
    seen = dict.fromkeys(k for k in keys if k in REFERENCES)
    return "\n\n".join(REFERENCES[k] for k in seen) + ("\n" if seen else "")
