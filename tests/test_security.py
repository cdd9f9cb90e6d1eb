"""The security baseline every response and every state change carries."""

from __future__ import annotations

import pytest
from support import PASSWORD, create_user, make_app

REQUIRED_CSP_PARTS = ("script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")


def assert_security_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    for part in REQUIRED_CSP_PARTS:
        assert part in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_headers_on_pages_and_on_error_pages(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    for path, status in (("/", 200), ("/login", 200), ("/nowhere", 404), ("/boom", 500)):
        response = client.get(path)
        assert response.status_code == status
        assert_security_headers(response)
    assert "Something went wrong" in client.get("/boom").get_data(as_text=True)
    assert "Page not found" in client.get("/nowhere").get_data(as_text=True)


def test_pages_have_no_inline_script(client):
    for path in ("/", "/login", "/register", "/nowhere"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "onclick" not in html


def test_every_state_changing_route_requires_a_csrf_token(csrf_app):
    create_user("ani")
    client = csrf_app.test_client()
    rules = [
        rule
        for rule in csrf_app.url_map.iter_rules()
        if rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
    ]
    assert len(rules) >= 5
    for rule in rules:
        path = rule.build({arg: 1 for arg in rule.arguments})[1]
        method = next(m for m in ("POST", "PUT", "PATCH", "DELETE") if m in rule.methods)
        response = client.open(path, method=method, data={"username": "ani", "password": PASSWORD})
        assert response.status_code == 400, path
        if path.startswith("/api/"):
            assert "CSRF token" in response.json["message"]
        else:
            assert "form had expired" in response.get_data(as_text=True)
        assert_security_headers(response)


def test_login_works_with_a_csrf_token(csrf_app):
    create_user("ani")
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/login", data={"username": "ani", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_session_cookie_flags_in_production(migrated_database, monkeypatch):
    app = make_app(migrated_database, TESTING=False, SECRET_KEY="x" * 64)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_session_cookie_is_httponly_and_lax(client, auth):
    create_user("ani")
    response = auth.login("ani")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_refuses_to_start_with_the_development_key_in_production(migrated_database):
    with pytest.raises(RuntimeError, match="SECRET_KEY is the development key"):
        make_app(migrated_database, TESTING=False, SECRET_KEY="dev-only-not-secret")
