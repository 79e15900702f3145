"""Follow-up questions: `/// details` blocks with ids, read like the quizzes, every fault at its
file and line, in `make check-sources` and in the build."""

from __future__ import annotations

import pytest

from markdown_exam import check, followups
from support import build_site

FRONT = "---\ntitle: Ensembles\ndescription: Follow-ups.\n---\n\n# Ensembles\n\n"
SECTION = "## Follow-up questions {#follow-ups}\n\n"
GOOD = """\
/// details | Can a random forest overfit?
    type: question
    attrs: {id: ensembles-forest-overfit}

Adding trees cannot.
///
"""
QUIZ = """
## Self-check {#self-check}

/// quiz
    id: ensembles-variance
    type: short
Which term falls?

= variance

Averaging.
///
"""


def problems_of(tmp_path, body: str, name: str = "ensembles.md") -> list[str]:
    docs = tmp_path / "docs"
    (docs / "concepts").mkdir(parents=True, exist_ok=True)
    (docs / "concepts" / name).write_text(FRONT + SECTION + body + QUIZ, encoding="utf-8")
    return [str(p).replace(f"{docs}/", "") for p in check.check(docs)]


def line_of(body: str, needle: str) -> int:
    lines = (FRONT + SECTION + body).split("\n")
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_every_chapter_follow_up_has_an_id_and_an_answer():
    found, problems = followups.read_docs()
    assert not problems, "\n".join(map(str, problems))
    by_page = {}
    for item in found:
        by_page.setdefault(item.page, []).append(item)
        assert item.question.endswith(("?", ".")) and item.answer
    assert len(by_page) == 9 and all(len(items) >= 8 for items in by_page.values())


def test_a_good_follow_up_is_read_with_its_lines(tmp_path):
    assert problems_of(tmp_path, GOOD) == []
    docs = tmp_path / "docs"
    [item] = followups.read_docs(docs)[0]
    assert (item.id, item.question, item.answer) == (
        "ensembles-forest-overfit",
        "Can a random forest overfit?",
        "Adding trees cannot.",
    )
    assert item.line == line_of(GOOD, "/// details") and item.id_line == line_of(GOOD, "attrs:")


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (
            ("/// details | Can a random forest overfit?", '??? question "Can it?"'),
            "???",
            "follow-ups are '/// details | question' blocks with an id; '???' cannot carry one",
        ),
        (
            ("    attrs: {id: ensembles-forest-overfit}\n", ""),
            "/// details",
            "follow-up needs an id: 'attrs: {id: ensembles-<short-name>}'",
        ),
        (("type: question", "type: note"), "type:", "follow-up needs 'type: question'"),
        (
            ("    type: question\n", "    type: question\n    open: true\n"),
            "open:",
            "unknown follow-up option 'open' (the options are type, attrs)",
        ),
        (
            ("{id: ensembles-forest-overfit}", "{id: metrics-forest-overfit}"),
            "attrs:",
            "follow-up id 'metrics-forest-overfit' must be lowercase-hyphenated and start with "
            "this page's slug: 'ensembles-<short-name>'",
        ),
        (
            ("{id: ensembles-forest-overfit}", "{id: ensembles-variance}"),
            "attrs:",
            "id 'ensembles-variance' is already used at concepts/ensembles.md:",
        ),
        (
            ("Adding trees cannot.\n", ""),
            "///\n",
            "follow-up 'ensembles-forest-overfit' has no answer",
        ),
        (
            ("| Can a random forest overfit?", ""),
            "/// details",
            "follow-up needs its question after the bar: '/// details | Question?'",
        ),
        (("///\n", ""), "/// details", "follow-up block is never closed by a '///' line"),
    ],
)
def test_a_bad_follow_up_is_named_by_file_and_line(tmp_path, change, needle, message):
    body = GOOD.replace(*change) if change[0] != "///\n" else GOOD[: GOOD.rindex("///")]
    problems = problems_of(tmp_path, body)
    if needle == "///\n":  # no answer: the fault is reported on the line after the options
        line = line_of(body, "attrs:") + 1
    elif needle == "/// details" and "closed" in message:
        problems = [p for p in problems if "never closed" in p]
        line = line_of(body, needle)
    else:
        line = line_of(body, needle)
    assert any(p.startswith(f"concepts/ensembles.md:{line}: {message}") for p in problems), problems


@pytest.mark.build
def test_the_build_renders_follow_ups_with_ids_and_fails_on_a_bad_one(tmp_path):
    chapter = FRONT.replace("Ensembles", "Ensemble methods") + SECTION + RUBRIC + QUIZ
    link = "[Q](concepts/ensembles.md#ensembles-forest-overfit)"
    home = f"---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\n{link}\n"
    result = build_site(tmp_path / "good", {"index.md": home, "concepts/ensembles.md": chapter})
    assert result.returncode == 0, result.output
    html = (result.site / "concepts/ensembles/index.html").read_text(encoding="utf-8")
    assert '<details class="question" id="ensembles-forest-overfit">' in html
    assert "<summary>Can a random forest overfit?</summary>" in html
    assert "<p>A strong answer covers:</p>\n<ul>\n<li>the error converges" in html
    bad = chapter.replace("    attrs: {id: ensembles-forest-overfit}\n", "")
    result = build_site(
        tmp_path / "bad",
        {"index.md": home.replace("#ensembles-forest-overfit", ""), "concepts/ensembles.md": bad},
    )
    assert result.returncode != 0
    line = (FRONT + SECTION).count("\n") + 1
    assert f"/docs/concepts/ensembles.md:{line}: follow-up needs an id" in result.output, (
        result.output
    )


RUBRIC = GOOD.replace(
    "Adding trees cannot.\n",
    "Adding trees cannot.\n\nA strong answer covers:\n\n"
    "- the error converges as trees are added\n"
    "- deep trees with tiny leaves overfit,\n  and averaging keeps their bias\n"
    "- tune `min_samples_leaf` and `max_features`\n",
)


def test_a_rubric_is_read_apart_from_the_answer(tmp_path):
    assert problems_of(tmp_path, RUBRIC) == []
    [item] = followups.read_docs(tmp_path / "docs")[0]
    assert item.answer == "Adding trees cannot."
    assert item.rubric == [
        "the error converges as trees are added",
        "deep trees with tiny leaves overfit, and averaging keeps their bias",
        "tune `min_samples_leaf` and `max_features`",
    ]
    assert item.answer_with_rubric.startswith("Adding trees cannot.\n\nA strong answer covers:")


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (
            ("- tune `min_samples_leaf` and `max_features`\n", ""),
            "A strong answer covers:",
            "a rubric needs at least 3 '- point' lines, found 2",
        ),
        (
            ("- tune `min", "Then tune `min"),
            "Then tune",
            "after 'A strong answer covers:' only '- point' lines may follow, not 'Then tune",
        ),
    ],
)
def test_a_bad_rubric_is_named_by_file_and_line(tmp_path, change, needle, message):
    body = RUBRIC.replace(*change)
    problems = problems_of(tmp_path, body)
    line = line_of(body, needle)
    assert any(p.startswith(f"concepts/ensembles.md:{line}: {message}") for p in problems), problems
