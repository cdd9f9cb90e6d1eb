"""Configuration from code defaults and the environment."""

from __future__ import annotations

from support import make_app

from quizapp import create_app


def test_defaults_to_sqlite_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("QUIZAPP_SQLALCHEMY_DATABASE_URI", raising=False)
    app = create_app({"TESTING": True})
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    assert uri.startswith("sqlite:///") and uri.endswith("instance/quizapp.sqlite")


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("QUIZAPP_LOGIN_LIMIT_PER_ACCOUNT", "2 per minute")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/q")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["LOGIN_LIMIT_PER_ACCOUNT"] == "2 per minute"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@127.0.0.1:5432/q"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_pooled_connections_are_checked_before_use_whatever_else_is_configured(migrated_database):
    app = make_app(migrated_database, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 3})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_size": 3, "pool_pre_ping": True}
