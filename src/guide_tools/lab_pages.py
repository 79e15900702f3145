"""The lab notebooks on the site: what hooks/labs.py does to the pages mkdocs-jupyter renders.

- A lab page is rendered from its executed copy (``build/labs/<chapter>.ipynb``, written by
  ``make labs``), never executed at build time.
- mkdocs-jupyter inlines about 600 KB of notebook CSS into every lab page and adds MathJax and
  Mermaid scripts from public CDNs. The site must work offline, and our labs use neither, so the
  scripts from other hosts are removed and the CSS goes into one cached stylesheet.
- The committed notebooks link to the published site (so a downloaded notebook's links work);
  on the site those links become relative, so they work from a local folder and are checked by
  the strict build.
- Each lab gets a download button for its committed notebook (no outputs), and each chapter links
  to its lab under the title and next to every snippet it shows.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from guide_tools.labs import lab_anchor, page_url, site_url

STYLESHEET = "assets/stylesheets/lab-notebooks.css"  # written by the hook after the build
DOWNLOADS = "downloads/labs"
STYLE = re.compile(r"<style[^>]*>(?P<css>.*?)</style>", re.S)
FOREIGN_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"(?:https?:)?//[^\"]*\"[^>]*>\s*</script>", re.S)
MATHJAX_CONFIG = re.compile(
    r"<!-- MathJax configuration -->\s*<script type=\"text/x-mathjax-config\">.*?</script>", re.S
)
MERMAID = re.compile(
    r"<script type=\"module\">\s*document\.addEventListener\(\"DOMContentLoaded\""
    r".*?mermaid.*?</script>",
    re.S,
)
LOAD_MATHJAX = re.compile(r"<!-- Load mathjax -->\s*<script src=\"[^\"]*\">\s*</script>")
FILENAME = re.compile(r'<span class="filename">(?P<name>snippets/[^<]+\.py)</span>')


THEME_TOKEN_RULE = re.compile(
    r"(?:\.highlight \.[a-z0-9]+,?)+\{color:var\(--md-code-hl-[a-z]+-color\)\}"
)


def theme_code_colours() -> str:
    """The theme's code colours for the notebooks' highlighted code.

    The notebook CSS brings its own token colours, some of which fail WCAG contrast; the theme's
    (``--md-code-hl-*``, which extra.css adjusts) pass in both palettes. The rules are taken from
    the installed theme's stylesheet, so they follow it, and rescoped to the notebooks' code.
    """
    from material import templates

    stylesheets = Path(templates.__file__).parent / "assets" / "stylesheets"
    main = next(stylesheets.glob("main.*.min.css")).read_text(encoding="utf-8")
    rules = THEME_TOKEN_RULE.findall(main)
    if not rules:
        raise LabPageError(f"no code colour rules found in the theme's {stylesheets}/main.*.css")
    scope = ".md-typeset .jupyter-wrapper .highlight-ipynb"
    base = (
        f"{scope}, .md-typeset .jupyter-wrapper .jp-OutputArea-output pre"
        "{color:var(--md-code-fg-color);background:var(--md-code-bg-color)}"
    )
    return "\n".join([base, *(r.replace(".highlight ", f"{scope} ") for r in rules)])


class LabPageError(Exception):
    """A lab or chapter page cannot be put together; the message names the file."""


@dataclass
class LabPage:
    html: str
    css: list[str]


def clean(content: str) -> LabPage:
    """Remove the scripts from other hosts and move the inline CSS out of a rendered notebook."""
    css = [m["css"].strip() for m in STYLE.finditer(content)]
    content = STYLE.sub("", content)
    content = MATHJAX_CONFIG.sub("", content)
    content = LOAD_MATHJAX.sub("", content)
    content = MERMAID.sub("", content)
    content = FOREIGN_SCRIPT.sub("", content)
    if re.search(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//""", content):
        raise LabPageError("the rendered notebook still loads something from another host")
    return LabPage(content, css)


