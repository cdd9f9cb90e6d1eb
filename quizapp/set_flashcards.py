"""Flashcards made from teachers' set questions: one card per question, kept in step with it.

A set question's card is `card.<question id>`: the prompt on the front, the correct answer in
words and the explanation on the back. It has no fact, so sibling burying leaves it alone. Like a
bank card, it is versioned (a new version and an `ItemVersion` snapshot whenever its content
changes) and retired, never deleted, so learners' cards and reviews stay attached to it.
Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from .attempt_display import describe
from .domain.bank import content_hash
from .domain.generation import QuestionKind
from .models import Flashcard, ItemType, ItemVersion, Question, QuestionReview, QuestionSet, db
from .models.bank import question_card_id


def card_content(question: Question) -> dict[str, Any]:
    """The card a set question makes, in a bank card's shape (plus its Markdown switch)."""
    content = question.content
    answer = describe(QuestionKind(content["kind"]), content["answer"])
    explanation = (content.get("explanation") or "").strip()
    return {
        "id": question_card_id(question.id),
        "fact_id": None,
        "topic": question.topic,
        "tags": list(question.tags),
        "front": content["prompt"],
        "back": f"{answer}\n\n{explanation}" if explanation else answer,
        "source": dict(content["source"]),
        "evidence": content.get("evidence", ""),
        # Teachers write prompts and explanations in Markdown; the review page renders it safely.
        "markdown": bool(content.get("markdown")),
    }


def sync_set_flashcards(
    question_set: QuestionSet, now: datetime, questions: Iterable[Question] | None = None
) -> None:
    """Bring the cards of the set's questions in line with them: of `questions` when given (some
    of the set's), else of every question the set ever had, retired ones included.
    """
    if questions is None:
        questions = db.session.scalars(
            select(Question).where(Question.set_id == question_set.id).order_by(Question.id)
        )
    questions = list(questions)
    if not questions:
        return
    card_ids = [question_card_id(question.id) for question in questions]
    stored = {
        card.id: card
        for card in db.session.scalars(select(Flashcard).where(Flashcard.id.in_(card_ids)))
    }
    suppressed = set(
        db.session.scalars(
            QuestionReview.suppressed_ids().where(
                QuestionReview.question_id.in_([question.id for question in questions])
            )
        )
    )
    for question in questions:
        # A suppressed question is not served as practice either: its card is retired with it.
        live = (
            question.retired_at is None
            and question_set.deleted_at is None
            and question.id not in suppressed
        )
        card = stored.get(question_card_id(question.id))
        if not live:
            if card is not None and card.retired_at is None:
                card.retired_at = now
            continue
        content = card_content(question)
        digest = content_hash(content)
        if card is None:
            card = Flashcard(id=content["id"], fact_id=None, version=1)
            db.session.add(card)
        elif card.content_hash == digest:
            card.retired_at = None
            continue
        else:
            card.version += 1
        card.topic = question.topic
        card.tags = list(question.tags)
        card.content = content
        card.content_hash = digest
        card.updated_at = now
        card.retired_at = None
        db.session.add(ItemVersion.of(ItemType.FLASHCARD, card, now))
    db.session.flush()
