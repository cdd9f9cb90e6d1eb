"""Turning what a student sent into a response value, or a message saying what is wrong.

The same rules serve the HTML form (field values as strings) and the JSON API (plain JSON values).
See `grading.py` for the shape of a response per question kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .generation import QuestionKind
from .grading import parse_number
from .numbers import parse_digits


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


def parse_form_response(
    question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
) -> Parsed:
    """Parse an HTML form's values for one question.

    `values` are the values of the question's main field (radio, checkboxes, text input);
    `extra` maps the per-item fields of ordering ("position of item i") and matching ("match for
    left i") by their index as a string.
    """
    kind = question.kind
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.WHO_SAID_IT):
        return _one_choice(question, values[0] if values else "")
    if kind is QuestionKind.MULTIPLE_CHOICE:
        return _many_choices(question, [v for v in values if v])
    if kind is QuestionKind.TRUE_FALSE:
        text = values[0] if values else ""
        if not text:
            return Parsed()
        if text not in ("true", "false"):
            return Parsed(error="Choose true or false.")
        return Parsed(text == "true")
    if kind in (QuestionKind.NUMERIC, QuestionKind.YEAR):
        return _number(values[0] if values else "", kind)
    if kind is QuestionKind.SHORT_TEXT:
        return _text(values[0] if values else "")
    if kind is QuestionKind.ORDERING:
        return _ordering_positions(question, extra)
    if kind is QuestionKind.MATCHING:
        return _matching(question, _by_index(extra))
    return Parsed(error="This kind of question cannot be answered here.")


def parse_json_response(question: ShownQuestion, value: Any) -> Parsed:
    """Parse a JSON API value for one question (null leaves it unanswered)."""
    if value is None:
        return Parsed()
    kind = question.kind
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.WHO_SAID_IT):
        return _one_choice(question, value) if isinstance(value, str) else _wrong_type("a string")
    if kind is QuestionKind.MULTIPLE_CHOICE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _wrong_type("a list of strings")
        return _many_choices(question, value)
    if kind is QuestionKind.TRUE_FALSE:
        return Parsed(value) if isinstance(value, bool) else _wrong_type("true or false")
    if kind in (QuestionKind.NUMERIC, QuestionKind.YEAR):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return _wrong_type("a number")
        return _number(str(value), kind)
    if kind is QuestionKind.SHORT_TEXT:
        return _text(value) if isinstance(value, str) else _wrong_type("a string")
    if kind is QuestionKind.ORDERING:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _wrong_type("a list of the items in order")
        if sorted(value) != sorted(question.choices):
            return Parsed(error="List every item exactly once.")
        return Parsed(list(value))
    if kind is QuestionKind.MATCHING:
        if not isinstance(value, dict):
            return _wrong_type("an object mapping each left item to its match")
        indexed = {}
        for left, right in value.items():
            if left not in question.lefts or not isinstance(right, str):
                return Parsed(error=f"Unknown item {left!r} or a match that is not a string.")
            indexed[question.lefts.index(left)] = right
        return _matching(question, indexed)
    return Parsed(error="This kind of question cannot be answered here.")


def _by_index(fields: Mapping[str, str]) -> dict[int, str]:
    """Per-item fields keyed by item index; names that are not a small plain index are ignored."""
    indexed = {}
    for name, value in fields.items():
        index = parse_digits(name, max_length=4)
        if index is not None:
            indexed[index] = value
    return indexed


def _wrong_type(expected: str) -> Parsed:
    return Parsed(error=f"Send {expected}.")


def _one_choice(question: ShownQuestion, value: str) -> Parsed:
    if not value:
        return Parsed()
    if value not in question.choices:
        return Parsed(error="Choose one of the options shown.")
    return Parsed(value)


def _many_choices(question: ShownQuestion, values: Sequence[str]) -> Parsed:
    if not values:
        return Parsed()
    if any(value not in question.choices for value in values):
        return Parsed(error="Choose only among the options shown.")
    # Kept in the order shown, so the same selection is always stored the same way.
    return Parsed([choice for choice in question.choices if choice in values])


def _number(text: str, kind: QuestionKind) -> Parsed:
    if not text.strip():
        return Parsed()
    value = parse_number(text)
    if value is None:
        what = "a year, such as 1994" if kind is QuestionKind.YEAR else "a number, such as 1,050"
        return Parsed(error=f"Enter {what}.")
    if kind is QuestionKind.YEAR and not value.is_integer():
        return Parsed(error="Enter a whole year, such as 1994.")
    return Parsed(int(value) if value.is_integer() else value)


def _text(text: str) -> Parsed:
    text = text.strip()
    if not text:
        return Parsed()
    if len(text) > 200:
        return Parsed(error="Keep the answer under 200 characters.")
    return Parsed(text)


def _ordering_positions(question: ShownQuestion, positions: Mapping[str, str]) -> Parsed:
    items = question.choices
    chosen = {index: v for index, v in _by_index(positions).items() if v}
    if not chosen:
        return Parsed()
    expected = {str(n) for n in range(1, len(items) + 1)}
    if any(index >= len(items) for index in chosen) or not set(chosen.values()) <= expected:
        return Parsed(error=f"Choose positions from 1 to {len(items)} for the items shown.")
    if len(chosen) != len(items) or set(chosen.values()) != expected:
        # Kept while the student works; a complete order is asked for at submission.
        return Parsed({items[index]: int(chosen[index]) for index in sorted(chosen)})
    order = sorted(range(len(items)), key=lambda index: int(chosen[index]))
    return Parsed([items[index] for index in order])


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


def _matching(question: ShownQuestion, chosen: Mapping[int, str]) -> Parsed:
    chosen = {index: right for index, right in chosen.items() if right}
    if not chosen:
        return Parsed()
    if any(index >= len(question.lefts) for index in chosen):
        return Parsed(error="Match only the items shown.")
    if any(right not in question.choices for right in chosen.values()):
        return Parsed(error="Choose each match among the options shown.")
    return Parsed({question.lefts[index]: right for index, right in sorted(chosen.items())})
