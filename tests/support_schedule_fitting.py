"""Helpers for the schedule-fitting tests: a synthetic review log stored as a learner's own."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select
from support_flashcards import T0

from quizapp.domain.schedule_fitting import LoggedReview
from quizapp.domain.scheduling import CardState
from quizapp.models import Flashcard, LearnerCard, ReviewLog, ReviewSource, db

# Long after the synthetic logs end (they start in January 2025).
NOW = T0 + timedelta(days=400)


def store_log(user_id: int, log: list[LoggedReview]) -> None:
    """The synthetic log as the learner's cards and review rows (on copies of one bank card)."""
    template = db.session.scalars(select(Flashcard).order_by(Flashcard.id)).first()
    card_numbers = sorted({logged.card_id for logged in log})
    existing = set(db.session.scalars(select(Flashcard.id)))
    copies = [
        {
            "id": f"synthetic.{number}",
            "fact_id": None,
            "topic": template.topic,
            "tags": [],
            "content": {**template.content, "id": f"synthetic.{number}"},
            "content_hash": "0" * 64,
            "version": 1,
            "updated_at": T0,
        }
        for number in card_numbers
        if f"synthetic.{number}" not in existing
    ]
    if copies:
        db.session.execute(insert(Flashcard), copies)
    db.session.execute(
        insert(LearnerCard),
        [
            {
                "user_id": user_id,
                "flashcard_id": f"synthetic.{number}",
                "state": CardState.REVIEW,
                "step": None,
                "due": NOW,
                "enrolled_at": T0,
            }
            for number in card_numbers
        ],
    )
    card_ids = {
        flashcard_id: card_id
        for flashcard_id, card_id in db.session.execute(
            select(LearnerCard.flashcard_id, LearnerCard.id).where(LearnerCard.user_id == user_id)
        )
    }
    counts: dict[int, int] = {}
    rows = []
    for logged in log:
        counts[logged.card_id] = counts.get(logged.card_id, 0) + 1
        rows.append(
            {
                "learner_card_id": card_ids[f"synthetic.{logged.card_id}"],
                "user_id": user_id,
                "review_number": counts[logged.card_id],
                "rating": logged.rating,
                "source": ReviewSource(logged.source),
                "reviewed_at": logged.reviewed_at,
                "state_before": CardState.REVIEW,
                "due": logged.reviewed_at + timedelta(days=1),
            }
        )
    db.session.execute(insert(ReviewLog), rows)
    db.session.commit()
