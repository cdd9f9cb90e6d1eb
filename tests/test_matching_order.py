"""Matching questions never show each right side beside its left one, even without shuffling."""

from __future__ import annotations

import pytest
from support import create_user
from support_quizzes import T0
from support_teach import make_set, make_set_quiz

from quizapp.attempt_store import save_responses, start_or_resume, submit
from quizapp.domain.generation import QuestionKind
from quizapp.domain.interchange import SetQuestion
from quizapp.models import Question, Role, db
from quizapp.set_store import Sourcing, edit_question

PAIRS = [
    ["Levon Ter-Petrosyan", "President of Armenia"],
    ["Heydar Aliyev", "President of Azerbaijan"],
    ["Robert Kocharyan", "President of Nagorno-Karabakh"],
    ["Vazgen Sargsyan", "Defence Minister of Armenia"],
]
RIGHTS = [right for _, right in PAIRS]
MATCHING = SetQuestion(
    kind=QuestionKind.MATCHING,
    prompt="Match each person to an office they held in the 1990s.",
    answer=PAIRS,
    explanation="Offices held during the first war.",
    markdown=True,
)


def aligned(choices: list[str]) -> list[int]:
    return [i for i, right in enumerate(RIGHTS) if i < len(choices) and choices[i] == right]


@pytest.fixture
def teacher(app):
    return create_user("tamar", Role.TEACHER)


def stored_choices(question_id: str) -> list[str]:
    db.session.expire_all()
    return db.session.get(Question, question_id).content["choices"]


def test_new_and_edited_matching_questions_are_stored_unaligned(teacher):
    question_set = make_set(teacher, questions=(MATCHING,))
    row = db.session.scalar(db.select(Question).where(Question.set_id == question_set.id))
    assert aligned(stored_choices(row.id)) == []
    edited = SetQuestion(**{**MATCHING.__dict__, "prompt": "Match each person to an office."})
    assert edit_question(row, edited, "history", Sourcing(), T0)
    db.session.commit()
    assert aligned(stored_choices(row.id)) == []


def test_an_existing_aligned_question_is_shown_unaligned_and_graded_right(teacher):
    question_set = make_set(teacher, questions=(MATCHING,))
    row = db.session.scalar(db.select(Question).where(Question.set_id == question_set.id))
    # As stored before: the right sides in the order of their left sides.
    row.content = {**row.content, "choices": list(RIGHTS)}
    db.session.commit()
    quiz = make_set_quiz(teacher, question_set, shuffle_choices=False)
    student = create_user("ani")
    attempt = start_or_resume(quiz, student, T0)
    shown = attempt.questions[0].shown_choices
    assert aligned(shown) == [] and sorted(shown) == sorted(RIGHTS)
    save_responses(attempt, {1: dict(PAIRS)}, T0)
    submit(attempt, T0)
    db.session.commit()
    assert attempt.score == 1
