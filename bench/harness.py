"""What the page and classroom benches share: a scratch database, gunicorn, and a small HTTP client.

Not a bench itself; `make bench` runs the scripts that import it.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "bench password 2026"

CSRF_FIELD = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def app_environment(database_url: str) -> dict[str, str]:
    """The environment quizapp runs with in a bench: its own database and key, no login limits."""
    return {
        **os.environ,
        "QUIZAPP_SQLALCHEMY_DATABASE_URI": database_url,
        "QUIZAPP_SECRET_KEY": secrets.token_hex(32),
        "QUIZAPP_SESSION_COOKIE_SECURE": "false",
        # Hundreds of logins from one address are the point of the classroom bench.
        "QUIZAPP_RATELIMIT_ENABLED": "false",
    }


def flask_command(env: dict[str, str], *args: str) -> str:
    """Run `flask --app wsgi ARGS` in the project, failing loudly; its standard output."""
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare_database(env: dict[str, str]) -> None:
    """Migrate, load the bank and create the ready-made quizzes, as `make run` does."""
    flask_command(env, "db", "upgrade")
    flask_command(env, "bank", "sync")
    flask_command(env, "quizzes", "ready-made")


@contextlib.contextmanager
def gunicorn(
    target: str, env: dict[str, str], workers: int = 2, chdir: Path = ROOT, threads: int = 1
) -> Iterator[str]:
    """Serve `target` (module:app) with gunicorn's sync workers; yields the base URL."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(chdir),
        "--log-level",
        "warning",
        "--timeout",
        "120",
        "--backlog",
        "2048",
    ]
    if threads > 1:
        command += ["--threads", str(threads)]
    server = subprocess.Popen([*command, target], env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(port, server)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def wait_until_serving(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    sys.exit("gunicorn did not start within 60 s")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


@dataclass
class Browser:
    """One person's cookies over one keep-alive connection; enough HTTP for the benches."""

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 120

    def __post_init__(self) -> None:
        host = urllib.parse.urlsplit(self.base_url)
        self._connection = http.client.HTTPConnection(
            host.hostname, host.port, timeout=self.timeout
        )

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Response:
        headers = {"Cookie": self.cookie_header} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self._connection.request(method, path, body=body, headers=headers)
            raw = self._connection.getresponse()
        except (http.client.HTTPException, OSError):
            self._connection.close()  # a dropped keep-alive connection: retry once on a new one
            self._connection.request(method, path, body=body, headers=headers)
            raw = self._connection.getresponse()
        text = raw.read().decode("utf-8", "replace")
        for header, value in raw.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Response:
        return self.request("POST", path, form)

    def log_in(self, username: str, password: str = PASSWORD) -> None:
        page = self.get("/login")
        done = self.post(
            "/login",
            {"csrf_token": csrf_token(page.text), "username": username, "password": password},
        )
        if done.status != 302:
            sys.exit(f"logging in as {username} answered {done.status}")


def csrf_token(page: str) -> str:
    found = CSRF_FIELD.search(page) or CSRF_META.search(page)
    if found is None:
        sys.exit("no CSRF token on the page")
    return html.unescape(next(group for group in found.groups() if group))


def start_path(browser: Browser, quiz_id: int) -> tuple[str, str]:
    """The start form's action and CSRF token for a quiz, from the quiz list or its start page."""
    for path in ("/quizzes", f"/quizzes/{quiz_id}"):
        page = browser.get(path)
        action = re.search(rf'action="(/quizzes/{quiz_id}/start[^"]*)"', page.text)
        if page.status == 200 and action:
            return html.unescape(action.group(1)), csrf_token(page.text)
    sys.exit(f"no start form for quiz {quiz_id}")


def ensure_wrk() -> str:
    """Debian's wrk, installed with apt-get when missing (the bench runs as root here)."""
    found = shutil.which("wrk")
    if found:
        return found
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or sys.exit("wrk could not be installed")
