"""Queries and writes for moderating questions. Nothing here commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select

from ..domain.moderation import ReviewState, review_state
from ..models import Question, QuestionReview, QuestionSet, User, db
from ..set_flashcards import sync_set_flashcards

SEARCH_LIMIT = 50


def moderated_by(user: User) -> ColumnElement[bool]:
    """The questions the user answers for: their sets', and the bank's if they are an admin."""
    own_sets = select(QuestionSet.id).where(QuestionSet.owner_id == user.id)
    conditions = [Question.set_id.in_(own_sets)]
    if user.is_admin:
        conditions.append(Question.set_id.is_(None))
    return or_(*conditions)


def question_for(user: User, question_id: str) -> Question | None:
    """The question if the user moderates it, else None (the caller answers 404)."""
    return db.session.scalar(select(Question).where(Question.id == question_id, moderated_by(user)))


def find_questions(user: User, text: str) -> list[Question]:
    """Up to SEARCH_LIMIT questions the user moderates whose id or prompt contains `text`
    (ignoring case); with no text, the suppressed ones.
    """
    query = select(Question).where(moderated_by(user)).order_by(Question.id).limit(SEARCH_LIMIT)
    needle = text.strip().lower()
    if not needle:
        return list(
            db.session.scalars(query.where(Question.id.in_(QuestionReview.suppressed_ids())))
        )
    prompt = Question.content["prompt"].as_string()
    return list(
        db.session.scalars(
            query.where(
                or_(
                    func.lower(Question.id).contains(needle, autoescape=True),
                    func.lower(prompt).contains(needle, autoescape=True),
                )
            )
        )
    )


def reviews_of(question_ids: Iterable[str]) -> dict[str, QuestionReview]:
    wanted = sorted(set(question_ids))
    if not wanted:
        return {}
    rows = db.session.scalars(select(QuestionReview).where(QuestionReview.question_id.in_(wanted)))
    return {row.question_id: row for row in rows}


def states_of(questions: Iterable[Question]) -> dict[str, ReviewState]:
    """Each question's review state, in one query."""
    questions = list(questions)
    reviews = reviews_of(q.id for q in questions)
    return {
        q.id: review_state(
            reviews[q.id].judgement() if q.id in reviews else None,
            q.version,
        )
        for q in questions
    }


def _review_row(question: Question) -> QuestionReview:
    row = db.session.get(QuestionReview, question.id)
    if row is None:
        row = QuestionReview(question_id=question.id)
        db.session.add(row)
    return row


def suppress(question: Question, user: User, reason: str, now: datetime) -> None:
    row = _review_row(question)
    row.suppressed_at = now
    row.suppressed_by_id = user.id
    row.suppress_reason = reason.strip()
    _sync_card(question, now)


def restore(question: Question, now: datetime) -> None:
    """Lift a suppression; the question may be drawn again."""
    row = _review_row(question)
    row.suppressed_at = None
    row.suppressed_by_id = None
    row.suppress_reason = None
    _sync_card(question, now)


def mark_reviewed(question: Question, user: User, now: datetime) -> None:
    """Record that the user read the question's current version and found it sound."""
    row = _review_row(question)
    row.reviewed_version = question.version
    row.reviewed_at = now
    row.reviewed_by_id = user.id


def _sync_card(question: Question, now: datetime) -> None:
    """A set question's flashcard is retired while the question is suppressed, and back after."""
    db.session.flush()
    if question.set_id is not None:
        sync_set_flashcards(db.session.get(QuestionSet, question.set_id), now, [question])
