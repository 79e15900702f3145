"""The Python-Markdown extension: `/// quiz` blocks, built on pymdown-extensions' Blocks API.

Three parts:

- a preprocessor that parses every quiz block of the document first, so that any malformed quiz
  (including option lines pymdownx could not read, and an unclosed block) raises
  `markdown_exam.parse.QuizError` naming the document line, instead of showing as text;
- the `quiz` Block, in raw mode: its text reaches `markdown_exam.parse.build` unchanged, and
  `markdown_exam.render.render` builds the HTML with the page's own Markdown instance;
- a treeprocessor that numbers the questions and adds the page's summary and print answers.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any, ClassVar

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from markdown_exam.parse import QuizError, build, find_blocks, parse
from markdown_exam.render import finish_page, render


class QuizBlock(Block):
    """The `/// quiz` block of pymdownx's Blocks API: one question, rendered in place."""

    NAME = "quiz"
    ARGUMENT = None  # accepted here so that `/// quiz | x` is an error, not plain text
    OPTIONS: ClassVar[dict] = {}

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx shows a block with an option it does not know as plain text. Take every option
        # and let the parser reject unknown ones with an error instead.
        self.quiz_options = options
        return super()._validate(parent, arg)

    def on_markdown(self) -> str:
        """Keep the block's content as raw text: the quiz parser reads it, not Markdown.

        Returns:
            `"raw"`.
        """
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Start the question's element.

        Args:
            parent: The element the block is in.

        Returns:
            A new `<div class="quiz">` under `parent`.
        """
        return etree.SubElement(parent, "div", {"class": "quiz"})

    def on_end(self, block: etree.Element) -> None:
        """Parse the block's raw text and render the question into its `<div>`.

        Args:
            block: The `<div>` from `on_create`, holding the raw text.

        Raises:
            QuizError: If the quiz is malformed; the message names its id.
        """
        text = str(block.text or "")
        block.text = None
        try:
            quiz = build(self.quiz_options, text.split("\n"), argument=self.argument)
            render(self.md, block, quiz)
        except QuizError as error:
            name = self.quiz_options.get("id", "without an id")
            raise QuizError(error.line, f"quiz {name}: {error.message}") from None


class QuizCheck(Preprocessor):
    """Parse every quiz block of the document; raise QuizError with the document's line."""

    def run(self, lines: list[str]) -> list[str]:
        """Check the document's quizzes; leave its lines unchanged.

        Args:
            lines: The document's lines.

        Returns:
            The same lines.

        Raises:
            QuizError: At the first malformed or unclosed quiz, or id used twice, with the line
                in the document.
        """
        seen: dict[str, int] = {}
        for block in find_blocks("\n".join(lines)):
            if not block.closed:
                raise QuizError(block.line, "quiz block is never closed by a '///' line")
            try:
                quiz = parse(block.text, block.argument)
            except QuizError as error:
                raise QuizError(block.line + error.line, error.message) from None
            line = block.line + quiz.id_line
            if quiz.id in seen:
                raise QuizError(
                    line, f"quiz id '{quiz.id}' is already used on line {seen[quiz.id]}"
                )
            seen[quiz.id] = line
        return lines


class QuizPage(Treeprocessor):
    """Number the page's questions; add the score summary and the answers for print."""

    def run(self, root: etree.Element) -> None:
        """Finish the page with `markdown_exam.render.finish_page`.

        Args:
            root: The document's element tree, changed in place.
        """
        finish_page(root)


class QuizExtension(BlocksExtension):
    """The `markdown_exam` Python-Markdown extension: quiz blocks, checks and page finishing."""

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        """Register the block, the checking preprocessor and the page treeprocessor.

        Args:
            md: The Markdown instance.
            block_mgr: pymdownx's Blocks processor.
        """
        block_mgr.register(QuizBlock, self.getConfigs())
        # After snippets (32) and whitespace normalising (30), before fences become placeholders
        # (25), so its line numbers are those of the text.
        md.preprocessors.register(QuizCheck(md), "markdown_exam", 28)
        # After inline parsing (20), attribute lists (8) and the table of contents (5).
        md.treeprocessors.register(QuizPage(md), "markdown_exam", 3)


def makeExtension(**kwargs: Any) -> QuizExtension:
    """Let `markdown_extensions: [markdown_exam.extension]` load the extension.

    Args:
        **kwargs: The extension's configuration (it takes none).

    Returns:
        A new extension.
    """
    return QuizExtension(**kwargs)
