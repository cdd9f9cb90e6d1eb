"""Helpers for the teaching tests: a teacher's set, quiz and class, and a student's attempt."""

from __future__ import annotations

from dataclasses import dataclass

from support import create_user
from support_quizzes import T0

from quizapp.attempt_store import save_responses, start_or_resume, submit
from quizapp.domain.generation import QuestionKind
from quizapp.domain.interchange import SetQuestion
from quizapp.models import (
    Assignment,
    Attempt,
    ClassMember,
    GradingMethod,
    QuestionSet,
    Quiz,
    Role,
    SchoolClass,
    User,
    db,
)
from quizapp.set_store import Sourcing, add_question

CAPITAL = SetQuestion(
    kind=QuestionKind.SINGLE_CHOICE,
    prompt="Which city is the **capital** of Armenia?",
    choices=("Yerevan", "Baku", "Tbilisi"),
    answer="Yerevan",
    explanation="Yerevan has been the capital since 1918.",
    markdown=True,
)
CEASEFIRE = SetQuestion(
    kind=QuestionKind.NUMERIC,
    prompt="In which year was the Bishkek Protocol signed?",
    answer={"value": 1994, "tolerance": 0, "unit": None},
    explanation="It was signed in May 1994.",
    markdown=True,
)
STATEMENT = SetQuestion(
    kind=QuestionKind.TRUE_FALSE,
    prompt="The 2020 war lasted 44 days.",
    answer=True,
    explanation="27 September to 10 November 2020.",
    markdown=True,
)
THREE_QUESTIONS = (CAPITAL, CEASEFIRE, STATEMENT)


def make_set(owner: User, title: str = "Capitals", questions=THREE_QUESTIONS) -> QuestionSet:
    question_set = QuestionSet(owner_id=owner.id, title=title, created_at=T0)
    db.session.add(question_set)
    db.session.flush()
    for question in questions:
        add_question(question_set, question, "history", Sourcing(), T0)
    db.session.commit()
    return question_set


def make_set_quiz(owner: User, question_set: QuestionSet, **fields) -> Quiz:
    values = {
        "title": "Set quiz",
        "owner_id": owner.id,
        "include_bank": False,
        "set_ids": [question_set.id],
        "question_count": 10,
        "time_limit_seconds": 600,
        "shuffle_questions": False,
        "shuffle_choices": False,
        "grading_method": GradingMethod.HIGHEST,
        "tags": [],
        "kinds": [],
    }
    values.update(fields)
    quiz = Quiz(**values)
    db.session.add(quiz)
    db.session.commit()
    return quiz


def make_class(owner: User, name: str = "History 9B", code: str = "ABCD2345") -> SchoolClass:
    school_class = SchoolClass(owner_id=owner.id, name=name, join_code=code, created_at=T0)
    db.session.add(school_class)
    db.session.commit()
    return school_class


def enrol(school_class: SchoolClass, user: User) -> None:
    db.session.add(ClassMember(class_id=school_class.id, user_id=user.id, joined_at=T0))
    db.session.commit()


def assign(school_class: SchoolClass, quiz: Quiz, **fields) -> Assignment:
    assignment = Assignment(class_id=school_class.id, quiz_id=quiz.id, created_at=T0, **fields)
    db.session.add(assignment)
    db.session.commit()
    return assignment


def take(quiz: Quiz, user: User, assignment: Assignment, answers: dict[str, object]) -> Attempt:
    """A finished attempt answering questions by prompt start (unlisted ones left blank)."""
    attempt = start_or_resume(quiz, user, T0, assignment)
    responses = {}
    for question in attempt.questions:
        prompt = question.attempt and _prompt(question)
        for start, response in answers.items():
            if prompt.startswith(start):
                responses[question.position] = response
    save_responses(attempt, responses, T0)
    submit(attempt, T0)
    db.session.commit()
    return attempt


def _prompt(question) -> str:
    from quizapp.attempt_store import contents_of

    return contents_of(question.attempt)[question.position]["prompt"]


@dataclass
class World:
    teacher: User
    other_teacher: User
    student: User
    other_student: User
    admin: User
    question_set: QuestionSet
    quiz: Quiz
    school_class: SchoolClass
    assignment: Assignment
    attempt: Attempt


def build_world() -> World:
    """A teacher's set, quiz and class; a student in it with a finished attempt; and outsiders."""
    teacher = create_user("tamar", Role.TEACHER)
    other_teacher = create_user("oscar", Role.TEACHER)
    student = create_user("ani")
    other_student = create_user("ilkin")
    admin = create_user("ada", Role.ADMIN)
    question_set = make_set(teacher)
    quiz = make_set_quiz(teacher, question_set)
    school_class = make_class(teacher)
    enrol(school_class, student)
    assignment = assign(school_class, quiz)
    attempt = take(quiz, student, assignment, {"Which city": "Yerevan", "In which": 1994.0})
    return World(
        teacher,
        other_teacher,
        student,
        other_student,
        admin,
        question_set,
        quiz,
        school_class,
        assignment,
        attempt,
    )
