"""Flashcards: every quiz question and follow-up question of the site, as an Anki deck and a CSV.

`python -m guide_tools.flashcards [OUT_DIR]` (`make flashcards`; OUT_DIR is build/flashcards by
default) writes two files, which hooks/flashcards.py also publishes in the built site under
downloads/flashcards/:

- ``ml-interview-guide.apkg``: an Anki deck (genanki), one subdeck per chapter
  (``ML interview guide::Ensemble methods``), one note per question with the fields Id, Chapter,
  Kind, Front, Back, Link. A note's GUID comes from the question's id, so importing a newer deck
  updates the cards already studied instead of adding copies. Figures are packed as media.
- ``ml-interview-guide.csv``: the same cards (UTF-8, header row), HTML in front and back, figures
  as absolute URLs on the published site.

The questions come from markdown_exam (``export.questions``, ``followups.read_docs``): a docs
folder with any quiz or follow-up problem is refused with its ``file:line: message`` list. The
Markdown is rendered with python-markdown and the site's extensions (settings read from mkdocs.yml
or the MkDocs config): code highlighted with inline styles (Anki has no site CSS) and math left
as ``\\(...\\)`` / ``\\[...\\]`` for Anki's MathJax.

Both files are byte-for-byte reproducible: the deck's timestamps are ``SOURCE_DATE_EPOCH`` if
set, else the commit time of git HEAD, else ``FALLBACK_EPOCH``; the archive is packed with fixed
entry dates and order. The commit time (not a constant) matters: Anki updates an imported note
only when the file's copy is newer than the one in the collection.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import itertools
import json
import os
import posixpath
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import genanki
import markdown
import yaml
from mkdocs.config import load_config as mkdocs_config

from guide_tools.book import nav_pages
from guide_tools.paths import DOCS, ROOT, display
from markdown_exam import followups
from markdown_exam.export import questions
from markdown_exam.model import CHOICE_TYPES

__all__ = ["Card", "Media", "build", "cards", "load_config", "main", "timestamp", "write"]

NAME = "ml-interview-guide"  # the files' stem: <NAME>.apkg, <NAME>.csv
DECK_NAME = "ML interview guide"
# Anki recognises a deck and a note type by id: fixed once (random 31-bit ints), so every build,
# and every newer deck a reader imports, lands in the same deck with the same note type.
MODEL_ID = 1475298966
DECK_ID = 1101212080
FALLBACK_EPOCH = (
    1767225600  # 2026-01-01 00:00 UTC: used only when git and SOURCE_DATE_EPOCH are not
)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP can store
CSV_COLUMNS = ("id", "chapter", "chapter_title", "kind", "front", "back", "link", "tags")
HINTS = {
    "single": "Choose one",
    "multiple": "Choose all that apply",
    "short": "Answer in a few words",
    "numeric": "Give a number",
}

# Extensions the question text needs, as the site configures them (mkdocs.yml). Left out: toc
# (no headings), emoji (none used; its SVG index is the theme's), abbr and tasklist.
EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.arithmatex",
    "pymdownx.betterem",
    "pymdownx.blocks.caption",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tilde",
]

CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 18px;
  line-height: 1.5;
  text-align: left;
  max-width: 44em;
  margin: 0 auto;
  padding: 0 0.75em;
  color: #1f2328;
  background: #ffffff;
}
.card.nightMode, .night_mode .card { color: #e6edf3; background: #1f1f1f; }
a { color: #3949ab; }
.card.nightMode a, .night_mode a { color: #8fa8ff; }
img { max-width: 100%; height: auto; background: #ffffff; }
code { font-size: 0.9em; padding: 0 0.2em; border-radius: 3px;
  background: rgba(127, 127, 127, 0.15); }
/* Code blocks keep Pygments' light inline colours, so their panel stays light in night mode. */
.highlight { color: #1f2328; background: #f8f8f8; border-radius: 4px; margin: 0.75em 0; }
.highlight pre { margin: 0; padding: 0.6em 0.8em; overflow-x: auto; font-size: 0.85em; }
.highlight code { background: none; padding: 0; }
.highlight .filename { display: block; padding: 0.3em 0.8em; font-size: 0.8em; font-weight: 600;
  border-bottom: 1px solid rgba(127, 127, 127, 0.3); }
table { border-collapse: collapse; }
th, td { border: 1px solid rgba(127, 127, 127, 0.4); padding: 0.2em 0.5em; }
.hint { font-size: 0.85em; font-style: italic; opacity: 0.75; }
.options li, .answer li { margin: 0.2em 0; }
.answer { font-weight: 600; }
.also { font-size: 0.9em; opacity: 0.8; }
.source { margin-top: 1.5em; font-size: 0.85em; opacity: 0.8; }
"""

