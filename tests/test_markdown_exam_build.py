"""Quizzes in the strict site build: a malformed one fails it naming the page and line, and good
ones are rendered (math included) and listed in quiz-index.json."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.build

CHAPTER = """
---
title: Bias-variance tradeoff
description: A fixture chapter with two quizzes.
---
# Bias-variance tradeoff {#bias-variance}

## Self-check {#self-check}

/// quiz
    id: bias-variance-complexity
    type: single
Increasing model complexity usually...

- [ ] increases bias, $\\mathrm{Bias}^2$
    > No: bias falls as the model becomes more flexible.
- [x] increases variance
    > Right: a flexible model also fits the noise.

Flexible models trade bias for variance.
///

/// quiz
    id: bias-variance-sum
    type: numeric
    tolerance: 0.01
Bias² 0.10, variance 0.05, noise 0.25: expected MSE?

= 0.40

The three terms add up.
///
"""
HOME = """
---
title: Home
description: The home page, without quizzes.
---
# Home {#home}

See [the chapter](concepts/bias-variance.md#quiz-bias-variance-sum).
"""


def test_good_quizzes_render_and_are_indexed(build_fixture_site):
    result = build_fixture_site({"index.md": HOME, "concepts/bias-variance.md": CHAPTER})
    assert result.returncode == 0, result.output
    index = json.loads((result.site / "quiz-index.json").read_text(encoding="utf-8"))
    assert index == {
        "version": 1,
        "pages": {
            "concepts/bias-variance/": [
                {
                    "id": "bias-variance-complexity",
                    "type": "single",
                    "anchor": "quiz-bias-variance-complexity",
                    "line": 9,
                },
                {
                    "id": "bias-variance-sum",
                    "type": "numeric",
                    "anchor": "quiz-bias-variance-sum",
                    "line": 22,
                },
            ]
        },
    }
    html = (result.site / "concepts/bias-variance/index.html").read_text(encoding="utf-8")
    assert 'id="quiz-bias-variance-complexity"' in html and 'class="quiz-answers-print"' in html
    assert 'class="arithmatex"' not in html and "<math" in html  # KaTeX ran inside the label


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("- [x]", "- [ ]"), 14, "no correct option"),
        (("    type: single\n", "    type: single\n    shuffle: true\n"), 12,
         "unknown quiz option 'shuffle'"),
    ],
)  # fmt: skip
def test_a_malformed_quiz_fails_the_build_naming_page_and_line(
    build_fixture_site, change, line, message
):
    page = CHAPTER.replace(*change, 1)
    result = build_fixture_site({"index.md": HOME, "concepts/bias-variance.md": page})
    assert result.returncode != 0
    assert f"/docs/concepts/bias-variance.md:{line}: {message}" in result.output, result.output
