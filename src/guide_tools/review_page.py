"""The review page's deck: every quiz question and follow-up question of the chapters, as cards.

The review page (`docs/review/index.md`) marks where the deck goes with a line
[`MARKER`][guide_tools.review_page.MARKER]; `hooks/review.py` replaces it with
[`deck_markdown`][guide_tools.review_page.deck_markdown], so the page's own Markdown renders every
card with the same extensions as the chapters: a quiz card is its `/// quiz` block copied from the
chapter (graded by quiz.js into the same progress store), a follow-up card is the question and its
compact answer. The deck carries `data-quiz-cards`, so markdown_exam renders its questions as
stand-alone cards (no numbers, no page score, no ids). review.js deals the cards.

The blocks are copied from the chapters' source, so relative links and images in them are
rewritten to stay right from the review page's folder.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide_tools.chapters import SLUGS
from guide_tools.paths import DOCS, display
from markdown_exam.followups import read_page as read_followups
from markdown_exam.parse import find_blocks, parse

__all__ = [
    "MARKER",
    "Card",
    "ReviewError",
    "chapter_titles",
    "deck_markdown",
    "read_cards",
    "relink",
    "replace_marker",
]

MARKER = "<!-- review-deck -->"
"""The line of the review page that the deck replaces."""

# A Markdown link or image target, `](target)` or `](target "title")`, and an HTML src/href.
_MD_TARGET = re.compile(r"(\]\()(?P<target>[^)\s]+)")
_HTML_TARGET = re.compile(r"""((?:src|href)=["'])(?P<target>[^"']+)""")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/)", re.I)


class ReviewError(Exception):
    """A review page without its marker line, or a chapter whose questions cannot be read."""


@dataclass
class Card:
    """One card of the deck.

    Attributes:
        id: The question's id, its key in the progress store.
        kind: `"quiz"` or `"follow-up"`.
        chapter: The chapter's slug.
        anchor: The question's HTML id on its chapter page.
        markdown: The card's body: the `/// quiz` block, or the follow-up's question and answer.
    """

    id: str
    kind: str
    chapter: str
    anchor: str
    markdown: str


def relink(text: str, source: Path, page: Path, docs_dir: Path) -> str:
    """Rewrite relative targets written for `source` so they resolve the same from `page`.

    Args:
        text: Markdown or HTML copied from `source`.
        source: The file the text was written for.
        page: The page the text is shown on.
        docs_dir: The docs folder both are under.

    Returns:
        The text with every relative link and image target rewritten; external ones are kept.
    """
    source_dir = source.parent.relative_to(docs_dir).as_posix()
    page_dir = page.parent.relative_to(docs_dir).as_posix()

    def fix(match: re.Match[str]) -> str:
        target = match["target"]
        if _EXTERNAL.match(target):
            return match.group(0)
        path, hash_, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(source_dir, path or source.name))
        relative = os.path.relpath(resolved, page_dir).replace(os.sep, "/")
        return match.group(1) + relative + hash_ + fragment

    return _HTML_TARGET.sub(fix, _MD_TARGET.sub(fix, text))


def read_cards(
    docs_dir: Path = DOCS, page: Path | None = None, order: tuple[str, ...] = SLUGS
) -> list[Card]:
    """Every card of the deck, chapter by chapter (in the chapters' order), in page order.

    Args:
        docs_dir: The docs folder.
        page: The review page's source file, which relative links are rewritten for
            (`docs_dir/review/index.md` by default).
        order: The chapters' slugs in reading order (the site's nav).

    Returns:
        The cards: each chapter's follow-up questions, then its quiz questions, as on the page.

    Raises:
        ReviewError: If a chapter's follow-up questions do not parse (the message names the
            file and line; `make check-sources` reports the same).
    """
    page = page or docs_dir / "review" / "index.md"
    cards: list[Card] = []
    for slug in order:
        path = docs_dir / "concepts" / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        followups, problems = read_followups(path, text)
        if problems:
            raise ReviewError("\n".join(str(problem) for problem in sorted(problems)))
        for item in followups:
            body = (
                f'<div class="review-card__front" markdown="block">\n\n{item.question}\n\n'
                '</div>\n\n<div class="review-card__back" markdown="block">\n\n'
                f"{item.answer_with_rubric}\n\n</div>"
            )
            cards.append(Card(item.id, "follow-up", slug, item.id, body))
        for block in find_blocks(text):
            quiz = parse(block.text)  # the build has checked it: this page renders it too
            cards.append(Card(quiz.id, "quiz", slug, quiz.anchor, f"/// quiz\n{block.text}\n///"))
        for card in cards:
            if card.chapter == slug:
                card.markdown = relink(card.markdown, path, page, docs_dir)
    return cards


def chapter_titles(docs_dir: Path = DOCS, order: tuple[str, ...] = SLUGS) -> dict[str, str]:
    """Each chapter's title, from its front matter.

    Args:
        docs_dir: The docs folder.
        order: The chapters' slugs.

    Returns:
        The titles by slug, in the order of `order`.
    """
    titles = {}
    for slug in order:
        text = (docs_dir / "concepts" / f"{slug}.md").read_text(encoding="utf-8")
        titles[slug] = yaml.safe_load(text.split("---", 2)[1])["title"]
    return titles


def deck_markdown(cards: list[Card], titles: dict[str, str]) -> str:
    """The deck as Markdown for the review page: one `<section>` per card inside the deck.

    Args:
        cards: From [`read_cards`][guide_tools.review_page.read_cards].
        titles: Each chapter's title, by slug.

    Returns:
        Markdown (with md_in_html blocks) that replaces the page's marker line.
    """
    parts = ['<div class="review-deck" data-quiz-cards hidden markdown="block">\n']
    for card in cards:
        title = html.escape(titles[card.chapter], quote=True)
        parts.append(
            f'<section class="review-card" data-card-id="{card.id}" data-card-kind="{card.kind}" '
            f'data-chapter="{card.chapter}" data-chapter-title="{title}" hidden '
            'markdown="block">\n\n'
            f"{card.markdown}\n\n"
            f'<p class="review-card__source" markdown="span">[In the chapter: {title}]'
            f"(../concepts/{card.chapter}.md#{card.anchor})</p>\n\n"
            "</section>\n"
        )
    parts.append("</div>")
    return "\n".join(parts)


def fill(
    markdown: str, src_path: Path, docs_dir: Path = DOCS, order: tuple[str, ...] = SLUGS
) -> str:
    """The review page's Markdown with its marker line replaced by the deck.

    Args:
        markdown: The page's Markdown.
        src_path: The page's source file (for messages and relative links).
        docs_dir: The docs folder.
        order: The chapters' slugs in reading order (the site's nav).

    Returns:
        The page's Markdown with the deck in place of the marker.

    Raises:
        ReviewError: If the marker is missing or appears more than once, or a chapter's questions
            do not parse.
    """
    return replace_marker(
        markdown,
        MARKER,
        lambda _line: deck_markdown(
            read_cards(docs_dir, src_path, order), chapter_titles(docs_dir, order)
        ),
        lambda found: ReviewError(
            f"{display(src_path)}: the review page needs the line {MARKER} exactly once "
            f"(found {found})"
        ),
    )


def replace_marker(
    markdown: str,
    marker: str,
    build: Callable[[int], str],
    error: Callable[[int], Exception],
) -> str:
    r"""A page's Markdown with its one marker line replaced by what `build` makes.

    Args:
        markdown: The page's Markdown.
        marker: The marker line (surrounding spaces ignored).
        build: Makes the replacement; called with the marker's 1-based line number.
        error: Makes the exception to raise when the marker is not there exactly once; called
            with the number of marker lines found.

    Returns:
        The Markdown with the marker line replaced.

    Examples:
        >>> from guide_tools.review_page import replace_marker
        >>> replace_marker("a\n<!-- x -->\nb", "<!-- x -->", lambda n: f"line {n}", ValueError)
        'a\nline 2\nb'
    """
    lines = markdown.split("\n")
    at = [number for number, line in enumerate(lines) if line.strip() == marker]
    if len(at) != 1:
        raise error(len(at))
    lines[at[0]] = build(at[0] + 1)
    return "\n".join(lines)
