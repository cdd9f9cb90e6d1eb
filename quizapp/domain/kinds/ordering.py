"""Items to put in order; each item in its place earns its share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .protocol import Parsed, ShownQuestion
from .reading import by_index, is_list_of_strings, wrong_type


class Ordering:
    recall = False

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        items = question.choices
        chosen = {index: v for index, v in by_index(extra).items() if v}
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

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        if not is_list_of_strings(value):
            return wrong_type("a list of the items in order")
        if sorted(value) != sorted(question.choices):
            return Parsed(error="List every item exactly once.")
        return Parsed(list(value))

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        # An incomplete order (item -> position, saved while answering) earns nothing.
        if not isinstance(response, list) or sorted(response) != sorted(answer):
            return 0.0
        in_place = sum(1 for a, b in zip(answer, response, strict=True) if a == b)
        return in_place / len(answer)

    def describe(self, value: Any) -> str:
        if isinstance(value, Mapping):
            placed = sorted(value.items(), key=lambda pair: pair[1])
            return "Incomplete order: " + "; ".join(f"{n}. {item}" for item, n in placed)
        return " → ".join(value)


RULES = Ordering()
