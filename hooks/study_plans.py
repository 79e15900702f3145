"""MkDocs hook: render the study plans (docs/plans/*.yml) into pages, and feed the plan builder.

Thin on purpose: checking and rendering live in guide_tools.plans, the minutes in
guide_tools.study_time. A plan that links to a chapter, section or snippet that does not exist
fails the build with the plan file and line.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from guide_tools import study_time
from guide_tools.plans import PlanError, builder_data, load_plans, render

BUILDER_PAGE = "plans/builder.md"
BUILDER_MARKER = "<!-- plan-builder-data -->"


def on_pre_build(config):
    study_time.chapter.cache_clear()  # `mkdocs serve` rebuilds in the same process


@event_priority(100)  # before plugins copy the file list (htmlproofer checks links with it)
def on_files(files, config):
    folder = Path(config.docs_dir) / "plans"
    if not folder.is_dir():
        return files
    try:
        plans = load_plans(folder, Path(config.docs_dir))
    except PlanError as error:
        raise PluginError(f"study plans:\n{error}") from None
    for plan in plans:
        files.append(File.generated(config, f"plans/{plan.name}.md", content=render(plan)))
    return files


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    if uri.startswith("plans/") and page.file.generated_by and config.edit_uri:
        # The page is made from the YAML: "edit this page" opens the YAML.
        page.edit_url = config.edit_uri.rstrip("/") + "/" + uri.removesuffix(".md") + ".yml"
    return markdown


def on_page_content(html, page, config, files):
    if page.file.src_uri != BUILDER_PAGE:
        return html
    if BUILDER_MARKER not in html:
        raise PluginError(f"docs/{BUILDER_PAGE}: the line {BUILDER_MARKER} is missing")

    def link(slug: str, anchor: str) -> str:
        target = files.get_file_from_path(f"concepts/{slug}.md")
        url = get_relative_url(target.url, page.url)
        return f"{url}#{anchor}" if anchor else url

    data = json.dumps(builder_data(link), separators=(",", ":")).replace("</", "<\\/")
    script = f'<script type="application/json" id="plan-builder-data">{data}</script>'
    return html.replace(BUILDER_MARKER, script)
