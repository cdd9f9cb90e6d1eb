"""A number typed from memory, right within a tolerance; further ranges may earn partial credit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..answer_matching import matching_range, parse_number
from .protocol import Parsed, ShownQuestion
from .reading import first, wrong_type


class Numeric:
    recall = True
    example = "a number, such as 1,050"

    def read_form(
        self, question: ShownQuestion, values: Sequence[str], extra: Mapping[str, str]
    ) -> Parsed:
        return self.read_number(first(values))

    def read_json(self, question: ShownQuestion, value: Any) -> Parsed:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return wrong_type("a number")
        return self.read_number(str(value))

    def read_number(self, text: str) -> Parsed:
        if not text.strip():
            return Parsed()
        value = parse_number(text)
        if value is None:
            return Parsed(error=f"Enter {self.example}.")
        return self.accepted(value)

    def accepted(self, value: float) -> Parsed:
        return Parsed(int(value) if value.is_integer() else value)

    def grade(self, answer: Any, response: Any, weights: Mapping[str, float]) -> float:
        found = matching_range(answer, float(response))
        if found is None:
            return 0.0
        return 1.0 if found == 0 else answer["ranges"][found - 1]["weight"] / 100

    def describe(self, value: Any) -> str:
        if not isinstance(value, Mapping):
            return f"{value:g}" if isinstance(value, float) else str(value)
        text = f"{value['value']:g}"
        if value.get("tolerance"):
            text += f" (answers within ±{value['tolerance']:g} count)"
        if value.get("unit"):
            text += f" {value['unit']}"
        partial = [
            f"{extra['value']:g} ±{extra['tolerance']:g} earns {extra['weight']:g}%"
            for extra in value.get("ranges", ())
        ]
        return text + (f"; {'; '.join(partial)}" if partial else "")


RULES = Numeric()
