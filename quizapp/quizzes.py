"""Taking quizzes in the browser: the list, starting or resuming, answering, finishing, results."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from . import quiz_store
from .accommodations.store import attempt_factor
from .attempt_display import QuestionView, closing_time, question_views
from .attempt_store import (
    AttemptProblem,
    attempts_used,
    check_question,
    contents_of,
    ensure_checkable,
    finalise_if_overdue,
    incomplete_orders,
    lock_attempt,
    open_attempt,
    save_responses,
    shown_question,
    start_or_resume,
    submit,
)
from .clock import now as clock_now
from .domain.generation import QuestionKind
from .domain.numbers import parse_digits
from .domain.responses import parse_form_response
from .domain.timing import seconds_left
from .models import Assignment, Attempt, AttemptState, Quiz, db
from .taking import store as taking_store
from .taking.navigation import current_page, next_url

bp = Blueprint("quizzes", __name__)


def visible_quizzes() -> list[Quiz]:
    """The quizzes the current user may take."""
    return quiz_store.visible_quizzes(current_user.id)


def quiz_and_assignment_or_404(quiz_id: int) -> tuple[Quiz, Assignment | None]:
    """The quiz, with the class assignment under which the current user takes it (if any)."""
    row = quiz_store.visible_quiz_and_assignment(quiz_id, current_user.id)
    if row is None:
        abort(404)
    return row


def quiz_or_404(quiz_id: int) -> Quiz:
    quiz = quiz_store.visible_quiz(quiz_id, current_user.id)
    if quiz is None:
        abort(404)
    return quiz


def assignment_for(quiz_id: int) -> Assignment | None:
    """The class assignment under which the current user takes this quiz, if any."""
    return quiz_store.assignment_for(quiz_id, current_user.id)


def own_attempt_or_404(attempt_id: int, lock: bool = False) -> Attempt:
    attempt = (
        lock_attempt(attempt_id)
        if lock
        else db.session.get(Attempt, attempt_id, options=[joinedload(Attempt.quiz)])
    )
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


@bp.get("/quizzes")
@login_required
def index():
    quizzes = visible_quizzes()
    standing = {
        quiz.id: {
            "used": attempts_used(current_user.id, quiz.id),
            "open": open_attempt(current_user.id, quiz.id),
            "extra_time": attempt_factor(current_user, assignment_for(quiz.id)),
        }
        for quiz in quizzes
    }
    return render_template("quizzes/index.html", quizzes=quizzes, standing=standing)


@bp.post("/quizzes/<int:quiz_id>/start")
@login_required
def start(quiz_id: int):
    quiz, assignment = quiz_and_assignment_or_404(quiz_id)
    try:
        attempt = start_or_resume(quiz, current_user, clock_now(), assignment)
    except AttemptProblem as problem:
        db.session.commit()  # keeps an overdue attempt's finalisation
        flash(problem.message, "error")
        return redirect(url_for("quizzes.index"))
    target = url_for("quizzes.attempt", attempt_id=attempt.id)
    db.session.commit()
    return redirect(target)


def settle_overdue(attempt: Attempt, now) -> Attempt:
    """The attempt, finished as of its deadline (and committed) if its time has run out."""
    if finalise_if_overdue(attempt, now):
        flash(
            "Time is up: the attempt was submitted at its deadline with the answers saved by then.",
            "info",
        )
        db.session.commit()
    return attempt


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    now = clock_now()
    attempt = settle_overdue(own_attempt_or_404(attempt_id), now)
    return _render_attempt(attempt, now, page=request.args.get("q"))


def item_fields(form: MultiDict, name: str) -> dict[str, str]:
    """A question's per-item fields (ordering positions, matching choices) by item index."""
    prefix = name + "-"
    return {
        key.removeprefix(prefix): value for key, value in form.items() if key.startswith(prefix)
    }


def form_values(view: QuestionView, typed: MultiDict | None) -> dict[str, Any]:
    """What each input of a question shows: what was just typed, else the saved response."""
    name = f"q{view.position}"
    if typed is not None:
        return {"main": typed.getlist(name), "extra": item_fields(typed, name)}
    response = view.response
    if response is None:
        return {"main": [], "extra": {}}
    match view.kind:
        case QuestionKind.MULTIPLE_CHOICE:
            return {"main": list(response), "extra": {}}
        case QuestionKind.TRUE_FALSE:
            return {"main": ["true" if response else "false"], "extra": {}}
        case QuestionKind.ORDERING if isinstance(response, dict):
            chosen = {str(i): str(response.get(item, "")) for i, item in enumerate(view.choices)}
            return {"main": [], "extra": chosen}
        case QuestionKind.ORDERING:
            positions = {
                str(i): str(response.index(item) + 1) for i, item in enumerate(view.choices)
            }
            return {"main": [], "extra": positions}
        case QuestionKind.MATCHING:
            chosen = {str(i): response.get(left, "") for i, left in enumerate(view.lefts)}
            return {"main": [], "extra": chosen}
        case QuestionKind.NUMERIC | QuestionKind.YEAR:
            text = f"{response:g}" if isinstance(response, float) else str(response)
            return {"main": [text], "extra": {}}
    return {"main": [str(response)], "extra": {}}


