"""Files a reader can download from the site: the case-study tables (CSV and Parquet), and the
built artefacts a configuration lists under ``extra.downloads`` (the PDF book, the offline site).

They are generated, not committed: the build calls :func:`build` and the hook adds the files to
the site under ``downloads/``. Results are cached in ``.cache/downloads/<key>/``, keyed on the
generator's source code, so ``mkdocs serve`` does not regenerate them on every edit.
"""

from __future__ import annotations

import hashlib
import posixpath
import shutil
from dataclasses import dataclass
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


# -- Built artefacts: the PDF book and the offline site ------------------------------------------
MARKER = "<!-- downloads -->"


class DownloadError(Exception):
    """A configured download that cannot be shipped or listed."""


@dataclass(frozen=True)
class Artefact:
    """A file the build made (``make <target>``) that the site offers for download."""

    title: str
    source: Path
    make: str
    description: str

    @property
    def url(self) -> str:
        return f"{SITE_FOLDER}/{self.source.name}"


def artefacts(entries: list[dict]) -> list[Artefact]:
    """The ``extra.downloads`` entries of a configuration, each of which must exist."""
    found = []
    for entry in entries:
        missing = {"title", "file", "make", "description"} - set(entry)
        if missing:
            raise DownloadError(f"extra.downloads: {entry!r} lacks {sorted(missing)}")
        source = ROOT / entry["file"]
        if not source.is_file():
            raise DownloadError(
                f"{entry['file']} is missing: run `make {entry['make']}` first "
                "(it is listed under extra.downloads)"
            )
        found.append(Artefact(entry["title"], source, entry["make"], entry["description"]))
    return found


def list_on_page(markdown: str, listed: list[Artefact], src_uri: str) -> str:
    """Replace the page's ``<!-- downloads -->`` line with a Markdown list of the artefacts
    (title linked, size, description), indented like the marker."""
    if not listed:
        return markdown
    lines = markdown.split("\n")
    where = [i for i, line in enumerate(lines) if line.strip() == MARKER]
    if len(where) != 1:
        raise DownloadError(
            f"docs/{src_uri}: extra.downloads lists {len(listed)} files, so the page needs "
            f"exactly one '{MARKER}' line to list them at (found {len(where)})"
        )
    indent = lines[where[0]][: len(lines[where[0]]) - len(lines[where[0]].lstrip())]
    base = posixpath.dirname(src_uri) or "."
    items = [
        f"{indent}- [{a.title}]({posixpath.relpath(a.url, base)}) "
        f"({a.source.stat().st_size / 1e6:.1f} MB): {a.description}"
        for a in listed
    ]
    return "\n".join(lines[: where[0]] + items + lines[where[0] + 1 :])
