"""Database models: typed SQLAlchemy 2 mappings of the app's rows, one module per area.

This module holds what they share (the `db` object, the declarative base, a UTC timestamp type)
and re-exports every model, so `from quizapp.models import User, db` works everywhere.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Every integer column (ids included) is a 32-bit signed INTEGER on PostgreSQL, which refuses to
# compare or store a larger number (NumericValueOutOfRange): input is checked against this first.
MAX_INTEGER = 2**31 - 1


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back as an aware datetime in `UTC`.

    SQLite returns naive values and psycopg returns `ZoneInfo('Etc/UTC')`; fsrs and the timing
    rules accept only `timezone.utc`, so every value is normalised here, at the boundary.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    # The map and naming convention live on an explicit registry: Flask-SQLAlchemy 3.1 rejects a
    # base that sets type_annotation_map directly (flask-sqlalchemy issue 1361).
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    """The current time, aware and in UTC."""
    return datetime.now(UTC)


def string_enum(enum_type: type[enum.Enum], length: int = 20) -> db.Enum:
    return db.Enum(
        enum_type,
        native_enum=False,
        length=length,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )


from .accounts import ApiToken, Role, User  # noqa: E402
from .bank import Fact, Flashcard, ItemType, ItemVersion, Question, VersionedItem  # noqa: E402
from .explore import BankPeriod, ExploreDeck, SearchEntry  # noqa: E402
from .flashcards import LearnerCard, LearnerSettings, ReviewLog, ReviewSource  # noqa: E402
from .moderation import QuestionReview  # noqa: E402
from .quizzes import (  # noqa: E402
    Attempt,
    AttemptQuestion,
    AttemptState,
    FeedbackTiming,
    FinishReason,
    GradingMethod,
    Quiz,
    QuizLayout,
)
from .schedule_fitting import ScheduleFit  # noqa: E402
from .teaching import (  # noqa: E402
    Assignment,
    AssignmentExtraTime,
    ClassMember,
    Flag,
    ImportPreview,
    QuestionSet,
    SchoolClass,
    SetShare,
)

__all__ = [
    "ApiToken",
    "Assignment",
    "AssignmentExtraTime",
    "Attempt",
    "AttemptQuestion",
    "AttemptState",
    "BankPeriod",
    "Base",
    "ClassMember",
    "ExploreDeck",
    "Fact",
    "FeedbackTiming",
    "FinishReason",
    "Flag",
    "Flashcard",
    "GradingMethod",
    "ImportPreview",
    "ItemType",
    "ItemVersion",
    "LearnerCard",
    "LearnerSettings",
    "Question",
    "QuestionReview",
    "QuestionSet",
    "Quiz",
    "QuizLayout",
    "ReviewLog",
    "ReviewSource",
    "Role",
    "ScheduleFit",
    "SchoolClass",
    "SearchEntry",
    "SetShare",
    "UTCDateTime",
    "User",
    "VersionedItem",
    "db",
    "string_enum",
    "utcnow",
]
