"""Helpers shared by the tests: a configured app, accounts, database housekeeping."""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from quizapp import create_app
from quizapp.models import Role, User, db
from quizapp.passwords import hash_password

CHROMIUM = Path("/usr/bin/chromium")
POSTGRES_URL = os.environ.get("QUIZAPP_TEST_DATABASE_URL", "")
MIGRATIONS = str(Path(__file__).resolve().parents[1] / "migrations")
PASSWORD = "correct horse battery"
# Argon2 hashing is deliberately slow; hash the shared test password once.
PASSWORD_HASH = hash_password(PASSWORD)


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in a fresh context, as in production.

    Tests keep an app context open for their own database work; without this, each request would
    reuse it, sharing `g` (Flask-Login's cached user) and the database session, and hide a view
    that forgets to commit.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


def make_app(database_url: str, **overrides: object) -> Flask:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    return app


@contextmanager
def in_context(app: Flask) -> Iterator[Flask]:
    """The app inside its context for one test; afterwards every row is deleted."""
    with app.app_context():
        yield app
        db.session.remove()
        delete_all_rows()
        db.engine.dispose()


def drop_everything() -> None:
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def delete_all_rows() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def create_user(username: str, role: Role = Role.STUDENT) -> User:
    user = User(username=username, password_hash=PASSWORD_HASH, role=role)
    db.session.add(user)
    db.session.commit()
    return user
