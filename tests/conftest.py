"""Shared test helpers: the repository's paths and a builder for small fixture sites."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

# Before numpy/scikit-learn start their thread pools (the Makefile sets the same): with two
# pytest workers on two cores, a pool per core each oversubscribes the machine badly.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pytest  # noqa: E402
import yaml  # noqa: E402

from guide_tools.paths import ROOT  # noqa: E402

BIN = Path(sys.executable).parent


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


@pytest.fixture
def build_fixture_site(tmp_path):
    """Build a fixture site that inherits the real mkdocs.yml, strictly, in a subprocess.

    ``pages`` maps paths under docs/ to Markdown; every page is put in the nav unless ``nav`` is
    given. Runs from the repository root, as `make build` does, and returns the exit code and
    everything MkDocs printed.
    """

    def build(pages: dict[str, str], nav: list | None = None) -> BuildResult:
        docs = tmp_path / "docs"
        for name, text in pages.items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        config = {
            "INHERIT": str(ROOT / "mkdocs.yml"),
            "docs_dir": str(docs),
            "site_dir": str(tmp_path / "site"),
            "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
            # The case-study downloads are not needed to test the checks.
            "hooks": [str(ROOT / "hooks" / "locate_warnings.py"), str(ROOT / "hooks" / "math.py")],
            "nav": nav if nav is not None else [{n: n} for n in pages],
            "watch": [],  # the real config's watch paths are relative to the repository
        }
        config_file = tmp_path / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
        proc = subprocess.run(
            [BIN / "mkdocs", "build", "--strict", "-f", config_file],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        return BuildResult(proc.returncode, proc.stdout + proc.stderr, tmp_path / "site")

    return build
