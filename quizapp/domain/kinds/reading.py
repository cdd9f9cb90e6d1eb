"""Reading steps that several kinds share: one choice, several choices, per-item fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..numbers import parse_digits
from .protocol import Parsed, ShownQuestion


def first(values: Sequence[str]) -> str:
    """The main field's value, or "" when the form sent none."""
    return values[0] if values else ""


def by_index(fields: Mapping[str, str]) -> dict[int, str]:
    """Per-item fields keyed by item index; names that are not a small plain index are ignored."""
    indexed = {}
    for name, value in fields.items():
        index = parse_digits(name, max_length=4)
        if index is not None:
            indexed[index] = value
    return indexed


def wrong_type(expected: str) -> Parsed:
    return Parsed(error=f"Send {expected}.")


def is_list_of_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def one_choice(question: ShownQuestion, value: str) -> Parsed:
    if not value:
        return Parsed()
    if value not in question.choices:
        return Parsed(error="Choose one of the options shown.")
    return Parsed(value)


def many_choices(question: ShownQuestion, values: Sequence[str]) -> Parsed:
    if not values:
        return Parsed()
    if any(value not in question.choices for value in values):
        return Parsed(error="Choose only among the options shown.")
    # Kept in the order shown, so the same selection is always stored the same way.
    return Parsed([choice for choice in question.choices if choice in values])
