"""Extra-time factors in the database, and the one an attempt gets. Nothing here commits."""

from __future__ import annotations

from sqlalchemy import select

from ..domain.timing import extra_time_factor
from ..models import Assignment, AssignmentExtraTime, ClassMember, User, db


def class_factors(class_id: int) -> dict[int, float]:
    """Each member's factor in the class, by user id."""
    rows = db.session.execute(
        select(ClassMember.user_id, ClassMember.extra_time_factor).where(
            ClassMember.class_id == class_id
        )
    )
    return {row.user_id: row.extra_time_factor for row in rows}


def set_class_factor(class_id: int, user_id: int, factor: float) -> None:
    db.session.get(ClassMember, (class_id, user_id)).extra_time_factor = round(factor, 2)


def assignment_factors(class_id: int, user_id: int) -> dict[int, float]:
    """The student's per-assignment factors in the class, by assignment id."""
    rows = db.session.execute(
        select(AssignmentExtraTime.assignment_id, AssignmentExtraTime.extra_time_factor)
        .join(Assignment, Assignment.id == AssignmentExtraTime.assignment_id)
        .where(Assignment.class_id == class_id, AssignmentExtraTime.user_id == user_id)
    )
    return {row.assignment_id: row.extra_time_factor for row in rows}


def set_assignment_factor(assignment_id: int, user_id: int, factor: float | None) -> None:
    """Give the student their own factor on the assignment, or (None) the class's again."""
    override = db.session.get(AssignmentExtraTime, (assignment_id, user_id))
    if factor is None:
        if override is not None:
            db.session.delete(override)
    elif override is None:
        db.session.add(
            AssignmentExtraTime(
                assignment_id=assignment_id, user_id=user_id, extra_time_factor=round(factor, 2)
            )
        )
    else:
        override.extra_time_factor = round(factor, 2)


def attempt_factor(user: User, assignment: Assignment | None) -> float:
    """The factor of the user's attempt at a quiz taken under `assignment` (or outside a class)."""
    if assignment is None:
        return extra_time_factor(user.extra_time_factor)
    membership = db.session.get(ClassMember, (assignment.class_id, user.id))
    if membership is None:
        return extra_time_factor(user.extra_time_factor)
    override = db.session.get(AssignmentExtraTime, (assignment.id, user.id))
    return extra_time_factor(
        user.extra_time_factor,
        membership.extra_time_factor,
        override.extra_time_factor if override is not None else None,
    )
