"""The PDF book that `make pdf` builds (build/pdf/ml-interview-guide.pdf; `make test` builds it
first): every chapter and every quiz answer is in it, bookmarks and internal links work, pages
are not blank, and no interactive chrome is printed. Read with pypdf (structure: bookmarks, link
annotations, named destinations) and pypdfium2 (PDFium, Chromium's own PDF engine: text and
rendering), both from PyPI, so no system package is needed.

Also: the book's helpers (guide_tools.book) and the print configuration's drift from mkdocs.yml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from guide_tools import book
from guide_tools.chapters import TITLES
from guide_tools.paths import DOCS, ROOT
from markdown_exam.check import read_page

PDF = ROOT / "build" / "pdf" / book.PDF_NAME
PRINT_CONFIG = ROOT / "mkdocs.print.yml"


def _config(path: Path) -> dict:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, tag, node: None)  # !ENV, !!python/name
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


MAIN = _config(ROOT / "mkdocs.yml")
CHAPTERS = [p for p in book.nav_pages(MAIN["nav"]) if p.startswith("concepts/")]


def _title(page: str) -> str:
    return re.search(r"^title:\s*(.+)$", (DOCS / page).read_text("utf-8"), re.M).group(1)


def _plain(text: str) -> str:
    """Markdown or PDF text reduced to comparable characters: no markup, no whitespace (the PDF's
    text layer spaces code spans and line breaks its own way)."""
    text = re.sub(r"[`*_]|\[|\]\([^)]*\)", "", text)
    return "".join(text.split()).lower()


# -- The built book ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pdf():
    assert PDF.is_file(), f"{PDF.relative_to(ROOT)} is missing: run `make pdf`"
    from pypdf import PdfReader

    return PdfReader(PDF)


@pytest.fixture(scope="module")
def pages_text() -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(PDF)
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


@pytest.fixture(scope="module")
def text(pages_text) -> str:
    return _plain("\n".join(pages_text))


def _outline_titles(outline, depth=0) -> list[tuple[int, str]]:
    found = []
    for item in outline:
        if isinstance(item, list):
            found += _outline_titles(item, depth + 1)
        else:
            found.append((depth, item.title))
    return found


def test_the_page_count_is_sane(pdf):
    assert 30 * len(CHAPTERS) <= len(pdf.pages) <= 120 * len(CHAPTERS), len(pdf.pages)


def test_the_cover_names_the_guide_its_version_and_date(pages_text):
    cover = pages_text[0]
    assert MAIN["site_name"] in cover
    assert re.search(r"Version\s+\d+\.\d+\.\d+", cover), cover
    assert re.search(r"Built\s+\d{4}-\d{2}-\d{2}", cover), cover


def test_every_chapter_is_in_the_text_and_has_a_bookmark(pdf, text):
    bookmarks = [title for _, title in _outline_titles(pdf.outline)]
    for page in CHAPTERS:
        title = _title(page)
        assert _plain(title) in text, f"{page}: its title is not in the book"
        assert title in bookmarks, f"{page}: no bookmark titled {title!r}"
    depths = {depth for depth, _ in _outline_titles(pdf.outline)}
    assert max(depths) >= 2, "bookmarks should nest (book, chapter, section)"


def test_chapters_appear_in_nav_order(pdf):
    bookmarks = [title for _, title in _outline_titles(pdf.outline)]
    positions = [bookmarks.index(_title(page)) for page in CHAPTERS]
    assert positions == sorted(positions), "chapters are not in nav order"


def test_every_quiz_answer_is_in_the_appendix(pages_text):
    start = next(
        i for i, page in enumerate(pages_text) if book.APPENDIX_TITLE.split(":")[0] in page
    )
    appendix = _plain("\n".join(pages_text[start:]))
    missing = []
    for page in CHAPTERS:
        quizzes, problems = read_page(DOCS / page)
        assert not problems, problems
        for quiz in quizzes:
            if quiz.id not in appendix:
                missing.append(f"{quiz.id}: id not in the appendix")
                continue
            if quiz.type in ("single", "multiple"):
                expected = [o.text for o in quiz.options if o.correct]
            else:
                expected = [quiz.answers[0].text]
            for answer in expected:
                if "$" in answer:
                    continue  # KaTeX's text layer differs from the TeX source
                if _plain(answer) not in appendix:
                    missing.append(f"{quiz.id}: answer {answer!r} not in the appendix")
    assert not missing, "\n".join(missing)


def test_internal_links_land_on_pages_of_the_book(pdf):
    page_numbers = {page.indirect_reference.idnum: n for n, page in enumerate(pdf.pages)}
    destinations = pdf.named_destinations
    internal, external, broken = 0, 0, []
    for number, page in enumerate(pdf.pages):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            if "/Dest" in link:
                internal += 1
                name = str(link["/Dest"])
                target = destinations.get(name)
                if target is None or target.page.idnum not in page_numbers:
                    broken.append(f"page {number + 1}: link to {name} lands nowhere")
            elif link.get("/A", {}).get("/S") == "/URI":
                external += 1
                assert str(link["/A"]["/URI"]).startswith(("http://", "https://", "mailto:"))
    assert not broken, "\n".join(broken[:20])
    assert internal >= 10 * len(CHAPTERS), f"only {internal} internal links"
    assert external >= len(CHAPTERS), f"only {external} external links"


def test_no_interactive_chrome_is_printed(text):
    for chrome in ("copytoclipboard", "showtheanswer", "resetmyanswers", "typetostartsearching"):
        assert chrome not in text, f"the book prints {chrome!r}"


@pytest.mark.parametrize("which", ["cover", "middle"])
def test_pages_render_with_ink(which):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(PDF)
    try:
        index = 0 if which == "cover" else len(document) // 2
        image = document[index].render(scale=0.5).to_pil().convert("L")
    finally:
        document.close()
    histogram = image.histogram()
    ink = sum(histogram[:240]) / sum(histogram)  # code is set in grey, so count any non-white
    assert ink > 0.01, f"page {index + 1} looks blank ({ink:.2%} of pixels carry ink)"


# -- The print configuration ---------------------------------------------------------------------
def _name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


# Pages left out of the book (the interactive plan builder, review page and mock interview; the
# lab notebooks, which repeat the chapters' code, with their overview page; the quiz package's
# API, for contributors):
# mkdocs.print.yml excludes them (exclude_docs) and its nav is the site's without them.
NOT_PRINTED = {
    "plans/builder.md",
    "labs/index.md",
    *(f"labs/{s}.ipynb" for s in TITLES),
    "reference/markdown-exam-api.md",
    "review/index.md",
    "mock-interview/index.md",
}
EXCLUDED = {
    "plans/builder.md",
    "labs/",
    "reference/markdown-exam-api.md",
    "review/index.md",
    "mock-interview/index.md",
}  # patterns for them
SITE_ONLY_PLUGINS = {"mkdocs-jupyter"}  # renders the lab notebooks, which the book leaves out


def _nav_files(nav: list) -> list[str]:
    """Every file a nav lists (pages and notebooks), nested sections flattened."""
    found = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += _nav_files(value) if isinstance(value, list) else [value]
    return found


def _without(nav: list, pages: set[str]) -> list:
    """``nav`` minus the entries for ``pages`` (and any section they leave empty)."""
    kept = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            inner = _without(value, pages)
            if inner:
                kept.append({next(iter(entry)): inner})
        elif value not in pages:
            kept.append(entry)
    return kept


def test_the_print_config_keeps_the_site_and_adds_the_book():
    """INHERIT replaces lists: mkdocs.print.yml repeats them, so they must not drift apart."""
    printed = _config(PRINT_CONFIG)
    assert printed["INHERIT"] == "mkdocs.yml"
    assert printed["extra_css"] == [*MAIN["extra_css"], "assets/stylesheets/book.css"]
    plugins = [p for p in printed["plugins"] if _name(p) not in ("autorefs", "print-site")]
    assert plugins == [p for p in MAIN["plugins"] if _name(p) not in SITE_ONLY_PLUGINS]
    assert _name(printed["plugins"][-1]) == "print-site"
    # Downloads are files, not pages; the labs are not in the book.
    site_only = {
        "hooks/case_study_downloads.py",
        "hooks/downloads.py",
        "hooks/labs.py",
        "hooks/explorables.py",  # the book shows the static figure
        "hooks/review.py",
        "hooks/mock_interview.py",
        "hooks/flashcards.py",
    }
    assert printed["hooks"] == [*(h for h in MAIN["hooks"] if h not in site_only), "hooks/book.py"]
    assert printed["nav"] == [*_without(MAIN["nav"], NOT_PRINTED), {"Appendix": book.APPENDIX_PATH}]
    assert set(printed.get("exclude_docs", "").split()) == EXCLUDED
    assert set(_nav_files(MAIN["nav"])) >= NOT_PRINTED, "a page left out of the book is gone"


# -- The helpers ---------------------------------------------------------------------------------
QUIZ_PAGE = """\
---
title: Fixture chapter
---
# Fixture

