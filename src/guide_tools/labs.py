"""Lab notebooks: one per chapter, generated from the chapter's snippet files, executed by nbclient.

The snippets are the one source of truth. ``python -m guide_tools.labs update`` (``make
labs-update``) writes ``docs/labs/<chapter>.ipynb`` from the chapter's snippet files, in the order
the chapter first shows them: per file, a heading and the file's docstring, then its code split
at the named sections the chapter includes (``# --8<-- [start:name]``). Before every code cell a
markdown cell says what the step shows (the chapter's own sentence before that code) and links
back to the chapter section by anchor. ``# >`` lines (the output a page shows) are left out: the
executed notebook shows the real output. Committed notebooks carry no outputs.

``python -m guide_tools.labs check`` reports a committed notebook that is stale against its
snippets; ``python -m guide_tools.labs execute`` runs every lab on a clean kernel (nbclient) into
``build/labs/<chapter>.ipynb``, which the site renders (hooks/labs.py, mkdocs-jupyter). A failing
cell is named by notebook, cell number and the snippet file and line it came from, and so is a
cell whose printed output differs from the ``# >`` lines its snippet documents.

We generate the notebooks ourselves rather than with jupytext: jupytext's percent format would
need cell markers in the snippet files, and the chapter prose and anchors we put before each cell
live in the pages, not in the snippets.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import posixpath
import re
import shutil
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from markdown.extensions.toc import slugify

from guide_tools.chapters import TITLES, _walk
from guide_tools.chapters import load as load_page
from guide_tools.numerics import pin
from guide_tools.paths import DOCS, FIGURES, ROOT, display
from guide_tools.problems import Problem, report
from guide_tools.snippet_runner import EXPECTED
from guide_tools.snippet_sections import INCLUDE, MARKER, MARKER_LIKE, SNIPPET_BASE

LABS = DOCS / "labs"
EXECUTED = ROOT / "build" / "labs"
CONCEPTS = DOCS / "concepts"
SEED = 0  # the seed guide_tools.snippet_runner gives every snippet, so the numbers match the pages
REGENERATE = "make labs-update"
MAIN_GUARD = re.compile(r"""^if __name__ == (["'])__main__\1:\s*$""")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{[^}]*#(?P<id>[^\s}]+)[^}]*\})?$")
BLOCK_START = re.compile(r"^\s*(```|~~~|===|!!!|\?\?\?|///|<|\||-\s|\*\s|\d+\.\s|\*\[)")
MD_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)\)")
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
ATTR_LIST = re.compile(r"\{\s*[:.#][^}]*\}")


class LabError(Exception):
    """A lab cannot be generated or executed; the message names the file and line."""


# -- The site's public address (the committed notebooks link to it; the site makes links relative)
def site_url() -> str:
    """The published site's address, as mkdocs.yml gives it when SITE_URL is not set."""
    from guide_tools.anchors import load_config

    value = load_config()["site_url"]
    url = value[-1] if isinstance(value, list) else value
    return url if url.endswith("/") else url + "/"


def page_url(src: str) -> str:
    """``concepts/metrics.md#tldr`` -> ``concepts/metrics/#tldr`` (directory URLs)."""
    path, _, fragment = src.partition("#")
    if path.endswith("index.md"):
        path = path[: -len("index.md")]
    elif path.endswith(".md"):
        path = path[: -len(".md")] + "/"
    return path + (f"#{fragment}" if fragment else "")


def lab_anchor(snippet: Path, section: str | None = None) -> str:
    """The id of a snippet file's part in its lab (stable: file and section names only)."""
    name = "lab-" + snippet.stem.replace("_", "-")
    return name + (f"--{section.replace('_', '-')}" if section else "")


# -- Snippet files split into cells ----------------------------------------------------------------
@dataclass
class Part:
    """A run of a snippet file that becomes one code cell."""

    path: Path
    line: int  # first line of the code in the file
    code: str
    section: str | None  # the named section, or None for code the pages do not show
    lines: list[int] = field(default_factory=list)  # the file's line number of each code line


@dataclass
class SnippetFile:
    path: Path
    summary: str
    details: str
    parts: list[Part]


