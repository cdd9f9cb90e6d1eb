"""The API's errors and OpenAPI document say what the server really does."""

from __future__ import annotations

from pathlib import Path

import pytest
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/api/v1/attempts/1/submit", {"POST", "OPTIONS"}),
        ("DELETE", "/api/v1/quizzes", {"GET", "HEAD", "OPTIONS"}),
        ("PATCH", "/api/v1/attempts/1/answers/1", {"PUT", "OPTIONS"}),
    ],
)
def test_api_405s_carry_an_allow_header_and_a_json_body(client, method, path, allowed):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == allowed
    assert response.json["message"]


def test_page_405s_carry_an_allow_header_too(client):
    response = client.delete("/login")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    assert "Not allowed here" in response.text


def test_an_answer_is_documented_as_the_union_of_every_kind_s_shape(client):
    spec = client.get("/api/v1/openapi.json").json
    for schema in ("Answer", "Question"):
        response = spec["components"]["schemas"][schema]["properties"]["response"]
        assert response["nullable"] is True
        types = sorted(shape["type"] for shape in response["oneOf"])
        assert types == ["array", "boolean", "number", "object", "string"]
    put = spec["paths"]["/api/v1/attempts/{attempt_id}/answers/{position}"]["put"]
    assert "422" in put["responses"]


def test_the_production_command_reads_the_gunicorn_settings(monkeypatch):
    monkeypatch.delenv("QUIZAPP_WORKERS", raising=False)
    settings: dict[str, object] = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), settings)
    config = Config()
    for name in ("bind", "workers", "timeout", "limit_request_line", "limit_request_fields"):
        config.set(name, settings[name])
    assert config.workers == 4 and config.bind == ["127.0.0.1:8000"]
    assert config.limit_request_line == 4094 and config.limit_request_fields == 100
    assert "gunicorn wsgi:app" in (ROOT / "README.md").read_text()
