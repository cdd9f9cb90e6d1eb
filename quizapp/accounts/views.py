"""Account settings: one time zone per account, used for every time shown or typed."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..clock import now as clock_now
from ..models import db
from .forms import AccountSettingsForm

bp = Blueprint("accounts", __name__, url_prefix="/account")


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = AccountSettingsForm(data={"time_zone": current_user.time_zone})
    if form.validate_on_submit():
        current_user.time_zone = form.time_zone.data
        db.session.commit()
        flash(f"Times are now shown in {form.time_zone.data}.", "success")
        return redirect(url_for(".settings"))
    status = 422 if form.errors else 200
    return render_template("accounts/settings.html", form=form, now=clock_now()), status
