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
from sqlalchemy import and_, case, func, insert, inspect, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from .accommodations.store import attempt_factor
from .domain.generation import QuestionKind
from .domain.grading import grade_content, is_recall
from .domain.local_time import format_local
from .domain.quiz_rules import (
    Selection,
    attempt_score,
    attempt_seed,
    draw_questions,
    shown_choices,
)
from .domain.responses import ShownQuestion, is_partial_order, partial_order_error
from .domain.timing import TimeRules, accepts_answer, attempt_deadline, finish_time, is_overdue
from .flashcard_store import QuizOutcome, record_quiz_outcomes
from .models import (
    Assignment,
    Attempt,
    AttemptQuestion,
    AttemptState,
    FeedbackTiming,
    FinishReason,
    ItemType,
    ItemVersion,
    Quiz,
    User,
    db,
)
from .question_pool import pool


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


def time_rules(quiz: Quiz, user: User, window: Window, assignment: Assignment | None) -> TimeRules:
    limit = quiz.time_limit_seconds
    return TimeRules(
        time_limit=timedelta(seconds=limit) if limit else None,
        closes_at=window.closes_at,
        extra_time_factor=attempt_factor(user, assignment),
    )


def open_key(user_id: int, quiz_id: int) -> str:
    return f"{user_id}:{quiz_id}"


def selection_of(quiz: Quiz) -> Selection:
    return Selection(
        topic=quiz.topic,
        tags=tuple(quiz.tags or ()),
        kinds=tuple(QuestionKind(kind) for kind in quiz.kinds or ()),
        fact_ids=frozenset(quiz.fact_ids) if quiz.fact_ids is not None else None,
    )


def standing(user_id: int, quiz_id: int) -> tuple[int, int | None]:
    """In one statement: the graded attempts the student has started at the quiz (practice runs
    do not count), and the id of their open attempt at it, if any."""
    used, open_id = db.session.execute(
        select(
            func.coalesce(func.sum(case((Attempt.practice_of_id.is_(None), 1), else_=0)), 0),
            func.max(case((Attempt.open_key == open_key(user_id, quiz_id), Attempt.id))),
        ).where(Attempt.user_id == user_id, Attempt.quiz_id == quiz_id)
    ).one()
    return int(used), open_id


def open_attempt(user_id: int, quiz_id: int) -> Attempt | None:
    return db.session.scalar(select(Attempt).where(Attempt.open_key == open_key(user_id, quiz_id)))


def attempts_used(user_id: int, quiz_id: int) -> int:
    """Graded attempts the student has started at the quiz (practice runs do not count)."""
    return db.session.scalar(
        select(func.count()).where(
            Attempt.user_id == user_id,
            Attempt.quiz_id == quiz_id,
            Attempt.practice_of_id.is_(None),
        )
    )


def start_refusal(window: Window, used: int, now: datetime, time_zone: str) -> str | None:
    """Why a new attempt cannot start now (times read in `time_zone`), or None when it can."""
    if window.opens_at is not None and now < window.opens_at:
        return f"This quiz opens at {format_local(window.opens_at, time_zone)}."
    if window.closes_at is not None and now >= window.closes_at:
        return f"This quiz closed at {format_local(window.closes_at, time_zone)}."
    if window.attempts_allowed is not None and used >= window.attempts_allowed:
        return f"You have used all {window.attempts_allowed} attempts at this quiz."
    return None


def start_or_resume(
    quiz: Quiz, user: User, now: datetime, assignment: Assignment | None = None
) -> Attempt:
    """The student's open attempt at the quiz, or a new one with its questions drawn.

    When the quiz is taken as a class assignment, the assignment's window and attempts apply.
    """
    used, open_id = standing(user.id, quiz.id)
    existing = db.session.get(Attempt, open_id) if open_id is not None else None
    if existing is not None:
        if not is_overdue(existing.deadline, now, grace()):
            return existing
        finalise(existing, now)
    window = Window.of(quiz, assignment)
    refusal = start_refusal(window, used, now, user.time_zone)
    if refusal is not None:
        raise AttemptProblem(refusal)
    number = used + 1
    rng = random.Random(attempt_seed(quiz.id, user.id, number))
    questions = pool(quiz)
    candidates = [question.candidate for question in questions.values()]
    question_ids = draw_questions(
        candidates, selection_of(quiz), quiz.question_count, rng, quiz.shuffle_questions
    )
    if not question_ids:
        raise AttemptProblem("No questions in the bank match this quiz's settings.")
    attempt = Attempt(
        quiz_id=quiz.id,
        user_id=user.id,
        number=number,
        state=AttemptState.OPEN,
        open_key=open_key(user.id, quiz.id),
        assignment_id=assignment.id if assignment is not None else None,
        started_at=now,
        deadline=attempt_deadline(now, time_rules(quiz, user, window, assignment)),
    )
    # Shuffled before the insert: the draw and the shuffles share one seeded sequence.
    drawn = [
        {
            "position": position,
            "question_id": question_id,
            "question_version": questions[question_id].version,
            "shown_choices": shown_choices(
                list(questions[question_id].choices), rng, quiz.shuffle_choices
            ),
        }
        for position, question_id in enumerate(question_ids, start=1)
    ]
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
    # The questions in one statement, once the attempt holds the open key.
    db.session.execute(insert(AttemptQuestion), [{"attempt_id": attempt.id, **q} for q in drawn])
    db.session.expire(attempt, ["questions"])
    return attempt


