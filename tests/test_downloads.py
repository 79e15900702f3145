"""The built artefacts the site offers for download (guide_tools.downloads, hooks/downloads.py):
a listed file that is missing, or a home page with nowhere to list them, fails loudly."""

from __future__ import annotations

import pytest

from guide_tools import downloads
from guide_tools.paths import ROOT


def entry(path: str, **changes) -> dict:
    return {"title": "PDF book", "file": path, "make": "pdf", "description": "all of it"} | changes


def test_a_missing_artefact_names_the_make_target():
    with pytest.raises(
        downloads.DownloadError, match=r"build/nothing\.pdf is missing: run `make pdf`"
    ):
        downloads.artefacts([entry("build/nothing.pdf")])


def test_an_entry_without_its_keys_is_refused():
    with pytest.raises(downloads.DownloadError, match=r"lacks \['make'\]"):
        downloads.artefacts([{"title": "x", "file": "README.md", "description": "y"}])


def test_the_list_replaces_the_marker_with_indent_links_and_sizes():
    listed = downloads.artefacts([entry("README.md", title="Read me")])
    size = (ROOT / "README.md").stat().st_size / 1e6
    page = "1. Work offline:\n\n    <!-- downloads -->\n\nmore"
    out = downloads.list_on_page(page, listed, "index.md")
    item = f"    - [Read me](downloads/README.md) ({size:.1f} MB): all of it"
    assert out == f"1. Work offline:\n\n{item}\n\nmore"


def test_a_page_without_the_marker_fails_naming_the_page():
    listed = downloads.artefacts([entry("README.md")])
    with pytest.raises(downloads.DownloadError, match=r"docs/index\.md: .* '<!-- downloads -->'"):
        downloads.list_on_page("no marker here", listed, "index.md")


def test_nothing_listed_leaves_the_page_alone():
    assert downloads.list_on_page("a <!-- downloads --> b", [], "index.md") == (
        "a <!-- downloads --> b"
    )
