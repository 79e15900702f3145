"""MkDocs hook: the review page's deck of cards, every chapter's quiz and follow-up questions.

Thin on purpose: the deck is built by guide_tools.review_page; review.js deals the cards.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide_tools import review_page
from guide_tools.book import nav_pages

PAGE = "review/index.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    # The chapters in the nav's order, the order a reader meets them.
    order = tuple(Path(src).stem for src in nav_pages(config.nav) if src.startswith("concepts/"))
    try:
        return review_page.fill(
            markdown, Path(page.file.abs_src_path), Path(config.docs_dir), order
        )
    except review_page.ReviewError as error:
        raise PluginError(str(error)) from None
