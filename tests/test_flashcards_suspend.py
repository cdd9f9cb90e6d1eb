"""Suspending cards: never queued nor counted as due, listed to unsuspend, only one's own."""

from __future__ import annotations

import re

import test_flashcards_undo
from support import PASSWORD
from support_flashcards import cards_of, review_count
from test_flashcards_review import front_card_id, study_next

from quizapp import flashcard_store as store
from quizapp.models import LearnerCard, db

# The same learner, with the history deck added, as in the undo tests.
clock = test_flashcards_undo.clock
learner = test_flashcards_undo.learner


def new_count(page: str) -> int:
    return int(re.search(r"(\d+) new", page).group(1))


def suspended_at(card_id: int):
    db.session.expire_all()
    return db.session.get(LearnerCard, card_id).suspended_at


def test_a_suspended_card_is_never_queued_nor_counted_and_keeps_its_schedule(
    client, learner, clock
):
    page = client.get("/flashcards/review").get_data(as_text=True)
    card_id = front_card_id(page.encode())
    total = new_count(page)
    assert f'action="/flashcards/cards/{card_id}/suspend"' in page
    before = {c.id: (c.due, c.reps, c.state) for c in cards_of(learner.id)}

    response = client.post(f"/flashcards/cards/{card_id}/suspend", data={"deck": ""})
    assert response.status_code == 302
    assert suspended_at(card_id) == clock.now
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "Suspended “" in page
    assert new_count(page) == total - 1
    assert front_card_id(page.encode()) != card_id
    assert (
        store.due_counts(learner.id, clock.now, store.preferences(learner.id)).new_cards
        == total - 1
    )

    # Study every other card: the suspended one never comes up.
    seen = set()
    while front_card_id_or_none(client) is not None:
        seen.add(study_next(client, 4))
    assert card_id not in seen and len(seen) == total - 1
    assert "Nothing to review right now" in client.get("/flashcards/review").get_data(as_text=True)
    card = db.session.get(LearnerCard, card_id)
    assert (card.due, card.reps, card.state) == before[card_id]

    listing = client.get("/flashcards/suspended").get_data(as_text=True)
    assert f'action="/flashcards/cards/{card_id}/unsuspend"' in listing
    response = client.post(f"/flashcards/cards/{card_id}/unsuspend")
    assert response.headers["Location"].endswith("/flashcards/suspended")
    assert suspended_at(card_id) is None
    listing = client.get("/flashcards/suspended").get_data(as_text=True)
    assert "is back in your reviews" in listing
    assert "You have no suspended cards." in listing
    assert front_card_id(client.get("/flashcards/review").data) == card_id


def front_card_id_or_none(client) -> int | None:
    page = client.get("/flashcards/review").data
    return front_card_id(page) if b'/review"' in page and b'name="rating"' in page else None


def test_suspending_twice_or_unsuspending_an_active_card_changes_nothing(client, learner, clock):
    card_id = cards_of(learner.id)[0].id
    client.post(f"/flashcards/cards/{card_id}/unsuspend")
    assert "was not suspended" in client.get("/flashcards/suspended").get_data(as_text=True)
    client.post(f"/flashcards/cards/{card_id}/suspend")
    first = suspended_at(card_id)
    clock.advance(hours=1)
    client.post(f"/flashcards/cards/{card_id}/suspend")
    assert "already suspended" in client.get("/flashcards/review").get_data(as_text=True)
    assert suspended_at(card_id) == first


def test_the_next_due_time_ignores_suspended_cards(client, learner):
    cards = cards_of(learner.id)
    for card in cards:
        client.post(f"/flashcards/cards/{card.id}/suspend")
    assert store.next_due_at(learner.id) is None
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "All your cards here are suspended" in page
    assert store.due_counts(learner.id, cards[0].due, store.preferences(learner.id)).new_cards == 0


def test_another_learners_card_cannot_be_suspended_or_unsuspended(app, client, learner, make_user):
    card_id = cards_of(learner.id)[0].id
    client.post(f"/flashcards/cards/{cards_of(learner.id)[1].id}/suspend")
    make_user("ilkin")
    other = app.test_client()
    other.post("/login", data={"username": "ilkin", "password": PASSWORD})
    assert other.post(f"/flashcards/cards/{card_id}/suspend").status_code == 404
    suspended_id = cards_of(learner.id)[1].id
    assert other.post(f"/flashcards/cards/{suspended_id}/unsuspend").status_code == 404
    assert other.post("/flashcards/cards/987654/suspend").status_code == 404
    assert suspended_at(card_id) is None
    assert suspended_at(suspended_id) is not None
    listing = other.get("/flashcards/suspended").get_data(as_text=True)
    assert "You have no suspended cards." in listing
    assert review_count(learner.id) == 0


def test_the_suspended_list_needs_a_login(client, clock):
    for method, url in (("GET", "/flashcards/suspended"), ("POST", "/flashcards/cards/1/suspend")):
        response = client.open(url, method=method)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
