"""A set's answers are studiable by whoever may read it (its page, its flashcard deck).

While an assignment that draws from the set is open, sharing the set (with a class, or publicly)
hands its students the answers; the teacher is warned so they can unshare it until it closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from .models import Assignment, QuestionSet, Quiz, SchoolClass, SetShare, db


@dataclass(frozen=True)
class OpenUse:
    quiz_title: str
    class_name: str
    closes_at: datetime | None


def open_uses_while_shared(question_set: QuestionSet, now: datetime) -> list[OpenUse]:
    """Open assignments drawing from the set, if the set is readable beyond its owner; else []."""
    shared = question_set.is_public or db.session.scalar(
        select(SetShare.class_id).where(SetShare.set_id == question_set.id).limit(1)
    )
    if not shared:
        return []
    quiz_ids = [
        quiz.id
        for quiz in db.session.scalars(select(Quiz).where(Quiz.owner_id == question_set.owner_id))
        if question_set.id in (quiz.set_ids or [])
    ]
    rows = db.session.execute(
        select(Quiz.title, SchoolClass.name, Assignment.closes_at)
        .join(Quiz, Quiz.id == Assignment.quiz_id)
        .join(SchoolClass, SchoolClass.id == Assignment.class_id)
        .where(
            Assignment.quiz_id.in_(quiz_ids),
            or_(Assignment.closes_at.is_(None), Assignment.closes_at > now),
        )
        .order_by(Assignment.id)
    )
    return [OpenUse(*row) for row in rows]


def warning(uses: list[OpenUse]) -> str:
    """One sentence naming the open assignments, for a flash message or the set's page."""
    names = "; ".join(
        f"“{use.quiz_title}” in {use.class_name}"
        + (f" (open until {use.closes_at:%Y-%m-%d %H:%M} UTC)" if use.closes_at else "")
        for use in uses
    )
    return (
        f"Students who can read this set can study its answers, and these open assignments "
        f"draw from it: {names}. Unshare the set until they close if it is a test."
    )
