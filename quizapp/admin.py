"""Administration: people and their roles."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from .access import admin_required
from .forms import RoleForm
from .models import Role, User, db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@admin_required
def users():
    people = db.session.scalars(select(User).order_by(func.lower(User.username))).all()
    forms = {user.id: RoleForm(role=user.role.value, prefix=f"user-{user.id}") for user in people}
    return render_template("admin/users.html", people=people, forms=forms)


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
