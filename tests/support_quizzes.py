"""Helpers for quiz tests: a small bank in the database, quizzes, and a settable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.bank_store import incoming_items, read_bank, sync_bank
from quizapp.models import Quiz, db

SMALL_BANK = Path(__file__).parent / "data" / "bank" / "good"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def load_small_bank(app, at: datetime = T0) -> None:
    """Sync the small fixture bank into the database as of `at`."""
    load = read_bank(SMALL_BANK)
    assert load.ok, load.problems
    sync_bank(incoming_items(load, app.config["QUESTION_BANK_SEED"]), at)
    db.session.commit()


def make_quiz(**fields) -> Quiz:
    values = {
        "title": "Test quiz",
        "question_count": 5,
        "time_limit_seconds": 600,
        "topic": None,
    }
    values.update(fields)
    quiz = Quiz(**values)
    db.session.add(quiz)
    db.session.commit()
    return quiz


class Clock:
    """A clock the tests move by hand; installed as the app's CLOCK."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