def available_questions(quiz: Quiz) -> int:
    """How many live questions the quiz's sources hold that match its selection."""
    selection = selection_of(quiz)
    return sum(1 for question in pool(quiz).values() if selection.admits(question.candidate))


def shortfall_warning(quiz: Quiz) -> str | None:
    """A warning when the quiz asks for more questions than its sources hold, else None."""
    held = available_questions(quiz)
    if quiz.question_count <= held:
        return None
    if held == 0:
        return (
            f"This quiz asks for {quiz.question_count} questions, but its sources hold none: "
            "students cannot start it. Choose other sources or another topic."
        )
    return (
        f"This quiz asks for {quiz.question_count} questions, but its sources hold only {held}: "
        f"each attempt will have {held}. Add questions, choose more sources, or ask for fewer."
    )


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
    """Each attempt question's content by position; the questions come along in the same
    statement when the attempt has not loaded them yet."""
    if "questions" in inspect(attempt).unloaded:
        rows = db.session.execute(
            select(AttemptQuestion, ItemVersion.content)
            .join(
                ItemVersion,
                and_(
                    ItemVersion.item_type == ItemType.QUESTION,
                    ItemVersion.item_id == AttemptQuestion.question_id,
                    ItemVersion.version == AttemptQuestion.question_version,
                ),
            )
            .where(AttemptQuestion.attempt_id == attempt.id)
            .order_by(AttemptQuestion.position)
        ).all()
        set_committed_value(attempt, "questions", [question for question, _ in rows])
        return {question.position: content for question, content in rows}
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


def ensure_checkable(attempt: Attempt) -> None:
    """Raise unless the quiz gives feedback question by question (checking locks an answer)."""
    if attempt.quiz.feedback_timing is not FeedbackTiming.AFTER_EACH:
        raise AttemptProblem(
            "This quiz does not check answers one by one; your answers are graded when you "
            "submit the attempt.",
            status=409,
        )


def incomplete_orders(attempt: Attempt, responses: Mapping[int, Any]) -> dict[str, str]:
    """By field, the ordering questions still incomplete once `responses` are applied."""
    kinds = {position: QuestionKind(c["kind"]) for position, c in contents_of(attempt).items()}
    problems = {}
    for question in attempt.questions:
        response = responses.get(question.position, question.response)
        if is_partial_order(kinds[question.position], response):
            problems[f"q{question.position}"] = partial_order_error(len(question.shown_choices))
    return problems


def check_question(attempt: Attempt, position: int, now: datetime) -> None:
    """Lock one answered question and grade it (quizzes with feedback after each question)."""
    ensure_checkable(attempt)
    ensure_accepting(attempt, now)
    question = next((q for q in attempt.questions if q.position == position), None)
    if question is None:
        raise AttemptProblem(f"There is no question {position} in this attempt.", status=404)
    content = contents_of(attempt)[position]
    if question.response is None:
        raise AttemptProblem("Answer the question before checking it.", field=f"q{position}")
    if is_partial_order(QuestionKind(content["kind"]), question.response):
        raise AttemptProblem(
            f"Question {position}: {partial_order_error(len(question.shown_choices))}",
            field=f"q{position}",
        )
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
    # A practice run repeats questions already recorded, so it records nothing again.
    if attempt.practice_of_id is None:
        outcomes = quiz_outcomes(attempt, contents, question_scores)
        record_quiz_outcomes(attempt.user_id, outcomes, finished_at)
    db.session.flush()
    db.session.expire(attempt, ["state", "open_key", "finished_at", "finish_reason", "score"])
    return True


def finalise_if_overdue(attempt: Attempt, now: datetime) -> bool:
    """Finish an open attempt whose deadline and grace have passed (the page and API read it).

    Returns whether this call finished it; the attempt is re-read under lock either way.
    """
    if attempt.state is not AttemptState.OPEN or not is_overdue(attempt.deadline, now, grace()):
        return False
    locked = lock_attempt(attempt.id)
    return locked is not None and locked.state is AttemptState.OPEN and finalise(locked, now)


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
