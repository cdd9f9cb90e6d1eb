"""A student's quiz progress: attempt history, scores over time, mastery per topic."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from .domain.quiz_rules import ScorePoint, score_chart
from .models import Attempt, AttemptQuestion, AttemptState, Question, Quiz, db

bp = Blueprint("progress", __name__)

TOPICS = ("history", "actors", "figures")


def finished_attempts(user_id: int) -> list[tuple[Attempt, str]]:
    rows = db.session.execute(
        select(Attempt, Quiz.title)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            Attempt.practice_of_id.is_(None),  # practice runs count in no grade
        )
        .order_by(Attempt.finished_at)
    )
    return [(row.Attempt, row.title) for row in rows]


def quiz_mastery(user_id: int) -> dict[str, float | None]:
    """Mean score of the student's graded quiz questions, per topic (None: no answers yet)."""
    rows = db.session.execute(
        select(Question.topic, func.avg(AttemptQuestion.score), func.count())
        .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
        .join(Question, Question.id == AttemptQuestion.question_id)
        .where(
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            Attempt.practice_of_id.is_(None),  # practice runs count in no grade
        )
        .group_by(Question.topic)
    )
    found = {row[0]: float(row[1]) for row in rows if row[2]}
    return {topic: found.get(topic) for topic in TOPICS}


@bp.get("/progress")
@login_required
def index():
    attempts = finished_attempts(current_user.id)
    chart = score_chart(
        [ScorePoint(a.finished_at, a.score or 0.0, f"{title} #{a.number}") for a, title in attempts]
    )
    return render_template(
        "progress/index.html",
        attempts=list(reversed(attempts)),
        chart=chart,
        mastery=quiz_mastery(current_user.id),
    )
