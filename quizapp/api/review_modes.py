"""Flashcard review modes over JSON: the next card asked in a mode, and answering it.

A card asked to be typed or chosen comes without its answer (choose: four options, none marked);
the answer, its grade and the new schedule come back once the learner has answered.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_login import current_user
from flask_smorest import abort
from sqlalchemy.exc import IntegrityError

from .. import flashcard_store as cards
from ..clock import now as clock_now
from ..domain.generation import Flashcard as CardFace
from ..domain.review_modes import (
    ModeQuestion,
    ReviewMode,
    choice_outcome,
    grade_typed,
    learn_step,
    parse_choice,
    parse_typed,
)
from ..domain.scheduling import format_interval
from ..models import MAX_INTEGER, LearnerCard, ReviewLog, db
from ..review_modes import store
from .blueprint import ApiBlueprint
from .flashcards import STALE, FlashcardDueSchema, FlashcardSourceSchema, _deck, _due

blp = ApiBlueprint(
    "api_review_modes",
    __name__,
    description="Flashcard review modes: type the answer, or choose it among four options.",
)

MODES = [mode.value for mode in ReviewMode]


class AskedCardSchema(ma.Schema):
    id = ma.fields.Integer()
    mode = ma.fields.String(
        metadata={"description": "The mode the card is asked in: flip, type or choose."}
    )
    learn_step = ma.fields.String(metadata={"description": "choose, type or scheduled."})
    review_count = ma.fields.Integer(
        metadata={"description": "Send it back with the answer: it makes the answer count once."}
    )
    state = ma.fields.String()
    prompt = ma.fields.String(
        metadata={"description": "What to answer (flip: the card's front; rate it with /reviews)."}
    )
    kind = ma.fields.String(
        allow_none=True, metadata={"description": "short_text, year or numeric; choices."}
    )
    options = ma.fields.List(
        ma.fields.String(), metadata={"description": "Choose mode: four options, none marked."}
    )


class AskedSchema(ma.Schema):
    card = ma.fields.Nested(AskedCardSchema, allow_none=True)
    due = ma.fields.Nested(FlashcardDueSchema)


class AskedQuerySchema(ma.Schema):
    deck = ma.fields.String(load_default=None)
    mode = ma.fields.String(
        load_default=None,
        validate=ma.validate.OneOf(MODES, error="Ask for flip, type or choose."),
        metadata={"description": "The session's mode; the learner's setting if omitted."},
    )


class ModeAnswerSchema(ma.Schema):
    mode = ma.fields.String(
        required=True, validate=ma.validate.OneOf(["type", "choose"], error="Send type or choose.")
    )
    answer = ma.fields.Raw(
        required=True,
        allow_none=True,
        metadata={"description": "The typed text (or number), or the option chosen."},
    )
    review_count = ma.fields.Integer(required=True, validate=ma.validate.Range(0, MAX_INTEGER))
    duration_ms = ma.fields.Integer(load_default=None, validate=ma.validate.Range(0, MAX_INTEGER))


class DiffPartSchema(ma.Schema):
    text = ma.fields.String()
    kind = ma.fields.String(metadata={"description": "same, extra (typed only), missing."})


class GradedAnswerSchema(ma.Schema):
    answer_id = ma.fields.Integer(metadata={"description": "The review log entry."})
    card_id = ma.fields.Integer()
    mode = ma.fields.String()
    response = ma.fields.String()
    correct = ma.fields.Boolean()
    expected = ma.fields.String()
    diff = ma.fields.List(ma.fields.Nested(DiffPartSchema))
    rating = ma.fields.Integer(
        allow_none=True, metadata={"description": "null: a new card recognised, not rated."}
    )
    source = ma.fields.String(metadata={"description": "typed or recognition."})
    learn_step = ma.fields.String()
    review_number = ma.fields.Integer()
    due = ma.fields.DateTime()
    interval = ma.fields.String()
    back = ma.fields.String()
    source_of_card = ma.fields.Nested(FlashcardSourceSchema)


def _asked(card: LearnerCard, mode: ReviewMode, question: ModeQuestion | None) -> dict[str, Any]:
    memory = card.memory()
    return {
        "id": card.id,
        "mode": mode.value,
        "learn_step": learn_step(card.reps == 0, card.recognised_at is not None).value,
        "review_count": card.reps,
        "state": "new" if memory.is_new else memory.state.value,
        "prompt": question.prompt if question else CardFace.from_dict(card.flashcard.content).front,
        "kind": question.kind.value if question else None,
        "options": list(question.options) if question else [],
    }


@blp.get("/flashcards/asked")
@blp.arguments(AskedQuerySchema, location="query")
@blp.response(200, AskedSchema)
def next_asked(query: dict[str, Any]):
    """The card to study now, asked in the session's mode (never with its answer)."""
    user_id = int(current_user.id)
    deck = _deck(query.get("deck"))
    now = clock_now()
    chosen = cards.preferences(user_id)
    day = cards.study_day_of(user_id, now, chosen)
    queued = cards.next_card(user_id, now, chosen, deck, day)
    asked = None
    if queued is not None:
        mode, question = store.card_mode(
            queued.card, store.session_mode(query.get("mode"), user_id)
        )
        asked = _asked(queued.card, mode, question)
    return {"card": asked, "due": _due(cards.due_counts(user_id, now, chosen, deck, day))}