FIGURE = re.compile(r'<img\b[^>]*\bclass="lab-figure"[^>]*>')
ALT = re.compile(r'\balt="[^"]*"')


def figure_alt_text(content: str) -> str:
    """Every figure a lab drew gets the alt text its chapter gives it now (guide_tools.figures),
    so editing the chapter's wording does not mean running the labs again."""
    from guide_tools.figures import alt_text

    def current(match: re.Match) -> str:
        tag = match.group(0)
        name = re.search(r'\bdata-figure="([^"]+)"', tag)
        if name is None:
            raise LabPageError(f"a lab figure without data-figure: {tag[:80]}")
        alt = 'alt="' + html.escape(alt_text(name[1]), quote=True) + '"'
        return (
            ALT.sub(lambda _: alt, tag)
            if ALT.search(tag)
            else tag.replace("<img", f"<img {alt}", 1)
        )

    return FIGURE.sub(current, content)


def relative_links(content: str, relative) -> str:
    """Links to the published site become relative: ``relative(path)`` gives the page's URL."""
    base = re.escape(site_url())

    def local(match: re.Match) -> str:
        return f'href="{relative(match["path"])}"'

    return re.sub(rf'href="{base}(?P<path>[^"]*)"', local, content)


def lab_header(content: str, *, notebook_url: str, file_name: str, chapter_url: str) -> str:
    """Put the download button and the chapter link right under the lab's title."""
    actions = (
        '<p class="lab-actions">'
        f'<a class="md-button md-button--primary" href="{notebook_url}" download>'
        f"Download the notebook ({html.escape(file_name)})</a> "
        f'<a class="md-button" href="{chapter_url}">Read the chapter</a></p>'
    )
    head, sep, rest = content.partition("</h1>")
    if not sep:
        raise LabPageError("the lab has no title (a '# ' heading in its first cell)")
    return head + sep + actions + rest


def chapter_links(content: str, includes: list[tuple[str, str | None]], lab_url: str) -> str:
    """Link every snippet block of a chapter to its step in the lab, and the lab under the title.

    ``includes`` are the page's snippet includes in order, ``(file, section)``, as found in its
    Markdown; the rendered page has one titled code block per include, in the same order.
    """
    found = list(FILENAME.finditer(content))
    if [m["name"] for m in found] != [name for name, _ in includes]:
        raise LabPageError(
            "the page's snippet blocks do not match its includes one for one "
            f"({len(found)} titled blocks, {len(includes)} includes)"
        )
    pieces, last = [], 0
    for match, (name, section) in zip(found, includes, strict=True):
        stem = name.rsplit("/", 1)[-1].removesuffix(".py")
        anchor = lab_anchor_for(stem, section)
        link = (
            f' <a class="lab-link" href="{lab_url}#{anchor}" '
            f'title="Run this code in the chapter\'s lab notebook">Run in the lab</a>'
        )
        pieces.append(content[last : match.end() - len("</span>")] + link + "</span>")
        last = match.end()
    content = "".join(pieces) + content[last:]
    top = (
        f'<p class="lab-callout">Run and change every example of this chapter in its '
        f'<a href="{lab_url}">lab notebook</a>.</p>'
    )
    meta_end = content.find('<p class="guide-meta">')
    if meta_end != -1:
        at = content.index("</p>", meta_end) + len("</p>")
    else:
        head, sep, _ = content.partition("</h1>")
        if not sep:
            raise LabPageError("the chapter has no title")
        at = len(head) + len(sep)
    return content[:at] + top + content[at:]


def lab_anchor_for(stem: str, section: str | None) -> str:
    return lab_anchor(Path(stem + ".py"), section)


__all__ = [
    "DOWNLOADS",
    "STYLESHEET",
    "LabPage",
    "LabPageError",
    "chapter_links",
    "clean",
    "lab_header",
    "page_url",
    "relative_links",
]
