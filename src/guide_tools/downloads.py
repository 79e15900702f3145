"""The case-study tables as files a reader can download from the site (CSV and Parquet).

They are generated, not committed: the build calls :func:`build` and the hook adds the files to
the site under ``downloads/``. Results are cached in ``.cache/downloads/<key>/``, keyed on the
generator's source code, so ``mkdocs serve`` does not regenerate them on every edit.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from guide_tools.paths import ROOT

CACHE = ROOT / ".cache" / "downloads"
SITE_FOLDER = "downloads"


def _source_key() -> str:
    import churn_case_study

    package = Path(churn_case_study.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build(cache: Path = CACHE) -> list[Path]:
    """Export every case-study table (and the training table) once per generator version."""
    from churn_case_study import export, generate

    folder = cache / _source_key()
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(cache, ignore_errors=True)  # older versions are never needed again
        folder.mkdir(parents=True)
        export(generate(), folder, formats=("csv", "parquet"))
        done.touch()
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
