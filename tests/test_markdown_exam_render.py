"""The quiz extension's HTML: the contract quiz.js and quiz.css rely on, and errors, never text."""

from __future__ import annotations

from collections import Counter

import markdown
import pytest
from bs4 import BeautifulSoup

from markdown_exam.parse import QuizError

EXTENSIONS = [
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pymdownx.arithmatex",
    "attr_list",
    "md_in_html",
    "markdown_exam",
]
CONFIGS = {"pymdownx.arithmatex": {"generic": True}}

PAGE = """\
# Quizzes

Some text.

/// quiz
    id: bias-variance-complexity
    type: single
Given this fit:

```python
tree = DecisionTreeRegressor(max_depth=None).fit(X, y)
```

![A validation curve that falls, then rises as depth grows](curve.svg)

increasing the depth usually...

- [ ] increases bias, $\\mathrm{Bias}^2$
    > No: bias falls as the model becomes more flexible.
- [x] increases *variance*
    > Right: a flexible model also fits the noise.
- [ ] leaves both unchanged
    > No: flexibility moves both.

Flexible models trade bias for variance.
///

/// quiz
    id: bias-variance-reducers
    type: multiple
Which reduce variance?

- [x] more training data
    > Right.
- [x] a stronger L2 penalty
    > Right.
- [ ] a deeper tree
    > No.

Data and regularisation both do.
///

/// quiz
    id: bias-variance-noise
    type: short
What is the error no model can remove called?

= irreducible error
    > Right.
= noise

It is the variance of the label given the features.
///

/// quiz
    id: bias-variance-sum
    type: numeric
    tolerance: 0.01
Bias² 0.10, variance 0.05, noise 0.25: expected MSE?

= 0.40

The three terms add up.
///

Closing text.
"""


def convert(text: str, md: markdown.Markdown | None = None) -> BeautifulSoup:
    md = md or markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    return BeautifulSoup(md.convert(text), "html.parser")


@pytest.fixture(scope="module")
def soup() -> BeautifulSoup:
    return convert(PAGE)


def quiz(soup, name):
    return soup.select_one(f'div.quiz[data-quiz-id="bias-variance-{name}"]')


def test_each_question_is_a_div_with_its_data(soup):
    quizzes = soup.select("div.quiz")
    assert [q["id"] for q in quizzes] == [
        "quiz-bias-variance-complexity",
        "quiz-bias-variance-reducers",
        "quiz-bias-variance-noise",
        "quiz-bias-variance-sum",
    ]
    assert [q["data-quiz-type"] for q in quizzes] == ["single", "multiple", "short", "numeric"]
    assert quiz(soup, "complexity")["data-answers"] == '["2"]'
    assert quiz(soup, "noise")["data-answers"] == '["irreducible error", "noise"]'
    numeric = quiz(soup, "sum")
    assert (numeric["data-answer"], numeric["data-tolerance"]) == ("0.4", "0.01")


def test_fieldset_legend_and_stem(soup):
    for number, q in enumerate(soup.select("div.quiz"), start=1):
        fieldset = q.find("fieldset")
        children = fieldset.find_all(recursive=False)
        assert children[0].name == "legend" and children[0].get_text() == f"Question {number}"
        stem = q.select_one(".quiz__stem")
        assert fieldset["aria-describedby"] == stem["id"]
        assert not q.find("form")


def test_choice_options_are_labelled_inputs_sharing_a_name(soup):
    for name, kind in (("complexity", "radio"), ("reducers", "checkbox")):
        options = quiz(soup, name).select("ul.quiz__options > li.quiz__option")
        assert len(options) == 3
        inputs = [o.find("input") for o in options]
        assert {i["type"] for i in inputs} == {kind}
        assert {i["name"] for i in inputs} == {f"quiz-bias-variance-{name}"}
        assert [i["value"] for i in inputs] == ["1", "2", "3"]
        for option, field in zip(options, inputs, strict=True):
            label = option.find("label", attrs={"for": field["id"]})
            assert label is not None and label.get_text().strip()
            assert not label.find(["p", "div"])  # a label holds phrasing content only
            feedback = option.select_one(".quiz__feedback")
            assert feedback.has_attr("hidden")
            assert feedback["data-correct"] == option["data-correct"]
    single = quiz(soup, "complexity")
    assert [o["data-correct"] for o in single.select(".quiz__option")] == ["false", "true", "false"]
    assert single.find("label", attrs={"for": "quiz-bias-variance-complexity-2"}).em


def test_short_and_numeric_have_a_labelled_text_box(soup):
    for name in ("noise", "sum"):
        [field] = quiz(soup, name).find_all("input")
        assert field["type"] == "text" and field["name"] == f"quiz-bias-variance-{name}"
        assert quiz(soup, name).find("label", attrs={"for": field["id"]})
    assert quiz(soup, "sum").find("input")["inputmode"] == "decimal"
    assert not quiz(soup, "noise").find("input").has_attr("inputmode")
    [feedback] = quiz(soup, "noise").select(".quiz__feedback")  # only the answer that has one
    assert feedback.has_attr("hidden") and feedback["data-answer"] == "irreducible error"


