"""Suspending a card: the learner sets it aside; it keeps its schedule and history meanwhile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..models import LearnerCard, db


def suspend(card: LearnerCard, now: datetime) -> bool:
    """Suspend the card; False if it already was (nothing changes)."""
    if card.suspended_at is not None:
        return False
    card.suspended_at = now
    return True


def unsuspend(card: LearnerCard) -> bool:
    """Bring the card back to the queue on its old schedule; False if it was not suspended."""
    if card.suspended_at is None:
        return False
    card.suspended_at = None
    return True


def suspended_cards(user_id: int) -> list[LearnerCard]:
    """The learner's suspended cards, the most recently suspended first."""
    return list(
        db.session.scalars(
            select(LearnerCard)
            .options(joinedload(LearnerCard.flashcard))
            .where(LearnerCard.user_id == user_id, LearnerCard.suspended_at.is_not(None))
            .order_by(LearnerCard.suspended_at.desc(), LearnerCard.id)
        )
    )


def has_suspended(user_id: int) -> bool:
    return (
        db.session.scalar(
            select(LearnerCard.id)
            .where(LearnerCard.user_id == user_id, LearnerCard.suspended_at.is_not(None))
            .limit(1)
        )
        is not None
    )
