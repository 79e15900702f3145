"""The flashcards (guide_tools.flashcards): an Anki deck and a CSV of every quiz and follow-up
question, rendered without Markdown leftovers, with working media, reproducible to the byte, and
published in the built site (hooks/flashcards.py)."""

from __future__ import annotations

import csv
import html
import json
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest

from guide_tools import flashcards
from guide_tools.book import nav_pages
from markdown_exam import followups
from markdown_exam.export import questions

FIELDS = ("Id", "Chapter", "Kind", "Front", "Back", "Link")
QUIZZES = questions()
FOLLOW_UPS = followups.read_docs()[0]
TOTAL = len(QUIZZES) + len(FOLLOW_UPS)
SAMPLE_FOLLOW_UP = "ensembles-forest-overfit"
SAMPLE_QUIZ = next(
    q for q in QUIZZES if q.id == "ensembles-early-stopping-figure"
)  # single choice with a figure
SRC = re.compile(r'\bsrc="([^"]*)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("flashcards")
    written = flashcards.write(out)
    assert [p.name for p in written] == ["ml-interview-guide.apkg", "ml-interview-guide.csv"]
    return out


def read_deck(apkg: Path) -> tuple[list[dict], int, dict[str, str], set[str]]:
    """Notes (fields by name, plus tags), the card count, the media map, the zip's entries."""
    with zipfile.ZipFile(apkg) as archive, tempfile.TemporaryDirectory() as tmp:
        media = json.loads(archive.read("media"))
        entries = set(archive.namelist())
        db = Path(tmp) / "collection.anki2"  # sqlite3 reads files only
        db.write_bytes(archive.read("collection.anki2"))
        conn = sqlite3.connect(db)
        try:
            notes = [
                dict(zip(FIELDS, flds.split("\x1f"), strict=True)) | {"tags": tags.split()}
                for flds, tags in conn.execute("SELECT flds, tags FROM notes ORDER BY id")
            ]
            count = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
        finally:
            conn.close()
    return notes, count, media, entries


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as table:
        return list(csv.DictReader(table))


@pytest.fixture(scope="module")
def deck(built):
    return read_deck(built / "ml-interview-guide.apkg")


@pytest.fixture(scope="module")
def rows(built):
    return read_csv(built / "ml-interview-guide.csv")


def test_the_deck_has_one_note_and_one_card_per_question(deck):
    notes, count, _, _ = deck
    assert len(notes) == TOTAL
    assert count == TOTAL
    ids = [note["Id"] for note in notes]
    assert len(set(ids)) == TOTAL
    assert set(ids) == {q.id for q in QUIZZES} | {f.id for f in FOLLOW_UPS}


def test_a_follow_up_card(deck):
    notes, _, _, _ = deck
    note = next(n for n in notes if n["Id"] == SAMPLE_FOLLOW_UP)
    assert "Can a random forest overfit?" in note["Front"]
    assert "converges" in note["Back"]
    assert note["Kind"] == "follow-up"
    assert note["Chapter"] == "Ensemble methods"
    assert {"ensembles", "follow-up"} <= set(note["tags"])
    assert note["Link"].endswith("concepts/ensembles/#ensembles-forest-overfit")
    assert note["Link"].startswith("http")


def test_a_quiz_card_answers_with_the_correct_option(deck):
    notes, _, _, _ = deck
    note = next(n for n in notes if n["Id"] == SAMPLE_QUIZ.id)
    correct = [o.text for o in SAMPLE_QUIZ.options if o.correct]
    wrong = [o.text for o in SAMPLE_QUIZ.options if not o.correct]
    assert SAMPLE_QUIZ.type == "single" and len(correct) == 1
    assert html.escape(correct[0], quote=False) in note["Back"]
    assert not any(html.escape(text, quote=False) in note["Back"] for text in wrong)
    assert all(html.escape(o.text, quote=False) in note["Front"] for o in SAMPLE_QUIZ.options)
    assert "Choose one" in note["Front"]
    assert {"ensembles", "quiz", "single"} <= set(note["tags"])
    assert note["Link"].endswith(f"concepts/ensembles/#{SAMPLE_QUIZ.anchor}")


def test_every_image_is_a_media_file_of_the_deck(deck):
    notes, _, media, entries = deck
    assert set(media) <= entries  # media's keys are the zip entries holding the files
    shown = {src for note in notes for name in FIELDS for src in SRC.findall(note[name])}
    assert shown, "the deck shows no figure: the sample figure questions lost theirs"
    assert shown == set(media.values())
    assert "ensembles-early_stopping.svg" in shown


def test_the_csv_has_the_same_cards(rows, deck):
    notes, _, _, _ = deck
    assert list(rows[0]) == list(flashcards.CSV_COLUMNS)
    assert len(rows) == TOTAL
    assert len({row["id"] for row in rows}) == TOTAL
    row = next(r for r in rows if r["id"] == SAMPLE_FOLLOW_UP)
    assert "Can a random forest overfit?" in row["front"]
    assert "converges" in row["back"]
    assert row["chapter"] == "ensembles"
    assert row["chapter_title"] == "Ensemble methods"
    assert row["kind"] == "follow-up"
    assert row["tags"].split() == ["ensembles", "follow-up"]
    assert row["link"].endswith("concepts/ensembles/#ensembles-forest-overfit")
    assert {row["id"]: row["link"] for row in rows} == {n["Id"]: n["Link"] for n in notes}


def test_the_csv_shows_figures_from_the_site(rows):
    sources = {src for row in rows for src in SRC.findall(row["front"] + row["back"])}
    assert sources
    assert all(src.startswith("http") for src in sources), sources
    assert any(src.endswith("assets/figures/ensembles/early_stopping.svg") for src in sources)


def test_cards_come_in_chapter_order_then_page_order(rows):
    chapters = list(dict.fromkeys(row["chapter"] for row in rows))
    config = flashcards.load_config()
    nav = [p for p in nav_pages(config["nav"]) if p.startswith("concepts/")]
    assert chapters == [Path(p).stem for p in nav]
    lines = {q.id: q.line for q in QUIZZES} | {f.id: f.line for f in FOLLOW_UPS}
    for chapter in chapters:
        order = [lines[row["id"]] for row in rows if row["chapter"] == chapter]
        assert order == sorted(order), chapter


def _leftovers(text: str) -> list[str]:
    """Markdown that did not render: includes, math delimiters, image syntax, fences."""
    found = [token for token in ("--8<--", "$$", "![", "```") if token in text]
    # Outside code and rendered math, a `$` is unconverted math.
    prose = re.sub(r"<pre\b.*?</pre>|<code\b.*?</code>", "", text, flags=re.S)
    prose = re.sub(r'<span class="arithmatex">.*?</span>', "", prose, flags=re.S)
    prose = re.sub(r'<div class="arithmatex">.*?</div>', "", prose, flags=re.S)
    found += re.findall(r"\$[^$]*\$?", prose)
    return found


def test_no_card_has_unrendered_markdown(deck, rows):
    notes, _, _, _ = deck
    texts = [(n["Id"], n[f]) for n in notes for f in ("Front", "Back")]
    texts += [(r["id"], r[f]) for r in rows for f in ("front", "back")]
    bad = [(card, left) for card, text in texts if (left := _leftovers(text))]
    assert not bad, bad
    # and the checks do see what they look for
    assert _leftovers("costs $n$ fits") == ["$n$"]
    assert _leftovers('--8<-- "a.py"\n![alt](x.svg)') == ["--8<--", "!["]
    maths = sum(text.count('class="arithmatex"') for _, text in texts)
    assert maths > 50  # the math became \(...\) spans for Anki's MathJax
    assert any("sql_exercises.py" in text and "<pre" in text for _, text in texts)  # a snippet


def test_two_builds_are_identical_to_the_byte(built, tmp_path):
    again = flashcards.write(tmp_path)
    for path in again:
        assert path.read_bytes() == (built / path.name).read_bytes(), path.name


def test_the_deck_time_is_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert flashcards.timestamp() == 1700000000
    apkg = tmp_path / "deck.apkg"
    apkg.write_bytes(flashcards.build()["ml-interview-guide.apkg"])
    with zipfile.ZipFile(apkg) as archive:
        assert {info.date_time for info in archive.infolist()} == {flashcards.ZIP_DATE}
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    try:
        assert conn.execute("SELECT DISTINCT mod FROM notes").fetchall() == [(1700000000,)]
    finally:
        conn.close()


BROKEN = """\
---
title: Demo
---

# Demo

## Follow-up questions {#follow-ups}

/// details | Does it converge?
    type: question
///
"""


def test_a_broken_follow_up_is_refused_naming_file_and_line(tmp_path):
    page = tmp_path / "docs" / "concepts" / "demo.md"
    page.parent.mkdir(parents=True)
    page.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ValueError, match=r"concepts/demo\.md:9: follow-up needs an id"):
        flashcards.write(tmp_path / "out", docs_dir=tmp_path / "docs", config={})
    assert not (tmp_path / "out").exists()


@pytest.mark.build
def test_the_built_site_offers_the_deck(real_site):
    folder = real_site / "downloads" / "flashcards"
    assert folder.is_dir(), (
        "no downloads/flashcards/ in the site: is hooks/flashcards.py in mkdocs.yml?"
    )
    notes, count, _, _ = read_deck(folder / "ml-interview-guide.apkg")
    assert len(notes) == count == TOTAL
    assert len(read_csv(folder / "ml-interview-guide.csv")) == TOTAL