def _render_attempt(
    attempt: Attempt,
    now,
    errors: dict[str, str] | None = None,
    typed: MultiDict | None = None,
    status: int = 200,
    page: str | None = None,
):
    views = question_views(attempt, now)
    if attempt.state is AttemptState.FINISHED:
        return render_template(
            "quizzes/result.html",
            attempt=attempt,
            quiz=attempt.quiz,
            questions=views,
            outcome=taking_store.outcome(attempt),
            cards_to_study=taking_store.cards_to_study(attempt),
            practisable=len(taking_store.practisable(attempt)),
            closes_at=closing_time(attempt),
        ), status
    current = current_page(attempt, page)
    shown = [v for v in views if current is None or v.position == current]
    return (
        render_template(
            "quizzes/attempt.html",
            attempt=attempt,
            quiz=attempt.quiz,
            questions=shown,
            total=len(views),
            current=current,
            progress=taking_store.progress(attempt),
            values={view.position: form_values(view, typed) for view in shown},
            errors=errors or {},
            now=now,
            seconds_left=seconds_left(attempt.deadline, now),
        ),
        status,
    )


def _parse_form(attempt: Attempt, form: MultiDict) -> tuple[dict[int, Any], dict[str, str]]:
    """Parsed responses by position for every question the form carries, and errors by field."""
    contents = contents_of(attempt)
    responses, errors = {}, {}
    for question in attempt.questions:
        name = f"q{question.position}"
        extra = item_fields(form, name)
        extra.pop("present", None)
        if name not in form and not extra and (question.checked or f"{name}-present" not in form):
            # Not on the form; a checked question's disabled inputs are never sent, and its
            # locked answer stays as stored.
            continue
        shown = shown_question(question, contents[question.position])
        parsed = parse_form_response(shown, form.getlist(name), extra)
        if parsed.error:
            errors[name] = parsed.error
        else:
            responses[question.position] = parsed.response
    return responses, errors


@bp.post("/attempts/<int:attempt_id>")
@login_required
def answer(attempt_id: int):
    attempt = own_attempt_or_404(attempt_id, lock=True)
    now = clock_now()
    action = request.form.get("action", "save")
    page = request.form.get("page")
    check = action.removeprefix("check-") if action.startswith("check-") else None
    try:
        if check is not None:
            ensure_checkable(attempt)  # refused before anything is saved
    except AttemptProblem as problem:
        flash(problem.message, "error")
        return redirect(next_url(attempt, action, page))
    responses, errors = _parse_form(attempt, request.form)
    if action == "submit" and not request.form.get("time_up") and not errors:
        # A complete order is needed to submit, except when time is up: then what is saved counts.
        errors = incomplete_orders(attempt, responses)
    if errors:
        # Nothing is saved while any answer is unreadable; the page keeps what was typed.
        db.session.rollback()
        return _render_attempt(attempt, now, errors, request.form, 422, page)
    target = url_for("quizzes.attempt", attempt_id=attempt.id)
    try:
        save_responses(attempt, responses, now)
        if action == "submit":
            submit(attempt, now)
            flash("Your attempt is submitted and graded.", "success")
        else:
            if check is not None and (number := parse_digits(check, 4)) is not None:
                check_question(attempt, number, now)
            elif action == "save":
                flash("Your answers are saved.", "success")
            target = next_url(attempt, action, page)
    except AttemptProblem as problem:
        flash(problem.message, "error")
    db.session.commit()
    return redirect(target)


@bp.post("/attempts/<int:attempt_id>/autosave")
@login_required
def autosave(attempt_id: int):
    """Saves the answers of one question as the student changes them (JavaScript)."""
    attempt = own_attempt_or_404(attempt_id, lock=True)
    now = clock_now()
    responses, errors = _parse_form(attempt, request.form)
    if errors:
        db.session.rollback()
        field, message = next(iter(errors.items()))
        return jsonify(saved=False, field=field, message=message), 422
    try:
        save_responses(attempt, responses, now)
    except AttemptProblem as problem:
        db.session.commit()
        return jsonify(saved=False, field=problem.field, message=problem.message), problem.status
    left = seconds_left(attempt.deadline, now)  # read before the commit expires the attempt
    db.session.commit()
    return jsonify(saved=True, seconds_left=left)
