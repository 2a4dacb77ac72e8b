"""The ``framing`` command line: argument parsing only.

Every command calls one library function and prints its result; no analysis logic
lives here. Each command group is added by one ``_add_<group>`` function, listed in
``_GROUPS``.
"""

from __future__ import annotations

import argparse
import sys

from framing.errors import FramingError

__all__ = ["main", "build_parser"]


def _add_version(sub) -> None:
    p = sub.add_parser("version", help="print the kit's version")
    p.set_defaults(func=_cmd_version)


def _cmd_version(args) -> int:
    from framing import __version__

    print(__version__)
    return 0


def _add_report(sub) -> None:
    p = sub.add_parser(
        "report",
        help="run the report plan: notebooks -> reports/<id>/ and reports/index.html",
        description="Execute every out-of-date report of the plan (papermill), render HTML, "
        "collect figures and write reports/index.html. Unchanged reports are skipped.",
    )
    p.add_argument(
        "--plan", default="reports/reports.yaml", help="plan file (default: %(default)s)"
    )
    p.add_argument("--only", nargs="+", metavar="ID", help="report ids or patterns ('*-lexicon')")
    p.add_argument(
        "--jobs", type=_positive_int, default=1, help="reports run in parallel (default: 1)"
    )
    p.add_argument("--force", action="store_true", help="re-run even up-to-date reports")
    p.add_argument("--hide-code", action="store_true", help="leave code cells out of the HTML")
    p.add_argument("--out", default="reports", help="output folder (default: %(default)s)")
    p.add_argument(
        "--timeout", type=_at_least(1.0, float), help="seconds a cell may run (default: no limit)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--dry-run", action="store_true", help="list what would run and why")
    p.add_argument(
        "--prune",
        action="store_true",
        help="delete report folders (made by the kit) of ids no longer in the plan",
    )
    p.add_argument(
        "--study",
        metavar="FILE",
        help="run the plan for this study file (default: the plan's own study:)",
    )
    p.set_defaults(func=_cmd_report)


def _cmd_report(args) -> int:
    from framing.reports import build_reports

    result = build_reports(
        args.plan,
        only=args.only,
        jobs=args.jobs,
        force=args.force,
        hide_code=args.hide_code,
        out=args.out,
        timeout=args.timeout,
        progress=not args.quiet,
        dry_run=args.dry_run,
        prune=args.prune,
        study=args.study,
    )
    print(result.summary())
    return result.exit_code


def _add_study(sub) -> None:
    p = sub.add_parser(
        "study",
        help="write and check a study file (corpus, topics, groups, ...)",
        description="A study file says what the report batch compares; see framing.study.",
    )
    ssub = p.add_subparsers(dest="study_command", metavar="SUBCOMMAND")
    ssub.required = True
    init = ssub.add_parser("init", help="write a first study file for a corpus")
    init.add_argument("corpus", metavar="CORPUS", help="corpus folder or file")
    init.add_argument("--out", default="study.yaml", help="study file (default: %(default)s)")
    init.add_argument("--name", help="study name (default: the file's stem)")
    init.add_argument(
        "--group-from",
        metavar="COLUMN",
        help="corpus column giving each outlet's group (e.g. bias_text); writes an outlets file",
    )
    init.add_argument(
        "--group-as",
        choices=["lean", "type", "country"],
        default="lean",
        help="outlet field the groups go to (default: %(default)s)",
    )
    init.add_argument("--topics-file", default="corpora/topics.yaml", help="topic queries")
    init.add_argument("--lexicon", default="topic_frames", help="built-in name or file")
    init.add_argument("--overwrite", action="store_true", help="replace existing files")
    init.set_defaults(func=_cmd_study_init)
    check = ssub.add_parser("check", help="check a study against its data; exit 1 on errors")
    check.add_argument("study", metavar="FILE", help="the study file")
    check.add_argument(
        "--plan",
        default="reports/reports.yaml",
        help="also say what each report of this plan will do (default: %(default)s)",
    )
    check.set_defaults(func=_cmd_study_check)


def _cmd_study_init(args) -> int:
    from framing.study._tasks import init_file

    print(
        init_file(
            args.corpus,
            path=args.out,
            name=args.name,
            group_from=args.group_from,
            group_as=args.group_as,
            topics_file=args.topics_file,
            lexicon=args.lexicon,
            overwrite=args.overwrite,
        )
    )
    return 0


def _cmd_study_check(args) -> int:
    from pathlib import Path

    from framing.study._tasks import check_file

    plan = args.plan if Path(args.plan).is_file() else None
    text, ok = check_file(args.study, plan=plan)
    print(text)
    return 0 if ok else 1