See [the section](#section).

/// quiz
    id: fixture-one
Which?

- [x] This, see [above](#section)
    > Right: because.
- [ ] That
    > No: because not.

The explanation, with $x^2$.
///

/// quiz
    id: fixture-two
    type: numeric
    tolerance: 0.01
How much?

= 0.25

Because.
///
"""


def test_the_appendix_numbers_questions_as_the_chapter_does(tmp_path):
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "fixture.md").write_text(QUIZ_PAGE, "utf-8")
    text = book.appendix_markdown(["concepts/fixture.md"], docs_dir=tmp_path)
    assert "## Fixture chapter {#answers-concepts-fixture}" in text
    assert text.index("**Question 1** <small>(`fixture-one`)") < text.index("**Question 2**")
    assert "- **Correct:** This, see [above](../concepts/fixture.md#section)" in text
    assert "    No: because not." in text
    assert "**Answer:** 0.25 (within ±0.01)" in text


def test_the_appendix_refuses_a_malformed_quiz_naming_file_and_line(tmp_path):
    (tmp_path / "fixture.md").write_text(QUIZ_PAGE.replace("- [x] This", "- [ ] This"), "utf-8")
    with pytest.raises(ValueError, match=r"fixture\.md:\d+: .*correct"):
        book.appendix_markdown(["fixture.md"], docs_dir=tmp_path)


def test_download_links_point_to_the_published_site():
    markdown = "[csv](downloads/a.csv) [page](other.md) [pdf](../downloads/b.pdf#x) [w](https://x)"
    out = book.absolute_download_links(markdown, "concepts/page.md", "https://site.example/g/")
    assert out == (
        "[csv](https://site.example/g/concepts/downloads/a.csv) [page](other.md) "
        "[pdf](https://site.example/g/downloads/b.pdf#x) [w](https://x)"
    )


def test_each_tab_gets_its_label_on_paper():
    html = (
        '<div class="tabbed-set"><div class="tabbed-labels"><label>SQL</label>'
        '<label>pandas</label></div><div class="tabbed-content">'
        '<div class="tabbed-block"><p>a</p></div><div class="tabbed-block"><p>b</p></div>'
        "</div></div>"
    )
    out = book.label_tabs(html)
    assert out.count('class="book-tab-label"') == 2
    assert re.search(r'book-tab-label">SQL</p><p>a</p>', out)
    assert re.search(r'book-tab-label">pandas</p><p>b</p>', out)
