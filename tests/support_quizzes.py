"""Helpers for quiz tests: a small bank in the database, quizzes, and a settable clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from support import create_user

from quizapp.attempt_store import contents_of, start_or_resume
from quizapp.bank_store import incoming_items, read_bank, sync_bank
from quizapp.domain.generation import QuestionKind
from quizapp.models import Quiz, QuizLayout, db

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


@dataclass(frozen=True)
class OneQuestion:
    """A student's open attempt at a one-question quiz: what a browser test needs to take it."""

    login_id: str
    attempt_id: int
    kind: QuestionKind
    shown: list[str]
    content: dict[str, Any]


def one_question_attempt(
    app,
    kind: QuestionKind,
    feedback: str = "at_end",
    layout: QuizLayout = QuizLayout.ALL_ON_ONE_PAGE,
) -> OneQuestion:
    """A one-question quiz of `kind`, and an attempt at it started for a new student."""
    with app.app_context():
        load_small_bank(app)
        student = create_user("ani")
        quiz = make_quiz(
            title=f"{kind.value} quiz",
            question_count=1,
            time_limit_seconds=None,
            kinds=[kind.value],
            feedback_timing=feedback,
            layout=layout,
            closes_at=T0 + timedelta(days=1),
        )
        attempt = start_or_resume(quiz, student, T0)
        db.session.commit()
        question = attempt.questions[0]
        shown = list(question.shown_choices)
        return OneQuestion(student.get_id(), attempt.id, kind, shown, contents_of(attempt)[1])
