"""Undo the learner's most recent rating: the card goes back to exactly its state before it.

The state before the rating is kept in the learner's signed session (only the session that
rated can undo, and only once: undoing removes it). The review log row is deleted, so the
schedule, the day's counts and the statistics read as if the rating never happened. A rating
can be undone only while it is the learner's newest one: a later rating of any card (on the
review page or through a quiz) makes it history.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update

from ..domain.scheduling import CardMemory, CardState, Rating, Review
from ..models import LearnerCard, ReviewLog, db

SESSION_KEY = "undo_rating"
NOTHING_TO_UNDO = "There is no rating to undo."
SUPERSEDED = (
    "That rating can no longer be undone: you have rated a card since (here or in a quiz), "
    "or already undone it. Only your most recent rating can be undone, once."
)


class UndoRefused(Exception):
    """The rating named in the session is not the learner's newest, or is gone."""


@dataclass(frozen=True)
class LastRating:
    """What the session remembers of the learner's last rating, in JSON-safe form."""

    user_id: int
    log_id: int
    card_id: int
    review_number: int
    reviewed_at: str
    rating: int
    before: dict[str, Any]

    @property
    def label(self) -> str:
        return Rating(self.rating).label


def _memory_to_json(memory: CardMemory) -> dict[str, Any]:
    data = asdict(memory)
    for name in ("due", "last_review"):
        data[name] = data[name].isoformat() if data[name] is not None else None
    data["state"] = memory.state.value
    return data


def _memory_from_json(data: dict[str, Any]) -> CardMemory:
    values = dict(data)
    for name in ("due", "last_review"):
        values[name] = datetime.fromisoformat(values[name]) if values[name] else None
    values["state"] = CardState(values["state"])
    return CardMemory(**values)


def remember(
    session: MutableMapping[str, Any], user_id: int, before: CardMemory, result: Review
) -> None:
    """Keep what undoing `result` needs: the card as it was and the log row the rating wrote."""
    log_id = db.session.scalar(
        select(ReviewLog.id).where(
            ReviewLog.learner_card_id == before.card_id,
            ReviewLog.review_number == result.review_number,
        )
    )
    if log_id is None:
        return
    session[SESSION_KEY] = asdict(
        LastRating(
            user_id=user_id,
            log_id=log_id,
            card_id=before.card_id,
            review_number=result.review_number,
            reviewed_at=result.reviewed_at.isoformat(),
            rating=int(result.rating),
            before=_memory_to_json(before),
        )
    )


def last_rating(session: MutableMapping[str, Any], user_id: int) -> LastRating | None:
    """The rating this session may undo, if it was made by `user_id`."""
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        remembered = LastRating(**data)
    except TypeError:
        return None
    return remembered if remembered.user_id == user_id else None


def forget(session: MutableMapping[str, Any]) -> None:
    session.pop(SESSION_KEY, None)


def undo(remembered: LastRating) -> LearnerCard:
    """Put the card back as it was before the rating and delete the rating's log row.

    UndoRefused when the rating is gone or no longer the learner's newest. Does not commit.
    """
    log = db.session.get(ReviewLog, remembered.log_id)
    if (
        log is None
        or log.user_id != remembered.user_id
        or log.learner_card_id != remembered.card_id
        or log.review_number != remembered.review_number
        or log.reviewed_at != datetime.fromisoformat(remembered.reviewed_at)
    ):
        raise UndoRefused(SUPERSEDED)
    newest = db.session.scalar(
        select(func.max(ReviewLog.id)).where(ReviewLog.user_id == remembered.user_id)
    )
    if newest != log.id:
        raise UndoRefused(SUPERSEDED)
    before = _memory_from_json(remembered.before)
    restored = db.session.execute(
        update(LearnerCard)
        .where(
            LearnerCard.id == remembered.card_id,
            LearnerCard.user_id == remembered.user_id,
            LearnerCard.reps == remembered.review_number,
        )
        .values(**LearnerCard.memory_columns(before))
    )
    if restored.rowcount != 1:
        raise UndoRefused(SUPERSEDED)
    db.session.execute(delete(ReviewLog).where(ReviewLog.id == log.id))
    card = db.session.get(LearnerCard, remembered.card_id, populate_existing=True)
    assert card is not None
    return card
