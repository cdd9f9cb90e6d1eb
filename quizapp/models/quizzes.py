"""Quizzes and attempts: what a quiz asks, and each student's timed attempt at it."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, string_enum, utcnow


class GradingMethod(enum.StrEnum):
    HIGHEST = "highest"
    LAST = "last"
    AVERAGE = "average"


class FeedbackTiming(enum.StrEnum):
    AFTER_EACH = "after_each"
    AT_END = "at_end"
    AFTER_CLOSE = "after_close"


class QuizLayout(enum.StrEnum):
    """How an attempt's questions are laid out: all on one page, or one question per page."""

    ALL_ON_ONE_PAGE = "all"
    ONE_PER_PAGE = "one_per_page"


class AttemptState(enum.StrEnum):
    OPEN = "open"
    FINISHED = "finished"


class FinishReason(enum.StrEnum):
    SUBMITTED = "submitted"
    TIMED_OUT = "timed_out"


class Quiz(db.Model):
    """A quiz: which bank questions it draws, and the rules of its attempts.

    Ready-made quizzes have a `slug` and no owner; teachers' quizzes have an owner.
    """

    __tablename__ = "quizzes"
    __table_args__ = (UniqueConstraint("owner_id", "practice_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(80), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str | None] = mapped_column(String(20))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    include_bank: Mapped[bool] = mapped_column(default=True, server_default="1")
    """Draw from the bank's questions (filtered by topic, tags and kinds)."""
    set_ids: Mapped[list[int]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    """Also draw from these question sets of the owner's."""
    question_count: Mapped[int] = mapped_column(default=10)
    time_limit_seconds: Mapped[int | None]
    attempts_allowed: Mapped[int | None]
    grading_method: Mapped[GradingMethod] = mapped_column(
        string_enum(GradingMethod), default=GradingMethod.HIGHEST
    )
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_choices: Mapped[bool] = mapped_column(default=True)
    feedback_timing: Mapped[FeedbackTiming] = mapped_column(
        string_enum(FeedbackTiming), default=FeedbackTiming.AT_END
    )
    layout: Mapped[QuizLayout] = mapped_column(
        string_enum(QuizLayout),
        default=QuizLayout.ALL_ON_ONE_PAGE,
        server_default=QuizLayout.ALL_ON_ONE_PAGE.value,
    )
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    practice_of: Mapped[str | None] = mapped_column(String(200))
    """The explore selection (e.g. "period:second-war") an untimed practice quiz was made from;
    practice quizzes belong to their learner and are never assigned to a class."""
    fact_ids: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    """When set, the quiz draws only questions made from these facts."""


class Attempt(db.Model):
    """One student's attempt at a quiz, with the deadline fixed when it started.

    `open_key` is "<user>:<quiz>" while the attempt is open and NULL after: its unique constraint
    allows one open attempt per student and quiz on SQLite and PostgreSQL alike.

    A practice run (`practice_of_id` set) asks again the questions another attempt missed: it is
    untimed, has a negative `number` so graded attempts keep counting 1, 2, 3, and counts in no
    attempt limit, grade or gradebook.
    """

    __tablename__ = "attempts"
    __table_args__ = (UniqueConstraint("quiz_id", "user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignments.id"), index=True)
    number: Mapped[int]
    state: Mapped[AttemptState] = mapped_column(
        string_enum(AttemptState), default=AttemptState.OPEN
    )
    open_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    started_at: Mapped[datetime]
    deadline: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    finish_reason: Mapped[FinishReason | None] = mapped_column(string_enum(FinishReason))
    score: Mapped[float | None]
    """The fraction of the available points earned, 0 to 1, once finished."""
    practice_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )

    quiz: Mapped[Quiz] = relationship()
    questions: Mapped[list[AttemptQuestion]] = relationship(
        order_by="AttemptQuestion.position", back_populates="attempt"
    )


class AttemptQuestion(db.Model):
    """A question as drawn for one attempt: its version, the choice order shown, the response."""

    __tablename__ = "attempt_questions"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), index=True)
    question_version: Mapped[int]
    shown_choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    response: Mapped[Any | None] = mapped_column(JSON)
    saved_at: Mapped[datetime | None]
    checked: Mapped[bool] = mapped_column(default=False)
    """Locked with feedback shown (quizzes that give feedback after each question)."""
    flagged: Mapped[bool] = mapped_column(default=False, server_default="0")
    """Marked by the student to come back to before submitting."""
    score: Mapped[float | None]

    attempt: Mapped[Attempt] = relationship(back_populates="questions")
