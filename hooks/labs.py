"""MkDocs hook: the lab notebooks (docs/labs/*.ipynb), rendered by mkdocs-jupyter from their
executed copies, offline-safe, with a download button; and each chapter's links to its lab.

Thin on purpose: the logic lives in guide_tools.labs (generate, check, execute) and
guide_tools.lab_pages (what is done to the rendered HTML). A lab that has not been executed, or
changed since, fails the build and names `make labs`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from guide_tools import lab_pages, labs
from guide_tools.chapters import TITLES
from guide_tools.paths import display
from guide_tools.snippet_sections import find_includes

_css: list[str] = []


def _slug(src_uri: str) -> str | None:
    if src_uri.startswith("labs/") and src_uri.endswith(".ipynb"):
        return src_uri.removeprefix("labs/").removesuffix(".ipynb")
    return None


@event_priority(100)  # before mkdocs-jupyter wraps the notebooks, and before htmlproofer
def on_files(files, config):
    _css.clear()
    for file in list(files):
        slug = _slug(file.src_uri)
        if slug is None:
            continue
        if slug not in TITLES:
            raise PluginError(f"{display(Path(file.abs_src_path))}: no chapter has this lab")
        try:
            executed = labs.executed_for(slug)
        except labs.LabError as error:
            raise PluginError(str(error)) from None
        committed = Path(file.abs_src_path)
        files.remove(file)
        # A real File rooted at build/ (not File.generated): mkdocs-jupyter's wrapper derives the
        # notebook's path from src_dir, which a generated file does not have.
        files.append(
            File(
                file.src_uri,
                src_dir=str(executed.parents[1]),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
        # The download is the committed notebook (no outputs), under a path mkdocs-jupyter's
        # include pattern (labs/*.ipynb) does not match, so it stays a plain file.
        files.append(
            File.generated(
                config, f"{lab_pages.DOWNLOADS}/{slug}.ipynb", content=committed.read_bytes()
            )
        )
    files.append(File.generated(config, lab_pages.STYLESHEET, content=""))  # filled after build
    return files


@event_priority(60)  # before the math hook (50) and plugins that read the page
def on_page_content(html, page, config, files):
    slug = _slug(page.file.src_uri)
    source = display(Path(config.docs_dir) / page.file.src_uri)

    def relative(path: str) -> str:
        """A site path in directory form (``concepts/metrics/#x``), relative to this page, in
        the form this build writes (the offline site uses ``.html`` URLs)."""
        location, hash_, fragment = path.partition("#")
        stem = location.rstrip("/")
        candidates = [f"{stem}.md", f"{stem}/index.md", f"{stem}.ipynb"] if stem else ["index.md"]
        target = next((f for c in candidates if (f := files.get_file_from_path(c))), None)
        url = target.url if target is not None else location
        return get_relative_url(url or ".", page.url) + hash_ + fragment

    try:
        if slug is not None:
            rendered = lab_pages.clean(html)
            _css.extend(c for c in rendered.css if c not in _css)
            stylesheet = get_relative_url(lab_pages.STYLESHEET, page.url)
            content = f'<link rel="stylesheet" href="{stylesheet}">' + rendered.html
            content = lab_pages.relative_links(content, relative)
            content = lab_pages.figure_alt_text(content)
            page.edit_url = None  # generated from the snippets: there is nothing to edit here
            # The chapters are what search should find; a lab repeats their code (and indexing
            # a notebook page is slow). The labs' overview page stays searchable.
            page.meta["search"] = {"exclude": True}
            return lab_pages.lab_header(
                content,
                notebook_url=get_relative_url(f"{lab_pages.DOWNLOADS}/{slug}.ipynb", page.url),
                file_name=f"{slug}.ipynb",
                chapter_url=relative(f"concepts/{slug}/"),
            )
        if page.file.src_uri.startswith("concepts/"):
            slug = page.file.src_uri.removeprefix("concepts/").removesuffix(".md")
            if slug not in TITLES or files.get_file_from_path(f"labs/{slug}.ipynb") is None:
                return html  # a site without this lab (the test fixtures)
            includes = [
                (display(inc.file), inc.section)
                for inc in find_includes([Path(page.file.abs_src_path)])
                if inc.file.suffix == ".py"
            ]
            return lab_pages.chapter_links(html, includes, relative(f"labs/{slug}/"))
    except lab_pages.LabPageError as error:
        raise PluginError(f"{source}: {error}") from None
    return html


def on_post_build(config):
    target = Path(config.site_dir) / lab_pages.STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join([*_css, lab_pages.theme_code_colours()]) + "\n", encoding="utf-8")