def split_snippet(path: Path) -> SnippetFile:
    """A snippet's docstring and its code, cut at its named sections."""
    source = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise LabError(f"{display(path)}:{error.lineno}: not valid Python: {error.msg}") from None
    docstring = ast.get_docstring(tree) or ""
    if not docstring:
        raise LabError(
            f"{display(path)}:1: a snippet needs a docstring: the lab's heading is its first line"
        )
    body_start = tree.body[0].end_lineno if docstring else 0
    summary, _, details = docstring.partition("\n")
    lines = source.splitlines()
    parts: list[Part] = []
    current: list[tuple[int, str]] = []
    section: str | None = None

    def close() -> None:
        kept = [(n, t) for n, t in current if not EXPECTED.match(t) and not MAIN_GUARD.match(t)]
        while kept and not kept[0][1].strip():
            kept.pop(0)
        while kept and not kept[-1][1].strip():
            kept.pop()
        if kept:
            code = textwrap.dedent("\n".join(t for _, t in kept))
            try:
                compile(code, str(path), "exec")
            except SyntaxError as error:
                line = kept[0][0] + (error.lineno or 1) - 1
                raise LabError(
                    f"{display(path)}:{line}: this part of the file is not valid Python on its "
                    f"own ({error.msg}); a lab cell must be: move the section markers so each "
                    "part between them is complete statements"
                ) from None
            parts.append(Part(path, kept[0][0], code, section, [n for n, _ in kept]))
        current.clear()

    for number, text in enumerate(lines, start=1):
        if number <= body_start:
            continue
        if MARKER_LIKE.search(text):
            match = MARKER.match(text)
            if not match:
                raise LabError(
                    f"{display(path)}:{number}: malformed section marker {text.strip()!r}"
                )
            close()
            section = match["name"] if match["kind"] == "start" else None
            continue
        current.append((number, text))
    close()
    return SnippetFile(path, summary.strip().rstrip("."), textwrap.dedent(details).strip(), parts)


# -- Where the chapter shows each section ----------------------------------------------------------
@dataclass
class Use:
    heading: str
    anchor: str
    intro: str | None  # the chapter's sentence(s) right before the code, if any


def chapter_uses(slug: str) -> tuple[list[Path], dict[tuple[Path, str], Use]]:
    """The chapter's snippet files in the order it first shows them; where it shows each part."""
    page_path = CONCEPTS / f"{slug}.md"
    page, problems = load_page(page_path)
    if page is None:
        raise LabError(str(problems[0]))
    files: list[Path] = []
    uses: dict[tuple[Path, str], Use] = {}
    heading, anchor = TITLES[slug], ""
    body = list(_walk(page.body))
    for index, (_, text, in_fence) in enumerate(body):
        if not in_fence and (m := HEADING.match(text)):
            heading = m["text"].strip()
            anchor = m["id"] or slugify(heading, "-")
            continue
        for include in INCLUDE.finditer(text):
            name, _, section = include["target"].partition(":")
            path = (SNIPPET_BASE / name).resolve()
            if not path.is_relative_to((ROOT / "snippets").resolve()) or path.suffix != ".py":
                continue
            if path not in files:
                files.append(path)
            if section and (path, section) not in uses:
                uses[(path, section)] = Use(heading, anchor, _intro(body, index, page_path))
    return files, uses


def _intro(body: list[tuple[int, str, bool]], index: int, page_path: Path) -> str | None:
    """The paragraph just before the code fence that holds the include at ``body[index]``."""
    i = index - 1
    while i >= 0 and body[i][2] and not body[i][1].lstrip().startswith(("```", "~~~")):
        i -= 1  # back to the fence's opening line
    i -= 1
    while i >= 0 and not body[i][1].strip():
        i -= 1
    if i < 0 or body[i][2]:
        return None  # straight after another code block: no sentence of its own
    lines: list[str] = []
    while i >= 0 and body[i][1].strip() and not body[i][2]:
        text = body[i][1].strip()
        if HEADING.match(text) or BLOCK_START.match(text):
            break
        lines.insert(0, text)
        i -= 1
    if not lines:
        return None
    return _portable(" ".join(lines), page_path)


def _portable(markdown: str, page_path: Path) -> str:
    """Chapter prose made to work in a notebook: links absolute, no footnotes or attribute lists."""
    base = site_url()
    page_dir = page_path.parent.relative_to(DOCS).as_posix()

    def absolute(match: re.Match) -> str:
        target = match["target"]
        if re.match(r"^[a-z]+:", target):
            return match.group(0)
        if target.startswith("#"):
            resolved = page_path.relative_to(DOCS).as_posix() + target
        else:
            resolved = posixpath.normpath(posixpath.join(page_dir, target))
            if "#" in target and "#" not in resolved:
                resolved += "#" + target.partition("#")[2]
        return f"{match['bang']}[{match['text']}]({base}{page_url(resolved)})"

    text = MD_LINK.sub(absolute, markdown)
    text = FOOTNOTE_REF.sub("", text)
    return ATTR_LIST.sub("", text).strip()


