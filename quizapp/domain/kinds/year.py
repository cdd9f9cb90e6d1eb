"""A year typed from memory: a numeric question whose answer is a whole year."""

from __future__ import annotations

from .numeric import Numeric
from .protocol import Parsed


class Year(Numeric):
    example = "a year, such as 1994"

    def accepted(self, value: float) -> Parsed:
        if not value.is_integer():
            return Parsed(error="Enter a whole year, such as 1994.")
        return Parsed(int(value))


RULES = Year()
