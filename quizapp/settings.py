"""Configuration: defaults in code, overrides from `QUIZAPP_*` environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
from flask import Flask

DEV_SECRET_KEY = "dev-only-not-secret"


def defaults(instance_path: str) -> dict[str, Any]:
    """The settings used when neither the environment nor a test overrides them."""
    return {
        "SECRET_KEY": DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(Path(instance_path) / "quizapp.sqlite"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
        # The CSRF token is tied to the session; no separate expiry, so a long timed quiz never
        # loses its final submit to an expired token.
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Failed logins only (see accounts/login_limits.py): from one address across accounts,
        # and for one account from one address, in stepped windows so each wait grows.
        "LOGIN_LIMIT_PER_IP": "20 per minute",
        "LOGIN_LIMIT_PER_ACCOUNT": "5 per minute; 10 per 15 minutes; 20 per day",
        # Generous enough for a class registering behind one school address.
        "REGISTER_LIMIT_PER_IP": "60 per hour",
        "PROXY_FIX_HOPS": 0,
        # The largest request body accepted (uploads included); larger ones get a 413 unread.
        "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
        # Flask's own limit on one form's text fields (500 kB by default) would refuse a long
        # text that the page says is within the limit; one limit applies to both.
        "MAX_FORM_MEMORY_SIZE": 4 * 1024 * 1024,
        # An answer arriving this many seconds after the deadline still counts (network latency).
        "QUIZ_GRACE_SECONDS": 5,
        # Generated questions are reproducible: the same bank and seed give the same questions.
        "QUESTION_BANK_SEED": 1988,
        "QUESTION_BANK_DIR": str(Path(__file__).resolve().parent.parent / "question_bank"),
    }


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Apply defaults, then `QUIZAPP_*` variables (and `DATABASE_URL`), then the test mapping."""
    app.config.from_mapping(defaults(app.instance_path))
    if database_url := os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    # QUIZAPP_SECRET_KEY -> SECRET_KEY, QUIZAPP_SQLALCHEMY_DATABASE_URI -> ..., values parsed as
    # JSON where they can be (so QUIZAPP_PROXY_FIX_HOPS=1 is an int).
    app.config.from_prefixed_env("QUIZAPP")
    if test_config is not None:
        app.config.from_mapping(test_config)
    # A pooled connection the database has dropped (restart, failover, an idle timeout) is
    # noticed and replaced before a request uses it, instead of failing that request.
    engine_options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    engine_options.setdefault("pool_pre_ping", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    # Heroku-style URLs name the scheme "postgres"; psycopg 3 needs its driver named.
    if uri.startswith(("postgres://", "postgresql://")):
        app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri.split("://", 1)[1]
    if app.debug or app.testing:
        app.config["SESSION_COOKIE_SECURE"] = False
    elif app.config["SECRET_KEY"] == DEV_SECRET_KEY and serves_requests():
        raise RuntimeError(
            "Refusing to start: SECRET_KEY is the development key. Set QUIZAPP_SECRET_KEY "
            "to a long random value (python -c 'import secrets; print(secrets.token_hex(32))')."
        )


def serves_requests() -> bool:
    """Whether the app is being built to serve requests rather than to run a `flask` command.

    The key signs sessions and CSRF tokens, which only requests use. A `flask` command other than
    `run` (bank, users, sets, db ...) loads the app inside its click context; `flask run`,
    gunicorn and any other WSGI server load it to serve.
    """
    context = click.get_current_context(silent=True)
    return context is None or context.command.name == "run"
