"""MkDocs hook: add the case-study tables (CSV, Parquet) to the site under downloads/."""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guide_tools import downloads


@event_priority(100)  # before plugins (htmlproofer) take their list of files
def on_files(files, config):
    for path in downloads.build():
        files.append(
            File.generated(config, f"{downloads.SITE_FOLDER}/{path.name}", abs_src_path=str(path))
        )
    return files
