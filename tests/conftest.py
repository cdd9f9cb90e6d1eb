"""Shared fixtures: an app on a scratch database, clients, accounts, and a live server."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from support import (
    CHROMIUM,
    MIGRATIONS,
    PASSWORD,
    POSTGRES_URL,
    create_user,
    delete_all_rows,
    drop_everything,
    in_context,
    make_app,
)
from support_quizzes import Clock
from werkzeug.serving import make_server

from quizapp.models import db


def pytest_report_header(config: pytest.Config) -> str:
    return "database: " + ("PostgreSQL" if POSTGRES_URL else "SQLite")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        # Under CI a missing browser is a failure (the launch fails), never a skip.
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) "
        "to run the browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if POSTGRES_URL:
        url = POSTGRES_URL
        if url.startswith(("postgres://", "postgresql://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


@pytest.fixture(scope="session")
def migrated_database(database_url: str) -> str:
    """The scratch database, emptied and brought to the head revision by the migrations."""
    app = make_app(database_url)
    with app.app_context():
        drop_everything()
        upgrade(directory=MIGRATIONS)
        db.engine.dispose()
    return database_url


@pytest.fixture
def app(migrated_database: str) -> Iterator[Flask]:
    with in_context(make_app(migrated_database)) as app:
        yield app


@pytest.fixture
def csrf_app(migrated_database: str) -> Iterator[Flask]:
    """The app with CSRF protection switched on, as in production."""
    with in_context(make_app(migrated_database, WTF_CSRF_ENABLED=True)) as app:
        yield app


@pytest.fixture
def clock(app: Flask) -> Clock:
    """The app's clock, set to a fixed moment and moved only by the test."""
    clock = Clock()
    app.config["CLOCK"] = clock
    return clock


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask):
    return create_user


@dataclass
class Auth:
    client: FlaskClient

    def login(self, username: str, password: str = PASSWORD, **extra: str):
        return self.client.post(
            "/login", data={"username": username, "password": password, **extra}
        )

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


@dataclass
class LiveServer:
    url: str
    app: Flask


@pytest.fixture
def live_server(migrated_database: str) -> Iterator[LiveServer]:
    """The app served over HTTP on a free loopback port, CSRF on, for the browser tests."""
    app = make_app(migrated_database, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        thread.join()
        with app.app_context():
            db.session.remove()
            delete_all_rows()
            db.engine.dispose()


@pytest.fixture
def live_clock(live_server: LiveServer) -> Clock:
    """The live server's clock, set to a fixed moment and moved only by the test."""
    clock = Clock()
    live_server.app.config["CLOCK"] = clock
    return clock


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
