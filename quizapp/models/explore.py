"""What the explore pages read besides the facts: the bank's periods, the search index, and the
decks learners made from explore selections."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow

# Full-text search objects made by the migration for one database only (an SQLite FTS5 table and
# its shadow tables; a PostgreSQL tsvector index). They are not in the models' metadata, so
# autogenerate must leave them alone.
SEARCH_FTS_TABLE = "search_entries_fts"
SEARCH_TSVECTOR_INDEX = "ix_search_entries_document"


def is_database_specific_search_object(name: str | None) -> bool:
    return bool(name) and (name == SEARCH_TSVECTOR_INDEX or str(name).startswith(SEARCH_FTS_TABLE))


class BankPeriod(db.Model):
    """A period of the bank's timeline (question_bank/periods.toml), in bank order."""

    __tablename__ = "bank_periods"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int]
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))


class SearchEntry(db.Model):
    """One live fact as search sees it: a title (every name it goes by) and its words, as shown,
    and both folded for matching (`search_text.fold`: no accents, case folded) so that SQLite
    and PostgreSQL match the same way whatever their locale."""

    __tablename__ = "search_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    fact_id: Mapped[str] = mapped_column(ForeignKey("facts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    folded_title: Mapped[str] = mapped_column(Text)
    folded_body: Mapped[str] = mapped_column(Text)


class ExploreDeck(db.Model):
    """A flashcard deck a learner made from an explore selection (a period, person, place...)."""

    __tablename__ = "explore_decks"
    __table_args__ = (UniqueConstraint("user_id", "selection"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    selection: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
