"""What admins and set owners decided about questions: suppressed (with a reason) or reviewed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Select, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.moderation import Judgement
from .base import db


class QuestionReview(db.Model):
    """The judgement of one question, kept by its stable id.

    A bank sync never touches this table, so a suppressed question stays suppressed when it is
    generated again, and a review stays tied to the version that was read (`reviewed_version`).
    """

    __tablename__ = "question_reviews"

    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    suppressed_at: Mapped[datetime | None]
    suppressed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    suppress_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_version: Mapped[int | None]
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    def judgement(self) -> Judgement:
        return Judgement(
            suppressed=self.suppressed_at is not None, reviewed_version=self.reviewed_version
        )

    @classmethod
    def suppressed_ids(cls) -> Select[tuple[str]]:
        """The ids of every suppressed question (narrow it with `.where(...)`)."""
        return select(cls.question_id).where(cls.suppressed_at.is_not(None))
