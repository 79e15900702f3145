"""The strict build: each rule, broken on purpose in a fixture site, fails the build and the
message names the page (and line, where the fault is in the page's source)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.build

GOOD = """
---
title: Good
description: A page that uses every feature the build renders.
---
# Good {#good}

Inline math $\\hat f(x) = \\mathbb{E}[y \\mid x]$ and display math:

$$
\\mathbb{E}\\big[(y - \\hat f(x))^2\\big] = \\mathrm{Bias}^2 + \\mathrm{Var} + \\sigma^2
$$

```python
--8<-- "src/guide_tools/paths.py"
```

The MSE is an average. See [the other page](other.md#section).
"""
OTHER = """
---
title: Other
description: The target of links.
---
# Other {#other}

## Section {#section}
"""


def test_a_good_site_builds_with_math_rendered(build_fixture_site):
    result = build_fixture_site({"index.md": GOOD, "other.md": OTHER})
    assert result.returncode == 0, result.output
    html = (result.site / "index.html").read_text(encoding="utf-8")
    assert 'class="katex-display"' in html and "<math" in html  # HTML + MathML, no script
    assert 'class="arithmatex"' not in html
    assert "figures_dir" in html  # the snippet was included
    assert '<abbr title="Mean squared error">MSE</abbr>' in html  # the glossary is appended
    assert (result.site / "assets/katex/katex.min.css").is_file()


def located(result, page: str, line: int) -> bool:
    return f"/docs/{page}:{line}: " in result.output


def test_broken_link_fails_with_page_and_line(build_fixture_site):
    page = OTHER + "\nSee [a missing page](missing.md).\n"
    result = build_fixture_site({"index.md": GOOD, "other.md": page})
    assert result.returncode != 0
    assert located(result, "other.md", 9), result.output
    assert "missing.md" in result.output


def test_missing_anchor_fails_with_page_and_line(build_fixture_site):
    page = GOOD.replace("other.md#section", "other.md#no-such-section")
    result = build_fixture_site({"index.md": page, "other.md": OTHER})
    assert result.returncode != 0
    assert located(result, "index.md", 17), result.output
    assert "no-such-section" in result.output


def test_absolute_link_fails_with_page_and_line(build_fixture_site):
    page = OTHER + "\nSee [home](/index.md).\n"
    result = build_fixture_site({"index.md": GOOD, "other.md": page})
    assert result.returncode != 0
    assert located(result, "other.md", 9), result.output
    assert "absolute link '/index.md'" in result.output


def test_page_missing_from_nav_fails(build_fixture_site):
    result = build_fixture_site({"index.md": GOOD, "other.md": OTHER}, nav=[{"Home": "index.md"}])
    assert result.returncode != 0
    assert 'not included in the "nav" configuration' in result.output
    assert "- other.md" in result.output


def test_broken_link_in_raw_html_fails_with_page_and_line(build_fixture_site):
    page = OTHER + '\n<p><a href="../nowhere/">raw link</a></p>\n'
    result = build_fixture_site({"index.md": GOOD, "other.md": page})
    assert result.returncode != 0
    assert located(result, "other.md", 9), result.output
    assert "invalid url - ../nowhere/" in result.output


def test_include_of_a_missing_snippet_section_fails(build_fixture_site):
    page = GOOD.replace('"src/guide_tools/paths.py"', '"src/guide_tools/paths.py:nonexistent"')
    result = build_fixture_site({"index.md": page, "other.md": OTHER})
    assert result.returncode != 0
    assert "Error reading page 'index.md'" in result.output, result.output
    assert "Snippet section 'nonexistent' could not be located" in result.output
    # The build does not name the line; `make check-sources` does (tests/test_snippet_sections.py).


def test_math_error_fails_with_page_and_line(build_fixture_site):
    page = GOOD.replace("\\mathrm{Var}", "\\mathrm{Var")
    result = build_fixture_site({"index.md": page, "other.md": OTHER})
    assert result.returncode != 0
    assert located(result, "index.md", 10), result.output
    assert "KaTeX" in result.output


def test_every_stylesheet_and_script_the_config_names_exists():
    import yaml

    from guide_tools.paths import DOCS, ROOT

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load("\n".join(line for line in text.splitlines() if "!" not in line))
    generated = ("assets/katex/",)  # added to the site by hooks/math.py
    for entry in config["extra_css"] + config["extra_javascript"]:
        if not entry.startswith(generated):
            assert (DOCS / entry).is_file(), f"mkdocs.yml names {entry}, which is not in docs/"
