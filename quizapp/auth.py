"""Accounts: register, log in, log out, change password."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from .accounts.login_limits import Refusal, login_limits
from .accounts.store import revoke_all_tokens
from .clock import now as clock_now
from .extensions import limiter, login_manager
from .forms import ChangePasswordForm, LoginForm, RegisterForm
from .models import User, db
from .passwords import hash_password, needs_rehash, verify_password
from .security import is_safe_next

bp = Blueprint("auth", __name__)

LOGIN_FAILED = "Invalid username or password."


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Accept a session only if it was issued under the user's current session version."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    # The flashcard settings and schedule fit come along: most pages a learner opens read them.
    user = db.session.get(
        User,
        int(user_id),
        options=[joinedload(User.learner_settings), joinedload(User.schedule_fit)],
    )
    if user is None or user.session_version != int(version):
        return None
    return user


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))


def _start_session(user: User) -> None:
    # A fresh session at login: nothing from the anonymous session carries over.
    session.clear()
    login_user(user)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTER_LIMIT_PER_IP"], methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        # Hashed whether or not the name is free, so the answer takes as long either way and its
        # timing does not tell which usernames exist.
        password_hash = hash_password(form.password.data)
        if find_user(form.username.data) is not None:
            form.username.errors.append("That username is taken. Choose another.")
        else:
            user = User(username=form.username.data, password_hash=password_hash)
            db.session.add(user)
            try:
                db.session.commit()
            except IntegrityError:
                # Another request registered the same name between the check and the insert.
                db.session.rollback()
                form.username.errors.append("That username is taken. Choose another.")
            else:
                _start_session(user)
                flash(f"Welcome, {user.username}. Your account is ready.", "success")
                return redirect(url_for("main.home"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 422 if form.errors else 200
    username, address = form.username.data.strip(), request.remote_addr or ""
    limits = login_limits()
    if refusal := limits.refusal(username, address):
        return _refused_login(form, refusal)
    user = find_user(username)
    if user is not None and verify_password(user.password_hash, form.password.data):
        limits.succeeded(username, address)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(form.password.data)
            db.session.commit()
        _start_session(user)
        flash("You are logged in.", "success")
        target = form.next.data
        return redirect(target if is_safe_next(target) else url_for("main.home"))
    if user is None:
        verify_password(None, form.password.data)
    limits.failed(username, address)
    form.password.errors.append(LOGIN_FAILED)
    return render_template("auth/login.html", form=form), 422


def _refused_login(form: LoginForm, refusal: Refusal):
    wait = (
        f"{refusal.seconds} seconds"
        if refusal.seconds < 120
        else f"{refusal.seconds // 60} minutes"
    )
    whose = "from your network" if refusal.whole_address else "to this account from your network"
    form.password.errors.append(
        f"Too many attempts: after repeated failed logins {whose}, logging in is paused. "
        f"Try again in {wait}."
    )
    page = render_template("auth/login.html", form=form)
    return page, 429, {"Retry-After": str(refusal.seconds)}


@bp.post("/logout")
@login_required
def logout():
    # Ends every session of this user, not only this browser's, and every API token.
    current_user.session_version += 1
    revoke_all_tokens(current_user.id, clock_now())
    db.session.commit()
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append("That is not your current password.")
        else:
            user = current_user._get_current_object()
            user.password_hash = hash_password(form.new_password.data)
            user.session_version += 1
            revoke_all_tokens(user.id, clock_now())
            db.session.commit()
            _start_session(user)
            flash(
                "Your password is changed. Other sessions have been logged out and your API "
                "tokens are revoked.",
                "success",
            )
            return redirect(url_for("main.home"))
    status = 422 if form.errors else 200
    return render_template("auth/change_password.html", form=form), status
