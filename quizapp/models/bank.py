"""The question bank as stored: facts, questions, flashcards, and every version of each."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, string_enum, utcnow


class ItemType(enum.StrEnum):
    FACT = "fact"
    QUESTION = "question"
    FLASHCARD = "flashcard"


class VersionedItem:
    """Columns shared by bank items: stable id, current content, version, retirement.

    An id is never reused: an item removed from the bank is retired, not deleted, so attempts and
    reviews that point at it keep their history. Each content change bumps `version` and stores a
    snapshot in `item_versions`.
    """

    id: Mapped[str] = mapped_column(String(160), primary_key=True)
    topic: Mapped[str] = mapped_column(String(20), index=True)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]


class Fact(VersionedItem, db.Model):
    __tablename__ = "facts"

    kind: Mapped[str] = mapped_column(String(20))


class Question(VersionedItem, db.Model):
    """A bank question (generated or hand-written) or, with `set_id`, a teacher's question."""

    __tablename__ = "questions"

    kind: Mapped[str] = mapped_column(String(20), index=True)
    set_id: Mapped[int | None] = mapped_column(ForeignKey("question_sets.id"), index=True)


class Flashcard(VersionedItem, db.Model):
    """A card's content: from a bank fact (`fact_id`), or from a set question (no fact)."""

    __tablename__ = "flashcards"

    fact_id: Mapped[str | None] = mapped_column(ForeignKey("facts.id"), index=True)


QUESTION_CARD_PREFIX = "card."


def question_card_id(question_id: str) -> str:
    """The id of the flashcard made from a set question: stable, as the question's is."""
    return QUESTION_CARD_PREFIX + question_id


class ItemVersion(db.Model):
    """The content of one version of a bank item, kept for as long as anything refers to it."""

    __tablename__ = "item_versions"
    __table_args__ = (UniqueConstraint("item_type", "item_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_type: Mapped[ItemType] = mapped_column(string_enum(ItemType))
    item_id: Mapped[str] = mapped_column(String(160))
    version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def of(cls, item_type: ItemType, row: VersionedItem, now: datetime) -> ItemVersion:
        """A snapshot of the row's current version."""
        return cls(
            item_type=item_type,
            item_id=row.id,
            version=row.version,
            content_hash=row.content_hash,
            content=row.content,
            created_at=now,
        )
