"""MkDocs hook: check every page's quizzes and write quiz-index.json into the site.

Thin on purpose: parsing and the index live in markdown_exam (the extension that renders the
quizzes is registered under markdown_extensions in mkdocs.yml).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from markdown_exam.index import QuizIndex

_index = QuizIndex()


def on_pre_build(config):
    global _index
    _index = QuizIndex()  # `mkdocs serve` rebuilds in the same process


def on_page_markdown(markdown, page, config, files):
    if page.file.abs_src_path:
        # The page's source file, front matter included, so problems name the file's lines.
        problems = _index.add_page(page.url, Path(page.file.abs_src_path), page.file.content_string)
        if problems:
            raise PluginError("\n".join(str(p) for p in sorted(problems)))
    return markdown


def on_post_build(config):
    _index.write(Path(config.site_dir))
