"""The feedback an author wrote for the answer a learner gave (Moodle's per-answer feedback).

A question's `choice_feedback` is keyed as `interchange` describes; this picks the pieces that
apply to one response: the chosen choice (each chosen one, for multiple choice), the true/false
answer given, the accepted spelling or numeric range the response matched (as `grading` matches
them), or a numeric question's "wrong" feedback for any other number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .generation import QuestionKind
from .grading import matching_range, matching_spelling, parse_number


def answer_feedback(content: Mapping[str, Any], response: Any) -> tuple[str, ...]:
    """The feedback texts for `response` to the question `content` describes, in order."""
    feedback = content.get("choice_feedback") or {}
    if response is None or not feedback:
        return ()
    keys = _keys(QuestionKind(content["kind"]), content["answer"], response)
    return tuple(feedback[key] for key in keys if feedback.get(key))


def _keys(kind: QuestionKind, answer: Any, response: Any) -> list[str]:
    match kind:
        case QuestionKind.SINGLE_CHOICE if isinstance(response, str):
            return [response]
        case QuestionKind.MULTIPLE_CHOICE if isinstance(response, list):
            return [choice for choice in response if isinstance(choice, str)]
        case QuestionKind.TRUE_FALSE if isinstance(response, bool):
            return ["true" if response else "false"]
        case QuestionKind.NUMERIC:
            value = parse_number(str(response))
            found = None if value is None else matching_range(answer, value)
            return ["wrong" if found is None else "right" if found == 0 else f"range {found}"]
        case QuestionKind.SHORT_TEXT if isinstance(response, str):
            spelling = matching_spelling(answer, response)
            return [] if spelling is None else [spelling]
    return []
