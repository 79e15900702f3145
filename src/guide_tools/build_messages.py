"""Give MkDocs' build warnings a ``docs/<page>.md:<line>:`` prefix.

MkDocs names the page of a broken link, a missing anchor or an absolute link, but not the line,
and htmlproofer names neither in a form an editor can jump to. The hook ``hooks/locate_warnings.py``
passes every build message through :func:`locate` so the reader sees ``docs/x.md:12: ...``.
"""

from __future__ import annotations

import re
from pathlib import Path

from guide_tools.paths import display

# (pattern, group naming the page, group naming the link text to look for)
PATTERNS = [
    # MkDocs link validation: "Doc file 'a.md' contains a link 'b.md#x', but ..." and
    # "Doc file 'a.md' contains an absolute link '/x', it was left as is."
    re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an \w+) link '(?P<link>[^']+)'"),
    # htmlproofer: "invalid url - b.md#x [404] [a.md]" (sometimes with more brackets)
    re.compile(r"invalid url - (?P<link>\S+) \[[^\]]*\] \[(?P<page>[^\]]+\.md)\]"),
]


def find_line(source: str, needle: str) -> int | None:
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    return None


def locate(message: str, docs_dir: Path) -> str:
    """Prefix ``message`` with ``docs/<page>:<line>:`` when it names a page and a link in it."""
    for pattern in PATTERNS:
        match = pattern.search(message)
        if not match:
            continue
        page = docs_dir / match["page"]
        if not page.is_file():
            return message
        source = page.read_text(encoding="utf-8")
        link = match["link"]
        # A link may be written as "b.md#x" or as just "#x" for an anchor on the same page.
        # Built pages are folders ("../other/#x"), so also try the Markdown spelling ("other.md").
        path, _, anchor = link.partition("#")
        bare = re.sub(r"^(?:\.\./|\./)+", "", path)
        candidates = [link, path, bare, bare.rstrip("/") + ".md" if bare.endswith("/") else ""]
        candidates.append("#" + anchor if anchor else "")
        for needle in filter(None, candidates):
            line = find_line(source, f"({needle}") or find_line(source, f'"{needle}"')
            line = line or find_line(source, needle)
            if line:
                return f"{display(page)}:{line}: {message}"
        return f"{display(page)}:1: {message}"
    return message
