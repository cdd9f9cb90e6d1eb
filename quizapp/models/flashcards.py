"""Learners' flashcards: each learner's copy of a bank card with its FSRS state, and every review.

The bank's `flashcards` table holds what a card says; `learner_cards` holds how well one learner
knows it. The state columns map one to one onto `fsrs.Card` (state, step, stability, difficulty,
due, last review), plus the counts of reviews and lapses.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    and_,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.scheduling import CardMemory, CardState, SchedulerSettings, format_steps, parse_steps
from ..domain.study import DailyLimits, StudyPreferences
from .bank import Flashcard
from .base import db, string_enum, utcnow

NOTE_MAX_LENGTH = 1000
RESPONSE_MAX_LENGTH = 200


class ReviewSource(enum.StrEnum):
    """What rated the card: the learner flipping it on the review page, an answer they typed
    there, a choice among options (recognition, weaker evidence than recall: a fitter of memory
    parameters leaves these out), an answer typed in a quiz, or a choice missed in a quiz (again
    recognition)."""

    REVIEW = "review"
    TYPED = "typed"
    RECOGNITION = "recognition"
    QUIZ = "quiz"
    QUIZ_CHOICE = "quiz_choice"


class LearnerCard(db.Model):
    """One learner's card: a bank flashcard and the learner's memory of it.

    `fact_id` is copied from the bank card so that siblings (cards from the same fact) can be
    buried without a join. The (user, due) index serves the next card and the due counts.
    """

    __tablename__ = "learner_cards"
    __table_args__ = (
        UniqueConstraint("user_id", "flashcard_id"),
        Index("ix_learner_cards_user_id_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    flashcard_id: Mapped[str] = mapped_column(ForeignKey("flashcards.id"), index=True)
    fact_id: Mapped[str | None] = mapped_column(String(160))
    state: Mapped[CardState] = mapped_column(string_enum(CardState), default=CardState.LEARNING)
    step: Mapped[int | None] = mapped_column(default=0)
    stability: Mapped[float | None]
    difficulty: Mapped[float | None]
    due: Mapped[datetime]
    last_review: Mapped[datetime | None]
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    suspended_at: Mapped[datetime | None]
    """Set while the learner has suspended the card: it is never queued nor counted as due."""
    removed_at: Mapped[datetime | None]
    """Set while the card's deck is out of the learner's collection; its history stays."""
    note: Mapped[str | None] = mapped_column(String(NOTE_MAX_LENGTH))
    """The learner's own words on the card, shown with the answer; the bank card is untouched."""
    recognised_at: Mapped[datetime | None]
    """When the learner, new to the card, chose its answer among options: it is typed next."""

    flashcard: Mapped[Flashcard] = relationship()

    @classmethod
    def in_collection(cls) -> ColumnElement[bool]:
        """Cards whose deck the learner has not removed."""
        return cls.removed_at.is_(None)

    @classmethod
    def studied(cls) -> ColumnElement[bool]:
        """Cards that may be queued and counted: in the collection and not suspended."""
        return and_(cls.removed_at.is_(None), cls.suspended_at.is_(None))

    def memory(self) -> CardMemory:
        return CardMemory(
            card_id=self.id,
            due=self.due,
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            last_review=self.last_review,
            reps=self.reps,
            lapses=self.lapses,
        )

    @staticmethod
    def memory_columns(memory: CardMemory) -> dict[str, object]:
        """The column values that store `memory`."""
        return {
            "state": memory.state,
            "step": memory.step,
            "stability": memory.stability,
            "difficulty": memory.difficulty,
            "due": memory.due,
            "last_review": memory.last_review,
            "reps": memory.reps,
            "lapses": memory.lapses,
        }


class ReviewLog(db.Model):
    """One rating of one learner card.

    `review_number` is the card's review count after this review; the unique constraint on
    (card, review number) makes a replayed or double-clicked rating count once.
    """

    __tablename__ = "review_logs"
    __table_args__ = (
        UniqueConstraint("learner_card_id", "review_number"),
        CheckConstraint("rating BETWEEN 1 AND 4", name="rating_range"),
        Index("ix_review_logs_user_id_reviewed_at", "user_id", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_card_id: Mapped[int] = mapped_column(ForeignKey("learner_cards.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    review_number: Mapped[int]
    rating: Mapped[int]
    source: Mapped[ReviewSource] = mapped_column(string_enum(ReviewSource))
    reviewed_at: Mapped[datetime]
    duration_ms: Mapped[int | None]
    retrievability: Mapped[float | None]
    """The predicted probability of recall just before the review (None for a new card)."""
    state_before: Mapped[CardState] = mapped_column(string_enum(CardState))
    stability: Mapped[float | None]
    difficulty: Mapped[float | None]
    due: Mapped[datetime]
    """When the review scheduled the card next."""
    response: Mapped[str | None] = mapped_column(String(RESPONSE_MAX_LENGTH))
    """What the learner typed or chose (type and choose modes)."""
    overruled: Mapped[bool] = mapped_column(default=False, server_default=false())
    """The learner overruled the verdict on their typed answer ("I was right: typo")."""

    card: Mapped[LearnerCard] = relationship()

    @classmethod
    def rated_on_review_page(cls) -> ColumnElement[bool]:
        """Ratings the learner chose to study (any review mode): not quiz answers, nor the
        unrated recognition of a new card (review number 0)."""
        return and_(
            cls.source.not_in([ReviewSource.QUIZ, ReviewSource.QUIZ_CHOICE]), cls.review_number > 0
        )


class LearnerSettings(db.Model):
    """A learner's flashcard options; a learner without a row has the defaults."""

    __tablename__ = "learner_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    desired_retention: Mapped[float]
    new_cards_per_day: Mapped[int]
    reviews_per_day: Mapped[int]
    learning_steps: Mapped[str] = mapped_column(String(100))
    """Written as the learner types them ("1m 10m")."""
    relearning_steps: Mapped[str] = mapped_column(String(100))
    review_mode: Mapped[str] = mapped_column(String(10), default="flip", server_default="flip")
    """The mode a review session starts in: flip, type or choose."""
    learn_path: Mapped[bool] = mapped_column(default=False, server_default=false())
    """New cards are first chosen among options, then typed, then scheduled."""

    def preferences(self, time_zone: str) -> StudyPreferences:
        """The options, with the time zone of the learner's account."""
        return StudyPreferences(
            scheduler=SchedulerSettings(
                desired_retention=self.desired_retention,
                learning_steps=parse_steps(self.learning_steps),
                relearning_steps=parse_steps(self.relearning_steps),
            ),
            limits=DailyLimits(new_cards=self.new_cards_per_day, reviews=self.reviews_per_day),
            time_zone=time_zone,
        )

    def update_from(self, preferences: StudyPreferences) -> None:
        scheduler = preferences.scheduler
        self.desired_retention = scheduler.desired_retention
        self.learning_steps = format_steps(scheduler.learning_steps)
        self.relearning_steps = format_steps(scheduler.relearning_steps)
        self.new_cards_per_day = preferences.limits.new_cards
        self.reviews_per_day = preferences.limits.reviews
