"""The lab notebooks (guide_tools.labs): generated from the snippets, committed without outputs,
current, shaped as the issue asks (a note before every code cell that links back to the chapter),
and their failures reported by notebook, cell and snippet line. `make labs` executes them all
before the tests run (Makefile: test-inputs); the site checks cover the rendered pages."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from guide_tools import anchors, figures, lab_pages, labs
from guide_tools.chapters import TITLES
from guide_tools.paths import ROOT

SLUGS = sorted(TITLES)
LINK = re.compile(r"\]\((?P<url>[^)\s]+)\)")


def _notebook(slug: str) -> dict:
    return json.loads(labs.lab_path(slug).read_text(encoding="utf-8"))


def test_committed_labs_are_current_and_complete():
    problems = [str(p) for p in labs.check()]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slug", SLUGS)
def test_committed_lab_carries_no_outputs(slug):
    nb = _notebook(slug)
    dirty = [
        i + 1
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell["outputs"] or cell["execution_count"] is not None)
    ]
    assert not dirty, f"docs/labs/{slug}.ipynb: cells {dirty} carry outputs (run make labs-update)"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_code_cell_follows_a_note_that_links_back_to_the_chapter(slug):
    nb = _notebook(slug)
    chapter = f"{labs.site_url()}concepts/{slug}/"
    registry = anchors.load_registry()
    published = set(registry[f"concepts/{slug}/"])
    cells = nb["cells"]
    problems = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        before = cells[i - 1] if i else None
        if before is None or before["cell_type"] != "markdown":
            problems.append(f"cell {i + 1}: no markdown cell before it")
            continue
        if "lab" not in cell["metadata"]:
            continue  # the notebook's own setup cell, before any snippet
        links = [m["url"] for m in LINK.finditer("".join(before["source"]))]
        ours = [u for u in links if u.startswith(chapter + "#")]
        if not ours:
            problems.append(f"cell {i + 1}: its note does not link to a section of {chapter}")
        for url in ours:
            if url.partition("#")[2] not in published:
                problems.append(f"cell {i + 1}: links to #{url.partition('#')[2]}, not an anchor")
    assert not problems, f"docs/labs/{slug}.ipynb:\n" + "\n".join(problems)


@pytest.mark.parametrize("slug", SLUGS)
def test_lab_holds_every_section_the_chapter_shows(slug):
    files, uses = labs.chapter_uses(slug)
    nb = _notebook(slug)
    shown = {
        (c["metadata"]["lab"]["source"]["file"], c["metadata"]["lab"]["source"].get("section"))
        for c in nb["cells"]
        if c["cell_type"] == "code" and "lab" in c["metadata"]
    }
    missing = [
        f"{path.relative_to(ROOT)}:{section}"
        for path, section in uses
        if (path.relative_to(ROOT).as_posix(), section) not in shown
    ]
    assert files and not missing, missing


def test_nav_lists_every_lab_and_the_book_leaves_them_out():
    config = anchors.load_config(ROOT / "mkdocs.yml")
    labs_nav = next(entry["Labs"] for entry in config["nav"] if "Labs" in entry)
    listed = {
        next(iter(item.values())) if isinstance(item, dict) else item for item in labs_nav
    } - {"labs/index.md"}
    assert listed == {f"labs/{slug}.ipynb" for slug in SLUGS}
    printed = yaml.safe_load((ROOT / "mkdocs.print.yml").read_text(encoding="utf-8"))
    assert "labs/" in printed["exclude_docs"].split()


def test_stale_lab_is_reported_with_the_command_that_fixes_it(tmp_path, monkeypatch):
    monkeypatch.setattr(labs, "LABS", tmp_path)
    labs.update(("metrics",))
    path = tmp_path / "metrics.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("reseed()", "reseed() "), "utf-8")
    (tmp_path / "retired-chapter.ipynb").write_text("{}", encoding="utf-8")
    problems = [str(p) for p in labs.check(("metrics",))]
    assert any(
        "metrics.ipynb:1: lab notebook is stale" in p and "make labs-update" in p for p in problems
    )
    assert any("retired-chapter.ipynb:1: no chapter has this lab" in p for p in problems)


def test_section_that_cuts_a_statement_is_an_error_naming_file_and_line(tmp_path):
    snippet = tmp_path / "cut.py"
    snippet.write_text(
        '"""A snippet whose section splits a function."""\n\n'
        "def f():\n"
        "    # --8<-- [start:body]\n"
        "    return 1\n"
        "    # --8<-- [end:body]\n",
        encoding="utf-8",
    )
    with pytest.raises(
        labs.LabError, match=r"cut\.py:3: this part of the file is not valid Python"
    ):
        labs.split_snippet(snippet)


def test_split_keeps_code_and_its_line_numbers_drops_markers_guard_and_output(tmp_path):
    snippet = tmp_path / "demo.py"
    snippet.write_text(
        '"""Demo: a title line.\n\nMore words.\n"""\n\n'
        "import math\n\n"
        'if __name__ == "__main__":\n'
        "    # --8<-- [start:show]\n"
        "    print(math.pi > 3)\n"
        "    # > True\n"
        "    # --8<-- [end:show]\n",
        encoding="utf-8",
    )
    split = labs.split_snippet(snippet)
    assert (split.summary, split.details) == ("Demo: a title line", "More words.")
    assert [(p.section, p.code, p.lines) for p in split.parts] == [
        (None, "import math", [6]),
        ("show", "print(math.pi > 3)", [10]),
    ]


def _lab_of(tmp_path: Path, snippet_source: str) -> Path:
    """A one-file lab for a snippet written to tmp_path, shaped as build_notebook shapes them."""
    snippet = tmp_path / "demo.py"
    snippet.write_text(snippet_source, encoding="utf-8")
    cells = [nbformat.v4.new_markdown_cell("# Lab: demo")]
    for part in labs.split_snippet(snippet).parts:
        cells.append(nbformat.v4.new_markdown_cell("A step."))
        cell = nbformat.v4.new_code_cell(part.code)
        cell.metadata["lab"] = {
            "source": {"file": str(snippet), "line": part.line, "section": part.section}
        }
        cells.append(cell)
    notebook = tmp_path / "demo.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), notebook)
    return notebook


def test_output_that_differs_from_the_page_names_the_snippet_file_and_line(tmp_path):
    notebook = _lab_of(
        tmp_path,
        '"""Demo."""\n\n'
        "# --8<-- [start:show]\n"
        "for n in (1, 2):\n"
        "    print(n + 1)\n"
        "    # > 2\n"
        "    # > 4\n"
        "# --8<-- [end:show]\n",
    )
    with pytest.raises(labs.LabError) as error:
        labs.execute_notebook(notebook, tmp_path / "out.ipynb", timeout=60)
    message = str(error.value)
    assert "demo.ipynb: what it printed or drew differs" in message
    assert "demo.py:5: printed output differs from the '# >' lines under this print" in message
    assert "-4" in message and "+3" in message
    assert not (tmp_path / "out.ipynb").exists()


def test_failing_cell_is_named_by_notebook_cell_and_snippet_line(tmp_path):
    notebook = _lab_of(
        tmp_path,
        '"""Demo."""\n\n'
        "x = 1\n\n"
        "# --8<-- [start:show]\n"
        "raise ValueError('planted failure')\n"
        "# --8<-- [end:show]\n",
    )
    with pytest.raises(labs.LabError) as error:
        labs.execute_notebook(notebook, tmp_path / "out.ipynb", timeout=60)
    message = str(error.value)
    assert "demo.ipynb: cell 5 (from " in message and "demo.py:6, section 'show') failed" in message
    assert "ValueError: planted failure" in message


def test_matching_output_passes_and_the_copy_keeps_it(tmp_path):
    notebook = _lab_of(
        tmp_path,
        '"""Demo."""\n\n# --8<-- [start:show]\nprint("ok")\n# > ok\n# --8<-- [end:show]\n',
    )
    out = labs.execute_notebook(notebook, tmp_path / "out.ipynb", timeout=60)
    cell = nbformat.read(out, as_version=4).cells[-1]
    assert cell.outputs[0]["text"] == "ok\n"


@pytest.mark.parametrize("slug", SLUGS)
def test_executed_lab_is_current_and_shows_figures_with_alt_text(slug):
    """`make labs` ran this lab (the site renders this copy): outputs present, no stderr."""
    path = labs.executed_for(slug)
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code), f"{path}: not every cell ran"
    outputs = [o for c in code for o in c["outputs"]]
    assert not [o for o in outputs if o.get("name") == "stderr"]
    figures = [
        "".join(o["data"]["text/html"])
        for o in outputs
        if o["output_type"] == "display_data" and "text/html" in o["data"]
    ]
    for figure in figures:
        alt = re.search(r'alt="([^"]*)"', figure)
        assert alt and len(alt[1]) >= 40 and not alt[1].startswith("Figure "), figure[:200]


# -- What the executed copies depend on ------------------------------------------------------------
OUR_PACKAGES = ("guide_tools", "churn_case_study", "markdown_exam")


def test_snippets_use_only_the_code_the_lab_digest_covers():
    """labs.KERNEL_SOURCES lists what the kernel runs besides the snippets; a chapter's snippet
    importing more of our code would let an executed lab go stale without the site noticing."""
    allowed = {
        "guide_tools.figures",
        "guide_tools.explorables",
        "guide_tools.paths",
        "churn_case_study",
    }
    found = set()
    for path in sorted(p for slug in SLUGS for p in (ROOT / "snippets" / slug).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            found |= {n for n in names if n.split(".")[0] in OUR_PACKAGES}
    unexpected = {n for n in found if n not in allowed and not n.startswith("churn_case_study.")}
    assert found and not unexpected, f"snippets import {sorted(unexpected)}: add to KERNEL_SOURCES"


def test_the_makefile_reruns_a_lab_when_what_it_depends_on_changes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^LAB_INPUTS\s*:=(?P<value>(?:.*\\\n)*.*)$", makefile, re.M)
    assert block, "Makefile: no LAB_INPUTS"
    listed = set(re.findall(r"\$\(wildcard [^)]+\)|[^\s\\]+", block["value"]))
    expected = {f"$(wildcard {p})" if "*" in p else p for p in labs.KERNEL_SOURCES} | {
        "requirements.txt"
    }
    assert listed == expected
    rule = re.search(r"^build/labs/%\.ipynb:(?P<deps>.*)$", makefile, re.M)
    assert rule and "docs/labs/%.ipynb" in rule["deps"] and "snippets/$$*/*.py" in rule["deps"]
    assert "docs/assets/figures/$$*/*" in rule["deps"]


# -- The rendered pages (guide_tools.lab_pages; the site tests check the built ones) --------------
def test_rendered_notebook_loses_cdn_scripts_and_inline_css():
    rendered = lab_pages.clean(
        "<style>.a{color:red}</style><!-- Load mathjax -->\n"
        '<script src="https://cdnjs.cloudflare.com/x.js"> </script><div class="jupyter-wrapper">'
        "x</div><style>.b{}</style>"
    )
    assert rendered.html == '<div class="jupyter-wrapper">x</div>'
    assert rendered.css == [".a{color:red}", ".b{}"]
    with pytest.raises(lab_pages.LabPageError, match="another host"):
        lab_pages.clean('<img src="https://example.org/a.png">')


def test_links_to_the_published_site_become_relative():
    html = f'<a href="{labs.site_url()}concepts/metrics/#tldr">x</a>'
    out = lab_pages.relative_links(html, lambda path: "../../" + path)
    assert out == '<a href="../../concepts/metrics/#tldr">x</a>'


def test_chapter_blocks_link_to_their_steps_and_a_mismatch_is_an_error():
    page = (
        "<h1>T</h1><p>x</p>"
        '<div><span class="filename">snippets/metrics/a_b.py</span><pre>1</pre></div>'
    )
    out = lab_pages.chapter_links(page, [("snippets/metrics/a_b.py", "fit")], "../lab/")
    assert '<a class="lab-link" href="../lab/#lab-a-b--fit"' in out
    assert out.index('class="lab-callout"') < out.index("<p>x</p>")
    with pytest.raises(lab_pages.LabPageError, match="one for one"):
        lab_pages.chapter_links(page, [], "../lab/")


def test_lab_figures_take_their_alt_text_from_the_chapter_at_build_time():
    tag = (
        '<img class="lab-figure" src="data:image/png;base64,AA" '
        'data-figure="metrics/profit_curve" alt="old">'
    )
    out = lab_pages.figure_alt_text(tag)
    assert 'alt="old"' not in out
    assert f'alt="{figures.alt_text("metrics/profit_curve")}"' in out.replace("&#x27;", "'")
