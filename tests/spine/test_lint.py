"""The code stays ruff-clean (the project's lint rules live in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from datafiles import ROOT


def test_ruff_check_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
