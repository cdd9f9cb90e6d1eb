"""Whether what a learner typed matches an answer: text compared loosely, numbers within a range."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .numbers import parse_plain_number

# Letters that Unicode decomposition does not reduce to ASCII but learners type without them.
_TRANSLITERATIONS = str.maketrans(
    {
        "\u0259": "e",  # schwa, as in Xankəndi
        "\u018f": "e",
        "\u0131": "i",  # dotless i, as in the Azerbaijani spelling of Khojaly
        "\u0130": "i",
        "\u00df": "ss",
        "\u00f8": "o",
        "\u00d8": "o",
        "\u0142": "l",
        "\u0141": "l",
    }
)
_NOT_WORD = re.compile(r"[^\w]+")


def normalise_text(text: str) -> str:
    """Case, accents, punctuation and spacing removed: "Xankəndi" and "xankendi" compare equal."""
    # Transliterated after decomposing, so a letter that also carries an accent ("Ǿ") is
    # reduced like the bare letter ("Ø").
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    without_marks = without_marks.translate(_TRANSLITERATIONS)
    return " ".join(_NOT_WORD.sub(" ", without_marks.casefold()).split())


def parse_number(text: str) -> float | None:
    """A number typed by a learner ("1,050", " 2023 ", "89.2"), or None if it is not one."""
    cleaned = text.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    value = parse_plain_number(cleaned)
    return None if value is None else float(value)


def in_range(value: float, centre: float, tolerance: float) -> bool:
    return abs(value - centre) <= tolerance


def matching_range(answer: Mapping[str, Any], value: float) -> int | None:
    """Which range `value` falls in: 0 for the answer's own, n for its n-th further range."""
    if in_range(value, answer["value"], answer["tolerance"]):
        return 0
    for number, extra in enumerate(answer.get("ranges", ()), start=1):
        if in_range(value, extra["value"], extra["tolerance"]):
            return number
    return None


def matching_spelling(answer: Mapping[str, Any], typed: str) -> str | None:
    """The first accepted spelling (the main answer first) that `typed` matches, or None."""
    typed_key = normalise_text(typed)
    if not typed_key:
        return None
    for spelling in [answer["answer"], *answer["accept"]]:
        if "*" in spelling:
            pattern = ".*".join(re.escape(normalise_text(part)) for part in spelling.split("*"))
            if re.fullmatch(pattern, typed_key):
                return spelling
        elif normalise_text(spelling) == typed_key:
            return spelling
    return None
