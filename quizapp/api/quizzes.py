"""Quizzes and attempts over JSON: list, start or resume, save an answer, submit, read a result."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_login import current_user
from flask_smorest import abort

from ..attempt_display import question_views
from ..attempt_store import (
    AttemptProblem,
    contents_of,
    finalise_if_overdue,
    lock_attempt,
    save_responses,
    shown_question,
    start_or_resume,
    submit,
)
from ..clock import now as clock_now
from ..domain.responses import parse_json_response
from ..domain.timing import seconds_left
from ..models import Attempt, AttemptState, db
from ..quiz_store import assignment_for, visible_quiz, visible_quizzes
from .blueprint import ApiBlueprint

blp = ApiBlueprint(
    "api_quizzes", __name__, description="Timed quizzes: the server owns the deadline."
)


RESPONSE_SHAPES = [
    {
        "type": "string",
        "description": "single_choice, who_said_it: one of the choices shown; "
        "short_text: the answer; numeric, year: a number may also be sent as text.",
    },
    {"type": "number", "description": "numeric, year."},
    {"type": "boolean", "description": "true_false."},
    {
        "type": "array",
        "items": {"type": "string"},
        "description": "multiple_choice: the chosen choices; ordering: every item, in order.",
    },
    {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "description": "matching: each left item mapped to its chosen match.",
    },
]


class QuizSchema(ma.Schema):
    id = ma.fields.Integer()
    title = ma.fields.String()
    description = ma.fields.String()
    topic = ma.fields.String(allow_none=True)
    question_count = ma.fields.Integer()
    time_limit_seconds = ma.fields.Integer(allow_none=True)
    attempts_allowed = ma.fields.Integer(allow_none=True)


class SourceSchema(ma.Schema):
    title = ma.fields.String()
    url = ma.fields.String(allow_none=True)


class FeedbackSchema(ma.Schema):
    score = ma.fields.Float()
    correct_answer = ma.fields.String()
    explanation = ma.fields.String()
    answer_feedback = ma.fields.List(ma.fields.String())
    source = ma.fields.Nested(SourceSchema)
    evidence = ma.fields.String()


class QuestionSchema(ma.Schema):
    position = ma.fields.Integer()
    kind = ma.fields.String()
    prompt = ma.fields.String()
    choices = ma.fields.List(ma.fields.String())
    lefts = ma.fields.List(ma.fields.String(), metadata={"description": "Matching only."})
    response = ma.fields.Raw(
        allow_none=True,
        metadata={"description": "The saved answer.", "oneOf": RESPONSE_SHAPES, "nullable": True},
    )
    checked = ma.fields.Boolean()
    feedback = ma.fields.Nested(
        FeedbackSchema,
        metadata={"description": "Present only once the quiz's feedback rule allows it."},
    )


class AttemptSchema(ma.Schema):
    id = ma.fields.Integer()
    quiz_id = ma.fields.Integer()
    number = ma.fields.Integer()
    state = ma.fields.String()
    started_at = ma.fields.DateTime()
    deadline = ma.fields.DateTime(allow_none=True)
    seconds_left = ma.fields.Integer(allow_none=True)
    finished_at = ma.fields.DateTime(allow_none=True)
    finish_reason = ma.fields.String(allow_none=True)
    score = ma.fields.Float(allow_none=True)
    questions = ma.fields.List(ma.fields.Nested(QuestionSchema))


class AnswerSchema(ma.Schema):
    response = ma.fields.Raw(
        required=True,
        allow_none=True,
        metadata={
            "description": "The answer, in the shape its question's kind takes; null clears it. "
            "A shape that does not fit the question's kind is refused with 422.",
            "oneOf": RESPONSE_SHAPES,
            "nullable": True,
        },
    )


class SavedSchema(ma.Schema):
    saved = ma.fields.Boolean()
    seconds_left = ma.fields.Integer(allow_none=True)


def own_attempt(attempt_id: int, lock: bool = False) -> Attempt:
    attempt = lock_attempt(attempt_id) if lock else db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404, message="No such attempt.")
    return attempt


def attempt_payload(attempt: Attempt) -> dict[str, Any]:
    now = clock_now()
    return {
        "id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "number": attempt.number,
        "state": attempt.state.value,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "seconds_left": seconds_left(attempt.deadline, now)
        if attempt.state is AttemptState.OPEN
        else None,
        "finished_at": attempt.finished_at,
        "finish_reason": attempt.finish_reason.value if attempt.finish_reason else None,
        "score": attempt.score,
        "questions": [view.as_public_dict() for view in question_views(attempt, now)],
    }


def problem(error: AttemptProblem) -> None:
    db.session.commit()  # an overdue attempt's finalisation stands
    abort(error.status, message=error.message, field=error.field)


@blp.get("/quizzes")
@blp.response(200, QuizSchema(many=True))
def list_quizzes():
    """The quizzes the current user may take."""
    return visible_quizzes(current_user.id)


@blp.post("/quizzes/<int:quiz_id>/attempts")
@blp.response(201, AttemptSchema)
@blp.alt_response(409, description="The quiz is closed, not yet open, or out of attempts.")
def start_attempt(quiz_id: int):
    """Start an attempt, or return the open one (same deadline, same questions and order)."""
    quiz = visible_quiz(quiz_id, current_user.id)
    if quiz is None:
        abort(404)
    assignment = assignment_for(quiz.id, current_user.id)
    try:
        attempt = start_or_resume(quiz, current_user, clock_now(), assignment)
    except AttemptProblem as error:
        problem(error)
    db.session.commit()
    return attempt_payload(attempt)


@blp.get("/attempts/<int:attempt_id>")
@blp.response(200, AttemptSchema)
def read_attempt(attempt_id: int):
    """The attempt: questions without answers until the quiz's feedback rule allows them.

    An attempt whose deadline (and grace) has passed is finished first, as on the HTML page.
    """
    attempt = own_attempt(attempt_id)
    finalise_if_overdue(attempt, clock_now())
    db.session.commit()
    return attempt_payload(attempt)


@blp.put("/attempts/<int:attempt_id>/answers/<int:position>")
@blp.arguments(AnswerSchema)
@blp.response(200, SavedSchema)
def save_answer(body: dict[str, Any], attempt_id: int, position: int):
    """Save (or clear) the answer to one question; refused after the deadline and its grace."""
    attempt = own_attempt(attempt_id, lock=True)
    question = next((q for q in attempt.questions if q.position == position), None)
    if question is None:
        abort(404, message=f"There is no question {position} in this attempt.")
    shown = shown_question(question, contents_of(attempt)[position])
    parsed = parse_json_response(shown, body["response"])
    if parsed.error:
        abort(422, message=parsed.error, field="response")
    now = clock_now()
    try:
        save_responses(attempt, {position: parsed.response}, now)
    except AttemptProblem as error:
        problem(error)
    db.session.commit()
    return {"saved": True, "seconds_left": seconds_left(attempt.deadline, now)}


@blp.post("/attempts/<int:attempt_id>/submit")
@blp.response(200, AttemptSchema)
def submit_attempt(attempt_id: int):
    """Finish the attempt exactly once; a repeated submit gets 409 and changes nothing."""
    attempt = own_attempt(attempt_id, lock=True)
    try:
        submit(attempt, clock_now())
    except AttemptProblem as error:
        problem(error)
    db.session.commit()
    return attempt_payload(attempt)


@blp.get("/attempts/<int:attempt_id>/result")
@blp.response(200, AttemptSchema)
def read_result(attempt_id: int):
    """The finished attempt with its score and the feedback the quiz allows."""
    attempt = own_attempt(attempt_id)
    finalise_if_overdue(attempt, clock_now())
    db.session.commit()
    if attempt.state is not AttemptState.FINISHED:
        abort(409, message="This attempt is still open: submit it first.")
    return attempt_payload(attempt)
