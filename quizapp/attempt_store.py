"""Attempts at quizzes in the database: start or resume, save answers, finish exactly once.

Every function takes `now` (the views pass the server clock), and none commits: the view commits
once at the end of the request. Exactly-once finishing rests on a conditional UPDATE of the
attempt's state, and one-open-attempt on a unique key, which hold on SQLite and PostgreSQL alike;
on PostgreSQL the attempt row is also locked while answers are saved, so a save never lands
between grading and finishing.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from .domain.generation import QuestionKind
from .domain.grading import grade_content, is_recall
from .domain.quiz_rules import (
    Candidate,
    Selection,
    attempt_score,
    attempt_seed,
    draw_questions,
    shown_choices,
)
from .domain.responses import ShownQuestion
from .domain.timing import TimeRules, accepts_answer, attempt_deadline, finish_time, is_overdue
from .flashcard_store import QuizOutcome, record_quiz_outcomes
from .models import (
    Assignment,
    Attempt,
    AttemptQuestion,
    AttemptState,
    FinishReason,
    ItemType,
    ItemVersion,
    Question,
    Quiz,
    User,
    db,
)


class AttemptProblem(Exception):
    """Something the student must be told; `field` names the question it concerns, if any."""

    def __init__(self, message: str, field: str | None = None, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def grace() -> timedelta:
    return timedelta(seconds=current_app.config["QUIZ_GRACE_SECONDS"])


@dataclass(frozen=True)
class Window:
    """When a quiz may be attempted, and how often: the quiz's own, or its class assignment's."""

    opens_at: datetime | None
    closes_at: datetime | None
    attempts_allowed: int | None

    @classmethod
    def of(cls, quiz: Quiz, assignment: Assignment | None = None) -> Window:
        source = assignment if assignment is not None else quiz
        return cls(source.opens_at, source.closes_at, source.attempts_allowed)


def time_rules(quiz: Quiz, user: User, window: Window) -> TimeRules:
    limit = quiz.time_limit_seconds
    return TimeRules(
        time_limit=timedelta(seconds=limit) if limit else None,
        closes_at=window.closes_at,
        extra_time_factor=user.extra_time_factor,
    )


def open_key(user_id: int, quiz_id: int) -> str:
    return f"{user_id}:{quiz_id}"


def selection_of(quiz: Quiz) -> Selection:
    return Selection(
        topic=quiz.topic,
        tags=tuple(quiz.tags or ()),
        kinds=tuple(QuestionKind(kind) for kind in quiz.kinds or ()),
    )


def open_attempt(user_id: int, quiz_id: int) -> Attempt | None:
    return db.session.scalar(select(Attempt).where(Attempt.open_key == open_key(user_id, quiz_id)))


def attempts_used(user_id: int, quiz_id: int) -> int:
    return db.session.scalar(
        select(func.count()).where(Attempt.user_id == user_id, Attempt.quiz_id == quiz_id)
    )


def start_or_resume(
    quiz: Quiz, user: User, now: datetime, assignment: Assignment | None = None
) -> Attempt:
    """The student's open attempt at the quiz, or a new one with its questions drawn.

    When the quiz is taken as a class assignment, the assignment's window and attempts apply.
    """
    existing = open_attempt(user.id, quiz.id)
    if existing is not None:
        if not is_overdue(existing.deadline, now, grace()):
            return existing
        finalise(existing, now)
    window = Window.of(quiz, assignment)
    if window.opens_at is not None and now < window.opens_at:
        raise AttemptProblem(f"This quiz opens at {window.opens_at:%Y-%m-%d %H:%M} UTC.")
    if window.closes_at is not None and now >= window.closes_at:
        raise AttemptProblem(f"This quiz closed at {window.closes_at:%Y-%m-%d %H:%M} UTC.")
    used = attempts_used(user.id, quiz.id)
    if window.attempts_allowed is not None and used >= window.attempts_allowed:
        raise AttemptProblem(f"You have used all {window.attempts_allowed} attempts at this quiz.")
    number = used + 1
    rng = random.Random(attempt_seed(quiz.id, user.id, number))
    question_ids = draw_questions(
        _candidates(quiz), selection_of(quiz), quiz.question_count, rng, quiz.shuffle_questions
    )
    if not question_ids:
        raise AttemptProblem("No questions in the bank match this quiz's settings.")
    rows = {
        q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(question_ids)))
    }
    attempt = Attempt(
        quiz_id=quiz.id,
        user_id=user.id,
        number=number,
        state=AttemptState.OPEN,
        open_key=open_key(user.id, quiz.id),
        assignment_id=assignment.id if assignment is not None else None,
        started_at=now,
        deadline=attempt_deadline(now, time_rules(quiz, user, window)),
    )
    for position, question_id in enumerate(question_ids, start=1):
        row = rows[question_id]
        attempt.questions.append(
            AttemptQuestion(
                position=position,
                question_id=row.id,
                question_version=row.version,
                shown_choices=shown_choices(row.content["choices"], rng, quiz.shuffle_choices),
            )
        )
    db.session.add(attempt)
    try:
        db.session.flush()
    except IntegrityError:
        # A concurrent start of the same quiz won the race: return its attempt.
        db.session.rollback()
        existing = open_attempt(user.id, quiz.id)
        if existing is None:
            raise AttemptProblem("This quiz was just started elsewhere; reload the page.") from None
        return existing
    return attempt


def _candidates(quiz: Quiz) -> list[Candidate]:
    """The live questions the quiz draws from: the bank's, its sets', or both."""
    sources = []
    if quiz.include_bank:
        sources.append(Question.set_id.is_(None))
    if quiz.set_ids:
        sources.append(Question.set_id.in_(quiz.set_ids))
    if not sources:
        return []
    rows = db.session.execute(
        select(Question.id, Question.kind, Question.topic, Question.tags).where(
            Question.retired_at.is_(None), or_(*sources)
        )
    )
    return [Candidate(row.id, QuestionKind(row.kind), row.topic, tuple(row.tags)) for row in rows]


def lock_attempt(attempt_id: int) -> Attempt | None:
    """The attempt, re-read and (on PostgreSQL) locked until the transaction ends."""
    return db.session.scalar(
        select(Attempt)
        .where(Attempt.id == attempt_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def question_contents(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], dict[str, Any]]:
    """The content of each (question id, version), in one query."""
    wanted = list(set(pairs))
    if not wanted:
        return {}
    rows = db.session.scalars(
        select(ItemVersion).where(
            ItemVersion.item_type == ItemType.QUESTION,
            tuple_(ItemVersion.item_id, ItemVersion.version).in_(wanted),
        )
    )
    return {(row.item_id, row.version): row.content for row in rows}


def contents_of(attempt: Attempt) -> dict[int, dict[str, Any]]:
    """Each attempt question's content by position."""
    by_pair = question_contents((q.question_id, q.question_version) for q in attempt.questions)
    return {q.position: by_pair[(q.question_id, q.question_version)] for q in attempt.questions}


