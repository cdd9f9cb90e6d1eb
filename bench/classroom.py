"""A class starting a quiz together: N students press "Start" within the same second.

On PostgreSQL with gunicorn (two sync workers), each student logs in, waits for the others,
presses "Start", loads the attempt page, autosaves an answer every 5-15 s (AUTOSAVES times), and
submits before the deadline. It prints p50/p95/p99 per step, the error count, and lost answers:
autosaves the server acknowledged whose value is not the one stored in the end (must be 0).

The database: QUIZAPP_BENCH_DATABASE_URL (its tables are DROPPED and recreated), or a scratch
database made on the local cluster the way `.ci/run` makes one, dropped afterwards.

    .venv/bin/python bench/classroom.py               # 200 students
    .venv/bin/python bench/classroom.py --students 500

Last line: `classroom students=<n> start_p95_ms=<ms> page_p95_ms=<ms> autosave_p95_ms=<ms>
errors=<n> lost=<n>`.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from harness import (
    PASSWORD,
    Browser,
    app_environment,
    csrf_token,
    gunicorn,
    prepare_database,
    start_path,
)

STEPS = ("login", "start", "page", "autosave", "submit")
QUIZ_SLUG_HINT = "history"
RADIO = re.compile(r'<input[^>]*type="radio"[^>]*name="(q\d+)"[^>]*value="([^"]*)"')


@dataclass
class Tally:
    """Latencies per step and what went wrong, shared by the student threads."""

    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    acknowledged: dict[tuple[int, int], str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def time(self, step: str, started: float) -> None:
        with self.lock:
            self.timings[step].append((time.perf_counter() - started) * 1000)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


@contextlib.contextmanager
def scratch_postgres() -> Iterator[str]:
    """A database on the local cluster for this run, dropped afterwards."""
    given = os.environ.get("QUIZAPP_BENCH_DATABASE_URL")
    if given:
        yield given
        return
    clusters = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.split()
    if not clusters:
        sys.exit("no PostgreSQL cluster: install postgresql or set QUIZAPP_BENCH_DATABASE_URL")
    version, name, port = clusters[0], clusters[1], clusters[2]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"], capture_output=True
    )
    role = f"quizapp_bench_{os.getpid()}"
    password = secrets.token_hex(16)

    def psql(command: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", "psql", "-q", "-p", port, "-c", command],
            check=True,
            capture_output=True,
        )

    psql(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    psql(f"CREATE DATABASE {role} OWNER {role}")
    try:
        yield f"postgresql://{role}:{password}@127.0.0.1:{port}/{role}"
    finally:
        psql(f"DROP DATABASE IF EXISTS {role} WITH (FORCE)")
        psql(f"DROP ROLE IF EXISTS {role}")


def create_students(env: dict[str, str], count: int) -> list[str]:
    names = [f"student{n:04d}" for n in range(count)]
    code = f"""
from quizapp import create_app
from quizapp.models import Role, User, db
from quizapp.passwords import hash_password
app = create_app()
with app.app_context():
    digest = hash_password({PASSWORD!r})
    db.session.add_all(User(username=name, password_hash=digest, role=Role.STUDENT)
                       for name in {names!r})
    db.session.commit()
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return names


def stored_responses(env: dict[str, str]) -> dict[tuple[int, int], object]:
    code = """
import json
from quizapp import create_app
from quizapp.models import AttemptQuestion, db
app = create_app()
with app.app_context():
    rows = db.session.execute(
        db.select(AttemptQuestion.attempt_id, AttemptQuestion.position, AttemptQuestion.response)
    )
    print(json.dumps([[a, p, r] for a, p, r in rows]))
"""
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return {(a, p): r for a, p, r in json.loads(done.stdout)}


def same_answer(sent: str, stored: object) -> bool:
    if isinstance(stored, bool):
        return sent == ("true" if stored else "false")
    return stored is not None and str(stored) == sent


