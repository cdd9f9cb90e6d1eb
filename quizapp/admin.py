"""Administration: people, their roles, and account-wide extra time."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from .access import admin_required
from .accommodations.forms import ExtraTimeForm
from .forms import RoleForm
from .models import Role, User, db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@admin_required
def users():
    return _people_page()


def _people_page(status: int = 200, extra_override: dict[int, ExtraTimeForm] | None = None):
    people = db.session.scalars(select(User).order_by(func.lower(User.username))).all()
    forms = {user.id: RoleForm(role=user.role.value, prefix=f"user-{user.id}") for user in people}
    extra_forms = {
        user.id: ExtraTimeForm(
            formdata=None, factor=user.extra_time_factor, prefix=f"account-{user.id}"
        )
        for user in people
    }
    extra_forms.update(extra_override or {})
    page = render_template("admin/users.html", people=people, forms=forms, extra_forms=extra_forms)
    return page, status


@bp.post("/users/<int:user_id>/extra-time")
@admin_required
def extra_time(user_id: int):
    """An account-wide accommodation: every quiz's time limit, ready-made ones included."""
    user = db.get_or_404(User, user_id)
    form = ExtraTimeForm(prefix=f"account-{user.id}")
    if not form.validate_on_submit():
        return _people_page(422, {user.id: form})
    user.extra_time_factor = round(form.factor.data, 2)
    db.session.commit()
    flash(f"{user.username}: every time limit now {user.extra_time_factor:g} times.", "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/role")
@admin_required
def change_role(user_id: int):
    user = db.get_or_404(User, user_id)
    form = RoleForm(prefix=f"user-{user.id}")
    if not form.validate_on_submit():
        flash(f"Role for {user.username} not changed: choose student, teacher or admin.", "error")
        return redirect(url_for("admin.users"))
    new_role = Role(form.role.data)
    if user.id == current_user.id and new_role is not Role.ADMIN:
        flash("You cannot remove your own admin role; ask another admin.", "error")
        return redirect(url_for("admin.users"))
    user.role = new_role
    db.session.commit()
    flash(f"{user.username} is now {new_role.value}.", "success")
    return redirect(url_for("admin.users"))
