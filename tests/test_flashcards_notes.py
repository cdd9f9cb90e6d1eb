"""A learner's note on a card: shown with the answer, escaped, length-limited, only one's own."""

from __future__ import annotations

import test_flashcards_undo
from support import PASSWORD
from support_flashcards import cards_of

from quizapp.models import Flashcard, LearnerCard, db

# The same learner, with the history deck added, as in the undo tests.
clock = test_flashcards_undo.clock
learner = test_flashcards_undo.learner


def note_of(card_id: int) -> str | None:
    db.session.expire_all()
    return db.session.get(LearnerCard, card_id).note


def test_a_note_is_saved_shown_escaped_on_the_answer_side_and_leaves_the_bank_alone(
    client, learner
):
    card = cards_of(learner.id)[0]
    bank_before = dict(db.session.get(Flashcard, card.flashcard_id).content)
    answer = client.get(f"/flashcards/cards/{card.id}/answer").get_data(as_text=True)
    assert f'href="/flashcards/cards/{card.id}/note"' in answer
    assert "Add a note" in answer
    form = client.get(f"/flashcards/cards/{card.id}/note")
    assert form.status_code == 200
    assert '<label for="note">Your note</label>' in form.get_data(as_text=True)

    text = "Remember: <script>alert(1)</script> & the 1994 ceasefire\r\nsecond line"
    response = client.post(f"/flashcards/cards/{card.id}/note", data={"note": text, "deck": ""})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/flashcards/cards/{card.id}/answer")
    assert note_of(card.id) == text.replace("\r\n", "\n")
    answer = client.get(f"/flashcards/cards/{card.id}/answer").get_data(as_text=True)
    assert "Your note is saved." in answer
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; the 1994 ceasefire" in answer
    assert "<script>alert(1)" not in answer
    assert "Edit your note" in answer
    # The front side does not show it (it could give the answer away).
    front = client.get("/flashcards/review").get_data(as_text=True)
    assert "<h3>Your note</h3>" in front  # inside the hidden answer block only
    assert front.index("<h3>Your note</h3>") > front.index('id="card-back"')
    db.session.expire_all()
    assert db.session.get(Flashcard, card.flashcard_id).content == bank_before

    client.post(f"/flashcards/cards/{card.id}/note", data={"note": "   "})
    assert note_of(card.id) is None
    assert "Your note is deleted." in client.get(f"/flashcards/cards/{card.id}/answer").get_data(
        as_text=True
    )


def test_a_note_too_long_or_with_control_characters_is_refused_and_kept(client, learner):
    card = cards_of(learner.id)[0]
    client.post(f"/flashcards/cards/{card.id}/note", data={"note": "kept"})
    too_long = "x" * 1001
    response = client.post(f"/flashcards/cards/{card.id}/note", data={"note": too_long})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Your note is 1001 characters long; keep it to 1000." in page
    assert too_long in page  # what was typed is kept
    assert 'aria-invalid="true"' in page
    assert note_of(card.id) == "kept"

    response = client.post(f"/flashcards/cards/{card.id}/note", data={"note": "a\x07b"})
    assert response.status_code == 422
    assert "control characters" in response.get_data(as_text=True)
    assert note_of(card.id) == "kept"

    exactly = "y" * 1000
    assert (
        client.post(f"/flashcards/cards/{card.id}/note", data={"note": exactly}).status_code == 302
    )
    assert note_of(card.id) == exactly


def test_another_learners_card_note_is_not_found(app, client, learner, make_user):
    card = cards_of(learner.id)[0]
    client.post(f"/flashcards/cards/{card.id}/note", data={"note": "mine"})
    make_user("ilkin")
    other = app.test_client()
    other.post("/login", data={"username": "ilkin", "password": PASSWORD})
    assert other.get(f"/flashcards/cards/{card.id}/note").status_code == 404
    assert other.post(f"/flashcards/cards/{card.id}/note", data={"note": "x"}).status_code == 404
    assert other.get("/flashcards/cards/987654/note").status_code == 404
    assert note_of(card.id) == "mine"


def test_notes_need_a_login(client, clock):
    response = client.get("/flashcards/cards/1/note")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
