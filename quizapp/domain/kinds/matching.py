"""Left-hand items each paired with one of the right-hand options shown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .protocol import Parsed, ShownQuestion
from .reading import by_index, wrong_type


class Matching:
    recall = False

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        return self.read_pairs(question, by_index(extra))

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        if not isinstance(value, dict):
            return wrong_type("an object mapping each left item to its match")
        indexed = {}
        for left, right in value.items():
            if left not in question.lefts or not isinstance(right, str):
                return Parsed(error=f"Unknown item {left!r} or a match that is not a string.")
            indexed[question.lefts.index(left)] = right
        return self.read_pairs(question, indexed)

    def read_pairs(self, question: ShownQuestion, chosen: Mapping[int, str]) -> Parsed:
        chosen = {index: right for index, right in chosen.items() if right}
        if not chosen:
            return Parsed()
        if any(index >= len(question.lefts) for index in chosen):
            return Parsed(error="Match only the items shown.")
        if any(right not in question.choices for right in chosen.values()):
            return Parsed(error="Choose each match among the options shown.")
        return Parsed({question.lefts[index]: right for index, right in sorted(chosen.items())})

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        right = sum(1 for left, right_side in answer if response.get(left) == right_side)
        return right / len(answer)

    def describe(self, value: Any) -> str:
        pairs = value.items() if isinstance(value, Mapping) else value
        return "; ".join(f"{left} → {right}" for left, right in pairs)


RULES = Matching()
