"""Flashcards out of the app: CSV for spreadsheets and .apkg packages for Anki.

An export row is a bank card's text plus, when the learner has the card, their schedule. The same
bank card always gets the same Anki note id (guid), so importing a newer export into Anki updates
the notes instead of duplicating them.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import itertools
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import genanki

# Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "card_id",
    "topic",
    "front",
    "back",
    "source_title",
    "source_url",
    "evidence",
    "state",
    "due",
    "stability",
    "difficulty",
    "reps",
    "lapses",
)
# Fixed ids: Anki recognises the note type and the decks again on the next import.
_MODEL_ID = 1_988_020_201
_MODEL = genanki.Model(
    _MODEL_ID,
    "quizapp flashcard",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "Evidence"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'
            '<p class="source">{{Source}}</p><blockquote>{{Evidence}}</blockquote>',
        }
    ],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n"
    ".source { font-size: 14px; color: #555; }",
)


@dataclass(frozen=True)
class ExportCard:
    """One card as exported: the bank card's text and, if the learner has it, its schedule."""

    card_id: str
    topic: str
    tags: tuple[str, ...]
    front: str
    back: str
    source_title: str
    source_url: str
    evidence: str
    state: str = "not added"
    due: datetime | None = None
    stability: float | None = None
    difficulty: float | None = None
    reps: int = 0
    lapses: int = 0


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet will show as text: a leading formula character gets a quote."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def to_csv(cards: Iterable[ExportCard]) -> str:
    """The cards as CSV with a header row; text cells neutralised against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for card in cards:
        writer.writerow(
            [
                neutralise(card.card_id),
                neutralise(card.topic),
                neutralise(card.front),
                neutralise(card.back),
                neutralise(card.source_title),
                neutralise(card.source_url),
                neutralise(card.evidence),
                card.state,
                card.due.isoformat() if card.due else "",
                "" if card.stability is None else f"{card.stability:.4f}",
                "" if card.difficulty is None else f"{card.difficulty:.4f}",
                card.reps,
                card.lapses,
            ]
        )
    return buffer.getvalue()


def deck_id(name: str) -> int:
    """A stable Anki deck id for a deck name (Anki ids are positive 63-bit integers)."""
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big") & ((1 << 62) - 1) | (1 << 40)


def to_apkg(deck_name: str, cards: Sequence[ExportCard], now: datetime) -> bytes:
    """The cards as an Anki package holding one deck of new cards.

    The schedule stays behind: Anki would reschedule the cards with its own settings anyway, and
    the CSV export carries it for anyone who wants it.
    """
    deck = genanki.Deck(deck_id(deck_name), deck_name)
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=_MODEL,
                fields=[
                    html.escape(card.front),
                    html.escape(card.back),
                    _source_html(card),
                    html.escape(card.evidence),
                ],
                guid=genanki.guid_for("quizapp", card.card_id),
                tags=[_anki_tag(card.topic), *(_anki_tag(tag) for tag in card.tags)],
            )
        )
    return _package_bytes(genanki.Package(deck), now)


def _source_html(card: ExportCard) -> str:
    title = html.escape(card.source_title)
    if card.source_url.startswith(("https://", "http://")):
        return f'<a href="{html.escape(card.source_url, quote=True)}">{title}</a>'
    return title


def _anki_tag(text: str) -> str:
    # Anki separates tags with spaces.
    return "_".join(text.split())


def _package_bytes(package: genanki.Package, now: datetime) -> bytes:
    # genanki's write_to_file leaves its temporary database behind; build the package here so the
    # temporary file is always removed, and stamp it with `now` so an export is reproducible.
    handle, path = tempfile.mkstemp(suffix=".anki2")
    os.close(handle)
    try:
        connection = sqlite3.connect(path)
        try:
            timestamp = now.timestamp()
            package.write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "collection.anki2")
            archive.writestr("media", "{}")
        return buffer.getvalue()
    finally:
        os.remove(path)
