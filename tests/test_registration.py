"""Registration: names are checked whole, it is rate-limited, and it does not reveal taken names."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from support import create_user

from quizapp import auth as auth_views
from quizapp.models import User, db

PASSWORD = "long enough pw"


def register(client, username: str):
    return client.post(
        "/register", data={"username": username, "password": PASSWORD, "confirm": PASSWORD}
    )


def usernames() -> list[str]:
    return list(db.session.scalars(select(User.username).order_by(User.id)))


@pytest.mark.parametrize("typed", ["ani\n", " ani ", "\tani\r\n"])
def test_surrounding_white_space_is_stripped_from_a_new_username(client, typed):
    assert register(client, typed).status_code == 302
    assert usernames() == ["ani"]


@pytest.mark.parametrize("typed", ["an\ni", "ani\nx", "ani\x0b\nbob"])
def test_a_newline_inside_a_username_is_refused(client, typed):
    response = register(client, typed)
    assert response.status_code == 422
    assert "Use only letters, digits, dots, dashes and underscores." in response.text
    assert usernames() == []


def test_a_stripped_name_that_is_taken_is_refused(client):
    create_user("ani")
    response = register(client, "ani\n")
    assert response.status_code == 422
    assert "That username is taken" in response.text
    assert usernames() == ["ani"]


def test_registration_is_rate_limited_per_address(app, client):
    app.config["REGISTER_LIMIT_PER_IP"] = "2 per hour"
    assert register(client, "one").status_code == 302
    client.post("/logout")
    assert register(client, "two").status_code == 302
    client.post("/logout")
    blocked = register(client, "three")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.text
    assert usernames() == ["one", "two"]


def test_a_taken_name_costs_the_same_password_hash_as_a_free_one(client, monkeypatch):
    create_user("taken")
    hashed = []
    real_hash = auth_views.hash_password

    def counting_hash(password: str) -> str:
        hashed.append(password)
        return real_hash(password)

    monkeypatch.setattr(auth_views, "hash_password", counting_hash)
    assert register(client, "taken").status_code == 422
    assert hashed == [PASSWORD]
    assert register(client, "free").status_code == 302
    assert hashed == [PASSWORD, PASSWORD]
    assert db.session.scalar(select(func.count()).select_from(User)) == 2