def _add_sentiment(sub) -> None:
    p = sub.add_parser(
        "sentiment",
        help="VADER sentiment per article, sentence, article summary or actor (cached)",
        description="Score a corpus with VADER (nltk, Hutto & Gilbert 2014). Scores are "
        "cached by content hash in $FRAMING_CACHE (default ./.framing-cache).",
    )
    p.add_argument("corpus", metavar="CORPUS", help="corpus folder or file (load_corpus)")
    p.add_argument(
        "--level",
        choices=["document", "sentence", "summary", "actors"],
        default="document",
        help="per article, per sentence, per article from sentences, or tone toward actors "
        "(default: %(default)s)",
    )
    _table_out_option(p, "write .csv or .parquet (default: CSV on stdout)")
    _map_option(p)
    p.add_argument(
        "--jobs", type=_positive_int, default=None, help="worker processes (default: all cores)"
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.set_defaults(func=_cmd_sentiment)


def _table_file(value: str) -> str:
    if not value.lower().endswith((".csv", ".parquet")):
        raise argparse.ArgumentTypeError(f"{value!r}: give a .csv or .parquet file name")
    return value


def _table_out_option(p, help_text: str) -> None:
    p.add_argument("--out", metavar="FILE", type=_table_file, help=help_text)


def _mapping_item(value: str) -> tuple[str, str]:
    column, sep, field = value.partition("=")
    if not sep or not column.strip() or not field.strip():
        raise argparse.ArgumentTypeError(f"{value!r}: write COLUMN=FIELD, e.g. text=body")
    return column.strip(), field.strip()


def _rename_item(value: str) -> tuple[str, str]:
    field, sep, new = value.partition("=")
    if not sep or not field.strip() or not new.strip():
        raise argparse.ArgumentTypeError(f"{value!r}: write FIELD=NEW, e.g. topic=source_topic")
    return field.strip(), new.strip()


def _map_option(p) -> None:
    p.add_argument(
        "--map",
        action="append",
        default=[],
        type=_mapping_item,
        metavar="COLUMN=FIELD",
        help="map a source field to a kit column, e.g. --map text=content_original (repeatable)",
    )


def _cmd_sentiment(args) -> int:
    from framing.sentiment import score_file

    mapping = dict(args.map) or None
    table = score_file(
        args.corpus,
        level=args.level,
        out=args.out,
        mapping=mapping,
        n_jobs=args.jobs,
        cache=not args.no_cache,
    )
    if args.out:
        print(f"wrote {len(table):,} rows ({args.level}) to {args.out}")
    else:
        table.to_csv(sys.stdout, index=False)
    return 0


def _add_corpus(sub) -> None:
    p = sub.add_parser("corpus", help="inspect, validate and import article corpora")
    csub = p.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    csub.required = True
    info = csub.add_parser("info", help="articles per outlet, topic and month; duplicates")
    info.add_argument("path", metavar="PATH", help="corpus folder or .jsonl/.csv/.parquet file")
    _corpus_read_options(info)
    info.add_argument(
        "--rows", type=_positive_int, default=25, help="rows shown per table (default: 25)"
    )
    info.set_defaults(func=_cmd_corpus_info)
    val = csub.add_parser("validate", help="check a corpus; exit 1 on the first problem")
    val.add_argument("path", metavar="PATH", help="corpus folder or .jsonl/.csv/.parquet file")
    _corpus_read_options(val)
    val.set_defaults(func=_cmd_corpus_validate)
    imp = csub.add_parser(
        "import",
        help="validate and normalise a source file into a new corpus folder",
        description="Read SRC in chunks, validate and normalise it, and write "
        "OUT/articles.parquet, OUT/corpus.yaml and (with --lenient) OUT/rejected.jsonl.",
    )
    imp.add_argument("src", metavar="SRC", help="corpus folder or .jsonl/.csv/.parquet[.gz] file")
    imp.add_argument("--out", required=True, metavar="FOLDER", help="new corpus folder")
    imp.add_argument("--name", help="corpus name (default: the folder name)")
    imp.add_argument("--description", default="", help="one-line description for corpus.yaml")
    imp.add_argument("--overwrite", action="store_true", help="replace OUT/articles.parquet")
    _partition_option(imp)
    _corpus_read_options(imp)
    imp.set_defaults(func=_cmd_corpus_import)
    _add_corpus_repartition(csub)


def _corpus_read_options(p) -> None:
    for column in ("text", "outlet", "date", "id", "title", "url", "lang"):
        p.add_argument(
            f"--{column}-col",
            metavar="FIELD",
            help=f"source field holding the article's {column.replace('id', 'doc_id')}",
        )
    p.add_argument(
        "--encoding",
        help="text encoding of JSONL/CSV, e.g. cp1252, utf-16 (default: utf-8; a file "
        "starting with a UTF-16/UTF-32 byte order mark is read as such)",
    )
    p.add_argument(
        "--lenient",
        action="store_true",
        help="set problem records aside (rejected.jsonl) instead of stopping at the first",
    )
    p.add_argument(
        "--make-ids", action="store_true", help="derive missing doc_id from outlet, title, text"
    )
    p.add_argument("--fix-mojibake", action="store_true", help="repair text like 'â€™' -> '’'")
    p.add_argument(
        "--rename",
        action="append",
        default=[],
        type=_rename_item,
        metavar="FIELD=NEW",
        help="rename a source field first, e.g. --rename topic=source_topic (repeatable)",
    )
    p.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="FIELD",
        help="leave a source field out (repeatable)",
    )
    p.add_argument(
        "--date-format",
        action="append",
        metavar="STRFTIME",
        help="format of the date field, e.g. '%%d %%B %%Y' (repeatable; tried before the "
        "formats read by default: ISO 8601, '21 February 2020', 'Feb. 21, 2020 10:00 AM "
        "EST', '21.02.2020', RFC 2822, epoch seconds ...)",
    )
    p.add_argument(
        "--dayfirst",
        action="store_true",
        help="read numeric dates like 03/04/2025 as day/month/year (default: month first)",
    )
    p.add_argument(
        "--require-date",
        action="store_true",
        help="reject articles without a readable date (default: with --lenient such a "
        "date is kept as missing, with a warning)",
    )
    p.add_argument(
        "--chunksize",
        type=_positive_int,
        default=50_000,
        help="records read and validated at a time; lower it to use less memory "
        "(default: %(default)s)",
    )


def _at_least(minimum, kind=int):
    """An argparse type: a number (``int`` or ``float``) of at least ``minimum``."""
    what = "a whole number" if kind is int else "a number"

    def convert(value: str):
        try:
            number = kind(value)
        except ValueError:
            number = None
        if number is None or number != number or number < minimum:
            raise argparse.ArgumentTypeError(f"{value!r}: give {what} of at least {minimum}")
        return number

    convert.__name__ = f"{what} >= {minimum}"  # argparse names the type in its messages
    return convert


_positive_int = _at_least(1)
_count = _at_least(0)


def _corpus_options(args) -> dict:
    cols = {"doc_id": "id", "outlet": "outlet", "date": "date", "title": "title"}
    cols.update({"text": "text", "url": "url", "lang": "lang"})
    mapping = {k: getattr(args, f"{v}_col") for k, v in cols.items() if getattr(args, f"{v}_col")}
    return {
        "mapping": mapping or None,
        "mode": "lenient" if args.lenient else "strict",
        "encoding": args.encoding,
        "make_ids": args.make_ids,
        "fix_mojibake": args.fix_mojibake,
        "date_format": args.date_format,
        "dayfirst": args.dayfirst or None,
        "require_date": args.require_date,
        "chunksize": args.chunksize,
        "rename": dict(args.rename) or None,
        "drop": list(args.drop),
    }


