"""Races: many ratings of one card, many enrolments of one deck, at once, counted once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from support import PASSWORD, POSTGRES_URL, create_user, delete_all_rows, make_app
from support_flashcards import T0, install_clock, load_bank
from support_races import race

from quizapp import flashcard_store as store
from quizapp.models import LearnerCard, ReviewLog, db

RACERS = 12


@pytest.fixture
def race_app(migrated_database):
    options = {"pool_size": RACERS + 2} if POSTGRES_URL else {}
    app = make_app(migrated_database, SQLALCHEMY_ENGINE_OPTIONS=options)
    with app.app_context():
        load_bank(app)
        install_clock(app)
        yield app
        db.session.remove()
        delete_all_rows()
        db.engine.dispose()


def test_concurrent_ratings_of_one_card_count_once(race_app):
    user = create_user("ani")
    store.enrol_deck(user.id, store.find_deck(user.id, "topic:history"), T0)
    db.session.commit()
    card_id = db.session.scalars(select(LearnerCard.id)).first()
    browser = race_app.test_client()
    browser.post("/login", data={"username": "ani", "password": PASSWORD})
    session_cookie = browser.get_cookie("session").value

    def rate_once() -> str:
        # The same browser session posting the same form many times at once.
        client = race_app.test_client()
        client.set_cookie("session", session_cookie)
        response = client.post(
            f"/flashcards/cards/{card_id}/review", data={"rating": 3, "review_count": 0}
        )
        assert response.headers["Location"].endswith("/flashcards/review")
        page = client.get("/flashcards/review").get_data(as_text=True)
        return "stale" if "already rated" in page else "rated"

    outcomes = race(race_app, rate_once, RACERS)
    assert sorted(outcomes) == ["rated"] + ["stale"] * (RACERS - 1)
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 1


def test_concurrent_enrolments_add_each_card_once(race_app):
    user_id = create_user("ani").id

    def enrol_once() -> str:
        added = store.enrol_deck(user_id, store.find_deck(user_id, "topic:history"), T0)
        db.session.commit()
        return str(added)

    outcomes = race(race_app, enrol_once, RACERS)
    assert sum(int(added) for added in outcomes) == 8
    assert db.session.scalar(select(func.count()).select_from(LearnerCard)) == 8
