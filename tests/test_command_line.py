"""The README's `flask --app wsgi ...` commands, run as a person runs them on a fresh clone.

Each runs in its own process with no secret key and no `--debug` in its environment: only
serving requests (`flask run` without debug, a WSGI server importing `wsgi`) needs a real key.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GIFT = "::q1:: Capital of Armenia? {=Yerevan ~Baku}\n"


@pytest.fixture
def fresh_environment(tmp_path):
    """The environment of someone who has set nothing, with a database of their own."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("QUIZAPP_", "FLASK_")) and name != "DATABASE_URL"
    }
    environment["QUIZAPP_SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    return environment


def flask(environment, *arguments, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_commands_that_serve_no_request_run_without_a_secret_key(fresh_environment, tmp_path):
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    steps = [
        ("db", "upgrade"),
        ("users", "create", "--role", "teacher", "tamar", "--password", "a long passphrase 7"),
        ("sets", "import", "--owner", "tamar", str(source)),
        ("bank", "check"),
    ]
    for step in steps:
        result = flask(fresh_environment, *step)
        assert result.returncode == 0, f"flask {' '.join(step)}:\n{result.stderr}"
        assert "Refusing to start" not in result.stderr


def test_serving_without_debug_refuses_the_development_key(fresh_environment):
    result = flask(fresh_environment, "run", "--port", "5104", timeout=60)
    assert result.returncode != 0
    assert "Refusing to start: SECRET_KEY is the development key" in result.stderr


def test_a_wsgi_server_importing_the_app_refuses_the_development_key(fresh_environment):
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        cwd=ROOT,
        env=fresh_environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Refusing to start: SECRET_KEY is the development key" in result.stderr