def _cmd_corpus_info(args) -> int:
    from framing.corpus import corpus_summary, format_summary, load_corpus

    df = load_corpus(args.path, **_corpus_options(args))
    print(format_summary(corpus_summary(df), max_rows=args.rows))
    return 0


def _cmd_corpus_validate(args) -> int:
    from framing.corpus import format_validation, read_corpus

    print(format_validation(read_corpus(args.path, **_corpus_options(args))))
    return 0


def _cmd_corpus_import(args) -> int:
    from framing.corpus import format_validation, import_corpus

    result = import_corpus(
        args.src,
        args.out,
        name=args.name,
        description=args.description,
        overwrite=args.overwrite,
        partition_by=args.partition_by,
        **_corpus_options(args),
    )
    print(format_validation(result))
    print(f"wrote {args.out}")
    return 0


def _add_keyness(sub) -> None:
    p = sub.add_parser(
        "keyness",
        help="distinctive terms of one outlet (or group) against the others",
        description="Keyness of terms, target vs reference: signed G2 or chi2 as quanteda's "
        "textstat_keyness, or Fightin' Words log-odds z (Monroe, Colaresi & Quinn 2008).",
    )
    p.add_argument("corpus", metavar="CORPUS", help="corpus folder or file (load_corpus)")
    p.add_argument("--target", action="append", required=True, help="target group (repeatable)")
    p.add_argument(
        "--reference", action="append", help="reference group (repeatable; default: all others)"
    )
    p.add_argument("--group", default="outlet", help="grouping column (default: %(default)s)")
    p.add_argument(
        "--measure", choices=["lr", "chi2", "log_odds"], default="lr", help="(default: %(default)s)"
    )
    p.add_argument(
        "--ngram", nargs=2, type=int, default=[1, 1], metavar=("MIN", "MAX"), help="n-gram range"
    )
    p.add_argument("--min-count", type=_positive_int, default=5, help="(default: %(default)s)")
    p.add_argument(
        "--inference",
        choices=["articles", "permutation", "tokens"],
        default="articles",
        help="p-values: rank-sum test over articles, article permutation, or token-level "
        "(default: %(default)s; adjusted over terms by Benjamini-Hochberg)",
    )
    p.add_argument(
        "--top", type=_positive_int, default=20, help="rows shown per direction (default: 20)"
    )
    p.add_argument(
        "--stopwords",
        default="english",
        help="'english' removes common function words, 'none' keeps every word, or a file "
        "with one word a line (default: %(default)s)",
    )
    p.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="keep lines an outlet repeats in many articles (captions, footers)",
    )
    _table_out_option(p, "write .csv or .parquet")
    _map_option(p)
    p.set_defaults(func=_cmd_keyness)


def _stopwords(value: str):
    """'english', 'none' or a file with one word a line."""
    from pathlib import Path

    if value in ("english", "none"):
        return None if value == "none" else value
    path = Path(value)
    if not path.is_file():
        raise FramingError(
            f"--stopwords {value!r}: give 'english', 'none' or a file with one word a line."
        )
    words = path.read_text(encoding="utf-8").split()
    return [w for w in words if w]


def _cmd_keyness(args, keyness_file=None) -> int:
    if keyness_file is None:
        from framing.keyness import keyness_file

    table = keyness_file(
        args.corpus,
        target=args.target,
        reference=args.reference,
        out=args.out,
        mapping=dict(args.map) or None,
        group=args.group,
        measure=args.measure,
        ngram_range=tuple(args.ngram),
        min_count=args.min_count,
        inference=args.inference,
        stopwords=_stopwords(args.stopwords),
        boilerplate=not args.keep_boilerplate,
    )
    shown = (
        table
        if len(table) <= 2 * args.top
        else table.iloc[list(range(args.top)) + list(range(-args.top, 0))]
    )
    print(shown.to_string(index=False))
    if args.out:
        print(f"wrote {len(table):,} terms to {args.out}")
    return 0


def _add_classify(sub) -> None:
    p = sub.add_parser(
        "classify",
        help="hand codes and supervised frame classifiers: reliability, evaluation, what to code next",
    )
    csub = p.add_subparsers(dest="classify_command", metavar="SUBCOMMAND")
    csub.required = True

    def common(q):
        q.add_argument("corpus", metavar="CORPUS", help="corpus folder (load_corpus)")
        q.add_argument("--annotations", help="codes CSV (default: CORPUS/annotations.csv)")
        q.add_argument("--codebook", help="codebook YAML (default: CORPUS/codebook.yaml)")

    rel = csub.add_parser("reliability", help="Krippendorff's alpha, per-frame alpha, kappa")
    common(rel)
    rel.add_argument("--disagreements", metavar="FILE", help="write the disagreements as CSV")
    rel.set_defaults(func=_cmd_classify_reliability)
    ev = csub.add_parser("evaluate", help="cross-validate the classifier against Dummy baselines")
    common(ev)
    ev.add_argument("--adjudicator", help="coder whose codes break ties (default: ties left out)")
    ev.add_argument(
        "--cv",
        choices=["stratified", "leave-outlets-out"],
        default="stratified",
        help="(default: %(default)s)",
    )
    ev.add_argument("--folds", type=int, default=5, help="(default: %(default)s)")
    ev.add_argument("--lexicon", help="also use this lexicon's scores (e.g. topic_frames)")
    ev.add_argument(
        "--boot", type=_positive_int, default=1000, help="bootstrap resamples (default: 1000)"
    )
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--out", metavar="DIR", help="write the result tables as CSV here")
    ev.set_defaults(func=_cmd_classify_evaluate)
    sg = csub.add_parser("suggest", help="the next articles to hand-code (uncertainty sampling)")
    common(sg)
    sg.add_argument("-n", type=_positive_int, default=20, help="articles to suggest (default: 20)")
    sg.add_argument("--out", metavar="FILE", help="write a CSV for coders (frame, coder empty)")
    sg.add_argument("--adjudicator", help="coder whose codes break ties")
    sg.add_argument("--topic", help="only articles whose 'topic' column equals this")
    sg.add_argument("--by", default="outlet", help="stratify by this column (default: outlet)")
    sg.add_argument("--lexicon", help="also use this lexicon's scores")
    sg.add_argument("--seed", type=int, default=0)
    sg.set_defaults(func=_cmd_classify_suggest)


