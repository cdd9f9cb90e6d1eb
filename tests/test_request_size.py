"""Requests over the size limit are refused unread: a 413 page, or JSON for the API."""

from __future__ import annotations

import json

import pytest
from support import create_user

from quizapp.api import token_hash
from quizapp.models import ApiToken, QuestionSet, Role, db

TWENTY_MB = 20 * 1024 * 1024


@pytest.fixture
def token(app):
    student = create_user("ani")
    db.session.add(ApiToken(user_id=student.id, name="cli", token_hash=token_hash("tok-ani")))
    db.session.commit()
    return {"Authorization": "Bearer tok-ani"}


def test_the_limit_has_a_default_of_a_few_megabytes(app):
    assert 1024 * 1024 <= app.config["MAX_CONTENT_LENGTH"] <= 16 * 1024 * 1024


def test_a_20_mb_json_body_is_refused_before_it_is_parsed(app, client, token, monkeypatch):
    parsed = []
    original = app.json.loads
    monkeypatch.setattr(app.json, "loads", lambda data, **kw: parsed.append(1) or original(data))
    body = json.dumps({"response": "x" * TWENTY_MB})
    refused = client.put(
        "/api/v1/attempts/1/answers/1", data=body, content_type="application/json", headers=token
    )
    assert parsed == []
    assert refused.status_code == 413
    assert refused.json["field"] is None
    assert "4 MB" in refused.json["message"]


def test_an_oversize_upload_gets_the_413_page(app, client, auth):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = QuestionSet(owner_id=teacher.id, title="Imports")
    db.session.add(question_set)
    db.session.commit()
    auth.login("tamar")
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.gift"\r\n'
        "Content-Type: text/plain\r\n\r\n"
        + "::Q1:: Big? {TRUE}\n\n" * (TWENTY_MB // 20)
        + f"\r\n--{boundary}--\r\n"
    ).encode()
    refused = client.post(
        f"/teach/sets/{question_set.id}/import",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert refused.status_code == 413
    page = refused.get_data(as_text=True)
    assert "<h1>Too large</h1>" in page and "4 MB" in page
    assert 'href="/"' in page  # the site's own layout, with its navigation


def test_the_limit_is_configurable(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    refused = client.post("/login", data={"username": "ani", "password": "p" * 4096})
    assert refused.status_code == 413 and "2 KB" in refused.get_data(as_text=True)
    assert client.post("/login", data={"username": "ani", "password": "p" * 100}).status_code == 422


def test_a_long_form_field_within_the_limit_is_not_refused(app, client):
    boundary = "b0undary"
    body = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in (("username", "ani"), ("password", "p" * (1024 * 1024)))
    )
    within = client.post(
        "/login",
        data=(body + f"--{boundary}--\r\n").encode(),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert within.status_code == 422
