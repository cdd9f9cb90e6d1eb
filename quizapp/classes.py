"""Classes for students: join one with its code, see its assignments and shared question sets."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from . import class_store, set_store
from .attempt_display import describe
from .attempt_store import attempts_used
from .clock import now as clock_now
from .domain.generation import QuestionKind
from .domain.quiz_rules import Grading, combined_grade
from .models import ClassMember, SchoolClass, db
from .teach_forms import JoinForm

bp = Blueprint("classes", __name__)


def _index_page(form: JoinForm, status: int = 200):
    return (
        render_template(
            "classes/index.html", classes=class_store.classes_of_member(current_user.id), form=form
        ),
        status,
    )


@bp.get("/classes")
@login_required
def index():
    return _index_page(JoinForm())


@bp.post("/classes/join")
@login_required
def join():
    form = JoinForm()
    if not form.validate_on_submit():
        return _index_page(form, 422)
    code = class_store.normalised_code(form.code.data)
    school_class = db.session.scalar(select(SchoolClass).where(SchoolClass.join_code == code))
    if school_class is None:
        form.code.errors = ["No class has this code. Check it with your teacher."]
        return _index_page(form, 422)
    if class_store.is_member(school_class.id, current_user.id):
        flash(f"You are already in {school_class.name}.", "info")
    else:
        db.session.add(
            ClassMember(class_id=school_class.id, user_id=current_user.id, joined_at=clock_now())
        )
        db.session.commit()
        flash(f"You joined {school_class.name}.", "success")
    return redirect(url_for("classes.show", class_id=school_class.id))


@bp.get("/classes/<int:class_id>")
@login_required
def show(class_id: int):
    school_class = db.session.get(SchoolClass, class_id)
    if school_class is None or not class_store.is_member(class_id, current_user.id):
        abort(404)
    rows = []
    for assignment, quiz in class_store.assignments(class_id):
        scores = [
            a.score or 0.0 for a in class_store.finished_attempts(assignment.id, current_user.id)
        ]
        rows.append(
            {
                "assignment": assignment,
                "quiz": quiz,
                "used": attempts_used(current_user.id, quiz.id),
                "grade": combined_grade(Grading(quiz.grading_method.value), scores),
            }
        )
    return render_template(
        "classes/show.html",
        school_class=school_class,
        rows=rows,
        sets=set_store.shared_sets(class_id),
        now=clock_now(),
    )


@bp.get("/sets/<int:set_id>")
@login_required
def study_set(set_id: int):
    question_set = set_store.readable_set(set_id, current_user)
    if question_set is None:
        abort(404)
    return render_template(
        "classes/set.html",
        question_set=question_set,
        questions=set_store.ordered_questions(set_id),
        describe_answer=lambda content: describe(QuestionKind(content["kind"]), content["answer"]),
    )
