"""Which quizzes a person may see and take, and under which class assignment.

Plain queries for the HTML views and the API alike; nothing here commits.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select

from .models import Assignment, ClassMember, Quiz, db


def visible_to(user_id: int) -> ColumnElement[bool]:
    """Ready-made quizzes, quizzes assigned to the user's classes, and the user's own."""
    assigned = (
        select(Assignment.quiz_id)
        .join(ClassMember, ClassMember.class_id == Assignment.class_id)
        .where(ClassMember.user_id == user_id)
    )
    return or_(Quiz.owner_id.is_(None), Quiz.owner_id == user_id, Quiz.id.in_(assigned))


def visible_quizzes(user_id: int) -> list[Quiz]:
    """The quizzes this user may take, oldest first."""
    return list(db.session.scalars(select(Quiz).where(visible_to(user_id)).order_by(Quiz.id)))


def visible_quiz(quiz_id: int, user_id: int) -> Quiz | None:
    """The quiz, if this user may take it."""
    return db.session.scalar(select(Quiz).where(Quiz.id == quiz_id, visible_to(user_id)))


def assignment_for(quiz_id: int, user_id: int) -> Assignment | None:
    """The class assignment under which the user takes this quiz, if any."""
    return db.session.scalar(
        select(Assignment)
        .join(ClassMember, ClassMember.class_id == Assignment.class_id)
        .where(Assignment.quiz_id == quiz_id, ClassMember.user_id == user_id)
        .order_by(Assignment.id)
        .limit(1)
    )


def visible_quiz_and_assignment(
    quiz_id: int, user_id: int
) -> tuple[Quiz, Assignment | None] | None:
    """The quiz if this user may take it, with the class assignment under which they take it (if
    any), in one statement."""
    classes = select(ClassMember.class_id).where(ClassMember.user_id == user_id)
    row = db.session.execute(
        select(Quiz, Assignment)
        .outerjoin(
            Assignment, and_(Assignment.quiz_id == Quiz.id, Assignment.class_id.in_(classes))
        )
        .where(Quiz.id == quiz_id, visible_to(user_id))
        .order_by(Assignment.id)
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])
