"""A short answer typed from memory, matched loosely against the accepted spellings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..answer_matching import matching_spelling
from .protocol import Parsed, ShownQuestion
from .reading import first, wrong_type


class ShortText:
    recall = True

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        return self.read_text(first(values))

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        return self.read_text(value) if isinstance(value, str) else wrong_type("a string")

    def read_text(self, text: str) -> Parsed:
        text = text.strip()
        if not text:
            return Parsed()
        if len(text) > 200:
            return Parsed(error="Keep the answer under 200 characters.")
        return Parsed(text)

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        spelling = matching_spelling(answer, response)
        return 0.0 if spelling is None else weights.get(spelling, 100) / 100

    def describe(self, value: Any) -> str:
        if not isinstance(value, Mapping):
            return str(value)
        others = [a for a in value["accept"] if a != value["answer"]]
        return value["answer"] + (f" (also accepted: {', '.join(others)})" if others else "")


RULES = ShortText()
