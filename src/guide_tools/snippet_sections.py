"""Check the named sections of snippet files and the pages' includes of them.

``pymdownx.snippets`` with ``check_paths: true`` fails on a missing file, but a missing
``[end:x]`` marker silently includes the rest of the file, a misspelt section name includes
nothing useful, and a snippet no page includes is dead code nobody reads. This module finds all of
those and names the file and line. Run it as ``python -m guide_tools.snippet_sections``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from guide_tools.paths import DOCS, ROOT, SNIPPETS
from guide_tools.problems import Problem, report

# Any line that looks like a section marker, so a malformed one is reported, not ignored.
MARKER_LIKE = re.compile(r"--8<--\s*\[")
# The form pymdownx.snippets accepts (names: lowercase letter first, then [-_0-9a-z]).
MARKER = re.compile(r"^\s*#\s*--8<--\s*\[(?P<kind>start|end):(?P<name>[a-z][-_0-9a-z]*)\]\s*$")
# A single-line include in a page: --8<-- "path" or --8<-- "path:section" (not escaped with ';').
INCLUDE = re.compile(r"""(?<!;)--8<--\s+(?P<q>["'])(?P<target>[^"']+)(?P=q)""")
SNIPPET_BASE = ROOT  # pages name snippets from the repository root: "snippets/<slug>/<file>.py"


@dataclass
class SnippetFile:
    path: Path
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (start, end) lines


def parse_sections(path: Path) -> tuple[SnippetFile, list[Problem]]:
    """Read a snippet's section markers; report unbalanced, duplicate or malformed ones."""
    snippet, problems = SnippetFile(path), []
    open_at: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not MARKER_LIKE.search(line):
            continue
        match = MARKER.match(line)
        if not match:
            problems.append(
                Problem(
                    path,
                    number,
                    f"malformed section marker {line.strip()!r}: "
                    "use '# --8<-- [start:name]' with a lowercase name of [-_0-9a-z]",
                )
            )
            continue
        kind, name = match["kind"], match["name"]
        if kind == "start":
            if name in open_at or name in snippet.sections:
                problems.append(Problem(path, number, f"duplicate section [start:{name}]"))
            else:
                open_at[name] = number
        elif name not in open_at:
            problems.append(Problem(path, number, f"[end:{name}] has no matching [start:{name}]"))
        else:
            snippet.sections[name] = (open_at.pop(name), number)
    for name, number in open_at.items():
        problems.append(
            Problem(
                path,
                number,
                f"[start:{name}] is never closed by [end:{name}] "
                "(the page would silently include the rest of the file)",
            )
        )
    return snippet, problems


@dataclass(frozen=True)
class Include:
    page: Path
    line: int
    file: Path
    section: str | None


def find_includes(pages: Iterable[Path]) -> list[Include]:
    includes = []
    for page in pages:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for match in INCLUDE.finditer(line):
                target = match["target"]
                # "file.py:name" names a section; "file.py:3:9" is a line range (not used here).
                name, _, section = target.partition(":")
                includes.append(Include(page, number, SNIPPET_BASE / name, section or None))
    return includes


def check(snippet_root: Path = SNIPPETS, docs_root: Path = DOCS) -> list[Problem]:
    """Every problem with snippet sections and their includes, across the repository."""
    problems: list[Problem] = []
    snippets: dict[Path, SnippetFile] = {}
    for path in sorted(snippet_root.rglob("*.py")):
        snippet, found = parse_sections(path)
        snippets[path.resolve()] = snippet
        problems += found
    included: set[Path] = set()
    for inc in find_includes(sorted(docs_root.rglob("*.md"))):
        target = inc.file.resolve()
        if not target.is_file():
            problems.append(Problem(inc.page, inc.line, f"includes missing file {inc.file}"))
            continue
        included.add(target)
        if inc.section is None or target.suffix != ".py":
            continue
        if target not in snippets:
            snippets[target], _ = parse_sections(target)
        if inc.section.isdigit():
            problems.append(
                Problem(inc.page, inc.line, "include snippets by named section, not line numbers")
            )
        elif inc.section not in snippets[target].sections:
            known = ", ".join(sorted(snippets[target].sections)) or "none"
            problems.append(
                Problem(
                    inc.page,
                    inc.line,
                    f"section {inc.section!r} does not exist in {inc.file.name} "
                    f"(sections: {known})",
                )
            )
    for path in snippets:
        if path.is_relative_to(snippet_root.resolve()) and path not in included:
            problems.append(Problem(path, 1, "no page includes this snippet file"))
    return problems


def main() -> int:
    return report(check(), "snippet section")


if __name__ == "__main__":
    sys.exit(main())
