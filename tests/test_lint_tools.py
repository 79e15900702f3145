"""The linters `make lint` runs report a fault with its file and line (proved on fixtures)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from guide_tools.paths import ROOT

BIN = Path(sys.executable).parent


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False, cwd=ROOT)


def test_ruff_reports_file_and_line(tmp_path):
    bad = tmp_path / "snippet.py"
    bad.write_text("import os\n\nprint('unused import above')\n")
    result = run(BIN / "ruff", "check", "--config", ROOT / "pyproject.toml", "--output-format",
                 "concise", bad)  # fmt: skip
    assert result.returncode == 1
    assert f"{bad}:1:8: F401" in result.stdout


def test_ruff_format_check_names_the_file(tmp_path):
    bad = tmp_path / "snippet.py"
    bad.write_text("x=[1,2]\n")
    result = run(BIN / "ruff", "format", "--check", "--config", ROOT / "pyproject.toml", bad)
    assert result.returncode == 1
    assert str(bad) in result.stdout


def test_codespell_reports_file_and_line(tmp_path):
    bad = tmp_path / "page.md"
    typo = "var" + "ience"  # spelt apart so codespell does not flag this file itself
    bad.write_text(f"# Title\n\nThe {typo} of the estimator.\n")
    result = run(BIN / "codespell", bad)
    assert result.returncode != 0
    assert f"{bad}:3: {typo} ==> variance" in result.stdout
