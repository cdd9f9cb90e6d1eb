"""Teachers give extra time: per student in their class, and per student on one assignment."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for

from ..access import teacher_required
from ..models import db
from ..teach import class_page, member_or_404, own_assignment_or_404, own_class_or_404, student_page
from . import store
from .forms import AssignmentExtraTimeForm, ExtraTimeForm

bp = Blueprint("accommodations", __name__, url_prefix="/teach/classes/<int:class_id>/students")


@bp.post("/<int:user_id>/extra-time")
@teacher_required
def class_factor(class_id: int, user_id: int):
    school_class = own_class_or_404(class_id)
    student = member_or_404(school_class, user_id)
    form = ExtraTimeForm(prefix=f"student-{student.id}")
    if not form.validate_on_submit():
        return class_page(school_class, status=422, extra_override={student.id: form})
    store.set_class_factor(class_id, student.id, form.factor.data)
    db.session.commit()
    flash(
        f"{student.username}: time limits in this class now {round(form.factor.data, 2):g} times.",
        "success",
    )
    return redirect(url_for("teach.show_class", class_id=class_id))


@bp.post("/<int:user_id>/assignments/<int:assignment_id>/extra-time")
@teacher_required
def assignment_factor(class_id: int, user_id: int, assignment_id: int):
    school_class = own_class_or_404(class_id)
    student = member_or_404(school_class, user_id)
    assignment = own_assignment_or_404(school_class, assignment_id)
    form = AssignmentExtraTimeForm(prefix=f"assignment-{assignment.id}")
    if not form.validate_on_submit():
        return student_page(school_class, student, 422, override={assignment.id: form})
    store.set_assignment_factor(assignment.id, student.id, form.factor.data)
    db.session.commit()
    if form.factor.data is None:
        flash(f"{student.username}: this assignment uses the class's extra time again.", "success")
    else:
        flash(
            f"{student.username}: this assignment's time limit now "
            f"{round(form.factor.data, 2):g} times.",
            "success",
        )
    return redirect(url_for("teach.student", class_id=class_id, user_id=user_id))