def student(
    base_url: str,
    name: str,
    quiz_id: int,
    barrier: threading.Barrier,
    tally: Tally,
    autosaves: int,
    pace: float,
) -> None:
    browser = Browser(base_url)
    rng = random.Random(name)
    try:
        started = time.perf_counter()
        browser.log_in(name)
        tally.time("login", started)
        action, token = start_path(browser, quiz_id)
    except SystemExit as problem:
        tally.error(f"{name}: {problem}")
        barrier.abort()
        return
    barrier.wait()
    started = time.perf_counter()
    answer = browser.post(action, {"csrf_token": token})
    tally.time("start", started)
    if answer.status != 302:
        tally.error(f"{name}: start answered {answer.status}")
        return
    attempt_path = urllib.parse.urlsplit(answer.headers["location"]).path
    attempt_id = int(attempt_path.rstrip("/").rsplit("/", 1)[-1])
    started = time.perf_counter()
    page = browser.get(attempt_path)
    tally.time("page", started)
    if page.status != 200:
        tally.error(f"{name}: attempt page answered {page.status}")
        return
    token = csrf_token(page.text)
    choices: dict[str, list[str]] = defaultdict(list)
    for question, value in RADIO.findall(page.text):
        choices[question].append(html.unescape(value))
    for _ in range(autosaves):
        time.sleep(rng.uniform(5, 15) * pace)
        question = rng.choice(sorted(choices))
        value = rng.choice(choices[question])
        started = time.perf_counter()
        saved = browser.post(
            attempt_path + "/autosave",
            {"csrf_token": token, f"{question}-present": "1", question: value},
        )
        tally.time("autosave", started)
        if saved.status == 200 and json.loads(saved.text).get("saved"):
            with tally.lock:
                tally.acknowledged[(attempt_id, int(question[1:]))] = value
        else:
            tally.error(f"{name}: autosave answered {saved.status}")
    started = time.perf_counter()
    done = browser.post(attempt_path, {"csrf_token": token, "action": "submit"})
    tally.time("submit", started)
    if done.status != 302:
        tally.error(f"{name}: submit answered {done.status}")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def ready_made_quiz(base_url: str, username: str) -> int:
    browser = Browser(base_url)
    browser.log_in(username)
    page = browser.get("/quizzes").text
    ids = [int(found) for found in re.findall(r"/quizzes/(\d+)", page)]
    if not ids:
        sys.exit("no quiz on the quiz list")
    return ids[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--autosaves", type=int, default=3)
    parser.add_argument(
        "--pace", type=float, default=1.0, help="scale of the 5-15 s pause between autosaves"
    )
    options = parser.parse_args()
    with scratch_postgres() as database_url:
        env = app_environment(database_url)
        prepare_database(env)
        names = create_students(env, options.students)
        tally = Tally()
        with gunicorn("wsgi:app", env) as base_url:
            quiz_id = ready_made_quiz(base_url, names[0])
            barrier = threading.Barrier(len(names))
            threads = [
                threading.Thread(
                    target=student,
                    args=(base_url, name, quiz_id, barrier, tally, options.autosaves, options.pace),
                )
                for name in names
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        stored = stored_responses(env)
    lost = sum(
        1 for key, value in tally.acknowledged.items() if not same_answer(value, stored.get(key))
    )
    for step in STEPS:
        values = tally.timings[step]
        print(
            f"classroom step={step} n={len(values)} p50_ms={percentile(values, 0.50):.0f} "
            f"p95_ms={percentile(values, 0.95):.0f} p99_ms={percentile(values, 0.99):.0f}"
        )
    for problem in tally.errors[:10]:
        print(f"classroom error {problem}")
    print(f"classroom acknowledged_autosaves={len(tally.acknowledged)} lost={lost}")
    print(
        f"classroom students={options.students} "
        f"start_p95_ms={percentile(tally.timings['start'], 0.95):.0f} "
        f"page_p95_ms={percentile(tally.timings['page'], 0.95):.0f} "
        f"autosave_p95_ms={percentile(tally.timings['autosave'], 0.95):.0f} "
        f"errors={len(tally.errors)} lost={lost}"
    )


if __name__ == "__main__":
    main()
