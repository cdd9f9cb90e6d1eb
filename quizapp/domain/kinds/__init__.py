"""Question kinds: one module per kind behind one protocol (`KindRules`), dispatched by `KINDS`.

A kind's module says how a response to it is read (from a form and from JSON), graded and put
in words; `grading`, `responses` and the result pages look the kind up here instead of branching
on it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..questions import QuestionContent, QuestionKind
from . import (
    matching,
    multiple_choice,
    numeric,
    ordering,
    short_text,
    single_choice,
    true_false,
    who_said_it,
    year,
)
from .protocol import KindRules, Parsed, ShownQuestion

KINDS: Mapping[QuestionKind, KindRules] = {
    QuestionKind.SINGLE_CHOICE: single_choice.RULES,
    QuestionKind.MULTIPLE_CHOICE: multiple_choice.RULES,
    QuestionKind.TRUE_FALSE: true_false.RULES,
    QuestionKind.YEAR: year.RULES,
    QuestionKind.NUMERIC: numeric.RULES,
    QuestionKind.SHORT_TEXT: short_text.RULES,
    QuestionKind.ORDERING: ordering.RULES,
    QuestionKind.MATCHING: matching.RULES,
    QuestionKind.WHO_SAID_IT: who_said_it.RULES,
}

__all__ = ["KINDS", "KindRules", "Parsed", "QuestionContent", "QuestionKind", "ShownQuestion"]
