"""API tokens for non-browser clients: create (shown once), list, revoke."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .api import token_hash
from .clock import now as clock_now
from .forms import TokenForm
from .models import ApiToken, db
from .passwords import verify_password

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


def own_tokens() -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == current_user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at)
        )
    )


@bp.get("")
@login_required
def index():
    return render_template("tokens/index.html", form=TokenForm(), tokens=own_tokens(), new=None)


@bp.post("")
@login_required
def create():
    form = TokenForm()
    if form.validate_on_submit() and not verify_password(
        current_user.password_hash, form.password.data
    ):
        form.password.errors.append("That is not your current password.")
    if form.errors:
        return render_template("tokens/index.html", form=form, tokens=own_tokens(), new=None), 422
    token = secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(
            user_id=current_user.id,
            name=form.name.data.strip(),
            token_hash=token_hash(token),
            created_at=clock_now(),
        )
    )
    db.session.commit()
    # Shown in this response only, never stored or put in the session: no redirect here.
    page = render_template("tokens/index.html", form=TokenForm(), tokens=own_tokens(), new=token)
    return page, 201


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id or token.revoked_at is not None:
        abort(404)
    token.revoked_at = clock_now()
    db.session.commit()
    flash(f"Token “{token.name}” is revoked.", "success")
    return redirect(url_for("tokens.index"))
