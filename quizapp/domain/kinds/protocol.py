"""The protocol every question kind implements, and the values it reads responses into."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..questions import QuestionKind


@dataclass(frozen=True)
class ShownQuestion:
    """What the student is shown of a question: never its answer."""

    kind: QuestionKind
    choices: tuple[str, ...]
    """Choices in the order shown (ordering: the items; matching: the right-hand options)."""
    lefts: tuple[str, ...] = ()
    """Matching only: the left-hand items, each to be paired with one choice."""


@dataclass(frozen=True)
class Parsed:
    """A parsed response (None: left unanswered) or the reason it cannot be accepted."""

    response: Any = None
    error: str | None = None


class KindRules(Protocol):
    """How one kind of question reads a response, grades it and describes it.

    A response is what the student sent, parsed into plain values (see `grading` for the shape
    per kind). `grade` may raise on a response of the wrong shape; `grading.grade` scores that 0.
    """

    recall: bool
    """Whether a correct answer shows recall (typed from memory) rather than recognition."""

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        """An HTML form's values for the question: its main field's `values`, and the per-item
        fields (ordering positions, matching choices) in `extra` by item index."""
        ...

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        """A JSON API value for the question (never None: the caller reads that as unanswered)."""
        ...

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        """The unclamped score of a (non-None) response for a question with this answer."""
        ...

    def describe(self, value: Any) -> str:
        """A (non-None) response or correct answer in words, for a result page or a card."""
        ...
