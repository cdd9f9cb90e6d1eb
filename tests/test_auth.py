"""Accounts: registration, login, logout, password change, sessions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from support import PASSWORD, create_user

from quizapp.auth import LOGIN_FAILED
from quizapp.models import Role, User, db


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_register_creates_a_student_with_an_argon2id_hash_and_logs_in(client):
    response = client.post(
        "/register",
        data={"username": "ani", "password": "long enough pw", "confirm": "long enough pw"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert b"Welcome, ani" in response.data
    user = db.session.scalar(select(User).where(User.username == "ani"))
    assert user.role is Role.STUDENT
    assert user.password_hash.startswith("$argon2id$")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"username": "", "password": "long enough pw", "confirm": "long enough pw"},
            "username",
            "This field is required.",
        ),
        (
            {"username": "a b", "password": "long enough pw", "confirm": "long enough pw"},
            "username",
            "Use only letters, digits, dots, dashes and underscores.",
        ),
        (
            {"username": "ani", "password": "short", "confirm": "short"},
            "password",
            "Use between 10 and 128 characters.",
        ),
        (
            {"username": "ani", "password": "long enough pw", "confirm": "different pw!"},
            "confirm",
            "The passwords do not match.",
        ),
    ],
)
def test_register_bad_input_shows_the_error_at_its_field_and_saves_nothing(
    client, data, field, message
):
    response = client.post("/register", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error">{message}' in html
    assert f'id="{field}"' in html and 'aria-invalid="true"' in html
    if data["username"]:
        assert f'value="{data["username"]}"' in html  # what the user typed is kept
    assert count_users() == 0


def test_register_rejects_a_taken_username_case_insensitively(client):
    create_user("Ani")
    response = client.post(
        "/register",
        data={"username": "ani", "password": "long enough pw", "confirm": "long enough pw"},
    )
    assert response.status_code == 422
    assert "That username is taken" in response.get_data(as_text=True)
    assert count_users() == 1


def test_login_and_logout(client, auth):
    create_user("ani")
    response = auth.login("ani")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert b"Welcome, ani" in client.get("/").data
    auth.logout()
    assert b"Welcome" not in client.get("/").data


def test_unknown_user_and_wrong_password_get_the_same_answer(client, auth):
    create_user("ani")
    unknown = auth.login("nobody", "whatever pw1")
    wrong = auth.login("ani", "whatever pw1")
    assert unknown.status_code == wrong.status_code == 422
    unknown_html = unknown.get_data(as_text=True).replace("nobody", "NAME")
    wrong_html = wrong.get_data(as_text=True).replace("ani", "NAME")
    assert unknown_html == wrong_html
    assert LOGIN_FAILED in unknown_html


def test_login_is_rate_limited_per_account(client, auth):
    create_user("ani")
    for _ in range(5):
        assert auth.login("ani", "wrong password").status_code == 422
    blocked = auth.login("ani", PASSWORD)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # Another account from the same address is not locked out by it.
    create_user("bob")
    assert auth.login("bob").status_code == 302


def test_login_is_rate_limited_per_address(app, client, auth):
    app.config["LOGIN_LIMIT_PER_IP"] = "3 per minute"
    for name in ("a1", "a2", "a3"):
        assert auth.login(name, "wrong password").status_code == 422
    assert auth.login("a4", "wrong password").status_code == 429


def test_login_starts_a_fresh_session(client, auth):
    create_user("ani")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    auth.login("ani")
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/account/password", "/account/password"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_login_redirects_only_to_local_next(client, auth, target, expected):
    create_user("ani")
    response = auth.login("ani", next=target)
    assert response.headers["Location"] == expected


def test_protected_page_sends_anonymous_user_to_login_and_back(client, auth):
    create_user("ani")
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/account/password"' in login_page


def test_logout_ends_the_users_other_sessions(app, auth):
    create_user("ani")
    other = app.test_client()
    other.post("/login", data={"username": "ani", "password": PASSWORD})
    assert other.get("/account/password").status_code == 200
    auth.login("ani")
    auth.logout()
    assert other.get("/account/password").status_code == 302


def test_password_change_keeps_this_session_and_ends_the_others(app, client, auth):
    create_user("ani")
    other = app.test_client()
    other.post("/login", data={"username": "ani", "password": PASSWORD})
    auth.login("ani")
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "a new long password",
            "confirm": "a new long password",
        },
    )
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200
    assert other.get("/account/password").status_code == 302
    auth.logout()
    assert auth.login("ani", PASSWORD).status_code == 422
    assert auth.login("ani", "a new long password").status_code == 302


def test_password_change_with_wrong_current_password_changes_nothing(client, auth):
    user = create_user("ani")
    auth.login("ani")
    before = (user.password_hash, user.session_version)
    response = client.post(
        "/account/password",
        data={
            "current_password": "not my password",
            "new_password": "a new long password",
            "confirm": "a new long password",
        },
    )
    assert response.status_code == 422
    assert 'id="current_password-error">That is not your current password.' in response.get_data(
        as_text=True
    )
    db.session.refresh(user)
    assert (user.password_hash, user.session_version) == before