FRONT_TEMPLATE = "{{Front}}"
BACK_TEMPLATE = (
    "{{FrontSide}}\n<hr id=answer>\n{{Back}}\n"
    '<p class="source"><a href="{{Link}}">Read it in the guide</a> · {{Chapter}}</p>'
)

_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]+)(")')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/)", re.I)


@dataclass(frozen=True)
class Media:
    """A file a card shows: its name in the deck, its source file, its URL on the site."""

    name: str
    path: Path
    url: str


@dataclass
class Card:
    """One flashcard.

    Attributes:
        id: The question's id (unique on the site; the note's GUID is made from it).
        chapter: The chapter's slug (its page's file stem).
        chapter_title: The `title` of the chapter's front matter.
        kind: `"quiz"` or `"follow-up"`.
        front_html: The question, HTML; images name their deck media file (`Media.name`).
        back_html: The answer, HTML, likewise.
        link: The question's anchor on the published site.
        tags: Anki tags: the chapter slug, the kind, and for a quiz its type.
        media: The files the card's images show.
    """

    id: str
    chapter: str
    chapter_title: str
    kind: str
    front_html: str
    back_html: str
    link: str
    tags: list[str]
    media: list[Media] = field(default_factory=list)

    def web(self, text: str) -> str:
        """`text` (the front or back) with images pointing at the site instead of the deck."""
        for item in self.media:
            text = text.replace(f'src="{item.name}"', f'src="{item.url}"')
        return text


# -- Configuration -----------------------------------------------------------------------------


def load_config(path: Path = ROOT / "mkdocs.yml") -> Mapping:
    """mkdocs.yml loaded and validated by MkDocs itself (`!ENV` resolved, as a build sees it)."""
    return mkdocs_config(str(path))


def _snippet_options(config: Mapping) -> dict:
    """pymdownx.snippets' settings from the config, base paths made absolute (from ROOT)."""
    options = dict(config["mdx_configs"].get("pymdownx.snippets") or {})
    options.pop("auto_append", None)  # the abbreviations: not needed on a card
    base = options.get("base_path", ["."])
    options["base_path"] = [str(ROOT / p) for p in ([base] if isinstance(base, str) else base)]
    return options


def timestamp() -> int:
    """The deck's time: SOURCE_DATE_EPOCH, else git HEAD's commit time, else FALLBACK_EPOCH."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return FALLBACK_EPOCH


# -- Rendering ---------------------------------------------------------------------------------


class _Renderer:
    """Markdown to HTML for one page's questions, with its images collected as media."""

    def __init__(self, config: Mapping, docs_dir: Path, site_url: str):
        self.docs_dir = docs_dir.resolve()
        self.site_url = site_url
        self.md = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={
                "pymdownx.arithmatex": {"generic": True},  # \(...\) and \[...\]: Anki's MathJax
                "pymdownx.highlight": {"noclasses": True},  # inline styles: no site CSS in Anki
                "pymdownx.snippets": _snippet_options(config),
                "pymdownx.tabbed": {"alternate_style": True},
            },
        )

    def url(self, page: Path) -> str:
        """The page's URL on the site (MkDocs' directory URLs)."""
        rel = page.resolve().relative_to(self.docs_dir).with_suffix("").as_posix()
        if rel == "index" or rel.endswith("/index"):
            rel = rel[: -len("index")]
        else:
            rel += "/"
        return self.site_url + rel

    def block(self, text: str, page: Path, where: str, media: list[Media]) -> str:
        """Render Markdown written on `page`; images become deck media, links absolute."""
        self.md.reset()
        try:
            out = self.md.convert(text)
        except Exception as error:  # snippets' missing file, for one
            raise ValueError(f"{where}: cannot render: {error}") from error
        folder = page.resolve().parent

        def image(match: re.Match[str]) -> str:
            src = html.unescape(match[2])
            if _EXTERNAL.match(src):
                return match[0]
            source = (folder / src).resolve()
            if not source.is_file() or not source.is_relative_to(self.docs_dir):
                raise ValueError(f"{where}: image {src} not found in {display(self.docs_dir)}")
            rel = source.relative_to(self.docs_dir).as_posix()
            item = Media(
                rel.removeprefix("assets/figures/").replace("/", "-"),
                source,
                self.site_url + rel,
            )
            if item not in media:
                media.append(item)
            return match[1] + html.escape(item.name) + match[3]

        def link(match: re.Match[str]) -> str:
            target = html.unescape(match[2])
            if _EXTERNAL.match(target):
                return match[0]
            path, hash_, fragment = target.partition("#")
            if not path:
                url = self.url(page)
            else:
                resolved = (folder / path).resolve()
                if resolved.suffix == ".md":
                    url = self.url(resolved)
                else:
                    rel = posixpath.relpath(resolved.as_posix(), self.docs_dir.as_posix())
                    url = self.site_url + rel
            return match[1] + html.escape(url + hash_ + fragment) + match[3]

        return _HREF.sub(link, _IMG_SRC.sub(image, out))

    def inline(self, text: str, page: Path, where: str, media: list[Media]) -> str:
        """Render one paragraph of inline Markdown, without its `<p>`."""
        out = self.block(text, page, where, media)
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            return out[3:-4]
        return out


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def _number(value: float) -> str:
    return f"{value:g}"


