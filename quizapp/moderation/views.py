"""Moderation pages: find a question, read it with its key and state, suppress or review it.

Students get 403 on every page; a teacher or admin gets 404 for a question they do not moderate
(a bank question unless admin, another teacher's set question), so its existence is not confirmed.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import teacher_required
from ..attempt_display import describe
from ..clock import now as clock_now
from ..domain.generation import QuestionKind
from ..models import Question, QuestionSet, User, db
from . import store
from .forms import ModerationForm, SearchForm, SuppressForm

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def _question_or_404(question_id: str) -> Question:
    question = store.question_for(current_user, question_id)
    if question is None:
        abort(404)
    return question


@bp.get("/questions")
@teacher_required
def search():
    form = SearchForm(request.args)
    text = (form.q.data or "") if form.validate() else ""
    questions = store.find_questions(current_user, text)
    return render_template(
        "moderation/search.html",
        form=form,
        text=text,
        questions=questions,
        states=store.states_of(questions),
        limit=store.SEARCH_LIMIT,
    )


@bp.get("/questions/<question_id>")
@teacher_required
def show(question_id: str):
    return _render_question(_question_or_404(question_id), SuppressForm(formdata=None))


def _render_question(question: Question, suppress_form: SuppressForm, status: int = 200):
    review = store.reviews_of([question.id]).get(question.id)
    people = {
        user.id: user.username
        for user in db.session.scalars(
            db.select(User).where(
                User.id.in_(
                    [review.suppressed_by_id, review.reviewed_by_id] if review is not None else []
                )
            )
        )
    }
    content = question.content
    kind = QuestionKind(content["kind"])
    return (
        render_template(
            "moderation/question.html",
            question=question,
            content=content,
            correct_answer=describe(kind, content["answer"]),
            question_set=db.session.get(QuestionSet, question.set_id) if question.set_id else None,
            review=review,
            people=people,
            state=store.states_of([question])[question.id],
            suppress_form=suppress_form,
            button=ModerationForm(formdata=None),
        ),
        status,
    )


def _back(question: Question, form: ModerationForm):
    if form.return_to.data == "flags":
        return redirect(url_for("flags.queue"))
    return redirect(url_for("moderation.show", question_id=question.id))


@bp.post("/questions/<question_id>/suppress")
@teacher_required
def suppress(question_id: str):
    question = _question_or_404(question_id)
    form = SuppressForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors or "return_to" in form.errors:
            abort(400)
        return _render_question(question, form, status=422)
    store.suppress(question, current_user, form.reason.data, clock_now())
    db.session.commit()
    flash("Question suppressed: no quiz will draw it until it is restored.", "success")
    return _back(question, form)


def _confirmed(question_id: str, change, message: str):
    """Apply a one-button change to a question the user moderates, then go back."""
    question = _question_or_404(question_id)
    form = ModerationForm()
    if not form.validate_on_submit():
        abort(400)
    change(question)
    db.session.commit()
    flash(message.format(version=question.version), "success")
    return _back(question, form)


@bp.post("/questions/<question_id>/restore")
@teacher_required
def restore(question_id: str):
    return _confirmed(
        question_id,
        lambda question: store.restore(question, clock_now()),
        "Question restored: quizzes may draw it again.",
    )


@bp.post("/questions/<question_id>/reviewed")
@teacher_required
def mark_reviewed(question_id: str):
    return _confirmed(
        question_id,
        lambda question: store.mark_reviewed(question, current_user, clock_now()),
        "Version {version} of the question marked as reviewed.",
    )
