"""MkDocs hook: ship the built artefacts (the PDF book, the offline site) and list them on the
home page.

Each configuration lists what its site offers under ``extra.downloads`` (mkdocs.yml: the book and
the offline ZIP; mkdocs.offline.yml: the book). The home page marks where the list goes with
``<!-- downloads -->``. A listed file that is missing fails the build and names the make target
that builds it; so does a list with no marker to put it at. Thin on purpose: the logic lives in
guide_tools.downloads.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guide_tools import downloads


@event_priority(100)  # before plugins (htmlproofer) take their list of files
def on_files(files, config):
    try:
        artefacts = downloads.artefacts(config.extra.get("downloads") or [])
    except downloads.DownloadError as error:
        raise PluginError(str(error)) from None
    for artefact in artefacts:
        files.append(File.generated(config, artefact.url, abs_src_path=str(artefact.source)))
    return files


def on_page_markdown(markdown, page, config, files):
    if not page.is_homepage:
        return markdown
    try:
        listed = downloads.artefacts(config.extra.get("downloads") or [])
        return downloads.list_on_page(markdown, listed, page.file.src_uri)
    except downloads.DownloadError as error:
        raise PluginError(str(error)) from None
