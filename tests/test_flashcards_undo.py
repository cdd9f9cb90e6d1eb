"""Undoing the last rating: exact restore, once, only the newest, only one's own, without JS."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support import PASSWORD
from support_flashcards import cards_of, install_clock, load_bank, review_count
from test_flashcards_review import add_deck, front_card_id, rate, study_next

from quizapp import flashcard_store as store
from quizapp.flashcards_tools import undo
from quizapp.models import LearnerCard, ReviewLog, db

COLUMNS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
)


@pytest.fixture
def clock(app):
    load_bank(app)
    return install_clock(app)


@pytest.fixture
def learner(clock, make_user, auth, client):
    user = make_user("ani")
    auth.login("ani")
    add_deck(client, "history")
    return user


def snapshot(card_id: int) -> dict[str, object]:
    db.session.expire_all()
    card = db.session.get(LearnerCard, card_id)
    return {name: getattr(card, name) for name in COLUMNS}


def log_ids(user_id: int) -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(select(ReviewLog.id).where(ReviewLog.user_id == user_id)))


def flashes(client) -> str:
    return client.get("/flashcards/review").get_data(as_text=True)


def test_undo_puts_a_reviewed_card_back_exactly_and_deletes_its_log_row(client, learner, clock):
    card_id = study_next(client, 3)  # new -> learning
    clock.advance(minutes=15)
    # The learning card comes back first: undo a lapse from a card with a history.
    page = client.get("/flashcards/review")
    shown = front_card_id(page.data)
    assert shown == card_id
    before = snapshot(shown)
    assert before["reps"] == 1 and before["stability"] is not None
    logs_before = log_ids(learner.id)
    clock.advance(seconds=7)
    assert rate(client, shown, 1, before["reps"]).status_code == 302
    assert snapshot(shown) != before

    page = client.get("/flashcards/review").get_data(as_text=True)
    assert 'action="/flashcards/undo"' in page
    assert "Last rating: Again." in page

    response = client.post("/flashcards/undo", data={"deck": ""})
    assert response.status_code == 302
    assert snapshot(shown) == before
    assert log_ids(learner.id) == logs_before
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "Undone: Again on" in page
    assert 'action="/flashcards/undo"' not in page  # once only


def test_undo_of_a_new_cards_first_rating_makes_it_new_again(client, learner):
    page = client.get("/flashcards/review")
    card_id = front_card_id(page.data)
    before = snapshot(card_id)
    study_next(client, 4)
    assert snapshot(card_id)["reps"] == 1
    client.post("/flashcards/undo")
    assert snapshot(card_id) == before
    assert review_count(learner.id) == 0
    # The card is back in the queue, first as before.
    assert front_card_id(client.get("/flashcards/review").data) == card_id


def test_a_second_undo_is_refused_and_changes_nothing(client, learner):
    first = study_next(client, 3)
    second = study_next(client, 3)
    client.post("/flashcards/undo")
    restored = snapshot(second)
    assert review_count(learner.id) == 1
    response = client.post("/flashcards/undo")
    assert response.status_code == 302
    assert "There is no rating to undo." in flashes(client)
    assert snapshot(second) == restored
    assert snapshot(first)["reps"] == 1
    assert review_count(learner.id) == 1


def test_undo_is_refused_when_the_learner_rated_since_elsewhere(app, client, learner):
    rated = study_next(client, 3)
    after = snapshot(rated)
    other_device = app.test_client()
    other_device.post("/login", data={"username": "ani", "password": PASSWORD})
    newer = study_next(other_device, 2)
    assert newer != rated

    response = client.post("/flashcards/undo")
    assert response.status_code == 302
    assert "can no longer be undone" in flashes(client)
    assert snapshot(rated) == after
    assert review_count(learner.id) == 2


def test_undo_is_refused_after_a_quiz_rated_a_card(client, learner, clock):
    rated = study_next(client, 3)
    after = snapshot(rated)
    rated_fact = db.session.get(LearnerCard, rated).fact_id
    other = next(card for card in cards_of(learner.id) if card.fact_id != rated_fact)
    store.record_quiz_outcomes(
        learner.id, [store.QuizOutcome((other.fact_id,), correct=False, recall=True)], clock.now
    )
    db.session.commit()
    assert review_count(learner.id) == 2

    client.post("/flashcards/undo")
    assert "can no longer be undone" in flashes(client)
    assert snapshot(rated) == after
    assert review_count(learner.id) == 2


def test_undo_after_rerating_an_undone_card_undoes_only_the_new_rating(client, learner):
    card_id = study_next(client, 3)
    client.post("/flashcards/undo")
    before = snapshot(card_id)
    assert study_next(client, 1) == card_id
    client.post("/flashcards/undo")
    assert snapshot(card_id) == before
    assert review_count(learner.id) == 0


def test_a_learner_cannot_undo_another_learners_rating(app, client, learner, make_user):
    rated = study_next(client, 3)
    after = snapshot(rated)
    (log_id,) = log_ids(learner.id)
    intruder = make_user("ilkin")
    other = app.test_client()
    other.post("/login", data={"username": "ilkin", "password": PASSWORD})
    with client.session_transaction() as session:
        stolen = dict(session[undo.SESSION_KEY])
    assert stolen["log_id"] == log_id
    # The session names the intruder, but the log row is ani's: refused, nothing changes.
    with other.session_transaction() as session:
        session[undo.SESSION_KEY] = {**stolen, "user_id": intruder.id}
    other.post("/flashcards/undo")
    assert "can no longer be undone" in other.get("/flashcards/review").get_data(as_text=True)
    # Ani's own snapshot, carried into the intruder's session, is not theirs to use.
    with other.session_transaction() as session:
        session[undo.SESSION_KEY] = stolen
    other.post("/flashcards/undo")
    assert "There is no rating to undo." in other.get("/flashcards/review").get_data(as_text=True)
    assert snapshot(rated) == after
    assert log_ids(learner.id) == [log_id]


def test_a_malformed_session_entry_is_nothing_to_undo(client, learner):
    study_next(client, 3)
    with client.session_transaction() as session:
        session[undo.SESSION_KEY] = {"log_id": "x"}
    response = client.post("/flashcards/undo")
    assert response.status_code == 302
    assert "There is no rating to undo." in flashes(client)
    assert review_count(learner.id) == 1


def test_undo_needs_a_login(client, clock):
    response = client.post("/flashcards/undo")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_undo_keeps_the_deck_being_studied(client, learner):
    study_next(client, 3, deck="topic:history")
    response = client.post("/flashcards/undo", data={"deck": "topic:history"})
    assert response.headers["Location"].endswith("/flashcards/review?deck=topic:history")
