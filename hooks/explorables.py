"""MkDocs hook: each chapter's explorable, right after the caption of the figure it extends.

Thin on purpose: guide_tools.explorables finds the figure, checks the placement and writes the
block (container, inline data, the two scripts); explorables/core.js and <slug>.js draw it.
Left out of the print build (mkdocs.print.yml): the book shows the static figure.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide_tools import explorables


def figures_root(config) -> Path:
    """The figures and explorable data of the docs being built (a fixture site has its own)."""
    return Path(config.docs_dir) / "assets" / "figures"


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    if not (src.startswith("concepts/") and src.endswith(".md")):
        return markdown
    slug = Path(src).stem
    base = "../" * page.url.count("/")  # from the page's folder up to the site root
    try:
        text, _ = explorables.insert(
            markdown, Path(page.file.abs_src_path), slug, base, figures_root(config)
        )
    except explorables.ExplorableError as error:
        raise PluginError(str(error)) from None
    return text
