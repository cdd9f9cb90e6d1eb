"""Database models: typed SQLAlchemy 2 mappings of the app's rows, one module per area.

`base.py` holds what they share (the `db` object, the declarative base, a UTC timestamp type);
this module re-exports it and every model, so `from quizapp.models import User, db` works
everywhere.
"""

from __future__ import annotations

from .accounts import ApiToken, Role, User
from .bank import Fact, Flashcard, ItemType, ItemVersion, Question, VersionedItem
from .base import MAX_INTEGER, NAMING_CONVENTION, Base, UTCDateTime, db, string_enum, utcnow
from .explore import BankPeriod, ExploreDeck, SearchEntry
from .flashcards import LearnerCard, LearnerSettings, ReviewLog, ReviewSource
from .moderation import QuestionReview
from .quizzes import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    FeedbackTiming,
    FinishReason,
    GradingMethod,
    Quiz,
    QuizLayout,
)
from .schedule_fitting import ScheduleFit
from .teaching import (
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
    "MAX_INTEGER",
    "NAMING_CONVENTION",
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
