"""Render the page's math with KaTeX at build time, so no script or CDN is needed to read it.

``pymdownx.arithmatex`` (generic mode) wraps ``$...$`` as
``<span class="arithmatex">\\(...\\)</span>`` and ``$$...$$`` as
``<div class="arithmatex">\\[...\\]</div>``. We send every formula of a page to one ``node``
process running KaTeX and splice the HTML (with MathML for screen readers) back in.
The result renders the same in the browser, from ``file://`` and in print. KaTeX's stylesheet and
fonts are copied into the site by the build hook (``hooks/math.py``).

No Python package renders KaTeX without a browser (``mkdocs-katex-ssr`` is broken: see
DEPENDENCY-NOTES), hence this small module.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from guide_tools.paths import ROOT

RENDERER = Path(__file__).with_name("katex_render.mjs")
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?P<open>\\\(|\\\[)(?P<tex>.*?)(?:\\\)|\\\])</(?P=tag)>",
    re.S,
)


class MathError(Exception):
    """A formula KaTeX cannot render (``tex`` says which), or no KaTeX to render with."""

    def __init__(self, message: str, tex: str = "") -> None:
        super().__init__(message)
        self.tex = tex


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


def find(page_html: str) -> list[Formula]:
    return [
        Formula(html.unescape(m["tex"]).strip(), m["open"] == "\\[")
        for m in MATH.finditer(page_html)
    ]


def render_all(formulas: list[Formula]) -> list[str]:
    """Render formulas with one node process; raise MathError naming the formula on failure."""
    if not formulas:
        return []
    node = shutil.which("node")
    if node is None or not (KATEX_DIST / "katex.mjs").exists():
        raise MathError("KaTeX needs node and `npm ci` (run `make install`)")
    payload = json.dumps([{"tex": f.tex, "display": f.display} for f in formulas])
    proc = subprocess.run(
        [node, str(RENDERER)], input=payload, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        try:
            failure = json.loads(proc.stdout)
        except json.JSONDecodeError:
            raise MathError(f"KaTeX renderer failed: {proc.stderr.strip()}") from None
        tex = formulas[failure["index"]].tex
        raise MathError(f"KaTeX: {failure['error']} in formula {tex!r}", tex)
    return json.loads(proc.stdout)


def render_page(page_html: str) -> str:
    """Replace every arithmatex element in ``page_html`` with KaTeX's HTML."""
    rendered = iter(render_all(find(page_html)))
    return MATH.sub(lambda _m: next(rendered), page_html)


def source_line(markdown: str, tex: str) -> int:
    """Best-effort line of a formula in the page source, for error messages."""
    first = tex.strip().splitlines()[0] if tex.strip() else tex
    for number, line in enumerate(markdown.splitlines(), start=1):
        if first and first in line:
            return number
    return 1


def assets() -> list[tuple[Path, str]]:
    """KaTeX files the site needs: (source file, path in the site)."""
    files = [(KATEX_DIST / "katex.min.css", "assets/katex/katex.min.css")]
    files += [
        (font, f"assets/katex/fonts/{font.name}")
        for font in sorted((KATEX_DIST / "fonts").glob("*.woff2"))
    ]
    return files
