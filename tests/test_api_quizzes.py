"""The JSON API for quizzes: tokens, the attempt flow, errors, and the OpenAPI document."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support import PASSWORD, create_user
from support_quizzes import load_small_bank, make_quiz

from quizapp.api import token_hash
from quizapp.models import ApiToken, Attempt, AttemptState, User, db


@pytest.fixture
def quiz(app):
    load_small_bank(app)
    return make_quiz(question_count=10, time_limit_seconds=300)


def token_for(username: str) -> dict[str, str]:
    owner = db.session.scalar(select(User).where(User.username == username))
    db.session.add(
        ApiToken(user_id=owner.id, name="test", token_hash=token_hash(f"tok-{username}"))
    )
    db.session.commit()
    return {"Authorization": f"Bearer tok-{username}"}


def a_response(question: dict):
    kind = question["kind"]
    if kind in ("single_choice", "who_said_it"):
        return question["choices"][0]
    if kind == "multiple_choice":
        return question["choices"][:1]
    if kind == "true_false":
        return True
    if kind in ("numeric", "year"):
        return 1994
    if kind == "short_text":
        return "Stepanakert"
    if kind == "ordering":
        return list(question["choices"])
    return {left: question["choices"][0] for left in question["lefts"]}


def test_the_whole_flow_with_a_token(client, quiz, clock):
    create_user("ani")
    headers = token_for("ani")
    quizzes = client.get("/api/v1/quizzes", headers=headers)
    assert quizzes.status_code == 200 and quizzes.json[0]["title"] == "Test quiz"

    started = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers)
    assert started.status_code == 201
    attempt = started.json
    assert attempt["seconds_left"] == 300 and len(attempt["questions"]) == 10
    assert all("feedback" not in q for q in attempt["questions"])
    resumed = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).json
    assert resumed["id"] == attempt["id"] and resumed["questions"] == attempt["questions"]

    for question in attempt["questions"]:
        saved = client.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{question['position']}",
            json={"response": a_response(question)},
            headers=headers,
        )
        assert saved.status_code == 200, saved.json
    early = client.get(f"/api/v1/attempts/{attempt['id']}/result", headers=headers)
    assert early.status_code == 409

    clock.advance(minutes=1)
    result = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers)
    assert result.status_code == 200 and result.json["state"] == "finished"
    assert all("feedback" in q for q in result.json["questions"])
    again = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers)
    assert again.status_code == 409 and "already" in again.json["message"]
    assert client.get(f"/api/v1/attempts/{attempt['id']}/result", headers=headers).json[
        "score"
    ] == pytest.approx(result.json["score"])


def test_errors_are_json_with_message_and_field(client, quiz, clock):
    create_user("ani")
    headers = token_for("ani")
    attempt = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).json
    url = f"/api/v1/attempts/{attempt['id']}/answers/1"
    missing = client.put(url, json={}, headers=headers)
    assert missing.status_code == 422
    assert missing.json["field"] == "response" and "response" in missing.json["message"]
    wrong = client.put(url, json={"response": {"nonsense": 1}}, headers=headers)
    assert wrong.status_code == 422 and wrong.json["field"] == "response"
    assert client.put(
        f"/api/v1/attempts/{attempt['id']}/answers/99", json={"response": None}, headers=headers
    ).json == {"message": "There is no question 99 in this attempt.", "field": None}
    clock.advance(minutes=5, seconds=6)
    late = client.put(url, json={"response": None}, headers=headers)
    assert late.status_code == 409 and "Time is up" in late.json["message"]
    db.session.expire_all()
    assert db.session.get(Attempt, attempt["id"]).state is AttemptState.FINISHED


def test_authentication_and_ownership(client, quiz, clock):
    create_user("ani")
    create_user("bob")
    assert client.get("/api/v1/quizzes").status_code == 401
    assert client.get("/api/v1/quizzes").json["message"].startswith("Log in")
    bad = client.get("/api/v1/quizzes", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    attempt = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=token_for("ani")).json
    bob = token_for("bob")
    assert client.get(f"/api/v1/attempts/{attempt['id']}", headers=bob).status_code == 404
    assert client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=bob).status_code == 404


def test_a_revoked_token_no_longer_works(app, client, auth, quiz):
    create_user("ani")
    headers = token_for("ani")
    token = db.session.scalar(select(ApiToken))
    auth.login("ani")
    client.post(f"/account/tokens/{token.id}/revoke")
    assert app.test_client().get("/api/v1/quizzes", headers=headers).status_code == 401


def test_browser_sessions_need_the_csrf_token(csrf_app):
    load_small_bank(csrf_app)
    quiz = make_quiz()
    create_user("ani")
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/login", data={"username": "ani", "password": PASSWORD, "csrf_token": token})
    assert client.get("/api/v1/quizzes").status_code == 200
    refused = client.post(f"/api/v1/quizzes/{quiz.id}/attempts")
    assert refused.status_code == 400 and "message" in refused.json
    # Login starts a fresh session, so the page after it carries a new token.
    page = client.get("/account/password").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    accepted = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers={"X-CSRFToken": token})
    assert accepted.status_code == 201


def test_token_page_creates_a_token_shown_once(client, auth):
    create_user("ani")
    auth.login("ani")
    created = client.post("/account/tokens", data={"name": "laptop", "password": PASSWORD})
    assert created.status_code == 201
    secret = created.get_data(as_text=True).split('<code class="token">')[1].split("<")[0]
    row = db.session.scalar(select(ApiToken))
    assert row.token_hash == token_hash(secret) and secret not in row.token_hash
    assert secret not in client.get("/account/tokens").get_data(as_text=True)
    empty = client.post("/account/tokens", data={"name": "", "password": PASSWORD})
    assert empty.status_code == 422 and "This field is required." in empty.get_data(as_text=True)


def test_openapi_document_is_generated_from_the_code(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    assert "/api/v1/quizzes/{quiz_id}/attempts" in paths
    assert "put" in paths["/api/v1/attempts/{attempt_id}/answers/{position}"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]


def test_deadline_passes_between_start_and_submit(client, quiz, clock):
    create_user("ani")
    headers = token_for("ani")
    attempt = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).json
    clock.advance(hours=1)
    result = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers)
    assert result.status_code == 200
    assert result.json["finish_reason"] == "timed_out"
    finished_at = result.json["finished_at"]
    deadline = attempt["deadline"]
    assert finished_at == deadline
