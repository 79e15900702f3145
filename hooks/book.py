"""MkDocs hook (PDF book only, mkdocs.print.yml): answer appendix, cover facts, paper rewrites.

Thin on purpose: the logic lives in guide_tools.book.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guide_tools import book


def on_config(config):
    config.extra["book"] = book.cover_facts()
    return config


@event_priority(100)  # before plugins (htmlproofer, print-site) take their list of files
def on_files(files, config):
    pages = book.nav_pages(config.nav or [])
    if book.APPENDIX_PATH not in pages:
        raise PluginError(f"mkdocs.print.yml: the nav must end with {book.APPENDIX_PATH}")
    try:
        # Pages made at build time (the study plans) hold no quizzes: read those with a source.
        sources = [p for p in pages if (f := files.get_file_from_path(p)) and f.abs_src_path]
        text = book.appendix_markdown(p for p in sources if p != book.APPENDIX_PATH)
    except ValueError as error:
        raise PluginError(str(error)) from error
    files.append(File.generated(config, book.APPENDIX_PATH, content=text))
    return files


def on_page_markdown(markdown, page, config, files):
    return book.absolute_download_links(markdown, page.file.src_uri, config.site_url or "")


@event_priority(50)  # before plugins read the page (print-site copies it for the book)
def on_page_content(html, page, config, files):
    return book.label_tabs(html)
