"""Login limits count failures only: per (account, address) with growing waits, and per address.

The owner logging in from elsewhere is never locked out by someone else's guesses, and a class
behind one school address logging in correctly is never slowed down.
"""

from __future__ import annotations

import time

import pytest
from limits.storage import MemoryStorage
from support import PASSWORD, create_user, make_app

from quizapp.models import db

ATTACKER = {"REMOTE_ADDR": "203.0.113.7"}
OWNER = {"REMOTE_ADDR": "198.51.100.20"}
SCHOOL = {"REMOTE_ADDR": "192.0.2.1"}


def log_in(client, username, password=PASSWORD, address=SCHOOL):
    return client.post(
        "/login", data={"username": username, "password": password}, environ_base=address
    )


class FakeTime:
    """`time.time` moved by hand: rate-limit windows pass without sleeping."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_failures_elsewhere_never_lock_out_the_owner(app, client):
    create_user("ani")
    for _ in range(10):
        assert log_in(client, "ani", "wrong password", ATTACKER).status_code in (422, 429)
    assert log_in(client, "ani", "wrong password", ATTACKER).status_code == 429
    assert log_in(client, "ani", PASSWORD, OWNER).status_code == 302


def test_successful_logins_are_not_counted(app, client):
    create_user("ani")
    for _ in range(8):
        assert log_in(client, "ani").status_code == 302
        client.post("/logout")


def test_a_class_behind_one_address_is_not_locked_out(app, client):
    for number in range(35):
        create_user(f"pupil{number:02}")
    for number in range(35):
        assert log_in(client, f"pupil{number:02}").status_code == 302, number
        client.post("/logout")


def test_failures_lock_the_account_from_that_address_and_say_how_long(app, client):
    create_user("ani")
    for _ in range(5):
        assert log_in(client, "ani", "wrong password", ATTACKER).status_code == 422
    blocked = log_in(client, "ani", PASSWORD, ATTACKER)
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    page = blocked.get_data(as_text=True)
    assert "Too many attempts" in page and "Try again in" in page
    assert 'value="ani"' in page  # what was typed is kept


def test_failures_from_one_address_are_limited_across_accounts(app, client):
    app.config["LOGIN_LIMIT_PER_IP"] = "3 per minute"
    for name in ("a1", "a2", "a3"):
        assert log_in(client, name, "wrong password", ATTACKER).status_code == 422
    assert log_in(client, "a4", "wrong password", ATTACKER).status_code == 429
    create_user("ani")
    assert log_in(client, "ani", PASSWORD, OWNER).status_code == 302


def test_the_wait_grows_with_repeated_failures(app, client, monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(time, "time", fake)
    create_user("ani")
    for _ in range(5):
        log_in(client, "ani", "wrong password", ATTACKER)
    first = log_in(client, "ani", "wrong password", ATTACKER)
    assert first.status_code == 429 and int(first.headers["Retry-After"]) <= 60
    fake.now += 61
    for _ in range(5):
        assert log_in(client, "ani", "wrong password", ATTACKER).status_code == 422
    second = log_in(client, "ani", "wrong password", ATTACKER)
    assert second.status_code == 429 and int(second.headers["Retry-After"]) > 5 * 60
    # The owner, elsewhere, still gets in.
    assert log_in(client, "ani", PASSWORD, OWNER).status_code == 302


@pytest.fixture
def two_apps(migrated_database):
    """Two app objects, as two workers would be, both on the test database."""

    built = []

    def build(**config):
        first = make_app(migrated_database, **config)
        second = make_app(migrated_database, **config)
        built.extend([first, second])
        return first, second

    yield build
    for worker in built:  # close each worker's pooled connections, as a stopped worker would
        with worker.app_context():
            db.session.remove()
            db.engine.dispose()


def test_the_limit_is_shared_between_workers_with_a_shared_storage(app, two_apps):
    create_user("ani")
    shared = MemoryStorage()
    first, second = two_apps(RATELIMIT_STORAGE=shared)
    for _ in range(3):
        assert log_in(first.test_client(), "ani", "wrong", ATTACKER).status_code == 422
    for _ in range(2):
        assert log_in(second.test_client(), "ani", "wrong", ATTACKER).status_code == 422
    assert log_in(first.test_client(), "ani", PASSWORD, ATTACKER).status_code == 429
    assert log_in(second.test_client(), "ani", PASSWORD, ATTACKER).status_code == 429


def test_per_process_memory_storage_counts_each_worker_apart(app, two_apps):
    create_user("ani")
    first, second = two_apps()
    for _ in range(3):
        assert log_in(first.test_client(), "ani", "wrong", ATTACKER).status_code == 422
    for _ in range(2):
        assert log_in(second.test_client(), "ani", "wrong", ATTACKER).status_code == 422
    # Each counted fewer than 5: this is why several workers need Redis.
    assert log_in(second.test_client(), "ani", PASSWORD, ATTACKER).status_code == 302
