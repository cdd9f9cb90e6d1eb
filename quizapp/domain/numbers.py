"""Numbers typed by people or sent by clients: ASCII digits only, bounded length, finite.

Python's own parsers are too generous for input: `int` and `float` read other scripts' digits
("١٩٩٤") and underscores, `float` and `Decimal` read "nan", "inf" and "sNaN", and `int` of more
than 4,300 digits raises instead of answering. Every number that comes from outside goes through
here first, so a strange one is a clear "not a number", never a server error.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

MAX_NUMBER_LENGTH = 40
"""More characters than any real answer, tolerance, retention or time stamp needs."""

_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?")
_INTEGER = re.compile(r"[-+]?[0-9]+")


def parse_digits(text: str, max_length: int = MAX_NUMBER_LENGTH) -> int | None:
    """A non-negative integer written in ASCII digits only, or None."""
    if len(text) > max_length or not _DIGITS.fullmatch(text):
        return None
    return int(text)


def parse_plain_number(text: str) -> int | float | None:
    """A finite number in plain decimal or exponent notation ("1994", "-0.5", "1e6"), or None.

    Surrounding spaces are ignored. An integer literal gives an int, so "1994" stays exactly 1994.
    """
    text = text.strip()
    if len(text) > MAX_NUMBER_LENGTH:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    if not _DECIMAL.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def parse_plain_decimal(text: str) -> Decimal | None:
    """Like `parse_plain_number`, as an exact Decimal (for form fields that keep places)."""
    text = text.strip()
    if len(text) > MAX_NUMBER_LENGTH or not _DECIMAL.fullmatch(text):
        return None
    number = Decimal(text)
    return number if number.is_finite() else None
