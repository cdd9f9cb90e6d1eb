"""What a question is, whatever made it: its kind, and its content read once from the stored dict.

Bank questions (`generation`) and teachers' set questions (`interchange`) are stored as the same
JSON-able content; `QuestionContent` is that content typed, so nothing downstream looks keys up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class QuestionKind(StrEnum):
    """How a question is asked and graded."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    YEAR = "year"
    NUMERIC = "numeric"
    SHORT_TEXT = "short_text"
    ORDERING = "ordering"
    MATCHING = "matching"
    WHO_SAID_IT = "who_said_it"


@dataclass(frozen=True)
class QuestionContent:
    """A stored question's content; `answer`'s shape depends on the kind (see `grading`)."""

    kind: QuestionKind
    answer: Any
    prompt: str = ""
    choices: tuple[str, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    """Percentages per choice or spelling (Moodle's grading; see `interchange`)."""
    fact_ids: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, content: Mapping[str, Any]) -> QuestionContent:
        """The content as stored (`Question.as_dict`, a set question's dict); KeyError or
        ValueError when it has no kind or answer, or an unknown kind."""
        return cls(
            kind=QuestionKind(content["kind"]),
            answer=content["answer"],
            prompt=content.get("prompt", ""),
            choices=tuple(content.get("choices") or ()),
            weights=dict(content.get("weights") or {}),
            fact_ids=tuple(content.get("fact_ids") or ()),
        )
