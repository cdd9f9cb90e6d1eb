"""The grace period has one definition, the `QUIZ_GRACE_SECONDS` setting, and every check reads it.

Saving an answer, finishing an overdue attempt on the next read, and the overdue sweep all allow
the configured grace, not a default of their own.
"""

from __future__ import annotations

import inspect
from datetime import timedelta

import pytest
from support import create_user
from support_quizzes import T0, load_small_bank, make_quiz

from quizapp.attempt_store import (
    close_overdue,
    finalise_if_overdue,
    lock_attempt,
    save_responses,
    start_or_resume,
)
from quizapp.domain import timing
from quizapp.models import AttemptState, db


@pytest.fixture
def attempt(app):
    load_small_bank(app)
    app.config["QUIZ_GRACE_SECONDS"] = 30
    attempt = start_or_resume(make_quiz(time_limit_seconds=600), create_user("ani"), T0)
    db.session.commit()
    return attempt


def test_an_answer_within_the_configured_grace_counts(attempt):
    question = attempt.questions[0]
    response = question.shown_choices[0] if question.shown_choices else "1994"
    attempt = lock_attempt(attempt.id)
    save_responses(attempt, {1: response}, attempt.deadline + timedelta(seconds=20))
    assert attempt.questions[0].response is not None


def test_overdue_attempts_wait_for_the_configured_grace(attempt):
    late = attempt.deadline + timedelta(seconds=20)
    assert not finalise_if_overdue(attempt, late)
    assert close_overdue(late) == 0
    assert attempt.state is AttemptState.OPEN
    assert close_overdue(attempt.deadline + timedelta(seconds=31)) == 1


def test_the_timing_rules_have_no_grace_of_their_own():
    for rule in (timing.accepts_answer, timing.is_overdue):
        assert inspect.signature(rule).parameters["grace"].default is inspect.Parameter.empty
    assert not hasattr(timing, "DEFAULT_GRACE")
