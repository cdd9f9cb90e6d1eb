"""Every right choice among those shown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .protocol import Parsed, ShownQuestion
from .reading import is_list_of_strings, many_choices, wrong_type


class MultipleChoice:
    recall = False

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        return many_choices(question, [v for v in values if v])

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        if not is_list_of_strings(value):
            return wrong_type("a list of strings")
        return many_choices(question, value)

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        if weights:
            return sum(weights.get(choice, 0) for choice in set(response)) / 100
        # Each right choice earns its share; each wrong one takes a share away, never below
        # zero, so ticking every box is not a winning strategy.
        right = set(answer)
        picked = set(response)
        earned = len(picked & right) - len(picked - right)
        return max(0.0, earned / len(right))

    def describe(self, value: Any) -> str:
        return "; ".join(value)


RULES = MultipleChoice()
