"""Weights typed on the teacher's question form: "%50% Galilee" gives Galilee 50 % of the credit.

The same "%weight%" prefix as GIFT, on one line of a textarea: choices (from -100 to 100),
accepted spellings (0 to 100) and further numeric ranges, written "%50% 2020:1" (a value and its
tolerance).
"""

from __future__ import annotations

import re

from .interchange import format_number, parse_number

_PREFIX = re.compile(r"%\s*([^%\s]*)\s*%\s*")


def split_weight(line: str) -> tuple[float | None, str, str | None]:
    """(weight, the rest of the line, a problem) for one line; the weight is None without one."""
    match = _PREFIX.match(line)
    if not match:
        return None, line.strip(), None
    weight = parse_number(match[1])
    rest = line[match.end() :].strip()
    if weight is None:
        return None, rest, f"“{match[0].strip()}” is not a weight such as %50%"
    return float(weight), rest, None


def with_weight(weight: float | None, text: str) -> str:
    """The line `split_weight` reads back as (weight, text)."""
    return text if weight is None else f"%{format_number(weight)}% {text}"


def split_range(text: str) -> tuple[float, float] | None:
    """(value, tolerance) from "2020:1" or "2020" (tolerance 0); None if it is neither."""
    value_text, _, tolerance_text = text.partition(":")
    value = parse_number(value_text)
    tolerance = parse_number(tolerance_text) if tolerance_text.strip() else 0
    return None if value is None or tolerance is None else (value, tolerance)
