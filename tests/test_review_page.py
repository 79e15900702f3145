"""The review page's deck: every quiz and follow-up question of the chapters, once each, with
links that still resolve from the review page; the page states the schedule progress.js keeps."""

from __future__ import annotations

import re

import pytest

from guide_tools import review_page
from guide_tools.chapters import SLUGS
from guide_tools.paths import DOCS, ROOT
from markdown_exam import export, followups

PAGE = DOCS / "review" / "index.md"


def test_the_deck_holds_every_question_once_in_chapter_order():
    cards = review_page.read_cards()
    quizzes = export.questions()
    items = followups.read_docs()[0]
    assert sorted(c.id for c in cards) == sorted([q.id for q in quizzes] + [f.id for f in items])
    assert [c.chapter for c in cards] == sorted((c.chapter for c in cards), key=SLUGS.index)
    kinds = {c.id: c.kind for c in cards}
    assert all(kinds[q.id] == "quiz" for q in quizzes)
    assert all(kinds[f.id] == "follow-up" for f in items)


def test_links_in_copied_blocks_resolve_from_the_review_page(tmp_path):
    docs = tmp_path / "docs"
    source, page = docs / "concepts" / "metrics.md", docs / "review" / "index.md"
    text = (
        "![Curve](../assets/figures/metrics/roc.svg) [other](ensembles.md#tldr) "
        "[same](#tldr) [web](https://example.org/x.md) "
        '<img src="../assets/a.svg"> [home](../index.md)'
    )
    relinked = review_page.relink(text, source, page, docs)
    assert relinked == (
        "![Curve](../assets/figures/metrics/roc.svg) [other](../concepts/ensembles.md#tldr) "
        "[same](../concepts/metrics.md#tldr) [web](https://example.org/x.md) "
        '<img src="../assets/a.svg"> [home](../index.md)'
    )


def test_the_deck_replaces_its_marker_and_a_page_without_one_is_refused():
    markdown = PAGE.read_text(encoding="utf-8")
    filled = review_page.fill(markdown, PAGE)
    assert review_page.MARKER not in filled
    assert filled.count('<section class="review-card"') == len(review_page.read_cards())
    assert "data-quiz-cards" in filled
    with pytest.raises(review_page.ReviewError, match=r"docs/review/index.md: the review page"):
        review_page.fill(markdown.replace(review_page.MARKER, ""), PAGE)


def test_the_page_states_the_schedule_progress_js_keeps():
    script = (ROOT / "docs/assets/javascripts/progress.js").read_text(encoding="utf-8")
    days = re.search(r"var INTERVALS = \[([\d, ]+)\];", script).group(1).split(", ")
    prose = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert f"{', '.join(days[:-1])} and {days[-1]} days for boxes 1 to {len(days)}" in prose
    assert f"one of {['', 'one', 'two', 'three', 'four', 'five'][len(days)]} boxes" in prose