# -- Notebooks -------------------------------------------------------------------------------------
def _cell_id(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-zA-Z0-9-_]", "-", text)[:60] or "cell"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def build_notebook(slug: str) -> nbformat.NotebookNode:
    """The lab of one chapter, without outputs."""
    files, uses = chapter_uses(slug)
    base = site_url()
    chapter_url = f"{base}concepts/{slug}/"
    title = TITLES[slug]
    taken: set[str] = set()
    cells = []

    def markdown(text: str, name: str) -> None:
        cells.append(nbformat.v4.new_markdown_cell(text, id=_cell_id(name, taken)))

    def code(part: Part | None, text: str, name: str) -> None:
        cell = nbformat.v4.new_code_cell(text, id=_cell_id(name, taken))
        if part is not None:
            source = {"file": display(part.path), "line": part.line}
            if part.section:
                source["section"] = part.section
            cell.metadata["lab"] = {"source": source}
        cells.append(cell)

    markdown(
        f"# Lab: {title}\n\n"
        f"Every piece of code in the chapter [{title}]({chapter_url}), in order, to run and "
        "change. Each step says what it shows and links back to the section that explains it; "
        "the code the chapter leaves out (imports, data, shared setup) is here too.\n\n"
        "**Run it locally.** The code imports the guide's own packages (the case-study data), so "
        "it runs in a clone of the repository: `make install` installs the pinned requirements "
        "into `.venv`, and `make lab` opens this notebook in JupyterLab with that environment. "
        "Any Jupyter front end works if you pick the `.venv` Python as the kernel.\n\n"
        f"*This notebook is generated from the snippet files under `snippets/` by `{REGENERATE}`: "
        "change the snippets, not the notebook.*",
        "title",
    )
    markdown(
        "**Setup.** Run from the repository's root, with the seeds the tests use, so every number "
        "matches the chapter.",
        "setup-intro",
    )
    code(
        None,
        "import os\nimport random\n\nimport numpy as np\n\n"
        "try:\n"
        "    from guide_tools.paths import ROOT\n"
        "except ModuleNotFoundError as error:\n"
        "    raise ModuleNotFoundError(\n"
        '        "This lab needs the guide\'s packages: run `make install` in a clone of the "\n'
        '        "repository and choose its .venv Python as the kernel (or run `make lab`)."\n'
        "    ) from error\n\n"
        "os.chdir(ROOT)\n\n\n"
        "def reseed():\n"
        '    """The seeds every snippet starts from in the tests."""\n'
        f"    random.seed({SEED})\n"
        f"    np.random.seed({SEED})  # legacy global state, for code that uses it\n",
        "setup",
    )
    for path in files:
        snippet = split_snippet(path)
        rel = display(path)
        first_use = next(
            (uses[(path, p.section)] for p in snippet.parts if (path, p.section) in uses), None
        )
        text = f'<a id="{lab_anchor(path)}"></a>\n\n## {snippet.summary}\n\n'
        if snippet.details:
            text += snippet.details + "\n\n"
        text += f"Source: `{rel}`"
        if first_use:
            text += f" · in the chapter: [{first_use.heading}]({chapter_url}#{first_use.anchor})"
        markdown(text, f"{path.stem}")
        nearest = first_use
        for index, part in enumerate(snippet.parts):
            use = uses.get((path, part.section)) if part.section else None
            if use is None:  # not shown itself: it belongs with the file's nearest shown part
                later = (uses.get((path, p.section)) for p in snippet.parts[index:] if p.section)
                nearest = next((u for u in later if u), nearest) if nearest is None else nearest
            else:
                nearest = use
            where = f"[{nearest.heading}]({chapter_url}#{nearest.anchor})" if nearest else ""
            body = part.code
            if index == 0:
                body = (
                    "reseed()  # each file starts from the same seeds, as in the tests\n\n" + body
                )
            if part.section is None:
                what = "imports, data and helpers" if index == 0 else "code between two steps"
                note = f"**Setup** (not shown in the chapter): {what}"
                note += f", for {where}." if where else "."
                markdown(note, f"{path.stem}-setup-{index}-intro")
            else:
                anchor = f'<a id="{lab_anchor(path, part.section)}"></a>\n\n'
                label = f"**Step `{part.section}`**"
                if use is None:
                    text = f"{anchor}{label} (not shown in the chapter)"
                    text += f", part of {where}." if where else "."
                else:
                    text = f"{anchor}{label}, from {where}"
                    text += f": {use.intro}" if use.intro else "."
                markdown(text, f"{path.stem}-{part.section}-intro")
            code(part, body, f"{path.stem}-{part.section or f'setup-{index}'}")
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3 (.venv)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "lab": {"chapter": slug, "generated_by": REGENERATE},
    }
    nbformat.validate(notebook)
    return notebook


