"""Grading and response parsing for every question kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.domain.generation import QuestionKind
from quizapp.domain.grading import grade, is_recall, normalise_text
from quizapp.domain.quiz_rules import Feedback, Grading, combined_grade, feedback_visible
from quizapp.domain.responses import (
    ShownQuestion,
    is_partial_order,
    ordering_hint,
    parse_form_response,
    parse_json_response,
)
from quizapp.domain.timing import TimeRules, accepts_answer, attempt_deadline, finish_time

K = QuestionKind
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
STEPANAKERT = {"answer": "Stepanakert", "accept": ["Stepanakert", "Khankendi", "Xankəndi"]}


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("Stepanakert", 1),
        ("  stepanakert ", 1),
        ("STEPANAKERT!", 1),
        ("Khankendi", 1),
        ("Xankendi", 1),  # typed without the schwa
        ("Xankəndi", 1),
        ("Stepanakert (Khankendi)", 0),
        ("Shusha", 0),
        ("", 0),
    ],
)
def test_short_text_matching_is_tolerant_but_exact(typed, score):
    assert grade(K.SHORT_TEXT, STEPANAKERT, typed) == score


def test_normalise_text_drops_case_accents_and_punctuation():
    assert normalise_text("Şuşa") == "susa"
    assert normalise_text("Ter-Petrossian") == "ter petrossian"
    assert normalise_text("Xocal\u0131") == "xocali"  # Azerbaijani spelling of Khojaly


@pytest.mark.parametrize(
    ("kind", "answer", "response", "score"),
    [
        (K.SINGLE_CHOICE, "1994", "1994", 1),
        (K.SINGLE_CHOICE, "1994", "1993", 0),
        (K.WHO_SAID_IT, "David Babayan", "David Babayan", 1),
        (K.TRUE_FALSE, True, True, 1),
        (K.TRUE_FALSE, True, False, 0),
        (K.YEAR, {"value": 1994, "tolerance": 0, "unit": None}, 1994, 1),
        (K.YEAR, {"value": 1994, "tolerance": 0, "unit": None}, 1995, 0),
        (K.NUMERIC, {"value": 120000, "tolerance": 5000, "unit": "people"}, 125000, 1),
        (K.NUMERIC, {"value": 120000, "tolerance": 5000, "unit": "people"}, 125001, 0),
        (K.MULTIPLE_CHOICE, ["France", "Russia", "United States"], ["France", "Russia"], 2 / 3),
        (K.MULTIPLE_CHOICE, ["France", "Russia"], ["France", "Russia", "Iran"], 0.5),
        (K.MULTIPLE_CHOICE, ["France"], ["Iran", "Turkey"], 0),
        (K.ORDERING, ["a", "b", "c"], ["a", "b", "c"], 1),
        (K.ORDERING, ["a", "b", "c"], ["a", "c", "b"], 1 / 3),
        (K.ORDERING, ["a", "b", "c"], ["a", "b"], 0),
        (K.MATCHING, [["x", "1"], ["y", "2"]], {"x": "1", "y": "2"}, 1),
        (K.MATCHING, [["x", "1"], ["y", "2"]], {"x": "2", "y": "2"}, 0.5),
        (K.MATCHING, [["x", "1"], ["y", "2"]], "not a mapping", 0),
        (K.SINGLE_CHOICE, "1994", None, 0),
    ],
)
def test_grade(kind, answer, response, score):
    assert grade(kind, answer, response) == pytest.approx(score)


def test_only_typed_answers_count_as_recall():
    assert is_recall(K.SHORT_TEXT) and is_recall(K.YEAR) and is_recall(K.NUMERIC)
    assert not is_recall(K.SINGLE_CHOICE) and not is_recall(K.TRUE_FALSE)


CHOICE = ShownQuestion(K.SINGLE_CHOICE, ("1992", "1994"))
ORDER = ShownQuestion(K.ORDERING, ("b", "a", "c"))
MATCH = ShownQuestion(K.MATCHING, ("1", "2"), lefts=("x", "y"))


@pytest.mark.parametrize(
    ("question", "values", "extra", "response", "error"),
    [
        (CHOICE, ["1994"], {}, "1994", None),
        (CHOICE, ["1990"], {}, None, "Choose one of the options shown."),
        (CHOICE, [], {}, None, None),
        (ShownQuestion(K.YEAR, ()), ["1,994"], {}, 1994, None),
        (ShownQuestion(K.YEAR, ()), ["1994.5"], {}, None, "Enter a whole year, such as 1994."),
        (ShownQuestion(K.NUMERIC, ()), ["abc"], {}, None, "Enter a number, such as 1,050."),
        (ShownQuestion(K.TRUE_FALSE, ()), ["false"], {}, False, None),
        (ORDER, [], {"0": "2", "1": "1", "2": "3"}, ["a", "b", "c"], None),
        # Duplicates and gaps are kept while answering; submission asks for a complete order.
        (ORDER, [], {"0": "1", "1": "1", "2": "3"}, {"b": 1, "a": 1, "c": 3}, None),
        (ORDER, [], {"1": "2"}, {"a": 2}, None),
        (ORDER, [], {"0": "4"}, None, "Choose positions from 1 to 3"),
        (ORDER, [], {"0": "x"}, None, "Choose positions from 1 to 3"),
        (ORDER, [], {"7": "1"}, None, "Choose positions from 1 to 3"),
        (MATCH, [], {"0": "2", "1": "1"}, {"x": "2", "y": "1"}, None),
        (MATCH, [], {"0": "9"}, None, "Choose each match among the options shown."),
    ],
)
def test_parse_form_response(question, values, extra, response, error):
    parsed = parse_form_response(question, values, extra)
    assert parsed.response == response
    if error is None:
        assert parsed.error is None
    else:
        assert parsed.error.startswith(error)


def test_an_incomplete_order_scores_nothing():
    assert grade(K.ORDERING, ["a", "b", "c"], {"a": 1, "b": 2, "c": 3}) == 0
    assert grade(K.ORDERING, ["a", "b", "c"], ["a", "b", "c"]) == 1
    assert is_partial_order(K.ORDERING, {"a": 1}) and not is_partial_order(K.ORDERING, ["a"])


@pytest.mark.parametrize(
    ("prompt", "hint"),
    [
        ("Put these events in chronological order, earliest first.", "1 for the earliest"),
        (
            "Put these Presidents in the order they took office, earliest first.",
            "1 for the earliest",
        ),
        ("Order these releases, most recent first.", "1 for the latest"),
        (
            "Order these towns from north to south.",
            "1 for the item that comes first in the order the question asks for",
        ),
    ],
)
def test_the_ordering_hint_follows_the_prompt(prompt, hint):
    assert ordering_hint(prompt) == hint


def test_parse_json_response_checks_types():
    assert parse_json_response(CHOICE, "1994").response == "1994"
    assert parse_json_response(CHOICE, 1994).error == "Send a string."
    assert parse_json_response(ORDER, ["a", "b"]).error == "List every item exactly once."
    assert parse_json_response(MATCH, {"x": "1"}).response == {"x": "1"}
    assert parse_json_response(MATCH, {"z": "1"}).error.startswith("Unknown item")
    assert parse_json_response(ShownQuestion(K.TRUE_FALSE, ()), "yes").error


def test_deadline_rules():
    limit = TimeRules(time_limit=timedelta(minutes=10), extra_time_factor=1.25)
    assert attempt_deadline(T0, limit) == T0 + timedelta(minutes=12, seconds=30)
    capped = TimeRules(time_limit=timedelta(hours=1), closes_at=T0 + timedelta(minutes=5))
    assert attempt_deadline(T0, capped) == T0 + timedelta(minutes=5)
    assert attempt_deadline(T0, TimeRules()) is None
    deadline = T0 + timedelta(minutes=10)
    assert accepts_answer(deadline, deadline + timedelta(seconds=5), timedelta(seconds=5))
    assert not accepts_answer(deadline, deadline + timedelta(seconds=6), timedelta(seconds=5))
    assert finish_time(deadline, deadline + timedelta(hours=1)) == deadline
    with pytest.raises(ValueError, match="extra-time factor"):
        TimeRules(extra_time_factor=0.5)


def test_combined_grades():
    assert combined_grade(Grading.HIGHEST, [0.4, 0.9, 0.6]) == 0.9
    assert combined_grade(Grading.LAST, [0.4, 0.9, 0.6]) == 0.6
    assert combined_grade(Grading.AVERAGE, [0.4, 0.9, 0.5]) == pytest.approx(0.6)
    assert combined_grade(Grading.HIGHEST, []) is None


def test_feedback_visibility():
    close = T0 + timedelta(days=1)
    assert not feedback_visible(Feedback.AT_END, False, False, None, T0)
    assert feedback_visible(Feedback.AT_END, True, False, None, T0)
    assert feedback_visible(Feedback.AFTER_EACH, False, True, None, T0)
    assert not feedback_visible(Feedback.AFTER_EACH, False, False, None, T0)
    assert not feedback_visible(Feedback.AFTER_CLOSE, True, False, close, T0)
    assert feedback_visible(Feedback.AFTER_CLOSE, True, False, close, close)


def test_feedback_after_close_with_no_close_time_is_never_shown():
    # Classmates may still be taking a quiz that never closes.
    assert not feedback_visible(Feedback.AFTER_CLOSE, True, False, None, T0)
    assert not feedback_visible(Feedback.AFTER_CLOSE, True, False, None, T0 + timedelta(days=999))
