"""The question-kind registry: every kind has its rules, and content is read once, typed."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.domain import generation, grading
from quizapp.domain.kinds import KINDS, Parsed, ShownQuestion
from quizapp.domain.questions import QuestionContent, QuestionKind


def test_every_kind_has_its_rules():
    assert set(KINDS) == set(QuestionKind)
    for rules in KINDS.values():
        assert callable(rules.read_form) and callable(rules.read_json)
        assert callable(rules.grade) and isinstance(rules.recall, bool)


def test_the_generator_names_the_same_kinds():
    assert generation.QuestionKind is QuestionKind


def test_recall_kinds_are_the_typed_ones():
    typed = {kind for kind in QuestionKind if grading.is_recall(kind)}
    assert typed == {QuestionKind.SHORT_TEXT, QuestionKind.NUMERIC, QuestionKind.YEAR}


def test_content_is_read_once_into_a_frozen_value():
    content = QuestionContent.from_dict(
        {
            "kind": "multiple_choice",
            "prompt": "Which?",
            "choices": ["a", "b", "c"],
            "answer": ["a", "c"],
            "weights": {"a": 50, "c": 50, "b": -100},
            "fact_ids": ["f1"],
            "explanation": "not part of what grading reads",
        }
    )
    assert content == QuestionContent(
        kind=QuestionKind.MULTIPLE_CHOICE,
        prompt="Which?",
        choices=("a", "b", "c"),
        answer=["a", "c"],
        weights={"a": 50, "c": 50, "b": -100},
        fact_ids=("f1",),
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.kind = QuestionKind.SINGLE_CHOICE  # type: ignore[misc]


def test_content_without_optional_fields_reads_with_empty_ones():
    content = QuestionContent.from_dict({"kind": "true_false", "answer": True})
    assert (content.choices, content.weights, content.fact_ids) == ((), {}, ())
    with pytest.raises(ValueError):
        QuestionContent.from_dict({"kind": "essay", "answer": ""})


def test_year_and_numeric_differ_only_in_what_they_accept():
    shown = ShownQuestion(QuestionKind.YEAR, ())
    assert KINDS[QuestionKind.YEAR].read_json(shown, 1994.5) == Parsed(
        error="Enter a whole year, such as 1994."
    )
    numeric = ShownQuestion(QuestionKind.NUMERIC, ())
    assert KINDS[QuestionKind.NUMERIC].read_json(numeric, "1,050.5") == Parsed(1050.5)


@pytest.mark.parametrize(
    ("kind", "value", "words"),
    [
        (QuestionKind.SINGLE_CHOICE, "Yerevan", "Yerevan"),
        (QuestionKind.WHO_SAID_IT, "A speaker", "A speaker"),
        (QuestionKind.MULTIPLE_CHOICE, ["a", "c"], "a; c"),
        (QuestionKind.TRUE_FALSE, False, "False"),
        (QuestionKind.YEAR, 1994, "1994"),
        (QuestionKind.NUMERIC, 2.5, "2.5"),
        (
            QuestionKind.NUMERIC,
            {"value": 44, "tolerance": 1, "unit": "days", "ranges": []},
            "44 (answers within ±1 count) days",
        ),
        (
            QuestionKind.SHORT_TEXT,
            {"answer": "Shusha", "accept": ["Shusha", "Shushi"]},
            "Shusha (also accepted: Shushi)",
        ),
        (QuestionKind.ORDERING, ["b", "a"], "b → a"),
        (QuestionKind.ORDERING, {"a": 2, "b": 1}, "Incomplete order: 1. b; 2. a"),
        (QuestionKind.MATCHING, [["x", "1"], ["y", "2"]], "x → 1; y → 2"),
    ],
)
def test_each_kind_puts_an_answer_in_words(kind, value, words):
    assert KINDS[kind].describe(value) == words
