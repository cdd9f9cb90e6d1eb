"""Grading a response against a question's answer, for every question kind.

A response is what the student sent, already parsed into plain values:
single_choice / who_said_it: the chosen text; multiple_choice: a list of chosen texts;
true_false: a bool; numeric / year: a number; short_text: the typed text; ordering: the items in the
student's order (while incomplete, a mapping item -> position, which scores 0); matching: a mapping
left -> chosen right. None means unanswered.
Scores are fractions between 0 and 1.

`weights` (percentages, see `interchange`) grade as Moodle grades them:

- single choice: the chosen choice's weight (the answer 100 %), never below 0;
- multiple choice: the sum of the chosen choices' weights (a choice without one weighs 0), kept
  between 0 and 100 %; without weights each right choice earns an equal share and each wrong one
  takes a share away;
- short text: the weight of the first accepted spelling, in their order, that the response matches
  (100 % when it has none); "*" in a spelling stands for any text, as in Moodle;
- numeric: 100 % inside the answer's range, else the weight of the first of its further `ranges`
  the number falls in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .answer_matching import in_range as in_range  # re-exported for their callers
from .answer_matching import matching_range as matching_range
from .answer_matching import matching_spelling as matching_spelling
from .answer_matching import normalise_text as normalise_text
from .answer_matching import parse_number as parse_number
from .kinds import KINDS
from .questions import QuestionContent, QuestionKind


def grade(
    kind: QuestionKind, answer: Any, response: Any, weights: Mapping[str, float] | None = None
) -> float:
    """The score of `response` for a question of `kind` whose correct answer is `answer`.

    A response of the wrong shape for its kind scores 0, like an unanswered question.
    """
    if response is None:
        return 0.0
    try:
        return _clamped(KINDS[kind].grade(answer, response, weights or {}))
    except (AttributeError, KeyError, TypeError, ValueError):
        return 0.0


def grade_content(content: Mapping[str, Any], response: Any) -> float:
    """`grade` for a stored question's content (its kind, answer and weights)."""
    question = QuestionContent.from_dict(content)
    return grade(question.kind, question.answer, response, question.weights)


def _clamped(score: float) -> float:
    return min(1.0, max(0.0, score))


def is_recall(kind: QuestionKind) -> bool:
    """Whether a correct answer shows recall (typed from memory) rather than recognition."""
    return KINDS[kind].recall
