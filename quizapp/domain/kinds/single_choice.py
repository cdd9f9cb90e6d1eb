"""One choice among those shown; weights give other choices partial credit (Moodle's way)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .protocol import Parsed, ShownQuestion
from .reading import first, one_choice, wrong_type


class SingleChoice:
    recall = False

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        return one_choice(question, first(values))

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        return one_choice(question, value) if isinstance(value, str) else wrong_type("a string")

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        return 1.0 if response == answer else weights.get(response, 0) / 100

    def describe(self, value: Any) -> str:
        return str(value)


RULES = SingleChoice()
