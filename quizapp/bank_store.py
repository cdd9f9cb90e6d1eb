"""The question bank in the database: reading the bank files and syncing them in by stable id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, select, true

from .domain.bank import BankLoad
from .domain.bank_sync import StoredItem, SyncPlan, plan_sync
from .domain.generation import generate_flashcards, generate_questions
from .domain.periods import read_bank_files
from .models import Fact, Flashcard, ItemType, ItemVersion, Question, VersionedItem, db


def read_bank(directory: Path) -> BankLoad:
    """Parse every `*.toml` file in the directory (names relative to it), periods included."""
    files = {
        path.name: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.toml"))
    }
    return read_bank_files(files)


@dataclass(frozen=True)
class Incoming:
    """One item as the bank now has it: its row columns and full content."""

    id: str
    columns: dict[str, Any]
    content: dict[str, Any]
    content_hash: str


def incoming_items(load: BankLoad, seed: int) -> dict[ItemType, list[Incoming]]:
    """Facts, generated questions and flashcards of a parsed bank, ready to store."""
    bank = load.bank
    return {
        ItemType.FACT: [
            Incoming(f.id, _columns(f, kind=f.kind.value), f.as_dict(), f.content_hash)
            for f in bank.facts
        ],
        ItemType.QUESTION: [
            Incoming(q.id, _columns(q, kind=q.kind.value), q.as_dict(), q.content_hash)
            for q in generate_questions(bank, seed)
        ],
        ItemType.FLASHCARD: [
            Incoming(c.id, _columns(c, fact_id=c.fact_id), c.as_dict(), c.content_hash)
            for c in generate_flashcards(bank)
        ],
    }


def _columns(item: Any, **extra: str) -> dict[str, Any]:
    return {"topic": item.topic.value, "tags": list(item.tags), **extra}


MODELS: dict[ItemType, type[VersionedItem]] = {
    ItemType.FACT: Fact,
    ItemType.QUESTION: Question,
    ItemType.FLASHCARD: Flashcard,
}
# Teachers' set questions and their flashcards share the tables but not the bank files: a sync
# must not see them, or it would retire every one as "no longer in the bank".
BANK_ROWS: dict[ItemType, ColumnElement[bool]] = {
    ItemType.FACT: true(),
    ItemType.QUESTION: Question.set_id.is_(None),
    ItemType.FLASHCARD: Flashcard.fact_id.is_not(None),
}


def sync_bank(
    items: dict[ItemType, list[Incoming]],
    now: datetime,
    advance: Callable[[int], None] = lambda steps: None,
) -> dict[ItemType, SyncPlan]:
    """Bring the stored bank in line with `items`; the caller commits.

    Facts go first so flashcards can refer to them. `advance` is told how many items were handled.
    """
    plans = {}
    for item_type in (ItemType.FACT, ItemType.QUESTION, ItemType.FLASHCARD):
        plans[item_type] = _sync_one_type(item_type, items[item_type], now)
        advance(len(items[item_type]))
    return plans


def _sync_one_type(item_type: ItemType, incoming: Iterable[Incoming], now: datetime) -> SyncPlan:
    model = MODELS[item_type]
    by_id = {item.id: item for item in incoming}
    stored_rows = {
        row.id: row for row in db.session.scalars(select(model).where(BANK_ROWS[item_type]))
    }
    plan = plan_sync(
        {
            row_id: StoredItem(row.content_hash, row.retired_at is not None)
            for row_id, row in stored_rows.items()
        },
        {item_id: item.content_hash for item_id, item in by_id.items()},
    )
    for item_id in plan.added:
        item = by_id[item_id]
        row = model(
            id=item.id,
            content=item.content,
            content_hash=item.content_hash,
            version=1,
            updated_at=now,
            **item.columns,
        )
        db.session.add(row)
        db.session.add(ItemVersion.of(item_type, row, now))
    for item_id in plan.updated:
        item, row = by_id[item_id], stored_rows[item_id]
        row.version += 1
        row.content = item.content
        row.content_hash = item.content_hash
        row.updated_at = now
        row.retired_at = None
        for column, value in item.columns.items():
            setattr(row, column, value)
        db.session.add(ItemVersion.of(item_type, row, now))
    for item_id in plan.restored:
        stored_rows[item_id].retired_at = None
    for item_id in plan.retired:
        stored_rows[item_id].retired_at = now
    # Rows must exist before the next type's foreign keys point at them.
    db.session.flush()
    return plan
