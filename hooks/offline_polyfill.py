"""MkDocs hook (offline variant only): ship the iframe-worker shim that makes search work offline.

Material's search runs in a Web Worker, which browsers refuse to start from file://. The shim
from the npm package iframe-worker (pinned in package.json) runs it in a hidden iframe instead.
mkdocs.offline.yml lists the shim in ``extra.polyfills`` at ``SHIM_DEST``; this hook adds the
file there, so the site never asks a CDN for it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guide_tools.paths import ROOT, display

SHIM_SOURCE = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_DEST = "assets/javascripts/iframe-worker/shim.js"


@event_priority(-100)  # after the offline plugin has added its CDN shim, if it did
def on_config(config):
    polyfills = [str(script) for script in config.extra.get("polyfills", [])]
    remote = [url for url in polyfills if urlsplit(url).scheme or url.startswith("//")]
    if SHIM_DEST not in polyfills or remote:
        raise PluginError(
            f"extra.polyfills must list {SHIM_DEST} and nothing from another host, got {polyfills}"
        )
    return config


@event_priority(100)  # before plugins (htmlproofer) take their list of files
def on_files(files, config):
    if not SHIM_SOURCE.is_file():
        raise PluginError(f"{display(SHIM_SOURCE)} is missing: run `make install` (npm ci)")
    files.append(File.generated(config, SHIM_DEST, abs_src_path=str(SHIM_SOURCE)))
    return files