def dumps(notebook: nbformat.NotebookNode) -> str:
    """Deterministic JSON text: the same snippets give the same bytes."""
    return nbformat.writes(notebook) + "\n"


def lab_path(slug: str) -> Path:
    return LABS / f"{slug}.ipynb"


def update(slugs: tuple[str, ...] = tuple(TITLES)) -> list[Path]:
    """Write every lab notebook; return the ones that changed."""
    LABS.mkdir(parents=True, exist_ok=True)
    changed = []
    for slug in slugs:
        path, text = lab_path(slug), dumps(build_notebook(slug))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def check(slugs: tuple[str, ...] = tuple(TITLES)) -> list[Problem]:
    """Committed labs that are missing, stale against their snippets, or carry outputs."""
    problems = []
    for slug in slugs:
        path = lab_path(slug)
        try:
            text = dumps(build_notebook(slug))
        except LabError as error:
            problems.append(Problem(path, 1, str(error)))
            continue
        if not path.exists():
            problems.append(Problem(path, 1, f"lab notebook is missing: run `{REGENERATE}`"))
        elif path.read_text(encoding="utf-8") != text:
            problems.append(
                Problem(path, 1, f"lab notebook is stale against its snippets: run `{REGENERATE}`")
            )
    known = {lab_path(s) for s in TITLES}
    for path in sorted(LABS.glob("*.ipynb")):
        if path not in known:
            problems.append(Problem(path, 1, "no chapter has this lab: delete it"))
    return problems


# -- Execution -------------------------------------------------------------------------------------
# What the kernel runs besides the snippets: the case-study package, the figure and path helpers
# the snippets import (tests/test_labs.py checks they import nothing else of ours), and the
# executor with the output check. The Makefile's LAB_INPUTS lists the same files.
KERNEL_SOURCES = (
    "src/churn_case_study/*.py",
    "src/guide_tools/figures.py",
    "src/guide_tools/explorables.py",
    "src/guide_tools/paths.py",
    "src/guide_tools/labs.py",
    "src/guide_tools/snippet_runner.py",
)


def inputs(slug: str) -> list[Path]:
    """What an executed lab depends on (the Makefile's rule for build/labs/ lists the same):
    the notebook, the chapter's snippets and committed figures (the executor compares what it
    draws with them), the code the kernel runs and the pinned requirements. Not the chapter's
    prose: the site takes figure alt text from the chapter at build time."""
    found = [lab_path(slug), ROOT / "requirements.txt"]
    found += sorted((ROOT / "snippets" / slug).glob("*.py"))
    found += sorted((FIGURES / slug).glob("*"))
    found += sorted(p for pattern in KERNEL_SOURCES for p in ROOT.glob(pattern))
    return found


