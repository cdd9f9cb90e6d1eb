"""Server-side timing at every boundary, with a clock the test sets (no sleeps)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import create_user
from support_quizzes import T0, load_small_bank, make_quiz

from quizapp.attempt_store import (
    AttemptProblem,
    close_overdue,
    finalise,
    lock_attempt,
    regrade,
    save_responses,
    start_or_resume,
    submit,
)
from quizapp.models import AttemptState, FinishReason, db


@pytest.fixture
def bank(app):
    load_small_bank(app)


def first_answer(attempt):
    """Any well-formed response to the attempt's first question (right or wrong)."""
    question = attempt.questions[0]
    return question.shown_choices[0] if question.shown_choices else "1994"


def test_deadline_is_start_plus_limit(app, bank):
    quiz = make_quiz(time_limit_seconds=600)
    attempt = start_or_resume(quiz, create_user("ani"), T0)
    assert attempt.started_at == T0
    assert attempt.deadline == T0 + timedelta(minutes=10)


def test_extra_time_factor_lengthens_the_limit(app, bank):
    quiz = make_quiz(time_limit_seconds=600)
    user = create_user("ani")
    user.extra_time_factor = 1.5
    attempt = start_or_resume(quiz, user, T0)
    assert attempt.deadline == T0 + timedelta(minutes=15)


def test_close_time_earlier_than_the_limit_caps_the_deadline(app, bank):
    quiz = make_quiz(time_limit_seconds=3600, closes_at=T0 + timedelta(minutes=20))
    user = create_user("ani")
    user.extra_time_factor = 2.0
    attempt = start_or_resume(quiz, user, T0)
    assert attempt.deadline == T0 + timedelta(minutes=20)


@pytest.mark.parametrize(
    ("offset", "counted"),
    [
        (timedelta(minutes=-1), True),  # before
        (timedelta(0), True),  # at the deadline
        (timedelta(seconds=5), True),  # within the grace period
        (timedelta(seconds=5, microseconds=1), False),  # after it
    ],
)
def test_answers_count_until_deadline_plus_grace(app, bank, offset, counted):
    quiz = make_quiz(time_limit_seconds=600)
    attempt = start_or_resume(quiz, create_user("ani"), T0)
    db.session.commit()
    at = attempt.deadline + offset
    attempt = lock_attempt(attempt.id)
    if counted:
        save_responses(attempt, {1: first_answer(attempt)}, at)
        assert attempt.questions[0].response is not None
        assert attempt.state is AttemptState.OPEN
    else:
        with pytest.raises(AttemptProblem, match="Time is up"):
            save_responses(attempt, {1: first_answer(attempt)}, at)
        db.session.refresh(attempt)
        assert attempt.questions[0].response is None
        assert attempt.state is AttemptState.FINISHED
        assert attempt.finish_reason is FinishReason.TIMED_OUT
        assert attempt.finished_at == attempt.deadline


def test_an_overdue_attempt_is_finalised_as_of_its_deadline_on_the_next_start(app, bank):
    quiz = make_quiz(time_limit_seconds=600)
    user = create_user("ani")
    first = start_or_resume(quiz, user, T0)
    save_responses(first, {1: first_answer(first)}, T0 + timedelta(minutes=1))
    db.session.commit()
    second = start_or_resume(quiz, user, T0 + timedelta(hours=2))
    db.session.commit()
    db.session.refresh(first)
    assert second.id != first.id and second.number == 2
    assert first.state is AttemptState.FINISHED
    assert first.finished_at == T0 + timedelta(minutes=10)
    assert first.score == regrade(first)[0]


def test_starting_again_returns_the_open_attempt_with_the_same_order(app, bank):
    quiz = make_quiz()
    user = create_user("ani")
    first = start_or_resume(quiz, user, T0)
    db.session.commit()
    order = [(q.question_id, q.shown_choices) for q in first.questions]
    again = start_or_resume(quiz, user, T0 + timedelta(minutes=3))
    assert again.id == first.id and again.deadline == first.deadline
    assert [(q.question_id, q.shown_choices) for q in again.questions] == order


