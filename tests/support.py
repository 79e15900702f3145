"""Helpers the tests share: fixture-site builds, a local web server, and the browser to drive.

The browser is found at $CHROME_PATH, else /usr/bin/chromium (`make browser` installs Debian's
package where neither exists). Playwright's own browser download cannot work on our machines.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide_tools.paths import ROOT

BIN = Path(sys.executable).parent
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chrome_path() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError(
        "no Chromium found: run `make browser` (installs Debian's chromium) or set CHROME_PATH"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that cancels a request it no longer needs is not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _PrefixHandler(_QuietHandler):
    prefix = "/"

    def translate_path(self, path):
        # Serve the site under the path GitHub Pages gives it (/<repository>/), as deployed.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_under_the_site_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])


@contextmanager
def serve(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) under ``prefix``; yield the site's URL."""
    handler_class = type("Handler", (_PrefixHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def build_site(
    root: Path, pages: dict[str, str], nav: list | None = None, config: dict | None = None
) -> BuildResult:
    """Build a fixture site under ``root`` that inherits the real mkdocs.yml, strictly.

    ``pages`` maps paths under docs/ to Markdown; every page is put in the nav unless ``nav`` is
    given; ``config`` adds or replaces top-level settings (e.g. ``plugins``; lists replace the
    real ones). Runs `mkdocs build --strict` in a subprocess from the repository root, as `make
    build` does, and returns the exit code and everything MkDocs printed.
    """
    docs = root / "docs"
    for assets in ("stylesheets", "javascripts", "images"):  # the site's own CSS, JS and icons
        shutil.copytree(ROOT / "docs" / "assets" / assets, docs / "assets" / assets)
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    settings = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        # The real hooks, minus those that ship downloads (not needed to test the checks).
        "hooks": [str(h) for h in FIXTURE_HOOKS],
        "nav": nav if nav is not None else [{n: n} for n in pages],
        "watch": [],  # the real config's watch paths are relative to the repository
        **(config or {}),
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings), encoding="utf-8")
    proc = subprocess.run(
        [BIN / "mkdocs", "build", "--strict", "-f", config_file],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, root / "site")


def _fixture_hooks() -> list[Path]:
    real = yaml.safe_load(
        "\n".join(
            line
            for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
            if "!!python" not in line and "!ENV" not in line
        )
    )["hooks"]
    # They ship files, not needed here.
    site_only = ("case_study_downloads.py", "downloads.py", "flashcards.py")
    return [ROOT / h for h in real if not h.endswith(site_only)]


FIXTURE_HOOKS = _fixture_hooks()


def build_real_site(site: Path) -> subprocess.CompletedProcess:
    """Build the real site strictly into ``site``, as `make build` does."""
    return subprocess.run(
        [BIN / "mkdocs", "build", "--strict", "-d", site],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def site_prefix() -> str:
    """The URL path the site is published under (from site_url in mkdocs.yml): "/<repo>/"."""
    import re
    from urllib.parse import urlparse

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', text, re.M)
    assert default, 'mkdocs.yml: site_url must be !ENV [SITE_URL, "<default>"]'
    return urlparse(default.group(1)).path or "/"
