"""Section markers and includes: every fault is reported with file and line."""

from __future__ import annotations

import textwrap

import pytest

from guide_tools import snippet_sections


def test_the_repository_has_no_section_problems():
    problems = snippet_sections.check()
    assert not problems, "\n".join(map(str, problems))


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A fixture repository: snippets/ and docs/ under tmp_path; pages name snippets from it."""
    monkeypatch.setattr(snippet_sections, "SNIPPET_BASE", tmp_path)

    def make(files: dict[str, str]):
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        found = snippet_sections.check(tmp_path / "snippets", tmp_path / "docs")
        return [str(p).replace(f"{tmp_path}/", "") for p in found]

    return make


PAGE = 'Shown:\n\n```python\n--8<-- "snippets/ch/demo.py:{section}"\n```\n'


def test_a_well_formed_tree_passes(tree):
    assert tree({
        "snippets/ch/demo.py": "# --8<-- [start:fit]\nx = 1\n# --8<-- [end:fit]\n",
        "docs/page.md": PAGE.format(section="fit"),
    }) == []  # fmt: skip


def test_unclosed_section_is_reported_at_its_start(tree):
    problems = tree({
        "snippets/ch/demo.py": "x = 0\n# --8<-- [start:fit]\nx = 1\n",
        "docs/page.md": PAGE.format(section="fit"),
    })  # fmt: skip
    assert "snippets/ch/demo.py:2: [start:fit] is never closed by [end:fit] " in problems[0]


def test_duplicate_section_is_reported(tree):
    problems = tree({
        "snippets/ch/demo.py": (
            "# --8<-- [start:fit]\n# --8<-- [end:fit]\n# --8<-- [start:fit]\n# --8<-- [end:fit]\n"
        ),
        "docs/page.md": PAGE.format(section="fit"),
    })  # fmt: skip
    assert "snippets/ch/demo.py:3: duplicate section [start:fit]" in problems


def test_end_without_start_is_reported(tree):
    problems = tree({
        "snippets/ch/demo.py": "# --8<-- [start:fit]\n# --8<-- [end:fit]\n# --8<-- [end:plot]\n",
        "docs/page.md": PAGE.format(section="fit"),
    })  # fmt: skip
    assert problems == ["snippets/ch/demo.py:3: [end:plot] has no matching [start:plot]"]


def test_malformed_marker_is_reported(tree):
    problems = tree({
        "snippets/ch/demo.py": "# --8<-- [start:Fit Model]\nx = 1\n",
        "docs/page.md": 'x\n\n--8<-- "snippets/ch/demo.py"\n',
    })  # fmt: skip
    assert len(problems) == 1
    assert problems[0].startswith("snippets/ch/demo.py:1: malformed section marker")


def test_include_of_a_missing_section_names_the_page_line(tree):
    problems = tree({
        "snippets/ch/demo.py": "# --8<-- [start:fit]\n# --8<-- [end:fit]\n",
        "docs/page.md": PAGE.format(section="fitt"),
    })  # fmt: skip
    assert problems == ["docs/page.md:4: section 'fitt' does not exist in demo.py (sections: fit)"]


def test_include_of_a_missing_file_names_the_page_line(tree):
    problems = tree({"docs/page.md": 'Intro\n\n--8<-- "snippets/ch/nothing.py:fit"\n'})
    assert len(problems) == 1
    assert problems[0].startswith("docs/page.md:3: includes missing file ")
    assert problems[0].endswith("snippets/ch/nothing.py")


def test_snippet_no_page_includes_is_reported(tree):
    problems = tree({
        "snippets/ch/demo.py": "# --8<-- [start:fit]\n# --8<-- [end:fit]\n",
        "snippets/ch/orphan.py": "x = 1\n",
        "docs/page.md": PAGE.format(section="fit"),
    })  # fmt: skip
    assert problems == ["snippets/ch/orphan.py:1: no page includes this snippet file"]


def test_escaped_include_is_not_an_include(tree):
    problems = tree({
        "snippets/ch/demo.py": "x = 1\n",
        "docs/page.md": 'Write `;--8<-- "snippets/ch/demo.py"` to show the syntax.\n',
    })  # fmt: skip
    assert problems == ["snippets/ch/demo.py:1: no page includes this snippet file"]