def digest(paths: list[Path]) -> str:
    """One hash over the files' names and bytes."""
    hasher = hashlib.sha256()
    for path in paths:
        hasher.update(display(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def executed_path(slug: str) -> Path:
    return EXECUTED / f"{slug}.ipynb"


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _where(notebook_path: Path, index: int, cell) -> str:
    source = cell.metadata.get("lab", {}).get("source")
    where = f"{display(notebook_path)}: cell {index + 1}"
    if source:
        section = f", section '{source['section']}'" if "section" in source else ""
        where += f" (from {source['file']}:{source['line']}{section})"
    return where


# Run before the notebook's cells, in the same kernel: record every print of code run from a cell
# (file name and line of the print), as guide_tools.snippet_runner does for a snippet file, and
# have figures also written where the executor compares them with the committed ones.
_RECORDER = """
import builtins as _lab_builtins, sys as _lab_sys
_lab_records = []
_lab_print = _lab_builtins.print
def _lab_recording_print(*args, sep=" ", end="\\n", file=None, flush=False):
    if file is None or file is _lab_sys.stdout:
        frame = _lab_sys._getframe(1)
        text = (" " if sep is None else sep).join(map(str, args)) + ("\\n" if end is None else end)
        _lab_records.append((frame.f_code.co_filename, frame.f_lineno, text))
    return _lab_print(*args, sep=sep, end=end, file=file, flush=flush)
_lab_builtins.print = _lab_recording_print
"""
_REPORT = """
import json as _lab_json, linecache as _lab_linecache
_lab_builtins.print = _lab_print
_lab_files = {f for f, _, _ in _lab_records}
_lab_sys.stdout.write(_lab_json.dumps({
    "records": _lab_records,
    "sources": {
        f: "".join(_lab_linecache.cache[f][2]) for f in _lab_files if f in _lab_linecache.cache
    },
}))
"""


def _run_hidden(client, notebook, code: str) -> nbformat.NotebookNode:
    """Run code in the notebook's kernel without leaving a cell in the notebook.

    nbclient writes an executed cell back at its index, so the cell is appended while it runs.
    """
    cell = nbformat.v4.new_code_cell(code)
    notebook.cells.append(cell)
    try:
        client.execute_cell(cell, len(notebook.cells) - 1)
    finally:
        notebook.cells.pop()
    return cell


def output_problems(notebook, report: dict, drawn: Path) -> list[str]:
    """What the executed cells printed and drew, checked exactly as the snippet tests would.

    Every print is matched to its snippet file and line (through the cell it ran from), then
    guide_tools.snippet_runner compares each print's output with the ``# >`` lines under it;
    every figure drawn must match the committed one.
    """
    from guide_tools import explorables, snippet_runner

    cells: dict[str, tuple[Path, list[int]]] = {}  # cell source -> (snippet, line of each line)
    runs: dict[Path, snippet_runner.SnippetRun] = {}
    for cell in notebook.cells:
        source = cell.metadata.get("lab", {}).get("source") if cell.cell_type == "code" else None
        if not source:
            continue
        path = ROOT / source["file"]
        if path not in runs:
            runs[path] = snippet_runner.SnippetRun(
                path, snippet_runner.print_sites(path.read_text(encoding="utf-8"))
            )
        part = next(p for p in split_snippet(path).parts if p.line == source["line"])
        offset = cell.source.count("\n") - part.code.count("\n")  # the reseed() line before it
        cells[cell.source.rstrip("\n")] = (path, [0] * offset + part.lines)
    where = {}
    for filename, text in report["sources"].items():
        if text.rstrip("\n") in cells:
            where[filename] = cells[text.rstrip("\n")]
    for filename, line, text in report["records"]:
        if filename not in where:
            continue  # the notebook's own setup cell, or a library's print
        path, lines = where[filename]
        snippet_line = lines[line - 1] if 0 < line <= len(lines) else 0
        run = runs[path]
        site = next((s for s in run.sites if s.first_line <= snippet_line <= s.last_line), None)
        if site is not None:
            site.printed.append(text)
            site.ran = True
    problems = [str(p) for run in runs.values() for p in snippet_runner.output_problems(run)]
    for svg in sorted(drawn.rglob("*.svg")):
        committed = FIGURES / svg.relative_to(drawn)
        body = svg.read_text(encoding="utf-8").partition("\n")[2]
        if not committed.exists():
            problems.append(f"{display(committed)} is not committed (run `make figures`)")
        elif committed.read_text(encoding="utf-8").partition("\n")[2] != body:
            problems.append(f"{display(committed)} is stale (run `make figures`)")
    for data in sorted(drawn.rglob("*.json")):  # explorables' data (guide_tools.explorables)
        committed = FIGURES / data.relative_to(drawn)
        if not committed.exists():
            problems.append(f"{display(committed)} is not committed (run `make figures`)")
        elif explorables.load(committed) != explorables.load(data):
            problems.append(f"{display(committed)} is stale (run `make figures`)")
    return problems


def execute(slug: str, timeout: int = 900) -> Path:
    """Run one chapter's lab on a fresh kernel into build/labs/; raise LabError."""
    source = lab_path(slug)
    if not source.exists():
        raise LabError(f"{display(source)}:1: lab notebook is missing: run `{REGENERATE}`")
    target = execute_notebook(source, executed_path(slug), timeout=timeout)
    executed = json.loads(target.read_text(encoding="utf-8"))
    executed["metadata"].setdefault("lab", {})["inputs_sha256"] = digest(inputs(slug))
    target.write_text(json.dumps(executed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def execute_notebook(source: Path, target: Path, timeout: int = 900) -> Path:
    """Run a notebook on a fresh kernel from the repository root; write it with its outputs.

    Raises LabError when a cell fails (naming the notebook, the cell and the snippet line it came
    from), when a print's output differs from the ``# >`` lines under it in the snippet (naming
    the snippet file and line), or when a figure differs from the committed one.
    """
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    notebook = nbformat.read(source, as_version=4)
    scratch = Path(tempfile.mkdtemp(prefix="lab-"))
    drawn = scratch / "figures"
    # IPC sockets, not TCP on localhost: nothing listens on the network, and the kernel does not
    # warn about unencrypted TCP. The path is absolute: the kernel starts in the repository root.
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(scratch / "kernel"))
    client = NotebookClient(
        notebook,
        km=kernel,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT)}},
        record_timing=False,
    )
    try:
        with client.setup_kernel(env={**os.environ, "GUIDE_FIGURES_DIR": str(drawn)}):
            _run_hidden(client, notebook, _RECORDER)
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    client.execute_cell(cell, index)
                except (CellExecutionError, CellTimeoutError) as error:
                    detail = ANSI.sub("", str(error)).strip().splitlines()
                    tail = "\n".join(detail[-12:])
                    raise LabError(f"{_where(source, index, cell)} failed:\n{tail}") from None
            report = _run_hidden(client, notebook, _REPORT)
        data = json.loads("".join(o.get("text", "") for o in report.outputs))
        problems = output_problems(notebook, data, drawn)
    finally:
        if kernel.has_kernel:  # nbclient shuts down only the kernels it started itself
            kernel.shutdown_kernel()
        shutil.rmtree(scratch, ignore_errors=True)
    if problems:
        raise LabError(
            f"{display(source)}: what it printed or drew differs:\n" + "\n".join(problems)
        )
    for cell in notebook.cells:
        # The site shows what the code prints and draws. Library warnings and log lines go to
        # stderr, and some carry a time stamp that would change every build.
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.get("name") != "stderr"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dumps(notebook), encoding="utf-8")
    return target


