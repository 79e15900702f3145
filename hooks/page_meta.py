"""MkDocs hook: show a chapter's study time and prerequisites under its title.

Thin on purpose: the wording lives in guide_tools.chapters.meta_html.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from guide_tools.chapters import meta_html


@event_priority(50)  # before plugins read the page (print-site copies it for the book)
def on_page_content(html, page, config, files):
    if not page.file.src_uri.startswith("concepts/"):
        return html

    def link(slug: str) -> str:
        target = files.get_file_from_path(f"concepts/{slug}.md")
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: prerequisite {slug!r} has no page")
        return get_relative_url(target.url, page.url)

    line = meta_html(page.meta, link)
    head, sep, rest = html.partition("</h1>")
    return head + sep + line + rest if sep and line else html
