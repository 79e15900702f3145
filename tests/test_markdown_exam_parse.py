"""The quiz parser and checker: good questions of each type parse, and every fault is reported
at the exact line of the page's source file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from markdown_exam import check, export
from markdown_exam.parse import QuizError, find_blocks, parse

FRONT = "---\ntitle: Bias-variance\ndescription: Quizzes.\n---\n\n# Bias-variance\n\n"
SINGLE = """\
/// quiz
    id: bias-variance-complexity
    type: single
Increasing model complexity usually...

- [ ] increases bias
    > No: bias falls as the model becomes more flexible.
- [x] increases variance
    > Right: a flexible model also fits the noise in its training sample.
- [ ] leaves both unchanged
    > No: flexibility moves both.

The explanation.
///
"""


def test_the_site_has_no_quiz_problems():
    problems = check.check()
    assert not problems, "\n".join(map(str, problems))


@pytest.fixture
def page(tmp_path):
    """Write pages under tmp_path/docs; return the checker's problems as 'path:line: message'."""
    docs = tmp_path / "docs"

    def run(text: str, name: str = "concepts/bias-variance.md", **more: str) -> list[str]:
        for page_name, page_text in {name: text, **more}.items():
            (docs / page_name).parent.mkdir(parents=True, exist_ok=True)
            (docs / page_name).write_text(FRONT + page_text, encoding="utf-8")
        return [str(p).replace(f"{docs}/", "") for p in check.check(docs)]

    run.docs = docs
    return run


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the page (front matter included) holding the nth ``needle``."""
    hits = [n for n, line in enumerate((FRONT + text).split("\n"), 1) if needle in line]
    return hits[nth - 1]


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


def test_a_good_single_choice_question_passes(page):
    assert page(SINGLE) == []


# -- Each fault, at its line ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (("- [x] increases variance", "- [ ] increases variance"), "- [ ] increases bias",
         "no correct option"),
        (("- [ ] leaves both", "- [x] leaves both"), "- [x] leaves both",
         "single-choice question has 2 correct options"),
        (("    > Right: a flexible model also fits the noise in its training sample.\n", ""),
         "- [x] increases variance", "option has no feedback"),
        (("The explanation.\n", ""), "///", "quiz has no explanation"),  # the closing line
        (("id: bias-variance-complexity", "id: Bias-Variance-Complexity"), "id: Bias",
         "must be '<page>-<short-name>', lowercase-hyphenated"),
        (("id: bias-variance-complexity", "id: complexity"), "id: complexity",
         "must be '<page>-<short-name>'"),
        (("id: bias-variance-complexity", "id: ensembles-complexity"), "id: ensembles",
         "must start with this page's slug: 'bias-variance-<short-name>'"),
        (("    type: single\n", "    type: single\n    shuffle: true\n"), "shuffle: true",
         "unknown quiz option 'shuffle' (the options are id, type, tolerance)"),
        (("    type: single\n", "    type: single\n    attrs: {class: x}\n"), "attrs:",
         "unknown quiz option 'attrs'"),
        (("    type: single\n", "    type single\n"), "type single",
         "option lines are 'key: value'"),
        (("    type: single\n", "    type: truefalse\n"), "type: truefalse",
         "quiz type 'truefalse' is not one of single, multiple, short, numeric"),
        (("    type: single\n", "    type: single\n    tolerance: 0.1\n"), "tolerance:",
         "'tolerance' is only for 'type: numeric' questions"),
        (("    id: bias-variance-complexity\n", ""), "/// quiz", "quiz needs an 'id:"),
        (("/// quiz\n", "/// quiz | A title\n"), "/// quiz", "takes no '| A title'"),
        (("- [ ] leaves both unchanged\n", "= unchanged\n"), "= unchanged",
         "'= answer' lines are for short and numeric questions"),
        (("- [ ] leaves both unchanged\n", "-[ ] leaves both unchanged\n"), "-[ ] leaves",
         "write options as '- [ ] text'"),
        (("- [ ] increases bias\n", "- [ ] increases bias\n\n    more text\n"), "more text",
         "option text must be one paragraph"),
        (("- [ ] leaves both", "- [ ] 2. leaves both"), "2. leaves both",
         "'2. leaves both unchanged' would start a list"),
        (("Increasing model complexity usually...\n", ""), "/// quiz", "quiz has no question"),
        (("The explanation.\n", "The explanation.\n\n- [ ] late option\n"), "late option",
         "option or answer after the explanation"),
    ],
)  # fmt: skip
def test_each_fault_is_reported_at_its_line(page, change, needle, message):
    text = SINGLE.replace(*change)
    assert text != SINGLE
    nth = 2 if needle == "///" else 1  # "///" also matches the opening "/// quiz"
    expected = f"concepts/bias-variance.md:{line_of(text, needle, nth)}: "
    problem = only(page(text))
    assert problem.startswith(expected) and message in problem, problem


def test_unclosed_block_is_reported_at_its_opening_line(page):
    text = "Intro.\n\n" + SINGLE.replace("///\n", "").replace("/// quiz", "/// quiz", 1)
    problem = only(page(text))
    assert problem == (
        f"concepts/bias-variance.md:{line_of(text, '/// quiz')}: "
        "quiz block is never closed by a '///' line"
    )


SHORT = """\
/// quiz
    id: bias-variance-noise
    type: short