def _cmd_classify_reliability(args) -> int:
    from framing.classify._tasks import reliability_file

    print(
        reliability_file(
            args.corpus,
            annotations=args.annotations,
            codebook=args.codebook,
            disagreements=args.disagreements,
        )
    )
    return 0


def _cmd_classify_evaluate(args) -> int:
    from framing.classify._tasks import evaluate_file

    print(
        evaluate_file(
            args.corpus,
            annotations=args.annotations,
            codebook=args.codebook,
            adjudicator=args.adjudicator,
            cv=args.cv,
            n_splits=args.folds,
            lexicon=args.lexicon,
            seed=args.seed,
            n_boot=args.boot,
            out=args.out,
        )
    )
    return 0


def _cmd_classify_suggest(args) -> int:
    from framing.classify._tasks import suggest_file

    table = suggest_file(
        args.corpus,
        n=args.n,
        out=args.out,
        annotations=args.annotations,
        codebook=args.codebook,
        adjudicator=args.adjudicator,
        by=args.by,
        topic=args.topic,
        seed=args.seed,
        lexicon=args.lexicon,
    )
    if table.empty:
        print(table.attrs.get("note", "no article to suggest"))
    else:
        print(table.drop(columns=["excerpt"]).to_string(index=False))
    if args.out:
        print(f"wrote {len(table)} articles to {args.out}")
    return 0


def _add_lexicon(sub) -> None:
    p = sub.add_parser(
        "lexicon",
        help="dictionaries: list built-ins, describe one, score a corpus",
        description="Work with dictionaries (the kit's YAML, quanteda/Lexicoder YAML, LIWC .dic).",
    )
    lsub = p.add_subparsers(dest="lexicon_command", metavar="ACTION")
    lsub.required = True
    ls = lsub.add_parser("list", help="list the built-in lexicons")
    ls.set_defaults(func=_cmd_lexicon_list)
    info = lsub.add_parser("info", help="describe a lexicon (metadata, sources, categories)")
    info.add_argument("lexicon", metavar="NAME_OR_PATH", help="built-in name or file")
    info.set_defaults(func=_cmd_lexicon_info)
    sc = lsub.add_parser("score", help="score a corpus and write one row per article (CSV)")
    sc.add_argument("corpus", metavar="CORPUS", help="corpus folder or file (load_corpus)")
    sc.add_argument("--lexicon", required=True, help="built-in name or dictionary file")
    sc.add_argument("--out", required=True, help="CSV file to write")
    sc.add_argument(
        "--chunksize",
        type=_positive_int,
        default=50_000,
        help="articles per chunk (default: %(default)s)",
    )
    sc.set_defaults(func=_cmd_lexicon_score)


def _cmd_lexicon_list(args) -> int:
    from framing.lexicon._tasks import format_lexicon_list

    print(format_lexicon_list())
    return 0


def _cmd_lexicon_info(args) -> int:
    from framing.lexicon._tasks import format_lexicon_info

    print(format_lexicon_info(args.lexicon))
    return 0


def _cmd_lexicon_score(args) -> int:
    from framing.lexicon._tasks import score_file

    print(score_file(args.corpus, args.lexicon, out=args.out, chunksize=args.chunksize))
    return 0


def _add_kwic(sub) -> None:
    p = sub.add_parser(
        "kwic",
        help="key words in context for a pattern or a lexicon category",
        description="Show every match of PATTERN (a word, glob like 'negotiat*', or phrase) "
        "or of a lexicon category, with WINDOW tokens each side.",
    )
    p.add_argument("corpus", metavar="CORPUS", help="corpus folder or file (load_corpus)")
    p.add_argument("pattern", metavar="PATTERN", help="pattern, or a category of --lexicon")
    p.add_argument("--lexicon", help="look PATTERN up as a category of this lexicon")
    p.add_argument("--window", type=_count, default=5, help="tokens each side (default: 5)")
    p.add_argument("--per-outlet", type=_positive_int, help="random sample of N lines per outlet")
    p.add_argument("--seed", type=int, default=0, help="sampling seed (default: 0)")
    p.add_argument("--out", help="write CSV here instead of printing")
    p.set_defaults(func=_cmd_kwic)


def _cmd_kwic(args) -> int:
    from framing.lexicon._tasks import kwic_file

    result = kwic_file(
        args.corpus,
        args.pattern,
        lexicon=args.lexicon,
        window=args.window,
        per_outlet=args.per_outlet,
        seed=args.seed,
        out=args.out,
    )
    print(result if isinstance(result, str) else result.to_string(index=False))
    return 0


def _add_topics(sub) -> None:
    p = sub.add_parser("topics", help="topic queries (corpora/topics.yaml)")
    tsub = p.add_subparsers(dest="topics_command", metavar="SUBCOMMAND")
    tsub.required = True
    s = tsub.add_parser("select", help="select a topic's articles; print counts per outlet")
    s.add_argument("corpus", help="corpus folder or file")
    s.add_argument("topic", help="topic id, e.g. us_russia_talks")
    s.add_argument("--topics", default="corpora/topics.yaml", help="topic file")
    s.add_argument("--out", help="write the selected articles (.jsonl, .csv or .parquet)")
    s.set_defaults(func=_cmd_topics_select)
    _add_topics_validation(tsub)


def _cmd_topics_select(args) -> int:
    from framing.topics import select_file

    counts = select_file(args.corpus, args.topic, topics=args.topics, out=args.out)
    print(counts.to_string(index=False))
    if args.out:
        print(f"wrote {args.out}")
    return 0


