"""A Moodle teacher's GIFT file imports whole and grades as Moodle grades it.

The fixture holds every construct of Moodle's GIFT format (its documentation and example file),
written afresh about the region. Each case gives a sample answer and the score Moodle gives it:
single choice earns the chosen answer's weight; multiple answers the sum of the chosen weights,
kept between 0 and 100 %; short and numeric answers the weight of the first answer they match.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.domain.answer_feedback import answer_feedback
from quizapp.domain.generation import QuestionKind as K
from quizapp.domain.gift import export_gift, parse_gift
from quizapp.domain.grading import grade
from quizapp.domain.interchange import ImportResult

FIXTURE = Path(__file__).parents[1] / "data" / "interchange" / "moodle_constructs.txt"


def fixture_questions():
    result = parse_gift(FIXTURE.read_text(encoding="utf-8"))
    assert result.errors == ()
    return result.questions


def by_label(label):
    questions = fixture_questions()
    if isinstance(label, int):
        return questions[label]
    return next(q for q in questions if q.name == label)


# (question name, or its position when it has none; the kind read; a sample answer; Moodle's score)
MOODLE_CASES = [
    ("Bishkek choice", K.SINGLE_CHOICE, "Bishkek", 1.0),
    ("Bishkek choice", K.SINGLE_CHOICE, "Minsk", 0.0),
    ("Missing word", K.SINGLE_CHOICE, "Bishkek", 1.0),
    ("False long", K.TRUE_FALSE, False, 1.0),
    ("False long", K.TRUE_FALSE, True, 0.0),
    ("True short", K.TRUE_FALSE, True, 1.0),
    ("Two names", K.SHORT_TEXT, "khankendi", 1.0),
    ("Two names", K.SHORT_TEXT, "Shusha", 0.0),
    ("Year with tolerance", K.NUMERIC, 1995, 1.0),
    ("Year with tolerance", K.NUMERIC, 1996, 0.0),
    ("Exact year", K.NUMERIC, 2020, 1.0),
    ("Year range", K.NUMERIC, 1988, 1.0),
    ("Year range", K.NUMERIC, 1995, 0.0),
    ("Numeric partial", K.NUMERIC, 2020, 1.0),
    ("Numeric partial", K.NUMERIC, 2021, 0.5),
    ("Numeric partial", K.NUMERIC, 2022, 0.0),
    ("Co-chair multi-line", K.SINGLE_CHOICE, "Turkey", 1.0),
    ("Two names matching", K.MATCHING, {"Stepanakert": "Khankendi", "Shushi": "Lachin"}, 1 / 3),
    (11, K.MATCHING, {"Yerevan": "Armenia", "Baku": "Azerbaijan", "Tbilisi": "Georgia"}, 1.0),
    ("Co-chairs", K.NUMERIC, 3, 1.0),
    ("Feedback choice", K.SINGLE_CHOICE, "Tbilisi", 0.0),
    ("Feedback short", K.SHORT_TEXT, "Erevan", 1.0),
    (15, K.SHORT_TEXT, "yerevan", 1.0),
    ("True-false feedback", K.TRUE_FALSE, False, 0.0),
    ("Half credit choice", K.SINGLE_CHOICE, "2020, month unknown", 0.5),
    ("Half credit choice", K.SINGLE_CHOICE, "September 2020", 0.0),
    ("Weighted choice with feedback", K.SINGLE_CHOICE, "Armenia's and Azerbaijan's", 0.25),
    ("Weighted choice with feedback", K.SINGLE_CHOICE, "Armenia's and Russia's", 0.5),
    ("Short partial", K.SHORT_TEXT, "Shusha", 1.0),
    ("Short partial", K.SHORT_TEXT, "shusa", 0.75),
    ("Short partial", K.SHORT_TEXT, "Shushi", 0.25),
    ("Short partial", K.SHORT_TEXT, "Stepanakert", 0.0),
    ("Two answers", K.MULTIPLE_CHOICE, ["Armenia", "Azerbaijan"], 1.0),
    ("Two answers", K.MULTIPLE_CHOICE, ["Armenia"], 0.5),
    # Unweighted wrong choices weigh 0 in Moodle: ticking every box still earns 100 %.
    ("Two answers", K.MULTIPLE_CHOICE, ["Georgia", "Armenia", "Azerbaijan", "Iran"], 1.0),
    ("Two answers, penalties", K.MULTIPLE_CHOICE, ["Armenia", "Azerbaijan"], 1.0),
    ("Two answers, penalties", K.MULTIPLE_CHOICE, ["Armenia", "Georgia"], 0.0),
    ("Two answers, penalties", K.MULTIPLE_CHOICE, ["Armenia", "Azerbaijan", "Iran"], 0.5),
    # The total is clamped at 0, never negative.
    ("Two answers, penalties", K.MULTIPLE_CHOICE, ["Georgia", "Iran"], 0.0),
    ("Escaped equals", K.SINGLE_CHOICE, "= 2 + 3", 1.0),
    ("Control characters", K.SINGLE_CHOICE, "\\", 1.0),
    ("Control characters", K.SINGLE_CHOICE, "~", 0.0),
    ("Numeric feedback", K.NUMERIC, 1996, 0.5),
    ("Numeric feedback", K.NUMERIC, 1997, 0.0),
    ("Wildcard", K.SHORT_TEXT, "Tbilisi", 1.0),
    ("Wildcard", K.SHORT_TEXT, "Batumi", 0.0),
]


def test_the_fixture_imports_every_question_with_nothing_dropped():
    questions = fixture_questions()
    assert len(questions) == 26
    names = [q.name for q in questions]
    assert names.count(None) == 2
    assert {q.category for q in questions} == {"NK101/Ceasefires", "NK101/Mediation"}
    assert sum(bool(q.choice_feedback) for q in questions) == 10
    assert sum(bool(q.weights) for q in questions) == 6
    assert sum("ranges" in q.answer for q in questions if q.kind is K.NUMERIC) == 2
    assert by_label("Feedback choice").explanation == "Baku lies on the Caspian Sea."
    assert by_label(15).markdown


@pytest.mark.parametrize(("label", "kind", "response", "moodle_score"), MOODLE_CASES)
def test_each_construct_grades_as_moodle_grades_it(label, kind, response, moodle_score):
    question = by_label(label)
    assert question.kind is kind
    score = grade(question.kind, question.answer, response, question.weights)
    assert score == pytest.approx(moodle_score)


def test_the_fixture_exports_and_reimports_the_same():
    questions = fixture_questions()
    assert parse_gift(export_gift(questions)) == ImportResult(questions, ())


@pytest.mark.parametrize(
    ("label", "response", "shown"),
    [
        ("Feedback choice", "Tbilisi", ("That is the capital of Georgia.",)),
        ("Feedback short", "erevan", ("Right, in an older spelling.",)),
        ("True-false feedback", False, ("It lasted 44 days, from 27 September to 10 November.",)),
        ("True-false feedback", True, ("Right.",)),
        ("Numeric partial", 2021, ("Close: it ended in November 2020.",)),
        ("Numeric partial", 2020, ("Correct: November 2020.",)),
        ("Numeric partial", 1990, ()),
        ("Short partial", "Shushi", ("That is the Armenian name.",)),
        ("Wildcard", "Batumi", ("It is Tbilisi.",)),
        ("Wildcard", "Tbilisi", ("Right.",)),
        ("Control characters", "~", ("~ is a control character.",)),
        ("Bishkek choice", "Minsk", ()),
    ],
)
def test_the_feedback_for_the_answer_given(label, response, shown):
    question = by_label(label)
    content = {
        "kind": question.kind.value,
        "answer": question.answer,
        "choice_feedback": question.choice_feedback,
    }
    assert answer_feedback(content, response) == shown


def test_numeric_feedback_for_any_other_number():
    content = {
        "kind": "numeric",
        "answer": {"value": 1992, "tolerance": 0, "unit": None},
        "choice_feedback": {"wrong": "It was in the first war."},
    }
    assert answer_feedback(content, 1995) == ("It was in the first war.",)
    assert answer_feedback(content, 1992) == ()
    assert answer_feedback(content, None) == ()
