"""Classes in the database: members, assignments, and the results a teacher reads.

Nothing here commits: the view does, once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from .attempt_display import describe, describe_answer
from .attempt_store import contents_of, question_contents
from .domain.generation import QuestionKind
from .domain.item_stats import AttemptRecord, ItemKey, ItemResponse, ItemStats, item_statistics
from .domain.quiz_rules import Grading, combined_grade
from .models import (
    Assignment,
    Attempt,
    AttemptState,
    ClassMember,
    Quiz,
    SchoolClass,
    User,
    db,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_join_code() -> str:
    """A class code that is easy to read out: no 0/O or 1/I."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalised_code(text: str) -> str:
    return "".join(text.split()).upper()


def members(class_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(ClassMember, ClassMember.user_id == User.id)
            .where(ClassMember.class_id == class_id)
            .order_by(User.username)
        )
    )


def is_member(class_id: int, user_id: int) -> bool:
    return db.session.get(ClassMember, (class_id, user_id)) is not None


def assignments(class_id: int) -> list[tuple[Assignment, Quiz]]:
    return list(
        db.session.execute(
            select(Assignment, Quiz)
            .join(Quiz, Quiz.id == Assignment.quiz_id)
            .where(Assignment.class_id == class_id)
            .order_by(Assignment.id)
        ).all()
    )


def classes_of_member(user_id: int) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .join(ClassMember, ClassMember.class_id == SchoolClass.id)
            .where(ClassMember.user_id == user_id)
            .order_by(SchoolClass.name, SchoolClass.id)
        )
    )


def finished_attempts(assignment_id: int, user_id: int | None = None) -> list[Attempt]:
    query = select(Attempt).where(
        Attempt.assignment_id == assignment_id, Attempt.state == AttemptState.FINISHED
    )
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    return list(db.session.scalars(query.order_by(Attempt.user_id, Attempt.number)))


def attempts_of_member(class_id: int, user_id: int) -> list[tuple[Attempt, Assignment]]:
    return list(
        db.session.execute(
            select(Attempt, Assignment)
            .join(Assignment, Assignment.id == Attempt.assignment_id)
            .where(Assignment.class_id == class_id, Attempt.user_id == user_id)
            .order_by(Assignment.id, Attempt.number)
        ).all()
    )


def has_attempts(assignment_id: int) -> bool:
    return (
        db.session.scalar(select(Attempt.id).where(Attempt.assignment_id == assignment_id).limit(1))
        is not None
    )


@dataclass(frozen=True)
class Cell:
    grade: float | None
    attempts: int


@dataclass(frozen=True)
class Gradebook:
    students: list[User]
    columns: list[tuple[Assignment, Quiz]]
    cells: dict[tuple[int, int], Cell]
    """By (user id, assignment id)."""


def gradebook(class_id: int) -> Gradebook:
    """Every member's grade on every assignment, combined per the quiz's grading method."""
    students = members(class_id)
    columns = assignments(class_id)
    scores: dict[tuple[int, int], list[float]] = {}
    if columns:
        rows = db.session.scalars(
            select(Attempt)
            .where(
                Attempt.assignment_id.in_([assignment.id for assignment, _ in columns]),
                Attempt.state == AttemptState.FINISHED,
            )
            .order_by(Attempt.number)
        )
        for attempt in rows:
            scores.setdefault((attempt.user_id, attempt.assignment_id), []).append(
                attempt.score or 0.0
            )
    cells = {}
    for student in students:
        for assignment, quiz in columns:
            found = scores.get((student.id, assignment.id), [])
            cells[(student.id, assignment.id)] = Cell(
                combined_grade(Grading(quiz.grading_method.value), found), len(found)
            )
    return Gradebook(students, columns, cells)


def gradebook_rows(book: Gradebook) -> list[list[str]]:
    """The gradebook as text cells, a header row first (percentages, empty when no attempt)."""
    header = ["student", *(quiz.title for _, quiz in book.columns)]
    rows = [header]
    for student in book.students:
        row = [student.username]
        for assignment, _ in book.columns:
            grade = book.cells[(student.id, assignment.id)].grade
            row.append("" if grade is None else f"{grade * 100:.1f}")
        rows.append(row)
    return rows


@dataclass(frozen=True)
class AnsweredQuestion:
    position: int
    prompt: str
    markdown: bool
    response: str
    correct_answer: str
    score: float | None


def answered_questions(attempt: Attempt) -> list[AnsweredQuestion]:
    """Each question of an attempt with the response, the correct answer and the score."""
    contents = contents_of(attempt)
    answered = []
    for question in attempt.questions:
        content = contents[question.position]
        kind = QuestionKind(content["kind"])
        answered.append(
            AnsweredQuestion(
                position=question.position,
                prompt=content["prompt"],
                markdown=bool(content.get("markdown")),
                response=describe(kind, question.response),
                correct_answer=describe_answer(content),
                score=question.score,
            )
        )
    return answered


@dataclass(frozen=True)
class ItemReport:
    stats: ItemStats
    content: dict[str, Any]


def item_analysis(assignment_id: int) -> list[ItemReport]:
    """Item statistics over the assignment's finished attempts."""
    records = []
    for attempt in finished_attempts(assignment_id):
        contents = contents_of(attempt)
        records.append(
            AttemptRecord(
                attempt_id=attempt.id,
                total=attempt.score or 0.0,
                responses=tuple(
                    ItemResponse(
                        key=ItemKey(q.question_id, q.question_version),
                        kind=QuestionKind(contents[q.position]["kind"]),
                        response=q.response,
                        score=q.score or 0.0,
                    )
                    for q in attempt.questions
                ),
            )
        )
    keys = {item.key for record in records for item in record.responses}
    contents = question_contents((key.question_id, key.version) for key in keys)
    choices = {key: contents[(key.question_id, key.version)]["choices"] for key in keys}
    return [
        ItemReport(stats, contents[(stats.key.question_id, stats.key.version)])
        for stats in item_statistics(records, choices)
    ]