def _add_topics_validation(tsub) -> None:
    sa = tsub.add_parser(
        "sample",
        help="draw articles to judge (selected + recall pool) into a CSV",
        description="Draw a random sample of the articles the query selects (for precision) "
        "and one of the recall pool's articles it does not select (for recall within the "
        "pool). Fill the 'relevant' column (1/0), then run `framing topics check`. The pool "
        "is every article unless --pool-where / --pool-terms narrow it (all conditions must "
        "hold).",
    )
    sa.add_argument("corpus", help="corpus folder or file")
    sa.add_argument("topic", help="topic id, e.g. us_russia_talks")
    sa.add_argument("--out", required=True, help="CSV file to write for the coder")
    sa.add_argument("--n", type=int, default=50, help="selected articles (default: 50)")
    sa.add_argument("--n-pool", type=int, help="not-selected pool articles (default: --n)")
    sa.add_argument("--seed", type=int, default=0, help="seed; a new one per round (default: 0)")
    sa.add_argument("--round", type=int, default=1, help="validation round (default: 1)")
    sa.add_argument(
        "--pool-where",
        action="append",
        metavar="COLUMN=V1,V2",
        help="pool articles have one of these values in COLUMN (repeatable)",
    )
    sa.add_argument(
        "--pool-terms",
        action="append",
        metavar="T1,T2",
        help="pool articles mention these terms, comma-separated (repeatable)",
    )
    sa.add_argument(
        "--pool-min-hits", type=int, default=1, help="matches of --pool-terms needed (default: 1)"
    )
    sa.add_argument("--topics", default="corpora/topics.yaml", help="topic file")
    sa.set_defaults(func=_cmd_topics_sample)
    ch = tsub.add_parser(
        "check",
        help="precision and recall (with intervals) from a judged sample CSV",
        description="Check a judged sample written by `framing topics sample` and estimate "
        "precision (Wilson interval) and recall within the pool (by strata, Jeffreys draws).",
    )
    ch.add_argument("judgements", metavar="JUDGED.csv", help="the judged sample")
    ch.add_argument("--round", type=int, nargs="+", help="only these rounds (default: all)")
    ch.add_argument("--ci", type=float, default=0.95, help="interval level (default: 0.95)")
    ch.add_argument("--seed", type=int, default=0, help="seed of the recall draws (default: 0)")
    ch.add_argument("--out", help="also write the table (.csv, .parquet or .jsonl)")
    ch.set_defaults(func=_cmd_topics_check)


def _cmd_topics_sample(args) -> int:
    from framing.topics import RecallPool, sample_file

    pool = RecallPool.from_options(args.pool_where, args.pool_terms, min_hits=args.pool_min_hits)
    s = sample_file(
        args.corpus,
        args.topic,
        out=args.out,
        n=args.n,
        n_pool=args.n_pool,
        pool=pool,
        seed=args.seed,
        round=args.round,
        topics=args.topics,
    )
    first = s.iloc[0] if len(s) else None
    print(f"pool: {pool.describe()}")
    if first is not None:
        print(
            f"selected {first['n_selected']} ({first['n_selected_in_pool']} in the pool); "
            f"pool not selected {first['n_pool_not_selected']}"
        )
    counts = s["stratum"].value_counts()
    print(
        f"wrote {len(s)} articles to judge to {args.out}: {counts.get('selected', 0)} selected, "
        f"{counts.get('pool_not_selected', 0)} pool not selected. Fill 'relevant' (1/0), "
        f"then: framing topics check {args.out}"
    )
    return 0


def _cmd_topics_check(args) -> int:
    from framing.topics import check_file, format_precision_recall

    table = check_file(args.judgements, out=args.out, rounds=args.round, ci=args.ci, seed=args.seed)
    print(format_precision_recall(table))
    if args.out:
        print(f"wrote {args.out}")
    return 0


