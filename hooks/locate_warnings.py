"""MkDocs hook: prefix link warnings and errors with the page's file and line.

Thin on purpose: the matching lives in guide_tools.build_messages.
"""

from __future__ import annotations

import logging
from pathlib import Path

from guide_tools.build_messages import locate


class _Locate(logging.Filter):
    def __init__(self, docs_dir: Path) -> None:
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            record.msg, record.args = locate(record.getMessage(), self.docs_dir), ()
        return True


def on_config(config):
    located = _Locate(Path(config.docs_dir))
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, _Locate) for f in handler.filters):
            handler.addFilter(located)
    return config
