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


# Each entry adds one command group to the sub-parser action.
_GROUPS = [_add_version]


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
