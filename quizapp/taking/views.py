"""Pages around an attempt: the start page, the summary before submitting, flags, practice."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..attempt_store import AttemptProblem, open_attempt
from ..clock import now as clock_now
from ..domain.attempt_progress import duration_text, points_text
from ..domain.timing import seconds_left
from ..models import AttemptState, db
from ..quizzes import assignment_for, own_attempt_or_404, quiz_or_404, settle_overdue
from . import store
from .navigation import question_url

bp = Blueprint("taking", __name__)
bp.add_app_template_filter(duration_text, "duration")
bp.add_app_template_filter(points_text, "points")


@bp.get("/quizzes/<int:quiz_id>")
@login_required
def start_page(quiz_id: int):
    """What the quiz asks and allows; the timer starts only when "Start attempt" is pressed."""
    quiz = quiz_or_404(quiz_id)
    running = open_attempt(current_user.id, quiz.id)
    if running is not None:
        return redirect(url_for("quizzes.attempt", attempt_id=running.id))
    facts = store.start_facts(quiz, current_user, assignment_for(quiz.id), clock_now())
    return render_template("taking/start.html", quiz=quiz, facts=facts)


@bp.get("/attempts/<int:attempt_id>/summary")
@login_required
def summary(attempt_id: int):
    """Every question as answered, unanswered or flagged, before "Submit all and finish"."""
    attempt = settle_overdue(own_attempt_or_404(attempt_id), clock_now())
    if attempt.state is AttemptState.FINISHED:
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    now = clock_now()
    progress = store.progress(attempt)
    links = {q.position: question_url(attempt, q.position) for q in progress.questions}
    return render_template(
        "taking/summary.html",
        attempt=attempt,
        quiz=attempt.quiz,
        progress=progress,
        links=links,
        now=now,
        seconds_left=seconds_left(attempt.deadline, now),
    )


@bp.post("/attempts/<int:attempt_id>/questions/<int:position>/flag")
@login_required
def flag(attempt_id: int, position: int):
    """Set or clear a question's flag without reloading the page (the script's endpoint)."""
    attempt = own_attempt_or_404(attempt_id, lock=True)
    flagged = request.form.get("flagged") == "1"
    try:
        store.set_flag(attempt, position, flagged)
    except AttemptProblem as problem:
        db.session.rollback()
        return jsonify(flagged=None, message=problem.message), problem.status
    db.session.commit()
    return jsonify(flagged=flagged, position=position)


@bp.post("/attempts/<int:attempt_id>/practice")
@login_required
def practise(attempt_id: int):
    """Start (or resume) an untimed, ungraded run of the questions this attempt missed."""
    source = own_attempt_or_404(attempt_id)
    try:
        practice = store.start_practice(source, clock_now())
    except AttemptProblem as problem:
        flash(problem.message, "error")
        return redirect(url_for("quizzes.attempt", attempt_id=source.id))
    db.session.commit()
    return redirect(url_for("quizzes.attempt", attempt_id=practice.id))
