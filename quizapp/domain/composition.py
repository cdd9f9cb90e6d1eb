"""Which questions may sit in one quiz together.

Two questions clash when one would answer the other: they ask about the same fact, about
events a learner would take for one (near-duplicate subjects), or one shows in its prompt or
choices the other's answer. A draw never holds two questions that clash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .distractors import NEAR_DUPLICATE_SHARE, name_words

MIN_ANSWER_LETTERS = 4
"""Shorter answers ("EU", "UN") occur in too many prompts to say anything about one."""

_TEMPLATE_WORDS = frozenset(
    [
        "true", "false", "which", "year", "month", "did", "take", "place", "took", "when",
        "what", "who", "held", "this", "office", "hold", "served", "how", "many", "much",
        "according", "these", "begin", "began", "type", "name", "person", "said", "was",
        "were", "put", "events", "chronological", "order", "earliest", "match",
        "each", "they",
    ]
)  # fmt: skip


@dataclass(frozen=True)
class Footprint:
    """What a question shows and what it asks for, as drawing compares them."""

    fact_ids: frozenset[str] = frozenset()
    shown: str = ""
    """The prompt and choices, casefolded."""
    answers: tuple[str, ...] = ()
    """Answer texts (casefolded) that another question must not show."""
    subject: frozenset[str] = frozenset()
    """The words that say what the question is about (the template's own words left out)."""

    @classmethod
    def of(cls, content: Mapping[str, Any]) -> Footprint:
        """The footprint of a stored question's content (`Question.as_dict()`)."""
        prompt = str(content.get("prompt", ""))
        choices = [str(choice) for choice in content.get("choices", ())]
        return cls(
            fact_ids=frozenset(content.get("fact_ids", ())),
            shown=" ".join([prompt, *choices]).casefold(),
            answers=tuple(_answer_texts(content.get("kind"), content.get("answer"))),
            subject=frozenset(name_words(prompt) - _TEMPLATE_WORDS),
        )

    def shows(self, text: str) -> bool:
        """Whether the prompt or choices contain the text as whole words."""
        return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", self.shown) is not None


def _answer_texts(kind: object, answer: Any) -> Iterable[str]:
    if kind in ("single_choice", "who_said_it") and isinstance(answer, str):
        texts = [answer]
    elif kind == "multiple_choice" and isinstance(answer, list):
        texts = [str(item) for item in answer]
    elif kind == "short_text" and isinstance(answer, Mapping):
        texts = [str(answer.get("answer", "")), *map(str, answer.get("accept", ()))]
    else:
        # Years, numbers and true/false recur across unrelated questions: the same fact or
        # subject is what makes them clash.
        texts = []
    return [text.casefold() for text in texts if len(text.strip()) >= MIN_ANSWER_LETTERS]


def same_subject(first: Footprint, second: Footprint) -> bool:
    """Whether two questions are about what a learner would take for one thing."""
    if not first.subject or not second.subject:
        return False
    shared = len(first.subject & second.subject)
    return shared / min(len(first.subject), len(second.subject)) >= NEAR_DUPLICATE_SHARE


def reveals(first: Footprint, second: Footprint) -> bool:
    """Whether the first question's prompt or choices state the second one's answer."""
    return any(first.shows(answer) for answer in second.answers)


def clash(first: Footprint, second: Footprint) -> bool:
    """Whether two questions may not be drawn into one quiz together."""
    return (
        bool(first.fact_ids & second.fact_ids)
        or same_subject(first, second)
        or reveals(first, second)
        or reveals(second, first)
    )
