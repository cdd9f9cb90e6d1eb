"""Exports: a learner's cards or a deck, as CSV (safe in spreadsheets) and as an Anki package."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile

import pytest
from support_flashcards import T0, cards_of, install_clock, load_bank

from quizapp.exports import ExportCard, neutralise, to_apkg, to_csv
from quizapp.models import Flashcard, db


@pytest.fixture
def learner(app, make_user, auth):
    load_bank(app)
    install_clock(app)
    user = make_user("ani")
    auth.login("ani")
    return user


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def notes_in(package: bytes) -> list[tuple[str, str, str]]:
    """(guid, fields, tags) of every note in an .apkg."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        data = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    try:
        return connection.execute("SELECT guid, flds, tags FROM notes ORDER BY guid").fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=x", "'\t=x"),
        ("Stepanakert (Khankendi)", "Stepanakert (Khankendi)"),
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_neutralised(cell, expected):
    assert neutralise(cell) == expected


def test_csv_text_cells_are_neutralised_and_numbers_kept():
    card = ExportCard(
        card_id="card.x",
        topic="history",
        tags=(),
        front='=HYPERLINK("http://evil.example","click")',
        back="@SUM(1)",
        source_title="-a source",
        source_url="",
        evidence="+quote",
        reps=3,
        lapses=1,
        stability=2.5,
    )
    row = next(csv.DictReader(io.StringIO(to_csv([card]))))
    assert row["front"] == """'=HYPERLINK("http://evil.example","click")"""
    assert row["back"] == "'@SUM(1)"
    assert row["source_title"] == "'-a source"
    assert row["evidence"] == "'+quote"
    assert (row["reps"], row["lapses"], row["stability"]) == ("3", "1", "2.5000")


def test_my_cards_as_csv(client, learner, make_user):
    client.post("/flashcards/decks/topic:figures/add")
    other = make_user("bob")
    db.session.commit()
    response = client.get("/flashcards/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="my-flashcards.csv"' in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == len(cards_of(learner.id)) == 6
    assert {row["topic"] for row in rows} == {"figures"}
    assert {row["state"] for row in rows} == {"new"}
    assert rows[0]["due"] == T0.isoformat()
    assert cards_of(other.id) == []


def test_a_deck_as_csv_includes_cards_not_yet_added(client, learner):
    client.post("/flashcards/decks/topic:actors/add")
    row = cards_of(learner.id)[0]
    row.reps = 2
    row.state = "review"
    db.session.commit()
    rows = read_csv(client.get("/flashcards/export.csv?deck=topic:history"))
    assert len(rows) == 8 and {row["state"] for row in rows} == {"not added"}
    rows = read_csv(client.get("/flashcards/export.csv?deck=topic:actors"))
    assert sorted(row["state"] for row in rows) == ["new", "new", "new", "review"]


def test_a_formula_in_a_bank_card_is_neutralised_in_the_download(client, learner):
    card = db.session.get(Flashcard, "card.actor.icrc")
    card.content = {**card.content, "front": "=cmd|' /C calc'!A0"}
    db.session.commit()
    rows = read_csv(client.get("/flashcards/export.csv?deck=topic:actors"))
    fronts = {row["card_id"]: row["front"] for row in rows}
    assert fronts["card.actor.icrc"] == "'=cmd|' /C calc'!A0"


def test_my_cards_as_an_anki_package(client, learner):
    client.post("/flashcards/decks/topic:history/add")
    response = client.get("/flashcards/export.apkg")
    assert response.status_code == 200
    assert 'filename="my-flashcards.apkg"' in response.headers["Content-Disposition"]
    notes = notes_in(response.data)
    assert len(notes) == 8
    assert all("history" in tags for _, _, tags in notes)
    # The same card keeps its note id, so a later export updates the notes in Anki.
    assert notes == notes_in(client.get("/flashcards/export.apkg").data)


def test_a_deck_as_an_anki_package_escapes_the_text():
    card = ExportCard(
        card_id="card.x",
        topic="history",
        tags=("first war",),
        front="<b>1994</b> & after",
        back="A ceasefire.",
        source_title="Source",
        source_url="https://example.org/a?b=1&c=2",
        evidence="quoted",
    )
    [(_, fields, tags)] = notes_in(to_apkg("quizapp: History", [card], T0))
    front, back, source, evidence = fields.split("\x1f")
    assert front == "&lt;b&gt;1994&lt;/b&gt; &amp; after"
    assert (back, evidence) == ("A ceasefire.", "quoted")
    assert source == '<a href="https://example.org/a?b=1&amp;c=2">Source</a>'
    assert tags.split() == ["history", "first_war"]


def test_export_of_an_unknown_deck_is_not_found(client, learner):
    assert client.get("/flashcards/export.csv?deck=topic:nothing").status_code == 404
    assert client.get("/flashcards/export.pdf").status_code == 404
