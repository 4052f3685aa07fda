"""Every command is documented in the README and has help with an example (sqlite-utils' habit)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from datafiles import ROOT

from factbeat.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
LISTINGS = {"sources", "measures", "areas", "coverage"}  # commands with no arguments need no example


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_in_the_readme(name):
    assert f"factbeat {name}" in README


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    if name not in LISTINGS:
        assert "Example" in result.output


def test_quickstart_is_two_commands_and_ci_runs_the_test_command():
    assert "./quickstart.sh" in README and ".venv/bin/python -m pytest" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./quickstart.sh" in ci and ".venv/bin/python -m pytest" in ci
