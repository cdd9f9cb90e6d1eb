"""Credentials on the API and in caches: CSRF unless a valid token, no-store for signed-in users."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from support import PASSWORD, create_user
from support_quizzes import load_small_bank, make_quiz

from quizapp.api import token_hash
from quizapp.models import ApiToken, Attempt, db


def logged_in_client(app, username: str):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return client


def attempts() -> int:
    return db.session.scalar(select(func.count()).select_from(Attempt))


@pytest.fixture
def quiz(csrf_app):
    load_small_bank(csrf_app)
    return make_quiz(question_count=5, time_limit_seconds=300)


@pytest.mark.parametrize("header", ["Bearer junk", "Bearer ", "bearer x y z"])
def test_a_session_with_a_junk_bearer_header_still_needs_the_csrf_token(csrf_app, quiz, header):
    create_user("ani")
    client = logged_in_client(csrf_app, "ani")
    response = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers={"Authorization": header})
    assert response.status_code in (400, 401)
    assert response.json["field"] in ("X-CSRFToken", "Authorization")
    assert attempts() == 0


def test_a_valid_token_needs_no_csrf_token(csrf_app, quiz):
    user = create_user("ani")
    db.session.add(ApiToken(user_id=user.id, name="cli", token_hash=token_hash("secret-1")))
    db.session.commit()
    client = csrf_app.test_client()
    headers = {"Authorization": "Bearer secret-1"}
    assert client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).status_code == 201
    assert attempts() == 1


def test_a_session_with_the_csrf_header_works_and_without_it_does_not(csrf_app, quiz):
    create_user("ani")
    client = logged_in_client(csrf_app, "ani")
    assert client.post(f"/api/v1/quizzes/{quiz.id}/attempts").status_code == 400
    page = client.get("/").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    started = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers={"X-CSRFToken": token})
    assert started.status_code == 201
    assert attempts() == 1


def test_signed_in_responses_are_not_stored_by_caches(client, auth):
    create_user("ani")
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    auth.login("ani")
    for path in ("/", "/account/tokens", "/progress", "/flashcards/export.csv", "/nowhere"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "private, no-store", path
        assert "Cookie" in response.headers["Vary"], path


def test_token_authenticated_api_responses_are_not_stored(client):
    user = create_user("ani")
    db.session.add(ApiToken(user_id=user.id, name="cli", token_hash=token_hash("secret-2")))
    db.session.commit()
    response = client.get("/api/v1/quizzes", headers={"Authorization": "Bearer secret-2"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