def shown_question(question: AttemptQuestion, content: Mapping[str, Any]) -> ShownQuestion:
    kind = QuestionKind(content["kind"])
    lefts = tuple(left for left, _ in content["answer"]) if kind is QuestionKind.MATCHING else ()
    return ShownQuestion(kind=kind, choices=tuple(question.shown_choices), lefts=lefts)


def ensure_accepting(attempt: Attempt, now: datetime) -> None:
    """Raise unless the attempt takes answers now; an overdue attempt is finalised first."""
    if attempt.state is AttemptState.FINISHED:
        raise AttemptProblem(
            "This attempt is already finished; your answers were not changed. "
            "Your result is shown below.",
            status=409,
        )
    if not accepts_answer(attempt.deadline, now, grace()):
        finalise(attempt, now)
        raise AttemptProblem(
            "Time is up: the attempt was finished at its deadline, and this answer arrived "
            "too late to count.",
            status=409,
        )


def save_responses(attempt: Attempt, responses: Mapping[int, Any], now: datetime) -> None:
    """Store parsed responses by position (the attempt must be locked and accepting)."""
    ensure_accepting(attempt, now)
    by_position = {q.position: q for q in attempt.questions}
    for position in responses:
        question = by_position.get(position)
        if question is None:
            raise AttemptProblem(f"There is no question {position} in this attempt.", status=404)
        if question.checked and question.response != responses[position]:
            raise AttemptProblem(
                f"Question {position} was checked and is locked.", field=f"q{position}"
            )
    for position, response in responses.items():
        question = by_position[position]
        if question.checked:
            continue
        question.response = response
        question.saved_at = now


