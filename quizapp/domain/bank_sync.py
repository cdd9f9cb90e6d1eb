"""Which stored bank items a sync adds, updates, keeps, or retires: decided by id and hash."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredItem:
    """What the database holds for an item: its content hash and whether it is retired."""

    content_hash: str
    retired: bool = False


@dataclass(frozen=True)
class SyncPlan:
    """Ids grouped by what a sync does to them. Each id appears in exactly one group."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    restored: tuple[str, ...]
    unchanged: tuple[str, ...]
    retired: tuple[str, ...]

    @property
    def changes_anything(self) -> bool:
        """Whether applying the plan writes to the database."""
        return bool(self.added or self.updated or self.restored or self.retired)


def plan_sync(stored: Mapping[str, StoredItem], incoming: Mapping[str, str]) -> SyncPlan:
    """Compare stored items with incoming content hashes (id -> hash).

    - added: ids never stored;
    - updated: stored ids whose content changed (their version is bumped);
    - restored: retired ids back with the same content (un-retired, same version);
    - unchanged: live ids with the same content;
    - retired: live ids no longer in the bank (kept, never deleted or reused).
    """
    added, updated, restored, unchanged = [], [], [], []
    for item_id, new_hash in incoming.items():
        old = stored.get(item_id)
        if old is None:
            added.append(item_id)
        elif old.content_hash != new_hash:
            updated.append(item_id)
        elif old.retired:
            restored.append(item_id)
        else:
            unchanged.append(item_id)
    retired = [
        item_id for item_id, old in stored.items() if item_id not in incoming and not old.retired
    ]
    return SyncPlan(
        added=tuple(sorted(added)),
        updated=tuple(sorted(updated)),
        restored=tuple(sorted(restored)),
        unchanged=tuple(sorted(unchanged)),
        retired=tuple(sorted(retired)),
    )
