"""Turning what a student sent into a response value, or a message saying what is wrong.

The same rules serve the HTML form (field values as strings) and the JSON API (plain JSON values).
See `grading.py` for the shape of a response per question kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .kinds import KINDS, Parsed, ShownQuestion
from .questions import QuestionKind

__all__ = [
    "Parsed",
    "ShownQuestion",
    "is_partial_order",
    "ordering_hint",
    "parse_form_response",
    "parse_json_response",
    "partial_order_error",
]

CANNOT_ANSWER = Parsed(error="This kind of question cannot be answered here.")


def parse_form_response(
    question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
) -> Parsed:
    """Parse an HTML form's values for one question.

    `values` are the values of the question's main field (radio, checkboxes, text input);
    `extra` maps the per-item fields of ordering ("position of item i") and matching ("match for
    left i") by their index as a string.
    """
    rules = KINDS.get(question.kind)
    return CANNOT_ANSWER if rules is None else rules.read_form(question, values, extra)


def parse_json_response(question: ShownQuestion, value: Any) -> Parsed:
    """Parse a JSON API value for one question (null leaves it unanswered)."""
    if value is None:
        return Parsed()
    rules = KINDS.get(question.kind)
    return CANNOT_ANSWER if rules is None else rules.read_json(question, value)


def is_partial_order(kind: QuestionKind, response: Any) -> bool:
    """Whether a response is an ordering still being worked on (item -> position, incomplete)."""
    return kind is QuestionKind.ORDERING and isinstance(response, Mapping)


def partial_order_error(item_count: int) -> str:
    return f"Give each item a different position from 1 to {item_count}."


def ordering_hint(prompt: str) -> str:
    """How to number the items, in the direction the question asks for (1 comes first)."""
    text = prompt.casefold()
    if "earliest first" in text or "chronological" in text:
        return "1 for the earliest"
    if "latest first" in text or "most recent first" in text:
        return "1 for the latest"
    return "1 for the item that comes first in the order the question asks for"
