"""Flags: a learner reports a wrong question; its author reviews the report.

A set question's flags reach the set's owner; a bank question's flags reach the admins.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .access import teacher_required
from .attempt_store import contents_of
from .clock import now as clock_now
from .models import Attempt, AttemptState, Flag, Question, User, db
from .moderation.forms import ModerationForm, SuppressForm
from .moderation.store import moderated_by, states_of
from .teach_forms import ConfirmForm, FlagForm

bp = Blueprint("flags", __name__, url_prefix="/flags")


def _flagged_question(attempt_id: int, position: int):
    attempt = db.session.get(Attempt, attempt_id)
    if (
        attempt is None
        or attempt.user_id != current_user.id
        or attempt.state is not AttemptState.FINISHED
    ):
        abort(404)
    question = next((q for q in attempt.questions if q.position == position), None)
    if question is None:
        abort(404)
    return attempt, question, contents_of(attempt)[position]


@bp.route("/attempts/<int:attempt_id>/questions/<int:position>", methods=["GET", "POST"])
@login_required
def report(attempt_id: int, position: int):
    attempt, question, content = _flagged_question(attempt_id, position)
    form = FlagForm()
    if form.validate_on_submit():
        db.session.add(
            Flag(
                user_id=current_user.id,
                question_id=question.question_id,
                question_version=question.question_version,
                reason=form.reason.data.strip(),
                created_at=clock_now(),
            )
        )
        db.session.commit()
        flash("Thank you: your report reaches the question's author.", "success")
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    status = 422 if form.is_submitted() else 200
    return (
        render_template(
            "flags/report.html", form=form, attempt=attempt, position=position, content=content
        ),
        status,
    )


def _reviewable():
    """Flags the current user reviews: on their sets' questions, and on the bank's if admin."""
    return moderated_by(current_user)


@bp.get("/")
@teacher_required
def queue():
    rows = db.session.execute(
        select(Flag, Question, User)
        .join(Question, Question.id == Flag.question_id)
        .join(User, User.id == Flag.user_id)
        .where(_reviewable(), Flag.resolved_at.is_(None))
        .order_by(Flag.created_at, Flag.id)
    ).all()
    return render_template(
        "flags/queue.html",
        rows=rows,
        confirm=ConfirmForm(),
        states=states_of(question for _, question, _ in rows),
        suppress_form=SuppressForm(formdata=None, return_to="flags"),
        button=ModerationForm(formdata=None, return_to="flags"),
    )


@bp.post("/<int:flag_id>/resolve")
@teacher_required
def resolve(flag_id: int):
    flag = db.session.scalar(
        select(Flag)
        .join(Question, Question.id == Flag.question_id)
        .where(Flag.id == flag_id, _reviewable())
    )
    if flag is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    flag.resolved_at = clock_now()
    db.session.commit()
    flash("Report marked as resolved.", "success")
    return redirect(url_for("flags.queue"))
