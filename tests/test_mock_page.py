"""The mock interview page's questions: every chapter follow-up with a rubric, once each, at least
five per chapter, with links that resolve from the page; bad input is refused at its file and
line; the page states what mock.js does."""

from __future__ import annotations

import re

import pytest

from guide_tools import chapters, mock_page
from guide_tools.chapters import SLUGS
from guide_tools.paths import DOCS, ROOT
from markdown_exam import followups

PAGE = DOCS / "mock-interview" / "index.md"
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "mock.js"


def test_each_central_question_and_follow_up_with_a_rubric_is_a_mock_question():
    questions = mock_page.read_questions()
    with_rubric = [item for item in followups.read_docs()[0] if item.rubric]
    central = [f"{slug}-model-answer" for slug in SLUGS]
    assert sorted(q.id for q in questions) == sorted([i.id for i in with_rubric] + central)
    for slug in SLUGS:
        first = next(q for q in questions if q.chapter == slug)
        assert (first.id, first.anchor) == (f"{slug}-model-answer", "model-answers")
    assert all(q.anchor == q.id for q in questions if q.id not in central)
    per_chapter = {slug: sum(q.chapter == slug for q in questions) for slug in SLUGS}
    assert min(per_chapter.values()) >= chapters.MIN_MOCK_QUESTIONS, per_chapter
    assert [q.chapter for q in questions] == sorted((q.chapter for q in questions), key=SLUGS.index)
    for q in questions:
        assert q.answer.strip(), q.id
        assert len(q.rubric) >= followups.MIN_RUBRIC, q.id
        assert all(point.strip() for point in q.rubric), q.id


def test_the_page_gets_one_section_per_question_and_refuses_a_page_without_its_marker():
    markdown = PAGE.read_text(encoding="utf-8")
    filled = mock_page.fill(markdown, PAGE)
    assert mock_page.MARKER not in filled
    assert filled.count('<section class="mock-question"') == len(mock_page.read_questions())
    for part in ("prompt", "answer", "rubric", "source"):
        assert filled.count(f"mock-question__{part}") == len(mock_page.read_questions())
    with pytest.raises(mock_page.MockError, match=r"docs/mock-interview/index.md: the mock"):
        mock_page.fill(markdown.replace(mock_page.MARKER, ""), PAGE)
    with pytest.raises(mock_page.MockError, match=r"exactly once \(found 2\)"):
        mock_page.fill(markdown + "\n" + mock_page.MARKER + "\n", PAGE)


FRONT = (
    "---\ntitle: {title}\ndescription: D.\n---\n\n# T\n\n## Follow-up questions {{#follow-ups}}\n\n"
)
FOLLOW_UP = """\
/// details | Why?
    type: question
    attrs: {{id: {slug}-why}}

See ![the curve](../assets/figures/{slug}/curve.svg) and [the case](../case-study.md#data).
{rubric}///
"""
RUBRIC = "\nA strong answer covers:\n\n- one\n- two, see [tldr](#tldr)\n- three\n"


def fixture_docs(tmp_path, rubric_in: tuple[str, ...]):
    docs = tmp_path / "docs"
    (docs / "concepts").mkdir(parents=True)
    for slug in ("metrics", "ensembles"):
        text = FRONT.format(title=slug.title()) + FOLLOW_UP.format(
            slug=slug, rubric=RUBRIC if slug in rubric_in else ""
        )
        (docs / "concepts" / f"{slug}.md").write_text(text, encoding="utf-8")
    page = docs / "mock-interview" / "index.md"
    page.parent.mkdir()
    page.write_text(f"# Mock\n\n{mock_page.MARKER}\n", encoding="utf-8")
    return docs, page


def test_links_in_answers_and_rubrics_resolve_from_the_page(tmp_path):
    docs, page = fixture_docs(tmp_path, ("metrics", "ensembles"))
    [q, _] = mock_page.read_questions(docs, page, ("metrics", "ensembles"))
    assert "](../assets/figures/metrics/curve.svg)" in q.answer
    assert "](../case-study.md#data)" in q.answer
    assert q.rubric[1] == "two, see [tldr](../concepts/metrics.md#tldr)"
    filled = mock_page.fill(page.read_text(), page, docs, ("metrics", "ensembles"))
    assert "[In the chapter: Metrics](../concepts/metrics.md#metrics-why)" in filled


def test_a_chapter_without_mock_questions_is_named(tmp_path):
    docs, page = fixture_docs(tmp_path, ("metrics",))
    expected = r"index.md:3: no mock questions .* concepts/ensembles.md"
    with pytest.raises(mock_page.MockError, match=expected):
        mock_page.fill(page.read_text(), page, docs, ("metrics", "ensembles"))


def test_a_bad_rubric_stops_the_page_at_its_file_and_line(tmp_path):
    docs, page = fixture_docs(tmp_path, ("metrics", "ensembles"))
    chapter = docs / "concepts" / "ensembles.md"
    chapter.write_text(chapter.read_text().replace("- three\n", ""), encoding="utf-8")
    line = chapter.read_text().split("\n").index("A strong answer covers:") + 1
    expected = rf"ensembles.md:{line}: a rubric needs at least 3"
    with pytest.raises(mock_page.MockError, match=expected):
        mock_page.read_questions(docs, page, ("metrics", "ensembles"))


def test_the_page_states_the_lengths_and_times_mock_js_uses():
    script = SCRIPT.read_text(encoding="utf-8")
    prose = " ".join(PAGE.read_text(encoding="utf-8").split())
    default = int(re.search(r"var DEFAULT_ANSWER = (\d+);", script).group(1))
    words = {1: "One minute", 2: "Two minutes", 3: "Three minutes"}
    assert f"{words[default]} is the length of a good answer" in prose
    assert "never uses the microphone" in prose and "getUserMedia" not in script
    assert "fetch(" not in script and "XMLHttpRequest" not in script