What is the error no model can remove called?

= irreducible error
    > Right: it is the label noise.
= noise

It is the variance of the label given the features.
///
"""
NUMERIC = """\
/// quiz
    id: bias-variance-sum
    type: numeric
    tolerance: 0.005
Bias² is $0.09$, variance $0.05$, noise $0.2$. Expected squared error?

= 0.34

Add the three terms:

$$
0.09 + 0.05 + 0.2
= 0.34
$$
///
"""


@pytest.mark.parametrize(
    ("text", "change", "needle", "message"),
    [
        (SHORT, ("= irreducible error\n    > Right: it is the label noise.\n= noise\n", ""),
         "type: short", "short question has no accepted answer: add a line '= answer'"),
        (NUMERIC, ("= 0.34\n", ""), "type: numeric", "numeric question has no accepted answer"),
        (NUMERIC, ("= 0.34\n", "= about a third\n"), "= about a third",
         "numeric answer 'about a third' is not a number"),
        (NUMERIC, ("= 0.34\n", "= 0.34\n= 0.35\n"), "= 0.35", "a numeric question has one"),
        (NUMERIC, ("tolerance: 0.005", "tolerance: -1"), "tolerance: -1", "must be a number >= 0"),
        (SHORT, ("= noise\n", "- [x] noise\n    > Yes.\n"), "- [x] noise",
         "a short question takes '= answer' lines, not options"),
        (SHORT, ("= noise\n", "=\n"), "=", "answer line has no answer"),
    ],
)  # fmt: skip
def test_short_and_numeric_faults_at_their_lines(page, text, change, needle, message):
    changed = text.replace(*change)
    assert changed != text
    hits = [n for n, line in enumerate((FRONT + changed).split("\n"), 1) if line.strip() == needle]
    line = hits[0] if hits else line_of(changed, needle)
    problem = only(page(changed))
    assert problem.startswith(f"concepts/bias-variance.md:{line}: ") and message in problem, problem


def test_duplicate_id_on_another_page_is_reported_where_it_is_reused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "concepts").mkdir(parents=True)
    (docs / "concepts" / "bias-variance.md").write_text(FRONT + SINGLE, encoding="utf-8")
    # Another page reusing the id (its slug check fails too, so give it the same stem elsewhere).
    (docs / "more").mkdir()
    (docs / "more" / "bias-variance.md").write_text(FRONT + "Text.\n\n" + SINGLE, encoding="utf-8")
    problem = only([str(p).replace(f"{docs}/", "") for p in check.check(docs)])
    first = line_of(SINGLE, "id: bias-variance-complexity")
    assert problem == (
        f"more/bias-variance.md:{first + 2}: quiz id 'bias-variance-complexity' is already used "
        f"at concepts/bias-variance.md:{first}"
    )


def test_duplicate_id_on_the_same_page(page):
    problem = only(page(SINGLE + "\n" + SINGLE))
    second = line_of(SINGLE + "\n" + SINGLE, "id: bias-variance-complexity", nth=2)
    assert problem.startswith(f"concepts/bias-variance.md:{second}: quiz id ")
    assert f"bias-variance.md:{second - 15}" in problem


def test_quizzes_inside_code_fences_are_examples_not_quizzes(page):
    example = "````markdown\n" + SINGLE.replace("- [x]", "- [ ]") + "````\n\n"
    assert page(example + "~~~\n/// quiz\n~~~\n\n" + SINGLE) == []


def test_every_fault_fails_the_cli_with_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    (docs / "concepts").mkdir(parents=True)
    text = SINGLE.replace("- [x]", "- [ ]")
    (docs / "concepts" / "bias-variance.md").write_text(FRONT + text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "markdown_exam.check", str(docs)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    line = line_of(text, "- [ ] increases bias")
    assert f"docs/concepts/bias-variance.md:{line}: no correct option" in proc.stdout
    assert proc.stdout.strip().endswith("1 quiz problem(s)")


# -- Good questions of each type ------------------------------------------------------------------
def test_single_choice_parses_into_the_model(page):
    assert page(SINGLE) == []
    [quiz] = export.questions(page.docs)
    assert (quiz.id, quiz.type, quiz.line) == ("bias-variance-complexity", "single", 8)
    assert quiz.anchor == "quiz-bias-variance-complexity"
    assert quiz.stem == "Increasing model complexity usually..."
    assert [(o.text, o.correct) for o in quiz.options] == [
        ("increases bias", False),
        ("increases variance", True),
        ("leaves both unchanged", False),
    ]
    assert quiz.options[1].feedback.startswith("Right: a flexible model")
    assert quiz.options[1].line == line_of(SINGLE, "- [x] increases variance")
    assert quiz.explanation == "The explanation."
    assert quiz.is_correct([1]) and not quiz.is_correct([0]) and not quiz.is_correct([0, 1])


def test_multiple_choice_with_code_and_math_in_the_stem():
    quiz = parse(
        """\
    id: bias-variance-knobs
    type: multiple
