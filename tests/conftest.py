"""Test configuration: pinned numeric libraries (guide_tools.numerics) and the fixture-site
builder."""

from __future__ import annotations

import os
from pathlib import Path

from guide_tools.numerics import pin

# Before numpy, scikit-learn and torch load (the Makefile sets the same): one thread per pool
# (two pytest workers share two cores) and the AVX2 kernels, so every machine prints the numbers
# the pages show.
pin()

import pytest  # noqa: E402
from filelock import FileLock  # noqa: E402

from support import CHROME_ARGS, build_real_site, build_site, chrome_path, serve  # noqa: E402


@pytest.fixture
def build_fixture_site(tmp_path):
    """``build_site`` into this test's temporary folder."""
    return lambda pages, nav=None: build_site(tmp_path, pages, nav)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, worker_id):
    """The real site, built strictly once per test run (each build takes 15-20 s) and shared by
    every test that reads or serves it, across pytest-xdist workers (the first to need it builds
    it under a file lock; xdist's documented pattern). Tests must not change it.

    `make test` builds the site first (`make build`, into site/) and names it in
    GUIDE_BUILT_SITE, so the tests check that build instead of making another."""
    prebuilt = os.environ.get("GUIDE_BUILT_SITE")
    if prebuilt:
        assert (Path(prebuilt) / "index.html").is_file(), f"GUIDE_BUILT_SITE={prebuilt}: no site"
        return Path(prebuilt)
    if worker_id == "master":  # not under xdist
        root = tmp_path_factory.mktemp("real-site")
    else:
        root = tmp_path_factory.getbasetemp().parent / "real-site"
        root.mkdir(exist_ok=True)
    folder, done = root / "site", root / "built"
    with FileLock(str(root / "lock")):
        if not done.exists():
            proc = build_real_site(folder)
            assert proc.returncode == 0, proc.stdout + proc.stderr
            done.touch()
    return folder


@pytest.fixture(scope="module")
def browser():
    """Our Chromium (support.chrome_path) driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chrome_path(), args=CHROME_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(real_site):
    """The real site served on 127.0.0.1, one server per test module (a module that serves
    another site defines its own ``site_url``)."""
    with serve(real_site) as url:
        yield url