@blp.post("/flashcards/cards/<int:card_id>/answers")
@blp.arguments(ModeAnswerSchema)
@blp.response(201, GradedAnswerSchema)
@blp.alt_response(409, description="A repeated or stale answer: it changed nothing.")
@blp.alt_response(422, description="An empty, malformed or unknown answer: it changed nothing.")
def answer_card(body: dict[str, Any], card_id: int):
    """Answer a card in type or choose mode; the grade, the answer and the schedule come back."""
    user_id = int(current_user.id)
    card = cards.learner_card(user_id, card_id)
    if card is None:
        abort(404, message="No such card.")
    mode = ReviewMode(body["mode"])
    question = store.questions_for(card).get(mode)
    if question is None:
        abort(422, message=f"This card cannot be asked in {mode.value} mode.", field="mode")
    now, chosen = clock_now(), cards.preferences(user_id)
    was_new = card.reps == 0
    try:
        if mode is ReviewMode.TYPE:
            graded = _typed(card, question, body, now, chosen)
        else:
            graded = _chosen(card, question, body, now, chosen)
        db.session.commit()
    except (cards.StaleReview, IntegrityError):
        db.session.rollback()
        abort(409, message=STALE, field="review_count")
    log, grade_fields = graded
    face = CardFace.from_dict(card.flashcard.content)
    return {
        "answer_id": log.id,
        "card_id": card.id,
        "mode": mode.value,
        "response": log.response,
        **grade_fields,
        "rating": None if was_new and log.review_number == 0 else log.rating,
        "source": log.source.value,
        "learn_step": learn_step(card.reps == 0, card.recognised_at is not None).value,
        "review_number": log.review_number,
        "due": log.due,
        "interval": format_interval(log.due - log.reviewed_at),
        "back": face.back,
        "source_of_card": {"title": face.source.display, "url": face.source.url},
    }


def _typed(card, question, body, now, chosen) -> tuple[ReviewLog, dict[str, Any]]:
    parsed = parse_typed(question.kind, body["answer"], from_json=True)
    if parsed.error:
        abort(422, message=parsed.error, field="answer")
    text = str(body["answer"]).strip()
    grade = grade_typed(question.kind, question.answer, text, parsed.response)
    _, log = store.record_typed(
        card, grade, text, body["review_count"], now, chosen, body["duration_ms"]
    )
    diff = [{"text": part.text, "kind": part.kind} for part in grade.diff]
    return log, {"correct": grade.correct, "expected": grade.expected, "diff": diff}


def _chosen(card, question, body, now, chosen) -> tuple[ReviewLog, dict[str, Any]]:
    parsed = parse_choice(question.options, body["answer"])
    if parsed.error:
        abort(422, message=parsed.error, field="answer")
    outcome = choice_outcome(parsed.response == question.answer, is_new=card.reps == 0)
    _, log = store.record_choice(
        card, outcome, parsed.response, body["review_count"], now, chosen, body["duration_ms"]
    )
    return log, {"correct": outcome.correct, "expected": question.answer, "diff": []}
