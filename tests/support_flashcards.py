"""Helpers for flashcard tests: the small bank, a settable clock, a learner's cards and reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select
from support_quizzes import Clock

from quizapp.bank_store import incoming_items, read_bank, sync_bank
from quizapp.models import Fact, Flashcard, LearnerCard, ReviewLog, db

SMALL_BANK = Path(__file__).parent / "data" / "bank" / "good"
# Noon in UTC: far from the 04:00 start of a study day, so "today" is unambiguous.
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def install_clock(app: Flask, start: datetime = T0) -> Clock:
    clock = Clock(start)
    app.config["CLOCK"] = clock
    return clock


def load_bank(app: Flask) -> None:
    load = read_bank(SMALL_BANK)
    assert load.ok, load.problems
    sync_bank(incoming_items(load, app.config["QUESTION_BANK_SEED"]), T0 - timedelta(days=30))
    db.session.commit()


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