def _add_collect(sub) -> None:
    p = sub.add_parser(
        "collect",
        help="collect news into a corpus: text folders, Nexis exports, saved pages, URL lists, "
        "feeds, GDELT",
        description="Read or fetch articles from one source and write OUT/articles.parquet, "
        "OUT/corpus.yaml (how it was collected, counts read/kept/rejected) and "
        "OUT/rejected.jsonl (every rejected item and why). See framing/sources/README.md.",
    )
    csub = p.add_subparsers(dest="collect_command", metavar="SOURCE")
    csub.required = True

    def common(q, network: bool) -> None:
        q.add_argument("--out", required=True, metavar="FOLDER", help="new corpus folder")
        q.add_argument("--name", help="corpus name (default: the folder name)")
        q.add_argument("--description", default="", help="one-line description for corpus.yaml")
        q.add_argument("--overwrite", action="store_true", help="replace OUT/articles.parquet")
        q.add_argument(
            "--lenient",
            action="store_true",
            help="keep going past problem items and list them in rejected.jsonl",
        )
        q.add_argument("--outlets", metavar="YAML", help="outlets.yaml: aliases and domains")
        q.add_argument(
            "--partition-by",
            choices=("year", "month"),
            help="write Parquet parts by year or month of the date instead of one file",
        )
        if not network:
            return
        q.add_argument(
            "--jobs", type=_positive_int, default=4, help="hosts fetched in parallel (default: 4)"
        )
        q.add_argument(
            "--cache",
            metavar="DIR",
            help="cache of fetched pages, so re-runs resume (default: $FRAMING_CACHE/fetch "
            "or .framing-cache/fetch)",
        )
        q.add_argument("--no-cache", action="store_true", help="neither read nor write a cache")
        q.add_argument(
            "--rate-limit",
            type=_at_least(0.0, float),
            default=1.0,
            help="seconds between requests to one host (default: 1)",
        )
        q.add_argument(
            "--timeout", type=_at_least(0.1, float), default=20, help="seconds (default: 20)"
        )
        q.add_argument(
            "--max-bytes", type=_positive_int, default=5_000_000, help="(default: 5000000)"
        )
        q.add_argument("--retries", type=_count, default=3, help="(default: 3)")
        q.add_argument("--user-agent", help="User-Agent sent (name your project and a contact)")
        q.add_argument(
            "--allow-private",
            action="store_true",
            help="also fetch loopback, private and link-local addresses (refused by default: "
            "a feed or list could point at services on your own machine or network)",
        )
        q.add_argument("--quiet", action="store_true", help="no progress bar")

    fo = csub.add_parser("folder", help=".txt/.md files with optional YAML front matter")
    fo.add_argument("source", metavar="FOLDER")
    fo.add_argument(
        "--outlet-from",
        choices=["subfolder", "parent", "none"],
        default="subfolder",
        help="outlet when the front matter has none (default: subfolder)",
    )
    fo.add_argument(
        "--outlet",
        metavar="NAME",
        help="outlet of every file whose front matter names none (instead of --outlet-from)",
    )
    common(fo, network=False)
    nx = csub.add_parser("nexis", help="LexisNexis / Nexis Uni exports (.txt, .docx)")
    nx.add_argument("source", metavar="PATH", help="an export file or a folder of them")
    nx.add_argument("--encoding", default="utf-8", help=".txt encoding (default: utf-8)")
    nx.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="keep exact copies of a document (default: reject all but the first)",
    )
    common(nx, network=False)
    ht = csub.add_parser("html", help="saved HTML pages (a folder or files), or page URLs")
    ht.add_argument("source", metavar="PATH", nargs="+")
    common(ht, network=True)
    ur = csub.add_parser("urls", help="a .txt or .csv list of story URLs (e.g. Media Cloud)")
    ur.add_argument("source", metavar="FILE")
    common(ur, network=True)
    rs = csub.add_parser("rss", help="RSS/Atom feeds (URLs or saved files)")
    rs.add_argument("source", metavar="FEED", nargs="+")
    common(rs, network=True)
    gd = csub.add_parser("gdelt", help="a GDELT DOC 2.0 article search")
    gd.add_argument("source", metavar="QUERY")
    gd.add_argument("--start", required=True, help="start (UTC), e.g. 2025-07-01")
    gd.add_argument("--end", required=True, help="end (UTC), e.g. 2025-07-31")
    gd.add_argument("--country", help="sourcecountry: operator, e.g. US")
    gd.add_argument("--lang", help="sourcelang: operator, e.g. english")
    gd.add_argument("--max-records", type=int, default=250, help="per request, 1-250")
    gd.add_argument("--endpoint", help="API endpoint (default: the public GDELT DOC API)")
    gd.add_argument(
        "--api-rate-limit",
        type=float,
        default=5.0,
        help="seconds between GDELT API requests (default: 5, as GDELT asks)",
    )
    common(gd, network=True)
    for q in (fo, nx, ht, ur, rs, gd):
        q.set_defaults(func=_cmd_collect)


def _cmd_collect(args) -> int:
    from framing.corpus import format_validation
    from framing.sources import collect

    kind = args.collect_command
    options = {}
    if kind == "folder":
        options["outlet_from"] = args.outlet_from
        if args.outlet:
            options["outlet"] = args.outlet
    if kind == "nexis":
        options["encoding"] = args.encoding
        options["duplicates"] = "keep" if args.keep_duplicates else "reject"
    network = kind in ("urls", "rss", "gdelt") or (
        kind == "html" and any(s.lower().startswith(("http://", "https://")) for s in args.source)
    )
    if network:
        options.update(
            rate_limit_per_host=args.rate_limit,
            timeout=args.timeout,
            max_bytes=args.max_bytes,
            retries=args.retries,
        )
        if args.user_agent:
            options["user_agent"] = args.user_agent
        if args.allow_private:
            options["allow_private"] = True
    if kind == "gdelt":
        options.update(start=args.start, end=args.end, max_records=args.max_records)
        options.update(source_country=args.country, source_lang=args.lang)
        options["gdelt_rate_limit"] = args.api_rate_limit
        if args.endpoint:
            options["endpoint"] = args.endpoint
    source = args.source[0] if kind == "html" and len(args.source) == 1 else args.source
    cache = None
    if network and not args.no_cache:
        from framing.cache import cache_dir

        cache = args.cache or str(cache_dir() / "fetch")
    result = collect(
        kind,
        source,
        out=args.out,
        mode="lenient" if args.lenient else "strict",
        jobs=args.jobs if network else 1,
        cache_dir=cache,
        outlets=args.outlets,
        name=args.name,
        description=args.description,
        overwrite=args.overwrite,
        progress=not args.quiet if network else False,
        partition_by=args.partition_by,
        **options,
    )
    print(format_validation(result))
    print(f"wrote {args.out}")
    return 0


def _add_voices(sub) -> None:
    p = sub.add_parser(
        "voices",
        help="quotes, speakers and sourcing by outlet (framing.voices)",
        description="Find the quotes of a corpus (rules, no model), resolve their speakers "
        "and map them to actor groups (framing/voices/actors.yaml). Results are cached per "
        "text in $FRAMING_CACHE (default ./.framing-cache).",
    )
    vsub = p.add_subparsers(dest="voices_command", metavar="SUBCOMMAND")
    vsub.required = True

    def common(q) -> None:
        q.add_argument("corpus", metavar="CORPUS", help="corpus folder or file (load_corpus)")
        q.add_argument("--actors", metavar="YAML", help="actor groups (default: the kit's)")
        q.add_argument(
            "--map",
            action="append",
            default=[],
            type=_mapping_item,
            metavar="COLUMN=FIELD",
            help="map a source field to a kit column, e.g. --map text=content_original",
        )
        q.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")

    ex = vsub.add_parser("extract", help="every quote: span, kind, verb, speaker, group")
    common(ex)
    ex.add_argument("--out", type=_table_file, metavar="FILE", help="write .parquet or .csv")
    ex.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    ex.add_argument("--chunksize", type=int, default=20_000, help="articles per chunk")
    ex.set_defaults(func=_cmd_voices_extract)
    me = vsub.add_parser("measures", help="per-article sourcing measures (for by_outlet)")
    common(me)
    me.add_argument("--out", type=_table_file, metavar="FILE", help="write .csv or .parquet")
    me.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    me.set_defaults(func=_cmd_voices_measures)
    ev = vsub.add_parser("evidence", help="the quotes behind a number, by outlet and group")
    common(ev)
    ev.add_argument("--outlet", action="append", help="keep this outlet (repeatable)")
    ev.add_argument("--group", action="append", help="keep this actor group (repeatable)")
    ev.add_argument("--kind", choices=["direct", "indirect"], help="keep one kind")
    ev.add_argument("--anonymous", action="store_true", help="only anonymous sources")
    ev.add_argument("--per-outlet", type=int, help="random sample of N quotes per outlet")
    ev.add_argument("--seed", type=int, default=0, help="sampling seed (default: 0)")
    ev.add_argument("--out", type=_table_file, metavar="FILE", help="write .csv or .parquet")
    ev.set_defaults(func=_cmd_voices_evidence)


