"""MkDocs hook: the mock interview page's questions, every chapter follow-up with a rubric.

Thin on purpose: the questions are read by guide_tools.mock_page; mock.js deals them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide_tools import mock_page
from guide_tools.book import nav_pages

PAGE = "mock-interview/index.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    # The chapters in the nav's order, the order a reader meets them.
    order = tuple(Path(src).stem for src in nav_pages(config.nav) if src.startswith("concepts/"))
    try:
        return mock_page.fill(markdown, Path(page.file.abs_src_path), Path(config.docs_dir), order)
    except mock_page.MockError as error:
        raise PluginError(str(error)) from None
