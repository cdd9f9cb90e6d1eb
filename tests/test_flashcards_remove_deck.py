"""Removing a deck from one's collection: asked first, history kept, re-adding restores it."""

from __future__ import annotations

import test_flashcards_undo
from support import PASSWORD
from support_flashcards import cards_of, review_count
from test_flashcards_review import add_deck, study_next

from quizapp import flashcard_store as store
from quizapp.models import LearnerCard, db

# The same learner, with the history deck added, as in the undo tests.
clock = test_flashcards_undo.clock
learner = test_flashcards_undo.learner

REMOVE = "/flashcards/decks/topic:history/remove"


def schedules(user_id: int) -> dict[int, tuple]:
    return {
        card.id: (card.due, card.reps, card.state, card.stability) for card in cards_of(user_id)
    }


def test_removing_asks_first_then_keeps_history_and_re_adding_restores_it(client, learner, clock):
    studied = {study_next(client, 3) for _ in range(3)}
    before = schedules(learner.id)
    assert len(before) == 8

    index = client.get("/flashcards/").get_data(as_text=True)
    assert f'href="{REMOVE}"' in index
    confirm = client.get(REMOVE)
    assert confirm.status_code == 200
    page = confirm.get_data(as_text=True)
    assert "Remove History from your collection?" in page
    assert "8 cards will leave your reviews" in page
    assert len(cards_of(learner.id)) == 8 and all(
        card.removed_at is None for card in cards_of(learner.id)
    )

    response = client.post(REMOVE)
    assert response.status_code == 302
    index = client.get("/flashcards/").get_data(as_text=True)
    assert "Removed History from your collection (8 cards)" in index
    assert 'Add 8 cards<span class="visually-hidden"> from History' in index
    assert review_count(learner.id) == 3  # the history stays
    assert store.next_card(learner.id, clock.now, store.preferences(learner.id)) is None
    assert store.due_counts(learner.id, clock.now, store.preferences(learner.id)).total == 0
    assert store.collection(learner.id) == []
    assert "Nothing to review right now" in client.get("/flashcards/review").get_data(as_text=True)

    clock.advance(hours=1)
    add_deck(client, "history")
    assert "Added 8 cards from History" in client.get("/flashcards/").get_data(as_text=True)
    assert schedules(learner.id) == before  # same rows, same schedules: nothing started over
    assert all(card.removed_at is None for card in cards_of(learner.id))
    assert review_count(learner.id) == 3
    reviewed = db.session.get(LearnerCard, sorted(studied)[0])
    assert reviewed.reps == 1


def test_removing_one_deck_leaves_the_others(client, learner, clock):
    add_deck(client, "actors")
    client.post(REMOVE)
    remaining = store.collection(learner.id)
    assert remaining and {card.flashcard.topic for card in remaining} == {"actors"}
    queued = store.next_card(learner.id, clock.now, store.preferences(learner.id))
    assert queued is not None and queued.card.flashcard.topic == "actors"


def test_a_deck_not_in_the_collection_has_nothing_to_remove(client, learner):
    page = client.get("/flashcards/decks/topic:actors/remove").get_data(as_text=True)
    assert "None of this deck's cards are in your collection." in page
    index = client.get("/flashcards/").get_data(as_text=True)
    assert 'href="/flashcards/decks/topic:actors/remove"' not in index


def test_removing_touches_only_the_learners_own_cards(app, client, learner, make_user):
    make_user("ilkin")
    other = app.test_client()
    other.post("/login", data={"username": "ilkin", "password": PASSWORD})
    assert other.post(REMOVE).status_code == 302
    assert all(card.removed_at is None for card in cards_of(learner.id))
    assert other.get("/flashcards/decks/topic:nowhere/remove").status_code == 404
    assert other.post("/flashcards/decks/set:987654/remove").status_code == 404


def test_removing_needs_a_login(client, clock):
    response = client.get(REMOVE)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