def _cmd_voices_extract(args) -> int:
    from framing.voices import extract_file

    summary = extract_file(args.corpus, out=args.out, mapping=dict(args.map) or None,
                           actors=args.actors, n_jobs=args.jobs, cache=not args.no_cache,
                           chunksize=args.chunksize)  # fmt: skip
    print(summary)
    return 0


def _cmd_voices_measures(args) -> int:
    from framing.voices import measures_file

    table = measures_file(args.corpus, out=args.out, mapping=dict(args.map) or None,
                          actors=args.actors, n_jobs=args.jobs, cache=not args.no_cache)  # fmt: skip
    if args.out:
        print(f"wrote {len(table):,} articles to {args.out}")
    else:
        table.to_csv(sys.stdout, index=False)
    return 0


def _cmd_voices_evidence(args) -> int:
    from framing.voices import evidence_file

    lines = evidence_file(args.corpus, outlet=args.outlet, group=args.group, kind=args.kind,
                          anonymous=True if args.anonymous else None,
                          n_per_outlet=args.per_outlet, seed=args.seed, out=args.out,
                          mapping=dict(args.map) or None, actors=args.actors,
                          cache=not args.no_cache)  # fmt: skip
    if args.out:
        print(f"wrote {len(lines):,} quotes to {args.out}")
    else:
        cols = ["outlet", "group", "speaker", "left", "quote", "right"]
        print(lines[cols].to_string(index=False, max_colwidth=60))
    return 0


def _partition_option(p) -> None:
    p.add_argument(
        "--partition-by",
        choices=["year", "month"],
        help="write a folder of Parquet parts by year or month of the date (for large "
        "corpora and Dask workers) instead of one articles.parquet",
    )


def _add_corpus_repartition(csub) -> None:
    rp = csub.add_parser(
        "repartition",
        help="write a corpus again as one file or partitioned by year or month",
        description="Copy the corpus folder SRC to DST with its articles as one "
        "articles.parquet (no --partition-by) or as Parquet parts by year or month; "
        "corpus.yaml, rejected and warnings records are carried over, the hash is checked.",
    )
    rp.add_argument("src", metavar="SRC", help="corpus folder (Parquet articles)")
    rp.add_argument("--out", required=True, metavar="DST", help="new corpus folder")
    rp.add_argument("--overwrite", action="store_true", help="replace the articles of DST")
    _partition_option(rp)
    rp.set_defaults(func=_cmd_corpus_repartition)


def _cmd_corpus_repartition(args) -> int:
    from framing.corpus import repartition_corpus

    info = repartition_corpus(
        args.src, args.out, partition_by=args.partition_by, overwrite=args.overwrite
    )
    layout = f"{info['partitions']} part file(s)" if args.partition_by else "one articles.parquet"
    print(f"wrote {info['articles']:,} articles to {info['folder']} ({layout})")
    if info["hash_unchanged"] is False:
        print(
            "note: the corpus hash differs from the one SRC recorded (normalised by an older kit)"
        )
    return 0


def _add_stories(sub) -> None:
    p = sub.add_parser("stories", help="wire copies (near-duplicates) and story clusters")
    ssub = p.add_subparsers(dest="stories_command", metavar="SUBCOMMAND")
    ssub.required = True
    d = ssub.add_parser("dedup", help="near-duplicate clusters and reprints per outlet (Parquet)")
    d.add_argument("corpus", help="corpus folder or file")
    d.add_argument(
        "--threshold", type=float, default=0.4, help="estimated Jaccard of 5-shingle sets"
    )
    d.add_argument(
        "--wire",
        action="append",
        default=None,
        metavar="OUTLET",
        help="treat this outlet as a wire service (repeatable); outlets.yaml type 'wire' always counts",
    )
    d.add_argument("--out-dir", help="folder of the tables (default: <corpus>/stories)")
    d.add_argument("--no-cache", action="store_true", help="recompute even when cached")
    d.add_argument("--jobs", type=int, default=1, help="processes signing the texts (-1: all CPUs)")
    d.set_defaults(func=_cmd_stories_dedup)
    c = ssub.add_parser("cluster", help="story clusters across outlets (Parquet)")
    c.add_argument("corpus", help="corpus folder or file")
    c.add_argument("--threshold", type=float, default=0.3, help="cosine of headline + lead TF-IDF")
    c.add_argument(
        "--window-days", type=_count, default=3, help="largest gap between linked articles"
    )
    c.add_argument("--out-dir", help="folder of the tables (default: <corpus>/stories)")
    c.add_argument("--no-cache", action="store_true", help="recompute even when cached")
    c.set_defaults(func=_cmd_stories_cluster)


