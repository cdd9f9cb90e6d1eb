"""Moderating questions: whether a question may be drawn, and what its review state is.

A question is judged by its stable id, so the judgement survives a bank sync. The two marks
behave differently when the question's content changes (a new version):

- *suppressed* persists: a question withdrawn for a reason stays withdrawn until someone restores
  it, whatever the generator makes of it next; a new wording is not proof the problem is gone;
- *reviewed* belongs to the version that was read: once the content changes, the question is
  "changed since review" and needs reading again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .quiz_rules import Candidate

REASON_MAX_LENGTH = 2000


class ReviewState(StrEnum):
    NOT_REVIEWED = "not reviewed"
    REVIEWED = "reviewed"
    CHANGED_SINCE_REVIEW = "changed since review"
    SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Judgement:
    """What has been decided about a question: suppressed or not, and which version was read."""

    suppressed: bool = False
    reviewed_version: int | None = None


def review_state(judgement: Judgement | None, current_version: int) -> ReviewState:
    """The state a reviewer reads for the question's current version (suppression comes first)."""
    if judgement is None:
        return ReviewState.NOT_REVIEWED
    if judgement.suppressed:
        return ReviewState.SUPPRESSED
    if judgement.reviewed_version is None:
        return ReviewState.NOT_REVIEWED
    if judgement.reviewed_version == current_version:
        return ReviewState.REVIEWED
    return ReviewState.CHANGED_SINCE_REVIEW


def drawable(candidates: Sequence[Candidate], suppressed_ids: Collection[str]) -> list[Candidate]:
    """The candidates a quiz may draw: every one not suppressed."""
    return [candidate for candidate in candidates if candidate.id not in suppressed_ids]
