"""Teaching: teachers' question sets, classes and their members, assignments, and flags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    and_,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import User
from .base import db, utcnow


class QuestionSet(db.Model):
    """A teacher's own questions: private until shared with a class or made public.

    Its questions live in `questions` (with `set_id` set), versioned like the bank's, so past
    attempts keep the version they were asked. A deleted set is hidden, not removed.
    """

    __tablename__ = "question_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    is_public: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]

    owner: Mapped[User] = relationship()

    @classmethod
    def readable_by(cls, user_id: int) -> ColumnElement[bool]:
        """Who may study a set: its owner, anyone when it is public, members of a class it is
        shared with; never once it is deleted."""
        shared_with_user = (
            select(SetShare.set_id)
            .join(ClassMember, ClassMember.class_id == SetShare.class_id)
            .where(ClassMember.user_id == user_id)
        )
        return and_(
            cls.deleted_at.is_(None),
            or_(cls.owner_id == user_id, cls.is_public.is_(True), cls.id.in_(shared_with_user)),
        )


class SchoolClass(db.Model):
    """A teacher's class; students join it with its code."""

    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[User] = relationship()


class ClassMember(db.Model):
    __tablename__ = "class_members"

    class_id: Mapped[int] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by the class's teacher: time limits of this class's assignments are multiplied by it.
    # It is the class's, so it never reaches another class's quizzes or the ready-made ones.
    extra_time_factor: Mapped[float] = mapped_column(default=1.0, server_default="1")


class SetShare(db.Model):
    """A question set shared with a class: its members may study it and flag its items."""

    __tablename__ = "set_shares"

    set_id: Mapped[int] = mapped_column(
        ForeignKey("question_sets.id", ondelete="CASCADE"), primary_key=True
    )
    class_id: Mapped[int] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True
    )


class Assignment(db.Model):
    """A quiz assigned to a class, with its own window and number of attempts."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("class_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    attempts_allowed: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssignmentExtraTime(db.Model):
    """A teacher's extra-time factor for one student on one assignment, instead of the class's."""

    __tablename__ = "assignment_extra_times"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    extra_time_factor: Mapped[float]


class Flag(db.Model):
    """A learner's report that a bank or set item is wrong; it reaches the item's authors."""

    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), index=True)
    question_version: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]


class ImportPreview(db.Model):
    """An uploaded file's questions between the preview and the teacher's confirmation.

    Kept on the server, keyed by a random id that only its owner may use, until it is confirmed
    or `expires_at` passes; the page carries the id, never the questions.
    """

    __tablename__ = "import_previews"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """The questions that read without a problem, as `SetQuestion.as_dict` gives them."""
    skipped: Mapped[int]
    """How many questions of the file had problems (they are never saved)."""
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