def test_the_draw_is_reproducible_and_differs_between_students(app, bank):
    quiz = make_quiz(question_count=8)
    one = start_or_resume(quiz, create_user("ani"), T0)
    two = start_or_resume(quiz, create_user("bob"), T0)
    assert [q.question_id for q in one.questions] != [q.question_id for q in two.questions]


def test_submitting_twice_grades_once(app, bank):
    quiz = make_quiz()
    attempt = start_or_resume(quiz, create_user("ani"), T0)
    save_responses(attempt, {1: first_answer(attempt)}, T0 + timedelta(minutes=1))
    submit(attempt, T0 + timedelta(minutes=2))
    db.session.commit()
    finished_at, score = attempt.finished_at, attempt.score
    with pytest.raises(AttemptProblem, match="already submitted"):
        submit(attempt, T0 + timedelta(minutes=3))
    assert not finalise(attempt, T0 + timedelta(minutes=4))
    db.session.refresh(attempt)
    assert (attempt.finished_at, attempt.score) == (finished_at, score)
    assert attempt.finish_reason is FinishReason.SUBMITTED


def test_close_overdue_is_idempotent(app, bank):
    quiz = make_quiz(time_limit_seconds=60)
    for name in ("ani", "bob"):
        start_or_resume(quiz, create_user(name), T0)
    untimed = make_quiz(time_limit_seconds=None)
    start_or_resume(untimed, create_user("cem"), T0)
    db.session.commit()
    assert close_overdue(T0 + timedelta(seconds=65)) == 0  # still within grace
    assert close_overdue(T0 + timedelta(seconds=66)) == 2
    assert close_overdue(T0 + timedelta(seconds=67)) == 0


def test_attempt_limit_and_quiz_window(app, bank):
    user = create_user("ani")
    limited = make_quiz(attempts_allowed=1)
    submit(start_or_resume(limited, user, T0), T0)
    with pytest.raises(AttemptProblem, match="used all 1 attempts"):
        start_or_resume(limited, user, T0)
    later = make_quiz(opens_at=T0 + timedelta(days=1))
    with pytest.raises(AttemptProblem, match="opens at"):
        start_or_resume(later, user, T0)
    closed = make_quiz(closes_at=T0)
    with pytest.raises(AttemptProblem, match="closed at"):
        start_or_resume(closed, user, T0)


def test_close_overdue_command(app, bank):
    quiz = make_quiz(time_limit_seconds=60)
    start_or_resume(quiz, create_user("ani"), T0)
    db.session.commit()
    app.config["CLOCK"] = lambda: T0 + timedelta(minutes=5)
    runner = app.test_cli_runner()
    assert "Closed 1 overdue attempt(s)." in runner.invoke(args=["quizzes", "close-overdue"]).output
    assert "Closed 0 overdue attempt(s)." in runner.invoke(args=["quizzes", "close-overdue"]).output


def test_missed_questions_become_flashcards_and_choice_hits_do_not(app, bank):
    from quizapp.attempt_store import contents_of
    from quizapp.models import Flashcard, LearnerCard

    quiz = make_quiz(question_count=55)
    user = create_user("ani")
    attempt = start_or_resume(quiz, user, T0)
    contents = contents_of(attempt)
    # Answer every single-choice question correctly and leave the rest unanswered.
    right = {
        q.position: contents[q.position]["answer"]
        for q in attempt.questions
        if contents[q.position]["kind"] == "single_choice"
    }
    save_responses(attempt, right, T0 + timedelta(minutes=1))
    submit(attempt, T0 + timedelta(minutes=2))
    db.session.commit()

    missed_facts = {
        fact_id
        for q in attempt.questions
        if q.position not in right
        for fact_id in contents[q.position]["fact_ids"]
    }
    enrolled_facts = set(
        db.session.scalars(
            db.select(Flashcard.fact_id)
            .join(LearnerCard, LearnerCard.flashcard_id == Flashcard.id)
            .where(LearnerCard.user_id == user.id)
        )
    )
    assert missed_facts and enrolled_facts == missed_facts
