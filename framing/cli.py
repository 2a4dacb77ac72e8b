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
    p.add_argument("--jobs", type=int, default=1, help="reports run in parallel (default: 1)")
    p.add_argument("--force", action="store_true", help="re-run even up-to-date reports")
    p.add_argument("--hide-code", action="store_true", help="leave code cells out of the HTML")
    p.add_argument("--out", default="reports", help="output folder (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
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
        progress=not args.quiet,
    )
    print(result.summary())
    return result.exit_code


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
    p.add_argument(
        "--out",
        metavar="FILE",
        type=_table_file,
        help="write .csv or .parquet (default: CSV on stdout)",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        type=_mapping_item,
        metavar="COLUMN=FIELD",
        help="map a source field to a kit column, e.g. --map text=content_original (repeatable)",
    )
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.set_defaults(func=_cmd_sentiment)


def _table_file(value: str) -> str:
    if not value.lower().endswith((".csv", ".parquet")):
        raise argparse.ArgumentTypeError(f"{value!r}: give a .csv or .parquet file name")
    return value


def _mapping_item(value: str) -> tuple[str, str]:
    column, sep, field = value.partition("=")
    if not sep or not column.strip() or not field.strip():
        raise argparse.ArgumentTypeError(f"{value!r}: write COLUMN=FIELD, e.g. text=body")
    return column.strip(), field.strip()


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


# Each entry adds one command group to the sub-parser action.
_GROUPS = [_add_version, _add_report, _add_sentiment]


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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 kit error, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 1
