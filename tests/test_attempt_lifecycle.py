"""A hypothesis state machine over the attempt lifecycle, with a clock the machine moves.

Invariants: at most one open attempt per student and quiz; no answer saved after the deadline
and its grace; an attempt finishes exactly once; the stored score equals a regrade.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import func, select
from support import create_user, delete_all_rows
from support_quizzes import T0, load_small_bank, make_quiz

from quizapp.attempt_store import (
    AttemptProblem,
    close_overdue,
    grace,
    lock_attempt,
    regrade,
    save_responses,
    start_or_resume,
    submit,
)
from quizapp.models import Attempt, AttemptQuestion, AttemptState, Quiz, User, db


@pytest.fixture
def lifecycle_app(app):
    return app


def run_machine(app) -> None:
    class AttemptLifecycle(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            delete_all_rows()
            load_small_bank(app)
            self.quiz_id = make_quiz(question_count=6, time_limit_seconds=120).id
            self.user_ids = [create_user("ani").id, create_user("bob").id]
            self.now = T0
            self.finish_counts: dict[int, int] = {}

        def user(self, index: int) -> User:
            return db.session.get(User, self.user_ids[index])

        @rule(student=st.integers(0, 1))
        def start(self, student: int) -> None:
            quiz = db.session.get(Quiz, self.quiz_id)
            before = self._finished_ids()
            attempt = start_or_resume(quiz, self.user(student), self.now)
            db.session.commit()
            assert attempt.state is AttemptState.OPEN
            self._count_new_finishes(before)

        @rule(seconds=st.integers(1, 200))
        def wait(self, seconds: int) -> None:
            self.now += timedelta(seconds=seconds)

        @rule(
            student=st.integers(0, 1),
            position=st.integers(1, 6),
            pick=st.integers(0, 3),
            near_deadline=st.one_of(st.none(), st.integers(-10, 10)),
        )
        def answer(self, student: int, position: int, pick: int, near_deadline: int | None) -> None:
            attempt = self._open_attempt(student)
            if attempt is None:
                return
            if near_deadline is not None:
                # Jump to just around the deadline and its grace, where the rules bite.
                moment = attempt.deadline + grace() + timedelta(seconds=near_deadline)
                self.now = max(self.now, moment)
            choosable = [q for q in attempt.questions if q.shown_choices]
            if not choosable:
                return
            question = choosable[position % len(choosable)]
            position = question.position
            response = question.shown_choices[pick % len(question.shown_choices)]
            before = self._finished_ids()
            in_time = self.now <= attempt.deadline + grace()
            try:
                save_responses(attempt, {position: response}, self.now)
                assert in_time, "an answer was accepted after the deadline and grace"
            except AttemptProblem:
                assert not in_time
            db.session.commit()
            self._count_new_finishes(before)

        @rule(student=st.integers(0, 1))
        def submit_twice(self, student: int) -> None:
            attempt = self._open_attempt(student)
            if attempt is None:
                return
            before = self._finished_ids()
            submit(attempt, self.now)
            db.session.commit()
            with pytest.raises(AttemptProblem):
                submit(lock_attempt(attempt.id), self.now)
            db.session.commit()
            self._count_new_finishes(before)

        @rule()
        def sweep(self) -> None:
            before = self._finished_ids()
            close_overdue(self.now)
            db.session.commit()
            self._count_new_finishes(before)

        def _open_attempt(self, student: int) -> Attempt | None:
            attempt_id = db.session.scalar(
                select(Attempt.id).where(
                    Attempt.user_id == self.user_ids[student], Attempt.state == AttemptState.OPEN
                )
            )
            return lock_attempt(attempt_id) if attempt_id else None

        def _finished_ids(self) -> set[int]:
            return set(
                db.session.scalars(select(Attempt.id).where(Attempt.state == AttemptState.FINISHED))
            )

        def _count_new_finishes(self, before: set[int]) -> None:
            for attempt_id in self._finished_ids() - before:
                self.finish_counts[attempt_id] = self.finish_counts.get(attempt_id, 0) + 1

        @invariant()
        def at_most_one_open_attempt_per_student(self) -> None:
            open_counts = db.session.execute(
                select(Attempt.user_id, func.count())
                .where(Attempt.state == AttemptState.OPEN)
                .group_by(Attempt.user_id)
            ).all()
            assert all(count == 1 for _, count in open_counts)

        @invariant()
        def finished_exactly_once_with_a_true_score(self) -> None:
            assert all(count == 1 for count in self.finish_counts.values())
            db.session.expire_all()
            for attempt in db.session.scalars(
                select(Attempt).where(Attempt.state == AttemptState.FINISHED)
            ):
                assert attempt.score == pytest.approx(regrade(attempt)[0])
                assert attempt.finished_at <= attempt.deadline

        @invariant()
        def no_answer_saved_after_the_deadline(self) -> None:
            saves = db.session.execute(
                select(AttemptQuestion.saved_at, Attempt.deadline)
                .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
                .where(AttemptQuestion.saved_at.is_not(None))
            ).all()
            assert all(saved_at <= deadline + grace() for saved_at, deadline in saves)

    AttemptLifecycle.TestCase.settings = settings(
        max_examples=40,
        stateful_step_count=30,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    AttemptLifecycle.TestCase().runTest()


def test_attempt_lifecycle_invariants(lifecycle_app):
    run_machine(lifecycle_app)
