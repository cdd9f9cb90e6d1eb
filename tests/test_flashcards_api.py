"""The flashcard review flow over the JSON API: decks, next card, rating once, errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support import create_user
from support_flashcards import T0, cards_of, install_clock, load_bank, review_count

from quizapp.api import token_hash
from quizapp.domain.scheduling import fuzz_range
from quizapp.flashcard_store import enrol_deck, find_deck
from quizapp.models import ApiToken, ReviewLog, ReviewSource, User, db


@pytest.fixture
def learner(app):
    load_bank(app)
    install_clock(app)
    return create_user("ani")


def token_for(username: str) -> dict[str, str]:
    owner = db.session.scalar(select(User).where(User.username == username))
    db.session.add(ApiToken(user_id=owner.id, name="test", token_hash=token_hash(f"t-{username}")))
    db.session.commit()
    return {"Authorization": f"Bearer t-{username}"}


def enrol(user, topic="history"):
    enrol_deck(user.id, find_deck(user.id, f"topic:{topic}"), T0)
    db.session.commit()


def test_next_card_and_rating_it(client, learner):
    enrol(learner)
    headers = token_for("ani")
    response = client.get("/api/v1/flashcards/next", headers=headers)
    assert response.status_code == 200
    body = response.json
    card = body["card"]
    assert body["due"] == {"new_cards": 8, "learning": 0, "reviews": 0, "total": 8}
    assert card["state"] == "new" and card["review_count"] == 0 and card["topic"] == "history"
    assert card["front"] and card["back"] and card["evidence"]
    intervals = {item["label"]: item for item in card["intervals"]}
    assert intervals["Good"]["seconds"] == 600 and intervals["Good"]["text"] == "10 min"
    assert intervals["Easy"]["seconds"] // 86400 in fuzz_range(8)

    rated = client.post(
        f"/api/v1/flashcards/cards/{card['id']}/reviews",
        json={"rating": 3, "review_count": 0, "duration_ms": 4200},
        headers=headers,
    )
    assert rated.status_code == 201
    assert rated.json["review_number"] == 1 and rated.json["interval_seconds"] == 600
    log = db.session.scalars(select(ReviewLog)).one()
    assert (log.rating, log.duration_ms, log.source) == (3, 4200, ReviewSource.REVIEW)


def test_a_repeated_rating_is_refused_and_changes_nothing(client, learner):
    enrol(learner)
    headers = token_for("ani")
    card_id = client.get("/api/v1/flashcards/next", headers=headers).json["card"]["id"]
    payload = {"rating": 4, "review_count": 0}
    first = client.post(
        f"/api/v1/flashcards/cards/{card_id}/reviews", json=payload, headers=headers
    )
    assert first.status_code == 201
    again = client.post(
        f"/api/v1/flashcards/cards/{card_id}/reviews", json=payload, headers=headers
    )
    assert again.status_code == 409
    assert again.json["field"] == "review_count" and "nothing changed" in again.json["message"]
    assert review_count(learner.id) == 1


def test_a_bad_rating_is_refused_with_the_field(client, learner):
    enrol(learner)
    headers = token_for("ani")
    card_id = cards_of(learner.id)[0].id
    response = client.post(
        f"/api/v1/flashcards/cards/{card_id}/reviews",
        json={"rating": 7, "review_count": 0},
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json["field"] == "rating"
    assert review_count(learner.id) == 0


def test_other_learners_cards_and_unknown_decks_are_not_found(client, learner):
    enrol(learner)
    create_user("bob")
    headers = token_for("bob")
    card_id = cards_of(learner.id)[0].id
    response = client.post(
        f"/api/v1/flashcards/cards/{card_id}/reviews",
        json={"rating": 3, "review_count": 0},
        headers=headers,
    )
    assert response.status_code == 404
    assert client.get("/api/v1/flashcards/next", headers=headers).json["card"] is None
    missing = client.get("/api/v1/flashcards/next?deck=topic:none", headers=headers)
    assert missing.status_code == 404 and missing.json["field"] == "deck"


def test_the_api_needs_a_login(client, learner):
    assert client.get("/api/v1/flashcards/next").status_code == 401


def test_decks_are_listed_with_counts(client, learner):
    enrol(learner, "figures")
    decks = client.get("/api/v1/flashcards/decks", headers=token_for("ani")).json
    by_key = {deck["key"]: deck for deck in decks}
    assert set(by_key) == {"topic:history", "topic:actors", "topic:figures"}
    assert by_key["topic:figures"]["in_collection"] == 6
    assert by_key["topic:figures"]["due"]["new_cards"] == 6


def test_the_review_flow_is_in_the_openapi_document(client, learner):
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/flashcards/next" in spec["paths"]
    assert "/api/v1/flashcards/cards/{card_id}/reviews" in spec["paths"]
    assert "/api/v1/quizzes" in spec["paths"], "one document for quizzes and flashcards"