def executed_for(slug: str) -> Path:
    """The executed copy of a lab for the site; LabError if missing or older than the notebook."""
    target, source = executed_path(slug), lab_path(slug)
    if not target.exists():
        raise LabError(
            f"{display(source)}:1: not executed yet: run `make labs` (writes {display(target)})"
        )
    data = json.loads(target.read_text(encoding="utf-8"))
    if data.get("metadata", {}).get("lab", {}).get("inputs_sha256") != digest(inputs(slug)):
        raise LabError(
            f"{display(source)}:1: it, its snippets or figures, the code it runs or the "
            "requirements changed since it was executed: run `make labs`"
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m guide_tools.labs", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    write = sub.add_parser("update", help="write docs/labs/*.ipynb from the snippets")
    write.add_argument("slugs", nargs="*", metavar="CHAPTER", help="chapter slugs (default: all)")
    sub.add_parser("check", help="report labs that are missing or stale")
    run = sub.add_parser("execute", help="run labs on a fresh kernel into build/labs/")
    run.add_argument("slugs", nargs="*", metavar="CHAPTER", help="chapter slugs (default: all)")
    args = parser.parse_args(argv)
    pin()  # the kernels and thread counts the printed numbers were made with
    if args.command == "update":
        unknown = [slug for slug in args.slugs if slug not in TITLES]
        if unknown:
            parser.error(f"unknown chapter {unknown[0]!r}; one of: {', '.join(TITLES)}")
        try:
            changed = update(tuple(args.slugs) or tuple(TITLES))
        except LabError as error:
            print(error, file=sys.stderr)
            return 1
        for path in changed:
            print(f"wrote {display(path)}")
        return 0
    if args.command == "check":
        return report(check(), "lab")
    failed = 0
    for slug in args.slugs or TITLES:
        if slug not in TITLES:
            parser.error(f"unknown chapter {slug!r}; one of: {', '.join(TITLES)}")
        started = time.perf_counter()
        try:
            target = execute(slug)
        except LabError as error:
            print(error, file=sys.stderr)
            failed += 1
            continue
        seconds = time.perf_counter() - started
        print(f"executed {display(lab_path(slug))} -> {display(target)} in {seconds:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
