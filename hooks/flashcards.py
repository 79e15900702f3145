"""MkDocs hook: publish the flashcards (an Anki deck and a CSV of every quiz and follow-up question)
under downloads/flashcards/ in the built site.

Thin on purpose: guide_tools.flashcards builds them (`make flashcards` writes the same files to
build/flashcards/), here with the site's own docs folder, site_url, nav order and snippet
settings. They are added to the site's files (not written after the build) so pages can link to
them and htmlproofer finds them; `mkdocs serve` serves them too.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guide_tools import flashcards

FOLDER = "downloads/flashcards"


@event_priority(100)  # before plugins (htmlproofer) take their list of files
def on_files(files, config):
    try:
        built = flashcards.build(Path(config["docs_dir"]), config=config)
    except ValueError as error:
        raise PluginError(str(error)) from None
    for name, content in built.items():
        files.append(File.generated(config, f"{FOLDER}/{name}", content=content))
    return files
