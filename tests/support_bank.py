"""The real question bank and its generated questions, read once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from quizapp.domain.bank import Bank, parse_bank
from quizapp.domain.generation import Question, generate_questions, skipped_questions

BANK_DIR = Path(__file__).resolve().parents[1] / "question_bank"
DEFAULT_SEED = 1988
"""The app's default QUESTION_BANK_SEED: generated ids and choices as a reviewer sees them."""


@cache
def real_bank() -> Bank:
    files = {path.name: path.read_text(encoding="utf-8") for path in BANK_DIR.glob("*.toml")}
    load = parse_bank(files)
    assert load.problems == ()
    return load.bank


@cache
def real_questions() -> dict[str, Question]:
    return {q.id: q for q in generate_questions(real_bank(), DEFAULT_SEED)}


@cache
def real_skips() -> dict[str, str]:
    return {s.id: s.reason for s in skipped_questions(real_bank(), DEFAULT_SEED)}
