"""The command line frame: entry points and error handling."""

import subprocess
import sys

import pytest

from framing import __version__
from framing.cli import build_parser, main


def test_version_command_prints_package_version(capsys):
    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == __version__


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "framing", "version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == __version__


def test_missing_command_is_a_usage_error():
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([])
    assert exc.value.code == 2