def check_question(attempt: Attempt, position: int, now: datetime) -> None:
    """Lock one answered question and grade it (quizzes with feedback after each question)."""
    ensure_accepting(attempt, now)
    question = next((q for q in attempt.questions if q.position == position), None)
    if question is None:
        raise AttemptProblem(f"There is no question {position} in this attempt.", status=404)
    if question.response is None:
        raise AttemptProblem("Answer the question before checking it.", field=f"q{position}")
    content = contents_of(attempt)[position]
    question.checked = True
    question.score = grade_content(content, question.response)


def regrade(attempt: Attempt) -> tuple[float, dict[int, float]]:
    """The attempt's score and each question's score, computed afresh from stored responses."""
    return _grade_all(attempt, contents_of(attempt))


def _grade_all(
    attempt: Attempt, contents: Mapping[int, Mapping[str, Any]]
) -> tuple[float, dict[int, float]]:
    scores = {
        q.position: grade_content(contents[q.position], q.response) for q in attempt.questions
    }
    return attempt_score(list(scores.values())), scores


def quiz_outcomes(
    attempt: Attempt, contents: Mapping[int, Mapping[str, Any]], scores: Mapping[int, float]
) -> list[QuizOutcome]:
    """What each question says about the learner's memory of its facts, for the flashcards."""
    return [
        QuizOutcome(
            fact_ids=tuple(contents[q.position].get("fact_ids", ())),
            correct=scores[q.position] >= 1.0,
            recall=is_recall(QuestionKind(contents[q.position]["kind"])),
        )
        for q in attempt.questions
    ]


def finalise(attempt: Attempt, now: datetime) -> bool:
    """Grade and finish an open attempt, as of its deadline if that has passed.

    Returns False, changing nothing, when another request finished it first.
    """
    overdue = is_overdue(attempt.deadline, now, grace())
    contents = contents_of(attempt)
    score, question_scores = _grade_all(attempt, contents)
    finished_at = finish_time(attempt.deadline, now)
    finished = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.state == AttemptState.OPEN)
        .values(
            state=AttemptState.FINISHED,
            open_key=None,
            finished_at=finished_at,
            finish_reason=FinishReason.TIMED_OUT if overdue else FinishReason.SUBMITTED,
            score=score,
        )
        .execution_options(synchronize_session=False)
    )
    if finished.rowcount != 1:
        db.session.expire(attempt)
        return False
    for question in attempt.questions:
        question.score = question_scores[question.position]
    # Missed questions become (or lapse) flashcards; typed right answers count as a review.
    outcomes = quiz_outcomes(attempt, contents, question_scores)
    record_quiz_outcomes(attempt.user_id, outcomes, finished_at)
    db.session.flush()
    db.session.expire(attempt, ["state", "open_key", "finished_at", "finish_reason", "score"])
    return True


def submit(attempt: Attempt, now: datetime) -> None:
    """Finish the attempt at the student's request (exactly once)."""
    if attempt.state is AttemptState.FINISHED or not finalise(attempt, now):
        raise AttemptProblem(
            "This attempt was already submitted; it was graded once and its result is below.",
            status=409,
        )


def close_overdue(now: datetime) -> int:
    """Finalise every open attempt whose deadline and grace have passed; return how many."""
    cutoff = now - grace()
    ids = db.session.scalars(
        select(Attempt.id).where(
            Attempt.state == AttemptState.OPEN,
            Attempt.deadline.is_not(None),
            Attempt.deadline < cutoff,
        )
    ).all()
    closed = 0
    for attempt_id in ids:
        attempt = lock_attempt(attempt_id)
        if attempt is not None and attempt.state is AttemptState.OPEN and finalise(attempt, now):
            closed += 1
    return closed