Which make this model more flexible, $k$ being small?

```python
model = KNeighborsClassifier(n_neighbors=k)
- [x] not an option: inside a code fence
= nor an answer
```

- [x] Decreasing `k`
    continues on a second line
    > Right: fewer neighbours, noisier predictions.
    >
    > A second paragraph of feedback.
- [X] Increasing `C`

    > Right: a weaker penalty.
- [ ] Increasing `alpha`
    > No: a stronger penalty.

Small k and large C are the flexible ends.

$$
\\mathrm{Var}
= \\sigma^2 / k
$$
"""
    )
    assert quiz.type == "multiple"
    assert "- [x] not an option" in quiz.stem and "= nor an answer" in quiz.stem
    assert quiz.options[0].text == "Decreasing `k`\ncontinues on a second line"
    assert quiz.options[0].feedback == (
        "Right: fewer neighbours, noisier predictions.\n\nA second paragraph of feedback."
    )
    assert [o.correct for o in quiz.options] == [True, True, False]
    assert quiz.explanation.endswith("= \\sigma^2 / k\n$$")
    assert quiz.is_correct([0, 1]) and not quiz.is_correct([0])


def test_short_answer_accepts_alternatives_ignoring_case_and_spacing():
    quiz = parse(SHORT.split("\n", 1)[1].rsplit("///", 1)[0])
    assert [a.text for a in quiz.answers] == ["irreducible error", "noise"]
    assert quiz.answers[0].feedback == "Right: it is the label noise."
    assert quiz.answers[1].feedback == ""
    assert quiz.is_correct("  Irreducible   ERROR ") and quiz.is_correct("NOISE")
    assert not quiz.is_correct("bias")


def test_numeric_answer_within_tolerance(page):
    assert page(NUMERIC) == []
    [quiz] = export.questions(page.docs)
    assert (quiz.type, quiz.tolerance, quiz.answers[0].value) == ("numeric", 0.005, 0.34)
    assert "= 0.34\n$$" in quiz.explanation  # "= ..." inside display math is not an answer
    # In binary floating point |0.335 - 0.34| is a hair over 0.005: still right.
    assert quiz.is_correct("0.344") and quiz.is_correct(" 0.335 ")
    assert not quiz.is_correct("0.35") and not quiz.is_correct("a third")


def test_export_refuses_a_site_with_problems(page):
    page(SINGLE.replace("- [x]", "- [ ]"))
    with pytest.raises(ValueError, match="no correct option"):
        export.questions(page.docs)


def test_block_lines_are_relative_to_the_opening_line():
    [block] = find_blocks("Text.\n\n" + SINGLE)
    assert (block.line, block.closed, block.argument) == (3, True, None)
    with pytest.raises(QuizError) as error:
        parse(block.text.replace("- [x]", "- [ ]"))
    assert error.value.line == 5  # the first option, 5 lines below '/// quiz'


def test_nested_blocks_keep_their_indentation():
    indented = "".join(f"    {line}\n" if line else "\n" for line in SINGLE.split("\n"))
    nested = "!!! note\n\n" + indented
    [block] = find_blocks(nested)
    assert parse(block.text).options[1].correct
