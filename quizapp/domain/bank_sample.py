"""A random sample of generated questions in readable form, for a person to review."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from .generation import Question, QuestionKind


def sample_questions(questions: Sequence[Question], count: int, seed: int) -> list[Question]:
    """`count` questions (all if fewer) drawn with the seed, in order of id."""
    ordered = sorted(questions, key=lambda question: question.id)
    chosen = random.Random(seed).sample(ordered, min(count, len(ordered)))
    return sorted(chosen, key=lambda question: question.id)


def readable_answer(question: Question) -> str:
    """The key as a reviewer reads it."""
    answer: Any = question.answer
    if question.kind is QuestionKind.TRUE_FALSE:
        return "True" if answer else "False"
    if question.kind in (QuestionKind.YEAR, QuestionKind.NUMERIC):
        unit = f" {answer['unit']}" if answer.get("unit") else ""
        tolerance = f" (\u00b1{answer['tolerance']})" if answer.get("tolerance") else ""
        return f"{answer['value']}{unit}{tolerance}"
    if question.kind is QuestionKind.SHORT_TEXT:
        return " / ".join(answer["accept"]) or answer["answer"]
    if question.kind is QuestionKind.ORDERING:
        return " -> ".join(answer)
    if question.kind is QuestionKind.MATCHING:
        return "; ".join(f"{left} = {right}" for left, right in answer)
    if isinstance(answer, list):
        return "; ".join(answer)
    return str(answer)


def readable(question: Question, number: int) -> str:
    """One question as a block of text: prompt, options, key, explanation and source."""
    lines = [f"{number}. {question.id} [{question.kind.value}]", f"   Q: {question.prompt}"]
    for index, choice in enumerate(question.choices):
        lines.append(f"   {chr(ord('a') + index)}) {choice}")
    lines.append(f"   Key: {readable_answer(question)}")
    lines.append(f"   Why: {question.explanation}")
    url = f" <{question.source.url}>" if question.source.url else ""
    lines.append(f"   Source: {question.source.display}{url}")
    return "\n".join(lines)
