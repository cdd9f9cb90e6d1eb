"""Grading a response against a question's answer, for every question kind.

A response is what the student sent, already parsed into plain values:
single_choice / who_said_it: the chosen text; multiple_choice: a list of chosen texts;
true_false: a bool; numeric / year: a number; short_text: the typed text; ordering: the items in the
student's order (while incomplete, a mapping item -> position, which scores 0); matching: a mapping
left -> chosen right. None means unanswered.
Scores are fractions between 0 and 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from .generation import QuestionKind
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
    text = text.translate(_TRANSLITERATIONS)
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", without_marks.casefold()).split())


def parse_number(text: str) -> float | None:
    """A number typed by a learner ("1,050", " 2023 ", "89.2"), or None if it is not one."""
    cleaned = text.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    value = parse_plain_number(cleaned)
    return None if value is None else float(value)


def grade(kind: QuestionKind, answer: Any, response: Any) -> float:
    """The score of `response` for a question of `kind` whose correct answer is `answer`.

    A response of the wrong shape for its kind scores 0, like an unanswered question.
    """
    if response is None:
        return 0.0
    try:
        return _grade(kind, answer, response)
    except (AttributeError, KeyError, TypeError, ValueError):
        return 0.0


def _grade(kind: QuestionKind, answer: Any, response: Any) -> float:
    match kind:
        case QuestionKind.SINGLE_CHOICE | QuestionKind.WHO_SAID_IT:
            return 1.0 if response == answer else 0.0
        case QuestionKind.TRUE_FALSE:
            return 1.0 if response is answer else 0.0
        case QuestionKind.MULTIPLE_CHOICE:
            return _multiple_choice(answer, response)
        case QuestionKind.NUMERIC | QuestionKind.YEAR:
            return 1.0 if abs(float(response) - answer["value"]) <= answer["tolerance"] else 0.0
        case QuestionKind.SHORT_TEXT:
            typed = normalise_text(response)
            accepted = {normalise_text(text) for text in [answer["answer"], *answer["accept"]]}
            return 1.0 if typed and typed in accepted else 0.0
        case QuestionKind.ORDERING:
            return _ordering(answer, response)
        case QuestionKind.MATCHING:
            return _matching(answer, response)
    raise ValueError(f"unknown question kind {kind!r}")


def _multiple_choice(correct: Sequence[str], chosen: Sequence[str]) -> float:
    # Each right choice earns its share; each wrong one takes a share away, never below zero,
    # so ticking every box is not a winning strategy.
    right = set(correct)
    picked = set(chosen)
    earned = len(picked & right) - len(picked - right)
    return max(0.0, earned / len(right))


def _ordering(correct: Sequence[str], given: Sequence[str]) -> float:
    # An incomplete order (item -> position, saved while answering) earns nothing.
    if not isinstance(given, list) or sorted(given) != sorted(correct):
        return 0.0
    in_place = sum(1 for a, b in zip(correct, given, strict=True) if a == b)
    return in_place / len(correct)


def _matching(correct_pairs: Sequence[Sequence[str]], given: Mapping[str, str]) -> float:
    right = sum(1 for left, right_side in correct_pairs if given.get(left) == right_side)
    return right / len(correct_pairs)


def is_recall(kind: QuestionKind) -> bool:
    """Whether a correct answer shows recall (typed from memory) rather than recognition."""
    return kind in {QuestionKind.SHORT_TEXT, QuestionKind.NUMERIC, QuestionKind.YEAR}