def _quiz_html(quiz, render: _Renderer, media: list[Media]) -> tuple[str, str]:
    page, where = quiz.path, f"{display(quiz.path)}:{quiz.line}"
    front = [render.block(quiz.stem, page, where, media)]
    front.append(f'<p class="hint">{HINTS[quiz.type]}</p>')
    back = []
    if quiz.type in CHOICE_TYPES:
        options = [render.inline(o.text, page, where, media) for o in quiz.options]
        front.append(
            '<ol class="options" type="A">'
            + "".join(f"<li>{text}</li>" for text in options)
            + "</ol>"
        )
        # Each correct option keeps its letter from the front (value=).
        back.append(
            '<ol class="answer" type="A">'
            + "".join(
                f'<li value="{number}">{options[number - 1]}</li>'
                for number, option in enumerate(quiz.options, start=1)
                if option.correct
            )
            + "</ol>"
        )
    elif quiz.type == "numeric":
        answer = html.escape(quiz.answers[0].text)
        if quiz.tolerance:
            answer += f" ± {_number(quiz.tolerance)}"
        back.append(f'<p class="answer">{answer}</p>')
    else:
        first, *others = (html.escape(a.text) for a in quiz.answers)
        back.append(f'<p class="answer">{first}</p>')
        if others:
            back.append(f'<p class="also">Also accepted: {"; ".join(others)}</p>')
    back.append(render.block(quiz.explanation, page, where, media))
    return "\n".join(front), "\n".join(back)


def cards(
    docs_dir: Path = DOCS, site_url: str | None = None, config: Mapping | None = None
) -> list[Card]:
    """Every quiz and follow-up question under `docs_dir` as a card, in the site's order.

    Args:
        docs_dir: The docs folder.
        site_url: The published site's URL; `config`'s `site_url` by default.
        config: The MkDocs config, from a hook or `load_config` (the default): site_url, nav
            (the chapters' order), the snippets' settings.

    Returns:
        The cards, chapter by chapter in nav order (pages not in the nav after, by path), each
        chapter's in page order.

    Raises:
        ValueError: If any quiz or follow-up has a problem (one `file:line: message` per line),
            or a question's text cannot be rendered.
    """
    config = load_config() if config is None else config
    docs_dir = Path(docs_dir)
    site_url = site_url or config.get("site_url") or "/"
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    quizzes = questions(docs_dir)
    found, problems = followups.read_docs(docs_dir)
    if problems:
        raise ValueError("\n".join(str(p) for p in sorted(problems)))

    nav = {page: number for number, page in enumerate(nav_pages(config.get("nav") or []))}

    def page_key(path: Path) -> tuple[int, str]:
        rel = path.resolve().relative_to(docs_dir.resolve()).as_posix()
        return nav.get(rel, len(nav)), rel

    items = sorted(
        [(quiz.path, quiz.line, quiz) for quiz in quizzes]
        + [(item.path, item.line, item) for item in found],
        key=lambda entry: (page_key(entry[0]), entry[1]),
    )
    render = _Renderer(config, docs_dir, site_url)
    titles: dict[Path, str] = {}
    result = []
    for path, line, item in items:
        if path not in titles:
            titles[path] = str(_front_matter(path).get("title") or path.stem)
        media: list[Media] = []
        if isinstance(item, followups.FollowUp):
            where = f"{display(path)}:{line}"
            front = render.block(item.question, path, where, media)
            back = render.block(item.answer_with_rubric, path, where, media)
            kind, anchor, tags = "follow-up", item.id, [path.stem, "follow-up"]
        else:
            front, back = _quiz_html(item, render, media)
            kind, anchor, tags = "quiz", item.anchor, [path.stem, "quiz", item.type]
        result.append(
            Card(
                item.id,
                path.stem,
                titles[path],
                kind,
                front,
                back,
                f"{render.url(path)}#{anchor}",
                tags,
                media,
            )
        )
    return result


