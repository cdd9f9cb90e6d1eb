"""Queries and writes around an attempt: what the start page states, flags, practice runs.

No function commits; the view commits once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import attempt_deck
from ..attempt_store import (
    AttemptProblem,
    Window,
    attempts_used,
    contents_of,
    start_refusal,
    time_rules,
)
from ..domain.attempt_progress import Outcome, Progress, outcome_of, progress_of
from ..models import (
    Assignment,
    Attempt,
    AttemptQuestion,
    AttemptState,
    QuestionReview,
    Quiz,
    User,
    db,
)


@dataclass(frozen=True)
class StartFacts:
    """What the start page tells a student before the timer starts."""

    quiz: Quiz
    window: Window
    used: int
    time_limit: timedelta | None
    """The quiz's own limit."""
    extra_time_factor: float
    refusal: str | None
    """Why no attempt can start now, or None."""

    @property
    def your_time_limit(self) -> timedelta | None:
        """The limit with the student's extra time folded in."""
        return self.time_limit * self.extra_time_factor if self.time_limit else None

    @property
    def attempts_left(self) -> int | None:
        allowed = self.window.attempts_allowed
        return None if allowed is None else max(0, allowed - self.used)


def start_facts(quiz: Quiz, user: User, assignment: Assignment | None, now: datetime) -> StartFacts:
    window = Window.of(quiz, assignment)
    used = attempts_used(user.id, quiz.id)
    rules = time_rules(quiz, user, window, assignment)
    return StartFacts(
        quiz=quiz,
        window=window,
        used=used,
        time_limit=rules.time_limit,
        extra_time_factor=rules.extra_time_factor,
        refusal=start_refusal(window, used, now, user.time_zone),
    )


def progress(attempt: Attempt) -> Progress:
    """Each question of the attempt as answered or not, flagged or not."""
    return progress_of((q.position, q.response is not None, q.flagged) for q in attempt.questions)


def set_flag(attempt: Attempt, position: int, flagged: bool) -> None:
    """Flag a question of an open attempt for review, or clear its flag."""
    if attempt.state is not AttemptState.OPEN:
        raise AttemptProblem("This attempt is finished; flags can no longer change.")
    question = next((q for q in attempt.questions if q.position == position), None)
    if question is None:
        raise AttemptProblem(f"There is no question {position} in this attempt.", status=404)
    question.flagged = flagged


def outcome(attempt: Attempt) -> Outcome:
    """Points, time taken and topics of a finished attempt."""
    contents = contents_of(attempt)
    scored = [
        (q.position, contents[q.position].get("topic") or "other", q.score or 0.0)
        for q in attempt.questions
    ]
    return outcome_of(scored, attempt.started_at, attempt.finished_at)


@dataclass(frozen=True)
class CardsToStudy:
    """The flashcards a finished attempt's misses enrolled, as a deck to review."""

    deck: str
    count: int


def cards_to_study(attempt: Attempt) -> CardsToStudy | None:
    """The deck of the attempt's missed facts' cards, or None: none, or a practice run (which
    enrols nothing)."""
    if attempt.practice_of_id is not None or attempt.state is not AttemptState.FINISHED:
        return None
    count = attempt_deck.enrolled_cards(attempt.user_id, attempt.id)
    return CardsToStudy(str(attempt_deck.deck_key(attempt.id)), count) if count else None


WITHDRAWN = (
    "The questions this attempt missed were since withdrawn by a reviewer: "
    "there is nothing left to practise."
)


def _missed(question: AttemptQuestion) -> bool:
    return (question.score or 0.0) < 1.0


def practisable(attempt: Attempt) -> list[AttemptQuestion]:
    """The questions the attempt missed, less those a reviewer has suppressed since."""
    missed = [q for q in attempt.questions if _missed(q)]
    if not missed:
        return []
    suppressed = set(
        db.session.scalars(
            QuestionReview.suppressed_ids().where(
                QuestionReview.question_id.in_({q.question_id for q in missed})
            )
        )
    )
    return [q for q in missed if q.question_id not in suppressed]


def start_practice(source: Attempt, now: datetime) -> Attempt:
    """An untimed practice run of exactly the questions `source` missed, or the open one.

    It asks the same versions with the same choice order, and counts in no grade.
    """
    if source.state is not AttemptState.FINISHED:
        raise AttemptProblem("Finish the attempt before practising its missed questions.")
    if not any(_missed(q) for q in source.questions):
        raise AttemptProblem("Every question of this attempt was right: nothing to practise.")
    key = f"practice:{source.id}"
    existing = db.session.scalar(select(Attempt).where(Attempt.open_key == key))
    if existing is not None:
        return existing
    missed = practisable(source)
    if not missed:
        raise AttemptProblem(WITHDRAWN)
    runs = db.session.scalar(
        select(func.count()).where(
            Attempt.user_id == source.user_id,
            Attempt.quiz_id == source.quiz_id,
            Attempt.practice_of_id.is_not(None),
        )
    )
    practice = Attempt(
        quiz_id=source.quiz_id,
        user_id=source.user_id,
        number=-(runs + 1),
        state=AttemptState.OPEN,
        open_key=key,
        started_at=now,
        deadline=None,
        practice_of_id=source.id,
    )
    for position, question in enumerate(missed, start=1):
        practice.questions.append(
            AttemptQuestion(
                position=position,
                question_id=question.question_id,
                question_version=question.question_version,
                shown_choices=list(question.shown_choices),
            )
        )
    db.session.add(practice)
    try:
        db.session.flush()
    except IntegrityError:
        # The same practice run was just started by another request: use it.
        db.session.rollback()
        existing = db.session.scalar(select(Attempt).where(Attempt.open_key == key))
        if existing is None:
            raise AttemptProblem("This practice run was just started elsewhere; reload.") from None
        return existing
    return practice