def _cmd_stories_dedup(args, dedup_file=None) -> int:
    if dedup_file is None:
        from framing.stories import dedup_file

    res = dedup_file(
        args.corpus,
        out_dir=args.out_dir,
        wires=args.wire,
        cache=not args.no_cache,
        n_jobs=args.jobs,
        threshold=args.threshold,
    )
    print(
        f"{res['n_articles']} articles: {res['n_clusters']} near-duplicate clusters holding "
        f"{res['n_in_clusters']} articles, {res['n_reprints']} reprints of another outlet's text"
    )
    rep = res["reprints"]
    print(rep[rep["n_reprints"] + rep["n_reprinted"] > 0].to_string(index=False))
    for path in res["paths"]:
        print(f"wrote {path}")
    return 0


def _cmd_stories_cluster(args) -> int:
    from framing.stories import cluster_file

    res = cluster_file(
        args.corpus,
        out_dir=args.out_dir,
        cache=not args.no_cache,
        threshold=args.threshold,
        window_days=args.window_days,
    )
    print(
        f"{res['n_articles']} articles: {res['n_stories']} stories holding "
        f"{res['n_in_stories']} articles, {res['n_multi_outlet']} covered by 2+ outlets, "
        f"{res['n_undated']} undated articles left out"
    )
    top = res["stories"].sort_values(["n_outlets", "n_articles"], ascending=False).head(10)
    print(
        top[["story_id", "first_date", "n_articles", "n_outlets", "label"]].to_string(index=False)
    )
    for path in res["paths"]:
        print(f"wrote {path}")
    return 0


_GROUPS = [
    _add_version,
    _add_report,
    _add_study,
    _add_sentiment,
    _add_corpus,
    _add_keyness,
    _add_classify,
    _add_lexicon,
    _add_kwic,
    _add_collect,
    _add_topics,
    _add_voices,
    _add_stories,
]


# -- --scheduler: the heavy commands on a Dask cluster (framing.distributed) -------------
def _subcommand(sub, *names):
    parser = sub.choices[names[0]]
    for name in names[1:]:
        (inner,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        parser = inner.choices[name]
    return parser


def _add_scheduler_options(sub) -> None:
    """Give the heavy commands ``--scheduler``; with one (or $FRAMING_SCHEDULER) they run
    over the corpus's partitions on that Dask cluster, else as before."""
    on_cluster = {
        ("lexicon", "score"): _cmd_lexicon_score_cluster,
        ("sentiment",): _cmd_sentiment_cluster,
        ("topics", "select"): _cmd_topics_select_cluster,
        ("keyness",): _cmd_keyness_cluster,
        ("stories", "dedup"): _cmd_stories_dedup_cluster,
    }
    for names, cluster_cmd in on_cluster.items():
        p = _subcommand(sub, *names)
        p.add_argument(
            "--scheduler",
            metavar="WHERE",
            help="run on a Dask cluster over the corpus's partitions: local:N (N processes "
            "here), tcp://HOST:PORT, slurm:N, ssh:HEAD,NODE,..., file:SCHEDULER.json, or "
            "none (default: $FRAMING_SCHEDULER, else this process)",
        )
        p.set_defaults(func=_dispatch(p.get_default("func"), cluster_cmd))


def _dispatch(here, cluster_cmd):
    def run(args) -> int:
        from framing.distributed import client_for, parse_scheduler

        spec = parse_scheduler(args.scheduler)
        if spec is None:
            return here(args)
        with client_for(spec) as client:
            print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
            return cluster_cmd(args, client)

    return run


def _cmd_lexicon_score_cluster(args, client) -> int:
    from framing.distributed._tasks import score_file

    print(score_file(args.corpus, args.lexicon, out=args.out, client=client))
    return 0


def _cmd_sentiment_cluster(args, client) -> int:
    from framing.distributed._tasks import sentiment_file

    table = sentiment_file(args.corpus, level=args.level, out=args.out,
                           mapping=dict(args.map) or None, cache=not args.no_cache,
                           client=client)  # fmt: skip
    if args.out:
        print(f"wrote {len(table):,} rows ({args.level}) to {args.out}")
    else:
        table.to_csv(sys.stdout, index=False)
    return 0


def _cmd_topics_select_cluster(args, client) -> int:
    from framing.distributed._tasks import select_file

    counts = select_file(args.corpus, args.topic, topics=args.topics, out=args.out, client=client)
    print(counts.to_string(index=False))
    if args.out:
        print(f"wrote {args.out}")
    return 0


def _cmd_keyness_cluster(args, client) -> int:
    from functools import partial

    from framing.distributed._tasks import keyness_file

    return _cmd_keyness(args, keyness_file=partial(keyness_file, client=client))


def _cmd_stories_dedup_cluster(args, client) -> int:
    from functools import partial

    from framing.distributed._tasks import dedup_file

    return _cmd_stories_dedup(args, dedup_file=partial(dedup_file, client=client))


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``framing`` command."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Compare how news outlets frame a topic (lexicons, classifiers, reports).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in _GROUPS:
        add(sub)
    _add_scheduler_options(sub)
    return parser


def _quiet_stderr() -> None:
    import os

    sys.stderr.flush()
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # sys.stderr writes to descriptor 2: now to nowhere
        os.close(devnull)
    except OSError:
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code.

    0 ok, 1 a kit error or a failed report, 2 usage, 130 interrupted (Ctrl-C), 74 an
    operating-system error (a disk full, a permission), 70 an unexpected error (a bug:
    set ``FRAMING_DEBUG=1`` for its traceback). Every failure is one line on stderr.
    """
    import os

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("framing: interrupted (Ctrl-C); finished outputs are kept.", file=sys.stderr)
        if argv is None and not os.environ.get("FRAMING_DEBUG"):  # the command, not a call
            _quiet_stderr()  # no late tracebacks of kernels or tasks torn down on the way out
        return 130
    except BrokenPipeError:  # the reader of our output went away (`| head`)
        return 0
    except Exception as exc:
        if os.environ.get("FRAMING_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:500] or "no message"
        if isinstance(exc, OSError):
            print(f"framing: error: {detail}", file=sys.stderr)
            return 74
        print(
            f"framing: unexpected error ({type(exc).__name__}: {detail}). This is a bug in "
            "the kit: please report it with the command you ran; set FRAMING_DEBUG=1 to "
            "see the traceback.",
            file=sys.stderr,
        )
        return 70