# -- Output ------------------------------------------------------------------------------------


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        "ML interview guide card",
        fields=[{"name": name} for name in ("Id", "Chapter", "Kind", "Front", "Back", "Link")],
        templates=[{"name": "Card", "qfmt": FRONT_TEMPLATE, "afmt": BACK_TEMPLATE}],
        css=CSS,
    )


def _deck_id(slug: str) -> int:
    """A chapter subdeck's id: fixed by its slug (31 bits of its SHA-256)."""
    return int.from_bytes(hashlib.sha256(f"{DECK_ID}:{slug}".encode()).digest()[:4]) >> 1


def _package(deck_cards: list[Card]) -> tuple[genanki.Package, list[Media]]:
    model = _model()
    decks = {"": genanki.Deck(DECK_ID, DECK_NAME)}  # the parent, so Anki shows the name
    media: list[Media] = []
    for card in deck_cards:
        if card.chapter not in decks:
            decks[card.chapter] = genanki.Deck(
                _deck_id(card.chapter), f"{DECK_NAME}::{card.chapter_title}"
            )
        fields = [card.id, card.chapter_title, card.kind, card.front_html, card.back_html]
        note = genanki.Note(
            model=model,
            fields=[*fields, card.link],
            tags=card.tags,
            guid=genanki.guid_for(card.id),
        )
        decks[card.chapter].add_note(note)
        for item in card.media:
            clash = next((m for m in media if m.name == item.name), None)
            if clash is None:
                media.append(item)
            elif clash.path != item.path:
                raise ValueError(f"two figures would share the media name {item.name}")
    return genanki.Package(list(decks.values()), [str(m.path) for m in media]), media


def _apkg(package: genanki.Package, media: list[Media], time: int) -> bytes:
    # Not genanki's Package.write_to_file: it leaves its SQLite file in the temp folder, stores
    # each entry with that file's mtime, and names media by their source basename. We fill the
    # collection with its write_to_db (as write_to_file does, with the same note/card id counter)
    # and pack the archive ourselves: fixed dates, fixed order, media under our names.
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            package.write_to_db(conn.cursor(), time, itertools.count(time * 1000))
            conn.commit()
        finally:
            conn.close()
        entries = [("collection.anki2", db.read_bytes())]
    names = {str(index): item.name for index, item in enumerate(media)}
    entries.append(("media", json.dumps(names).encode()))
    entries += [(str(index), item.path.read_bytes()) for index, item in enumerate(media)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            zipped.writestr(info, data)
    return buffer.getvalue()


def _csv(deck_cards: list[Card]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for card in deck_cards:
        writer.writerow(
            [
                card.id,
                card.chapter,
                card.chapter_title,
                card.kind,
                card.web(card.front_html),
                card.web(card.back_html),
                card.link,
                " ".join(card.tags),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def build(
    docs_dir: Path = DOCS,
    site_url: str | None = None,
    config: Mapping | None = None,
    time: int | None = None,
) -> dict[str, bytes]:
    """The two files' names and contents: `ml-interview-guide.apkg` and `ml-interview-guide.csv`.

    Args:
        docs_dir, site_url, config: As for [`cards`][guide_tools.flashcards.cards].
        time: The deck's timestamp (seconds); [`timestamp`][guide_tools.flashcards.timestamp]
            by default.

    Raises:
        ValueError: As for [`cards`][guide_tools.flashcards.cards].
    """
    deck_cards = cards(docs_dir, site_url, config)
    package, media = _package(deck_cards)
    return {
        f"{NAME}.apkg": _apkg(package, media, timestamp() if time is None else time),
        f"{NAME}.csv": _csv(deck_cards),
    }


def write(
    out_dir: Path,
    docs_dir: Path = DOCS,
    site_url: str | None = None,
    config: Mapping | None = None,
    time: int | None = None,
) -> list[Path]:
    """Write the deck and the CSV into `out_dir` (created if needed); see `build`.

    Returns:
        The two files written.
    """
    contents = build(docs_dir, site_url, config, time)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in contents.items():
        path = out_dir / name
        part = path.with_name(name + ".part")
        part.write_bytes(data)
        part.replace(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "out_dir", nargs="?", type=Path, default=ROOT / "build" / "flashcards", metavar="OUT_DIR"
    )
    args = parser.parse_args(argv)
    try:
        written = write(args.out_dir)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(written[0]) as archive:
        count = len(json.loads(archive.read("media")))
    with written[1].open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    kinds = {kind: sum(row["kind"] == kind for row in rows) for kind in ("quiz", "follow-up")}
    for path in written:
        print(f"wrote {display(path)} ({path.stat().st_size / 1e3:.0f} kB)")
    print(
        f"{len(rows)} cards: {kinds['quiz']} quiz questions, {kinds['follow-up']} follow-ups; "
        f"{count} media files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
