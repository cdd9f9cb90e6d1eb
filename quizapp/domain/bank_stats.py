"""Counts that describe a bank and the questions generated from it (for `bank check` and admins)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from quizapp.domain.bank import Bank, FactKind, Topic
from quizapp.domain.generation import Question, QuestionKind, generate_flashcards


def bank_stats(bank: Bank, questions: Sequence[Question]) -> dict[str, Any]:
    """Sizes of the bank and of its questions, with every topic and kind present (zero or not).

    Keys: facts, questions, authored, figures, flashcards, by_topic (questions per topic),
    by_kind (questions per question kind), by_fact_kind (facts per fact kind).
    """
    by_topic = Counter(question.topic for question in questions)
    by_kind = Counter(question.kind for question in questions)
    by_fact_kind = Counter(fact.kind for fact in bank.facts)
    return {
        "facts": len(bank.facts),
        "questions": len(questions),
        "authored": len(bank.questions),
        "figures": len(bank.figures),
        "flashcards": len(generate_flashcards(bank)),
        "by_topic": {topic.value: by_topic[topic] for topic in Topic},
        "by_kind": {kind.value: by_kind[kind] for kind in QuestionKind},
        "by_fact_kind": {kind.value: by_fact_kind[kind] for kind in FactKind},
    }
