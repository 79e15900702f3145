"""MkDocs hook: render math at build time with KaTeX and ship its stylesheet and fonts.

Thin on purpose: the logic lives in guide_tools.math (MkDocs' plugin API is the part most likely
to change when the theme moves on).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guide_tools import math
from guide_tools.paths import display


@event_priority(100)  # before plugins (htmlproofer) take their list of files
def on_files(files, config):
    for source, dest in math.assets():
        files.append(File.generated(config, dest, abs_src_path=str(source)))
    return files


@event_priority(50)  # before plugins read the page (print-site copies it for the book)
def on_page_content(html, page, config, files):
    try:
        return math.render_page(html)
    except math.MathError as error:
        source = Path(page.file.abs_src_path)
        line = math.source_line(source.read_text(encoding="utf-8"), error.tex)
        raise PluginError(f"{display(source)}:{line}: {error}") from None
