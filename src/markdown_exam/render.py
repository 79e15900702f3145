"""Build a quiz's HTML (as ElementTree elements) with the page's own Markdown instance.

The markup is the contract described in the package docstring (`markdown_exam`). The pieces the
author wrote in Markdown are parsed into the tree here, during block parsing; Python-Markdown's
inline pass then renders emphasis, code spans, links, images and `$math$` in them, as anywhere
else on the page.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.util import AtomicString

from markdown_exam.model import CHOICE_TYPES, Quiz, normalize_answer
from markdown_exam.parse import QuizError

LEGEND = "Question"
CHECK = "Check"
SHOW_ANSWER = "Show the answer"
PRINT_TITLE = "Answers to the self-check questions"
CARDS = "data-quiz-cards"
"""Attribute of an element (e.g. `<div data-quiz-cards markdown="block">`) that makes the page a
deck of cards, such as the review page: each question stands alone, so it is not numbered, gets
no page score or print answers, and its element has no id (the question's public anchor is on its
chapter page)."""


def _text(parent: etree.Element, tag: str, text: str, **attrs: str) -> etree.Element:
    el = etree.SubElement(parent, tag, attrs)
    el.text = AtomicString(text)  # shown as written: no Markdown
    return el


def markdown_into(md: Markdown, parent: etree.Element, text: str) -> None:
    """Parse block Markdown into `parent`, fenced code and raw HTML included.

    The quiz block is raw, so its code fences come back as text; run the two preprocessors that
    turn fences and HTML blocks into placeholders, as for the rest of the page, then parse.

    Args:
        md: The page's Markdown instance.
        parent: The element to add the parsed blocks to.
        text: The Markdown.
    """
    lines = text.split("\n")
    for name in ("fenced_code_block", "html_block"):
        if name in md.preprocessors:
            lines = md.preprocessors[name].run(lines)
    md.parser.parseChunk(parent, "\n".join(lines))


def inline_into(md: Markdown, parent: etree.Element, text: str) -> None:
    """Parse one paragraph of Markdown into `parent` without its `<p>` (for a label or list item).

    Args:
        md: The page's Markdown instance.
        parent: The element to fill.
        text: One paragraph of inline Markdown.

    Raises:
        QuizError: If the text is not exactly one paragraph (line 0: the caller adds the line).
    """
    holder = etree.Element("div")
    markdown_into(md, holder, text)
    if len(holder) != 1 or holder[0].tag != "p" or (holder.text or "").strip():
        raise QuizError(0, f"option text must be one paragraph of inline Markdown: {text!r}")
    paragraph = holder[0]
    parent.text = paragraph.text
    parent.extend(list(paragraph))


def render(md: Markdown, el: etree.Element, quiz: Quiz) -> None:
    """Fill the block's `<div>` with the question, its answer details and data attributes.

    Args:
        md: The page's Markdown instance (renders the stem, options, feedback and explanation).
        el: The block's `<div>`, filled in place.
        quiz: The parsed quiz.
    """
    base = quiz.anchor
    el.attrib.update(
        {"class": "quiz", "id": base, "data-quiz-id": quiz.id, "data-quiz-type": quiz.type}
    )
    if quiz.type in CHOICE_TYPES:
        correct = [str(i) for i, o in enumerate(quiz.options, start=1) if o.correct]
        el.set("data-answers", json.dumps(correct))
    elif quiz.type == "short":
        el.set("data-answers", json.dumps([normalize_answer(a.text) for a in quiz.answers]))
    else:
        el.set("data-answer", repr(quiz.answers[0].value))
        el.set("data-answers", json.dumps([quiz.answers[0].value]))
        el.set("data-tolerance", repr(quiz.tolerance))

    fieldset = etree.SubElement(
        el, "fieldset", {"class": "quiz__fieldset", "aria-describedby": f"{base}-stem"}
    )
    _text(fieldset, "legend", LEGEND, **{"class": "quiz__legend"})
    stem = etree.SubElement(fieldset, "div", {"class": "quiz__stem", "id": f"{base}-stem"})
    markdown_into(md, stem, quiz.stem)
    if quiz.type in CHOICE_TYPES:
        _options(md, fieldset, quiz)
    else:
        _response(md, fieldset, quiz)
    _text(fieldset, "button", CHECK, type="button", hidden="hidden", **{"class": "quiz__check"})
    etree.SubElement(
        fieldset, "p", {"class": "quiz__status", "role": "status", "aria-live": "polite"}
    )

    details = etree.SubElement(el, "details", {"class": "quiz__answer"})
    _text(details, "summary", SHOW_ANSWER)
    _answer(md, details, quiz)


def _options(md: Markdown, fieldset: etree.Element, quiz: Quiz) -> None:
    kind = "radio" if quiz.type == "single" else "checkbox"
    options = etree.SubElement(fieldset, "ul", {"class": "quiz__options"})
    for number, option in enumerate(quiz.options, start=1):
        flag = "true" if option.correct else "false"
        item = etree.SubElement(options, "li", {"class": "quiz__option", "data-correct": flag})
        input_id = f"{quiz.anchor}-{number}"
        etree.SubElement(
            item,
            "input",
            {
                "type": kind,
                "class": "quiz__input",
                "id": input_id,
                "name": quiz.anchor,
                "value": str(number),
            },
        )
        label = etree.SubElement(item, "label", {"class": "quiz__label", "for": input_id})
        inline_into(md, label, option.text)
        feedback = etree.SubElement(
            item,
            "div",
            {
                "class": "quiz__feedback",
                "id": f"{input_id}-feedback",
                "data-correct": flag,
                "hidden": "hidden",
            },
        )
        markdown_into(md, feedback, option.feedback)


def _response(md: Markdown, fieldset: etree.Element, quiz: Quiz) -> None:
    response = etree.SubElement(fieldset, "div", {"class": "quiz__response"})
    input_id = f"{quiz.anchor}-answer"
    _text(response, "label", "Your answer", **{"class": "quiz__label", "for": input_id})
    attrs = {
        "type": "text",
        "class": "quiz__input",
        "id": input_id,
        "name": quiz.anchor,
        "autocomplete": "off",
        "spellcheck": "false",
    }
    if quiz.type == "numeric":
        attrs["inputmode"] = "decimal"
    etree.SubElement(response, "input", attrs)
    for number, answer in enumerate(quiz.answers, start=1):
        if answer.feedback:
            feedback = etree.SubElement(
                response,
                "div",
                {
                    "class": "quiz__feedback",
                    "id": f"{input_id}-{number}-feedback",
                    "data-correct": "true",
                    "data-answer": normalize_answer(answer.text),
                    "hidden": "hidden",
                },
            )
            markdown_into(md, feedback, answer.feedback)


def _answer(md: Markdown, details: etree.Element, quiz: Quiz) -> None:
    """The correct option(s) or accepted answer(s), then the explanation."""
    if quiz.type in CHOICE_TYPES:
        correct = [o for o in quiz.options if o.correct]
        label = "Answer:" if len(correct) == 1 else "Answers (all of them):"
    else:
        label = "Answer:" if len(quiz.answers) == 1 else "Accepted answers:"
    _text(details, "p", label, **{"class": "quiz__key-label"})
    key = etree.SubElement(details, "ul", {"class": "quiz__key"})
    if quiz.type in CHOICE_TYPES:
        for option in correct:
            inline_into(md, etree.SubElement(key, "li"), option.text)
    else:
        for answer in quiz.answers:
            within = f" (within ±{answer_text(quiz.tolerance)})" if quiz.tolerance else ""
            _text(key, "li", answer.text + within)
    explanation = etree.SubElement(details, "div", {"class": "quiz__explanation"})
    markdown_into(md, explanation, quiz.explanation)


def answer_text(number: float) -> str:
    """A number as the answer key shows it: shortest form, `0.005` rather than `0.0050`.

    Args:
        number: The number.

    Returns:
        Its `:g` formatting.
    """
    return f"{number:g}"


def is_quiz(el: etree.Element) -> bool:
    """Whether an element is a rendered question (`<div class="quiz" data-quiz-id=...>`).

    Args:
        el: Any element of the page.

    Returns:
        True for a question's outer `<div>`.
    """
    return (
        el.tag == "div"
        and "quiz" in (el.get("class") or "").split()
        and "data-quiz-id" in el.attrib
    )


def finish_page(root: etree.Element) -> None:
    """Number the page's questions, add the score summary and the answers for print.

    Runs after inline parsing, so the print section copies finished HTML (without its ids, which
    must stay unique on the page).

    A page with an element carrying the [`CARDS`][markdown_exam.render.CARDS] attribute is a
    deck of cards: its questions are left unnumbered, without summary or print answers.

    Args:
        root: The page's element tree, changed in place; a page without questions is left as is.
    """
    quizzes = [el for el in root.iter() if is_quiz(el)]
    if not quizzes:
        return
    if any(CARDS in el.attrib for el in root.iter()):
        for quiz in quizzes:
            quiz.attrib.pop("id", None)
        return
    parents = {child: parent for parent in root.iter() for child in parent}

    first = quizzes[0]
    parent = parents[first]
    summary = etree.Element(
        "div",
        {
            "class": "quiz-summary",
            "data-quiz-ids": " ".join(q.get("data-quiz-id", "") for q in quizzes),
        },
    )
    parent.insert(list(parent).index(first), summary)

    section = etree.SubElement(
        root,
        "section",
        {"class": "quiz-answers-print", "hidden": "hidden", "data-search-exclude": "true"},
    )
    _text(section, "h2", PRINT_TITLE, **{"class": "quiz-answers-print__title"})
    items = etree.SubElement(section, "ol", {"class": "quiz-answers-print__list"})
    for number, quiz in enumerate(quizzes, start=1):
        legend = quiz.find("fieldset/legend")
        if legend is not None:
            legend.text = AtomicString(f"{LEGEND} {number}")
        item = etree.SubElement(
            items,
            "li",
            {"class": "quiz-answers-print__item", "data-quiz-id": quiz.get("data-quiz-id", "")},
        )
        _text(item, "p", f"{LEGEND} {number}", **{"class": "quiz-answers-print__question"})
        details = quiz.find("details")
        for child in list(details) if details is not None else []:
            if child.tag == "summary":
                continue
            shown = copy.deepcopy(child)
            for el in shown.iter():
                el.attrib.pop("id", None)
            item.append(shown)
