"""`flask users create` and `flask demo users`."""

from __future__ import annotations

import re

from sqlalchemy import select
from support import make_app

from quizapp.models import Role, User, db
from quizapp.passwords import verify_password


def test_users_create_with_role_and_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "admin", "--password", "a long password", "boss"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "boss"))
    assert user.role is Role.ADMIN
    assert verify_password(user.password_hash, "a long password")


def test_users_create_asks_for_the_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "ani"], input="a long password\na long password\n"
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User).where(User.username == "ani")).role is Role.STUDENT


def test_users_create_refuses_a_taken_name_and_a_short_password(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["users", "create", "--password", "a long password", "ani"])
    taken = runner.invoke(args=["users", "create", "--password", "a long password", "ANI"])
    assert taken.exit_code != 0 and "already taken" in taken.output
    short = runner.invoke(args=["users", "create", "--password", "short", "bob"])
    assert short.exit_code != 0 and "between 10 and 128" in short.output
    assert len(db.session.scalars(select(User)).all()) == 1


def test_demo_users_prints_working_passwords(app):
    result = app.test_cli_runner().invoke(args=["demo", "users"])
    assert result.exit_code == 0, result.output
    found = dict(re.findall(r"username (\S+)  password (\S+)", result.output))
    assert set(found) == {"demo-teacher", "demo-student"}
    teacher = db.session.scalar(select(User).where(User.username == "demo-teacher"))
    assert teacher.role is Role.TEACHER
    assert verify_password(teacher.password_hash, found["demo-teacher"])


def test_demo_users_are_never_created_in_production(migrated_database):
    app = make_app(migrated_database, TESTING=False, SECRET_KEY="x" * 64)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo", "users"])
        assert result.exit_code != 0
        assert "never in production" in result.output
        assert db.session.scalars(select(User)).all() == []
        db.session.remove()
        db.engine.dispose()
