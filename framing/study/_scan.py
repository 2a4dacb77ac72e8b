"""A study's corpus in one streamed, cached pass: the text-free catalogue of every
article, each topic's articles (with their texts), the corpus's boilerplate lines and
the texts of given articles, without ever holding the texts of the whole corpus.

Every report notebook of a study starts from the same corpus and topics; loading the
corpus whole and matching the topics again in each notebook costs minutes and the
memory of all texts on a large corpus. Here one pass over the corpus (chunks of
:func:`framing.corpus.iter_corpus`) matches every topic of the topics file at once and
keeps only the catalogue (all columns but ``text``) and the matching articles; the
result is cached (:func:`framing.cache.cached`) under the sha256 of the corpus files,
of the outlets and topics files, and of the kit's sources that decide it, so the next
notebook (and the next batch) reads it back in seconds.

With a Dask scheduler (the ``scheduler`` option, the study file's ``scheduler:``, or
``$FRAMING_SCHEDULER``) the pass runs partition by partition on the cluster
(:func:`framing.distributed.map_partitions`): each worker reads its partition, matches
the topics and describes its articles; only the catalogue, the topics' articles and
one digest per article (for the corpus hash) come back. The tables are those of the
in-process pass, and so is the cache key: a pass cached on a cluster serves a laptop.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

__all__ = [
    "SCAN_VERSION",
    "corpus_catalogue",
    "topic_selection",
    "topic_flags",
    "corpus_boilerplate",
    "corpus_articles",
]

#: Bump when what the pass computes changes (the cache then recomputes).
SCAN_VERSION = 1

# The kit's sources a pass depends on (reading, validating, outlet tables, topic
# matching, tokens): a change to any of them invalidates cached passes, release or not.
_SOURCES = ("corpus", "topics", "_shared", "_tokens.py", "_speedups.c", "_patterns.py", "text.py",
            "study/_scan.py")  # fmt: skip


def _sources_hash() -> str:
    from framing._shared.jsonable import sha256_file, sha256_json

    package = Path(__file__).resolve().parents[1]
    files = []
    for name in _SOURCES:
        path = package / name
        files += sorted(path.glob("*.py")) if path.is_dir() else [path]
    return sha256_json({str(f.relative_to(package)): sha256_file(f) for f in files if f.is_file()})


def _file_hashes(path: Path) -> dict:
    """sha256 of a corpus file, or of every file of a corpus folder, the part files of
    a partitioned corpus (``articles/year=2019/...``) included; hidden files and
    folders (an import's stage) are not."""
    from framing._shared.jsonable import sha256_file

    if path.is_file():
        return {path.name: sha256_file(path)}
    files = (f for f in sorted(path.rglob("*")) if f.is_file())
    return {
        f.relative_to(path).as_posix(): sha256_file(f)
        for f in files
        if not any(p.startswith(".") for p in f.relative_to(path).parts)
    }


def _paths(corpus, outlets_file: str):
    from framing.corpus import resolve_path

    path = resolve_path(corpus)
    outlets = resolve_path(outlets_file) if str(outlets_file or "").strip() else None
    return path, outlets


def _key(path: Path, outlets: Path | None, **more) -> dict:
    from framing import __version__

    if not path.exists():  # let the reader raise its error (it names the path and fix)
        from framing.corpus import iter_corpus

        next(iter(iter_corpus(path)))
    return {
        "corpus": _file_hashes(path),
        "outlets": _file_hashes(outlets) if outlets is not None and outlets.exists() else None,
        "kit": __version__,
        "sources": _sources_hash(),
        "scan_version": SCAN_VERSION,
        **more,
    }


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(frames) if len(frames) > 1 else frames[0].copy()


def _corpus_attrs(path: Path, digest: str, counts: Counter) -> dict:
    from framing.corpus import corpus_source

    keys = ("read", "kept", "rejected", "warnings")
    return corpus_source(path) | {
        "corpus_hash": digest,
        "validation": {k: int(counts.get(k, 0)) for k in keys},
    }


def _stream(path: Path, outlets: Path | None, keep) -> dict:
    """Stream the corpus once, calling ``keep(articles)`` on every chunk (its index is
    the position in the corpus); return the ``attrs`` :func:`load_corpus` would give."""
    from framing.corpus import corpus_hash, iter_corpus

    counts: Counter = Counter()
    offset = 0

    def chunks():  # corpus_hash consumes the chunks; ``keep`` takes what it needs of each
        nonlocal offset
        for res in iter_corpus(path, outlets=outlets):
            articles = res.articles
            articles.index = pd.RangeIndex(offset, offset + len(articles))
            offset += len(articles)
            counts.update(res.counts())
            keep(articles)
            yield articles

    return _corpus_attrs(path, corpus_hash(chunks()), counts)


def _scan_part(articles: pd.DataFrame, topics: dict, path: str) -> dict:
    """One partition's share of the pass (on a worker): its catalogue, its articles of
    every topic and its row digests, each indexed by position in the partition."""
    from framing.corpus import row_digests
    from framing.topics import select_many

    ids, digests = zip(*row_digests(articles), strict=True) if len(articles) else ((), ())
    out = {
        _CATALOGUE: _describe(articles, Path(path)),
        _DIGESTS: pd.DataFrame({"doc_id": list(ids), "digest": list(digests)}),
    }
    out.update((f"topic:{t}", rows) for t, rows in select_many(articles, topics).items())
    return out


_CATALOGUE, _DIGESTS = "catalogue", "digests"


def _pass_on_cluster(path: Path, outlets: Path | None, topics: dict, scheduler):
    from framing.corpus import combine_digests
    from framing.distributed import map_partitions

    parts = map_partitions(_scan_part, path, args=(topics, str(path)), index="position",
                           outlets=outlets, scheduler=scheduler, name="study_scan")  # fmt: skip
    digests = parts.pop(_DIGESTS)
    validation = digests.attrs["validation"]
    counts = Counter({k: validation[k] for k in ("read", "kept", "rejected", "warnings")})
    pairs = zip(digests["doc_id"].tolist(), digests["digest"].tolist(), strict=True)
    attrs = _corpus_attrs(path, combine_digests(list(pairs)), counts)
    catalogue = parts.pop(_CATALOGUE)
    catalogue.attrs = dict(attrs)
    found = {}
    for key, rows in parts.items():
        rows.attrs = dict(attrs)
        found[key.removeprefix("topic:")] = rows
    return catalogue, found


def _pass(path: Path, outlets: Path | None, topics: dict, scheduler=None):
    """Read the corpus once: the catalogue and every topic's articles (streamed here,
    or partition by partition on a Dask cluster when a scheduler is given or set)."""
    from framing.topics import select_many

    if _on_cluster(scheduler):
        return _pass_on_cluster(path, outlets, topics, scheduler)

    catalogue, selected = [], {t: [] for t in topics}

    def keep(articles):
        for topic, rows in select_many(articles, topics).items():
            selected[topic].append(rows)
        catalogue.append(_describe(articles, path))

    attrs = _stream(path, outlets, keep)
    out = _concat(catalogue)
    out.attrs = dict(attrs)
    found = {}
    for topic, parts in selected.items():
        found[topic] = _concat(parts)
        found[topic].attrs = dict(attrs)
    return out, found


def _describe(articles: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The articles without ``text``, with what summaries need of it in its place."""
    from framing.corpus import TEXT_COLUMNS, describe_texts
    from framing.errors import CorpusError

    clash = [c for c in TEXT_COLUMNS if c in articles.columns]
    if clash:
        raise CorpusError(
            f"{path}: the corpus has a field {clash[0]!r}, a name the kit keeps for what it "
            "derives from the texts; rename the field (rename: in corpus.yaml, or "
            "--rename when importing).",
            path=str(path),
            field=clash[0],
            value=clash,
        )
    return articles.drop(columns=["text"]).join(describe_texts(articles["text"]))


def _topics(topics_file: str) -> tuple[dict, str]:
    from framing._shared.jsonable import sha256_file
    from framing.corpus import resolve_path
    from framing.topics import load_topics

    path = resolve_path(topics_file)
    return load_topics(path), sha256_file(path)


def _on_cluster(scheduler) -> bool:
    """True when a scheduler is given, or set in ``$FRAMING_SCHEDULER``."""
    import os

    if scheduler is None and not os.environ.get("FRAMING_SCHEDULER"):
        return False  # no need to import dask
    from framing.distributed import parse_scheduler

    return parse_scheduler(scheduler) is not None


def _scan(corpus, topics_file, outlets_file, cache, topic=None, scheduler=None):
    from framing.cache import cached

    path, outlets = _paths(corpus, outlets_file)
    topics, topics_sha = _topics(topics_file)
    key = _key(path, outlets, topics=topics_sha)
    found: dict = {}

    def compute():
        catalogue, selections = _pass(path, outlets, topics, scheduler)
        for t, rows in selections.items():
            found[t] = cached("study_topic", key | {"topic": t}, lambda rows=rows: rows,
                              cache=cache)  # fmt: skip
        return catalogue

    catalogue = cached("study_catalogue", key, compute, cache=cache)
    if topic is None:
        return catalogue, None
    if topic not in topics:  # select's error: it lists the known topics
        from framing.topics import select

        select(catalogue.head(0).assign(text=[]), topic, topics=topics)
    if topic not in found:  # catalogue from the cache: the topic's entry too, or a new pass
        found[topic] = cached("study_topic", key | {"topic": topic},
                              lambda: _pass(path, outlets, topics, scheduler)[1][topic],
                              cache=cache)  # fmt: skip
    return catalogue, found[topic]


def corpus_catalogue(corpus, *, topics_file: str = "corpora/topics.yaml", outlets_file: str = "",
                     cache: bool = True, scheduler=None) -> pd.DataFrame:  # fmt: skip
    """Every article of the corpus without its text, from one cached pass.

    Parameters
    ----------
    corpus : str or pathlib.Path
        The corpus folder or file (relative paths from the project root).
    topics_file : str
        The topics file whose topics the same pass selects (:func:`topic_selection`).
    outlets_file : str
        An outlets file applied while reading (default: the corpus folder's own).
    cache : bool, default True
        ``False`` reads the corpus again and neither reads nor writes the cache.
    scheduler : str, optional
        Run the pass on a Dask cluster (:func:`framing.distributed.parse_scheduler`:
        ``local:2``, ``tcp://host:8786``, ...); default ``$FRAMING_SCHEDULER``, else
        in this process. The result (and its cache entry) is the same either way.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`framing.corpus.load_corpus` but ``text``, in corpus order,
        and in its place :data:`framing.corpus.TEXT_COLUMNS` (words, kit tokens and
        sha256 of each text: :func:`framing.corpus.corpus_summary` takes the table);
        ``attrs`` as there (``name``, ``source``, ``corpus_hash`` of the whole corpus,
        texts included, and ``validation`` counts).
    """
    return _scan(corpus, topics_file, outlets_file, cache, scheduler=scheduler)[0]


def topic_selection(corpus, topic: str, *, topics_file: str = "corpora/topics.yaml",
                    outlets_file: str = "", cache: bool = True, scheduler=None):  # fmt: skip
    """The catalogue and one topic's articles (with texts), from one cached pass.

    The same as ``select(load_corpus(corpus, outlets=outlets_file), topic, topics=...)``
    (same rows, columns, index and ``attrs``) and :func:`corpus_catalogue`, but the corpus is streamed once for every topic of the topics file and the result is
    cached (see the module notes); ``scheduler`` as in :func:`corpus_catalogue`.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The catalogue (:func:`corpus_catalogue`) and the topic's articles.
    """
    return _scan(corpus, topics_file, outlets_file, cache, topic=topic, scheduler=scheduler)


def topic_flags(corpus, *, topics_file: str = "corpora/topics.yaml", outlets_file: str = "",
                cache: bool = True, scheduler=None) -> pd.DataFrame:  # fmt: skip
    """Which articles every topic of the topics file selects, from the same cached pass:
    what :func:`framing.topics.match_topics` gives on the whole corpus.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` and one boolean column per topic id, one row per article of the
        catalogue (same index). ``scheduler`` as in :func:`corpus_catalogue`.
    """
    catalogue = corpus_catalogue(corpus, topics_file=topics_file, outlets_file=outlets_file,
                                 cache=cache, scheduler=scheduler)  # fmt: skip
    topics, _ = _topics(topics_file)
    out = catalogue[["doc_id"]].copy()
    for topic in topics:
        selected = topic_selection(corpus, topic, topics_file=topics_file,
                                   outlets_file=outlets_file, cache=cache,
                                   scheduler=scheduler)[1]  # fmt: skip
        out[topic] = out.index.isin(selected.index)
    return out


def corpus_boilerplate(corpus, *, outlets_file: str = "", cache: bool = True,
                       **options) -> pd.DataFrame:  # fmt: skip
    """:func:`framing.corpus.find_boilerplate` over the whole corpus, streamed and cached.

    ``options`` are those of :func:`~framing.corpus.find_boilerplate`. Memory grows with
    the number of distinct short lines of the corpus, not with its texts.
    """
    from framing.cache import cached
    from framing.corpus import find_boilerplate, iter_corpus

    path, outlets = _paths(corpus, outlets_file)
    key = _key(path, outlets, boilerplate=dict(sorted(options.items())))

    def compute():
        chunks = (res.articles[["outlet", "text"]] for res in iter_corpus(path, outlets=outlets))
        return find_boilerplate(chunks, **options)

    return cached("study_boilerplate", key, compute, cache=cache)


def corpus_articles(corpus, doc_ids, *, outlets_file: str = "", cache: bool = True):
    """The articles (with texts) of the corpus whose ``doc_id`` is in ``doc_ids``,
    streamed and cached: e.g. the hand-coded articles a classifier trains on.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`framing.corpus.load_corpus` with those ids, in corpus order
        (ids not in the corpus are simply absent); ``attrs`` those of the whole corpus.
    """
    from framing._shared.jsonable import sha256_json
    from framing.cache import cached

    path, outlets = _paths(corpus, outlets_file)
    wanted = sorted({str(d) for d in doc_ids})
    key = _key(path, outlets, doc_ids=sha256_json(wanted))
    wanted_set = set(wanted)

    def compute():
        kept: list[pd.DataFrame] = []
        attrs = _stream(path, outlets,
                        lambda a: kept.append(a[a["doc_id"].astype(str).isin(wanted_set)]))  # fmt: skip
        out = _concat(kept)
        out.attrs = attrs
        return out

    return cached("study_articles", key, compute, cache=cache)
