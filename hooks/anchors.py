"""MkDocs hook: on a page with renamed anchors, embed its old -> new id map for the page script.

anchors/renamed.yml (next to the config file) lists, per page, old id -> new id; pages that moved
(redirect_maps of the redirects plugin) bring their renames along. The map goes into the page's
<head> as ``<script type="application/json" id="anchor-renames">``, which
docs/assets/javascripts/anchors.js reads to send an old #hash to its new id: no request, so it
works from file:// too. The head, not the content: the theme's instant navigation re-creates the
content's inline scripts without their type (running the JSON as code) and id, but swaps the
head's elements as they are. A rename to an id the page lacks fails the build, naming the file
and line.

Thin on purpose: reading and resolving renames live in guide_tools.anchors.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide_tools import anchors

_renames = anchors.Renames()
_redirects: dict[str, str] = {}
_active = False


def on_config(config):
    global _renames, _redirects, _active
    # The book prints every page on one page: no hashes to redirect, and one id per book.
    _active = "print-site" not in config.plugins
    try:
        folder = Path(config.config_file_path).parent
        _renames = anchors.load_renames(folder / "anchors" / "renamed.yml")
    except anchors.AnchorError as error:
        raise PluginError(str(error)) from None
    plugin = config.plugins.get("redirects")
    _redirects = anchors.redirects_of(plugin.config["redirect_maps"] if plugin else {})


def on_post_page(output, page, config):
    if not _active or not _renames.pages:
        return output
    url = anchors.page_of_source(page.file.src_uri)
    try:
        table = anchors.rename_map(url, _renames, _redirects, anchors.anchors_in_html(output))
    except anchors.AnchorError as error:
        raise PluginError(str(error)) from None
    if not table:
        return output
    data = json.dumps(table, sort_keys=True).replace("</", "<\\/")
    head, sep, rest = output.partition("</head>")
    return f'{head}<script type="application/json" id="anchor-renames">{data}</script>\n{sep}{rest}'
