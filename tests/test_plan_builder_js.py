"""The plan builder's scheduling and export logic, tested in Node (tests/js/*.test.js).

Runs `node --test tests/js/` so `make test` runs the JavaScript tests too, and fails with Node's
report. The functions live in docs/assets/javascripts/plan_builder.js, exported for Node.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from guide_tools.paths import ROOT


def test_the_javascript_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: `make install` installs it (Debian's nodejs)")
    proc = subprocess.run(
        [node, "--test", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_page_states_the_rules_the_script_follows():
    """docs/plans/builder.md explains the schedule in prose; its numbers are the script's."""
    script = (ROOT / "docs/assets/javascripts/plan_builder.js").read_text(encoding="utf-8")
    page = " ".join((ROOT / "docs/plans/builder.md").read_text(encoding="utf-8").split())
    session_max = re.search(r"var SESSION_MAX = (\d+);", script).group(1)
    days = re.search(r"var REVIEW_DAYS = \[([\d, ]+)\];", script).group(1).split(", ")
    assert f"at most {session_max} minutes" in page
    assert f"{', '.join(days[:-1])} and {days[-1]} days later" in page
