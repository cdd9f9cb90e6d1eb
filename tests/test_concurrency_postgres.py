"""Races on PostgreSQL: many submits of one attempt, many starts of one quiz, at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from support import POSTGRES_URL, create_user, delete_all_rows, make_app
from support_quizzes import T0, load_small_bank, make_quiz
from support_races import race

from quizapp.attempt_store import AttemptProblem, lock_attempt, start_or_resume, submit
from quizapp.models import Attempt, AttemptState, Quiz, User, db

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="races need PostgreSQL: set QUIZAPP_TEST_DATABASE_URL (CI does)"
)
RACERS = 20


@pytest.fixture
def pg_app(migrated_database):
    app = make_app(migrated_database, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": RACERS + 2})
    with app.app_context():
        load_small_bank(app)
        yield app
        db.session.remove()
        delete_all_rows()
        db.engine.dispose()


def test_twenty_concurrent_submits_grade_exactly_once(pg_app):
    quiz = make_quiz(question_count=5)
    attempt = start_or_resume(quiz, create_user("ani"), T0)
    db.session.commit()
    attempt_id = attempt.id

    def submit_once() -> str:
        try:
            submit(lock_attempt(attempt_id), T0 + timedelta(minutes=1))
        except AttemptProblem:
            db.session.rollback()
            return "refused"
        db.session.commit()
        return "graded"

    outcomes = race(pg_app, submit_once, RACERS)
    assert sorted(outcomes) == ["graded"] + ["refused"] * (RACERS - 1)
    db.session.expire_all()
    assert db.session.get(Attempt, attempt_id).state is AttemptState.FINISHED


def test_twenty_concurrent_starts_make_one_attempt(pg_app):
    quiz_id = make_quiz(question_count=5).id
    user_id = create_user("ani").id

    def start_once() -> str:
        attempt = start_or_resume(db.session.get(Quiz, quiz_id), db.session.get(User, user_id), T0)
        db.session.commit()
        return str(attempt.id)

    outcomes = race(pg_app, start_once, RACERS)
    assert len(outcomes) == RACERS and len(set(outcomes)) == 1
    count = db.session.scalar(select(func.count()).select_from(Attempt))
    assert count == 1
