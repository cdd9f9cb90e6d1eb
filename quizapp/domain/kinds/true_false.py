"""A statement to judge true or false."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .protocol import Parsed, ShownQuestion
from .reading import first, wrong_type


class TrueFalse:
    recall = False

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        text = first(values)
        if not text:
            return Parsed()
        if text not in ("true", "false"):
            return Parsed(error="Choose true or false.")
        return Parsed(text == "true")

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        return Parsed(value) if isinstance(value, bool) else wrong_type("true or false")

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        return 1.0 if response is answer else 0.0

    def describe(self, value: Any) -> str:
        return "True" if value else "False"


RULES = TrueFalse()