def test_check_button_and_status(soup):
    for q in soup.select("div.quiz"):
        [button] = q.select("button")
        assert button["type"] == "button" and "quiz__check" in button["class"]
        assert button.has_attr("hidden")  # quiz.js shows it; without JavaScript it would do nothing
        [status] = q.select("[role=status]")
        assert status["aria-live"] == "polite" and "quiz__status" in status["class"]


def test_the_answer_is_in_a_details_block(soup):
    details = quiz(soup, "complexity").select_one("details.quiz__answer")
    assert details.summary.get_text() == "Show the answer"
    assert [li.get_text() for li in details.select("ul.quiz__key > li")] == ["increases variance"]
    assert "Flexible models trade" in details.select_one(".quiz__explanation").get_text()
    reducers = quiz(soup, "reducers").select("details ul.quiz__key > li")
    assert [li.get_text() for li in reducers] == ["more training data", "a stronger L2 penalty"]
    noise = quiz(soup, "noise").select("details ul.quiz__key > li")
    assert [li.get_text() for li in noise] == ["irreducible error", "noise"]
    assert quiz(soup, "sum").select_one("details ul.quiz__key > li").get_text() == (
        "0.40 (within ±0.01)"
    )


def test_code_image_and_math_render_inside_the_question(soup):
    stem = quiz(soup, "complexity").select_one(".quiz__stem")
    assert stem.select_one("div.highlight pre code").get_text().startswith("tree = ")
    assert stem.find("img")["alt"].startswith("A validation curve")
    label = quiz(soup, "complexity").find("label")
    math = label.select_one("span.arithmatex")
    assert math is not None and math.get_text() == "\\(\\mathrm{Bias}^2\\)"  # for KaTeX


def test_summary_comes_before_the_first_question(soup):
    summary = soup.select_one("div.quiz-summary")
    assert summary["data-quiz-ids"].split() == [
        "bias-variance-complexity",
        "bias-variance-reducers",
        "bias-variance-noise",
        "bias-variance-sum",
    ]
    assert summary.find_next_sibling("div")["data-quiz-id"] == "bias-variance-complexity"
    assert summary.get_text() == ""
    assert len(soup.select(".quiz-summary")) == 1


def test_print_answers_close_the_page(soup):
    section = soup.find_all(recursive=False)[-1]
    assert section.name == "section" and "quiz-answers-print" in section["class"]
    assert section.has_attr("hidden") and section.has_attr("data-search-exclude")
    items = section.select("li.quiz-answers-print__item")
    assert [i["data-quiz-id"] for i in items] == [
        q["data-quiz-id"] for q in soup.select("div.quiz")
    ]
    assert items[0].select_one(".quiz-answers-print__question").get_text() == "Question 1"
    assert "increases variance" in items[0].get_text()
    assert "The three terms add up." in items[3].get_text()
    assert not section.select("[id]")


def test_ids_are_unique_on_the_page(soup):
    counts = Counter(el["id"] for el in soup.select("[id]"))
    assert counts and max(counts.values()) == 1


def test_a_second_page_on_the_same_instance_starts_afresh():
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    convert(PAGE, md)
    md.reset()
    again = convert(PAGE, md)
    assert len(again.select(".quiz-summary")) == 1
    assert again.select("legend")[0].get_text() == "Question 1"


# -- Errors, never plain text ----------------------------------------------------------------------
ONE = "/// quiz" + PAGE.split("/// quiz")[1].rstrip() + "\n"  # the first question alone


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("type: single", "type: single\n    shuffle: true"), "unknown quiz option 'shuffle'"),
        (("type: single", "type single"), "option lines are 'key: value'"),
        (("- [x]", "- [ ]"), "no correct option"),
        (("/// quiz", "/// quiz | Title"), "takes no '| Title'"),
        (("Flexible models trade bias for variance.\n///\n", "Explanation.\n"), "never closed"),
    ],
)
def test_a_malformed_quiz_raises(change, message):
    text = "Intro.\n\n" + ONE.replace(*change, 1)
    with pytest.raises(QuizError, match=message):
        convert(text)


def test_the_block_itself_rejects_unknown_options():
    """Even where the page-level check does not see a block, pymdownx does not get to show it
    as plain text: the block accepts every option and the parser rejects the unknown ones."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    md.preprocessors.deregister("markdown_exam")
    assert convert(ONE, md).select_one("div.quiz")  # the good quiz renders without it
    md.reset()
    with pytest.raises(QuizError, match="unknown quiz option 'shuffle'"):
        md.convert(ONE.replace("type: single", "type: single\n    shuffle: true"))


def test_duplicate_id_on_a_page_raises():
    with pytest.raises(QuizError, match="quiz id 'bias-variance-complexity' is already used"):
        convert(ONE + "\n" + ONE)


def test_a_quiz_in_a_code_fence_is_shown_as_code():
    soup = convert("````markdown\n" + ONE.replace("- [x]", "- [ ]") + "````\n")
    assert not soup.select("div.quiz") and "/// quiz" in soup.get_text()
