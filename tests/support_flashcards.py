"""Helpers for flashcard tests: the small bank, a settable clock, a learner's cards and reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import func, select
from support_quizzes import Clock, load_small_bank

from quizapp.models import Fact, Flashcard, LearnerCard, ReviewLog, db

# Noon in UTC: far from the 04:00 start of a study day, so "today" is unambiguous.
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def install_clock(app: Flask, start: datetime = T0) -> Clock:
    clock = Clock(start)
    app.config["CLOCK"] = clock
    return clock


def load_bank(app: Flask) -> None:
    load_small_bank(app, at=T0 - timedelta(days=30))


def cards_of(user_id: int) -> list[LearnerCard]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(LearnerCard).where(LearnerCard.user_id == user_id).order_by(LearnerCard.id)
        )
    )


def review_count(user_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count()).select_from(ReviewLog).where(ReviewLog.user_id == user_id)
    )


def add_sibling(flashcard_id: str, front: str = "A second card from the same fact") -> Flashcard:
    """Another bank card from the same fact as `flashcard_id` (a reversed card, say)."""
    original = db.session.get(Flashcard, flashcard_id)
    assert original is not None and db.session.get(Fact, original.fact_id) is not None
    sibling = Flashcard(
        id=flashcard_id + ".reverse",
        fact_id=original.fact_id,
        topic=original.topic,
        tags=list(original.tags),
        content={**original.content, "id": flashcard_id + ".reverse", "front": front},
        content_hash="0" * 64,
        version=1,
        updated_at=T0 - timedelta(days=30),
    )
    db.session.add(sibling)
    db.session.commit()
    return sibling
