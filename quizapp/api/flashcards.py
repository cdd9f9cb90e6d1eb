"""Flashcard review over JSON: the decks, the next card, and rating it (exactly once)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_login import current_user
from flask_smorest import abort
from sqlalchemy.exc import IntegrityError

from .. import flashcard_store as store
from ..clock import now as clock_now
from ..domain.generation import Flashcard as CardFace
from ..domain.scheduling import Rating, format_interval, preview
from ..domain.study import DueCounts
from ..models import MAX_INTEGER, LearnerCard, db
from .blueprint import ApiBlueprint

blp = ApiBlueprint(
    "api_flashcards",
    __name__,
    description="Spaced-repetition flashcards scheduled with FSRS.",
)

STALE = "This card was already rated for that review (a repeat or an old copy): nothing changed."


class FlashcardDueSchema(ma.Schema):
    new_cards = ma.fields.Integer(metadata={"description": "New cards left today."})
    learning = ma.fields.Integer(metadata={"description": "Learning cards due today."})
    reviews = ma.fields.Integer(metadata={"description": "Review cards left today."})
    total = ma.fields.Integer()


class FlashcardDeckSchema(ma.Schema):
    key = ma.fields.String(metadata={"description": 'The deck, as "kind:key" ("topic:history").'})
    title = ma.fields.String()
    description = ma.fields.String()
    cards = ma.fields.Integer(metadata={"description": "Cards in the deck."})
    in_collection = ma.fields.Integer(metadata={"description": "Of those, the learner's."})
    due = ma.fields.Nested(FlashcardDueSchema)


class FlashcardIntervalSchema(ma.Schema):
    rating = ma.fields.Integer()
    label = ma.fields.String()
    seconds = ma.fields.Integer()
    text = ma.fields.String()


class FlashcardSourceSchema(ma.Schema):
    title = ma.fields.String()
    url = ma.fields.String(allow_none=True)


class FlashcardSchema(ma.Schema):
    id = ma.fields.Integer()
    flashcard_id = ma.fields.String()
    topic = ma.fields.String()
    front = ma.fields.String()
    back = ma.fields.String()
    source = ma.fields.Nested(FlashcardSourceSchema)
    evidence = ma.fields.String()
    state = ma.fields.String(metadata={"description": "new, learning, review or relearning."})
    review_count = ma.fields.Integer(
        metadata={"description": "Send it back with the rating: it makes the rating count once."}
    )
    lapses = ma.fields.Integer()
    leech = ma.fields.Boolean()
    due = ma.fields.DateTime()
    intervals = ma.fields.List(
        ma.fields.Nested(FlashcardIntervalSchema),
        metadata={"description": "What each rating would give, as the review buttons show."},
    )


class FlashcardNextSchema(ma.Schema):
    card = ma.fields.Nested(FlashcardSchema, allow_none=True)
    due = ma.fields.Nested(FlashcardDueSchema)


class FlashcardNextQuerySchema(ma.Schema):
    deck = ma.fields.String(
        load_default=None, metadata={"description": "Only this deck; all cards if omitted."}
    )


class FlashcardRatingSchema(ma.Schema):
    rating = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(1, 4, error="Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)."),
    )
    review_count = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(0, MAX_INTEGER),
        metadata={"description": "The card's review_count as it was when shown."},
    )
    duration_ms = ma.fields.Integer(
        load_default=None,
        validate=ma.validate.Range(0, MAX_INTEGER),
        metadata={"description": "How long the card was shown before the rating."},
    )


class FlashcardReviewSchema(ma.Schema):
    card_id = ma.fields.Integer()
    review_number = ma.fields.Integer()
    rating = ma.fields.Integer()
    state = ma.fields.String()
    interval_seconds = ma.fields.Integer()
    interval = ma.fields.String()
    due = ma.fields.DateTime()


def _deck(text: str | None) -> store.Deck | None:
    if not text:
        return None
    deck = store.find_deck(int(current_user.id), text)
    if deck is None:
        abort(404, message=f"There is no deck {text!r}.", field="deck")
    return deck


def _due(counts: DueCounts) -> dict[str, int]:
    return {
        "new_cards": counts.new_cards,
        "learning": counts.learning,
        "reviews": counts.reviews,
        "total": counts.total,
    }


def _card(card: LearnerCard, chosen: store.StudyPreferences) -> dict[str, Any]:
    face = CardFace.from_dict(card.flashcard.content)
    memory = card.memory()
    intervals = preview(memory, clock_now(), chosen.scheduler)
    return {
        "id": card.id,
        "flashcard_id": card.flashcard_id,
        "topic": card.flashcard.topic,
        "front": face.front,
        "back": face.back,
        "source": {"title": face.source.display, "url": face.source.url},
        "evidence": face.evidence,
        "state": "new" if memory.is_new else memory.state.value,
        "review_count": card.reps,
        "lapses": card.lapses,
        "leech": memory.is_leech,
        "due": card.due,
        "intervals": [
            {
                "rating": int(rating),
                "label": rating.label,
                "seconds": int(intervals[rating].total_seconds()),
                "text": format_interval(intervals[rating]),
            }
            for rating in Rating
        ],
    }


@blp.get("/flashcards/decks")
@blp.response(200, FlashcardDeckSchema(many=True))
def list_decks():
    """The decks the learner may study, with today's counts."""
    user_id = int(current_user.id)
    summaries = store.deck_summaries(user_id, clock_now(), store.preferences(user_id))
    return [
        {
            "key": str(summary.deck.key),
            "title": summary.deck.title,
            "description": summary.deck.description,
            "cards": summary.cards,
            "in_collection": summary.enrolled,
            "due": _due(summary.due),
        }
        for summary in summaries
    ]


@blp.get("/flashcards/next")
@blp.arguments(FlashcardNextQuerySchema, location="query")
@blp.response(200, FlashcardNextSchema)
def next_card(query: dict[str, Any]):
    """The card to study now (null when nothing is due) and what is left today."""
    user_id = int(current_user.id)
    deck = _deck(query.get("deck"))
    now = clock_now()
    chosen = store.preferences(user_id)
    day = store.study_day_of(user_id, now, chosen)
    queued = store.next_card(user_id, now, chosen, deck, day)
    return {
        "card": _card(queued.card, chosen) if queued else None,
        "due": _due(store.due_counts(user_id, now, chosen, deck, day)),
    }


@blp.post("/flashcards/cards/<int:card_id>/reviews")
@blp.arguments(FlashcardRatingSchema)
@blp.response(201, FlashcardReviewSchema)
@blp.alt_response(409, description="A repeated or stale rating: it changed nothing.")
def rate_card(body: dict[str, Any], card_id: int):
    """Rate a card. A rating for a review_count the card has moved past is refused with 409."""
    user_id = int(current_user.id)
    card = store.learner_card(user_id, card_id)
    if card is None:
        abort(404, message="No such card.")
    try:
        result = store.rate_card(
            card,
            Rating(body["rating"]),
            body["review_count"],
            clock_now(),
            store.preferences(user_id),
            duration_ms=body["duration_ms"],
        )
        db.session.commit()
    except (store.StaleReview, IntegrityError):
        db.session.rollback()
        abort(409, message=STALE, field="review_count")
    return {
        "card_id": card_id,
        "review_number": result.review_number,
        "rating": int(result.rating),
        "state": result.card.state.value,
        "interval_seconds": int(result.interval.total_seconds()),
        "interval": format_interval(result.interval),
        "due": result.card.due,
    }
