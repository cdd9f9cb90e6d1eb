"""Requests per second on the pages a class feels, beside a bare Flask app and a naive page.

Three apps, each served by gunicorn with two sync workers, each driven by Debian's `wrk`
(`-t2 -c16`, 10 s a page by default; installed with apt-get where missing):
- a bare Flask "hello" app;
- a naive page: Flask-SQLAlchemy and Flask-Login, the user loaded from the session, one indexed
  query and a small template (the usual shape of a Flask page, written here);
- quizapp on a scratch SQLite database with the bank loaded, a logged-in learner with cards due
  and an open attempt of a ready-made quiz.

For each quizapp page it prints req/s and the ratios to the hello app and to the naive page; the
last line is `pages review_over_naive=<r> attempt_over_naive=<r> autosave_over_naive=<r>`.

    .venv/bin/python bench/pages.py            # BENCH_SECONDS=5 for a quicker run
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import textwrap
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from harness import (
    PASSWORD,
    Browser,
    app_environment,
    csrf_token,
    ensure_wrk,
    flask_command,
    gunicorn,
    prepare_database,
    start_path,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
THREADS, CONNECTIONS = 2, 16
LEARNER = "bench-learner"

HELLO_APP = """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
"""

NAIVE_APP = """
import os

from flask import Flask, render_template_string
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()
login_manager = LoginManager()


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Note(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    text: Mapped[str]


PAGE = '''<!doctype html><title>Notes</title><h1>{{ current_user.name }}</h1>
<ul>{% for note in notes %}<li>{{ note.text }}</li>{% endfor %}</ul>'''

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["NAIVE_SECRET_KEY"]
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["NAIVE_DATABASE_URL"]
db.init_app(app)
login_manager.init_app(app)


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


@app.get("/login")
def login():
    login_user(db.session.get(User, 1))
    return "ok"


@app.get("/")
@login_required
def notes():
    rows = db.session.scalars(
        db.select(Note).where(Note.user_id == current_user.id).order_by(Note.id).limit(10)
    )
    return render_template_string(PAGE, notes=list(rows))


def fill():
    with app.app_context():
        db.create_all()
        db.session.add(User(id=1, name="learner"))
        db.session.add_all(Note(user_id=1 + n % 50, text=f"note {n}") for n in range(5000))
        db.session.commit()
"""

# Ratings rotate over many cards so that a card's next review count is only sent after its
# previous rating has been answered; each wrk thread takes its own share of the cards.
RATE_SCRIPT = """
local cards = {%(cards)s}
local threads_seen = 0
local share, count, headers
function setup(thread)
  thread:set("offset", threads_seen)
  threads_seen = threads_seen + 1
end
function init(args)
  share = {}
  for i = offset + 1, #cards, %(threads)d do share[#share + 1] = cards[i] end
  count = 0
  headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "%(cookie)s"}
end
function request()
  local card = share[(count %% #share) + 1]
  local reps = math.floor(count / #share)
  count = count + 1
  local body = "csrf_token=%(csrf)s&rating=3&shown_at=%(shown_at)s&deck=&review_count=" .. reps
  return wrk.format("POST", "/flashcards/cards/" .. card .. "/review", headers, body)
end
"""

POST_SCRIPT = """
local bodies = {%(bodies)s}
local count = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "%(cookie)s"
function request()
  count = count + 1
  return wrk.format(nil, nil, nil, bodies[(count %% #bodies) + 1])
end
"""


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    script: str | None = None  # a wrk Lua script for POSTs


def wrk(url: str, path: str, cookie: str, script: str | None, folder: Path) -> tuple[float, int]:
    """Requests per second over SECONDS (every answer below 400) and the number of requests."""
    command = [ensure_wrk(), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    if script is not None:
        lua = folder / f"script{abs(hash(script))}.lua"
        lua.write_text(script)
        command += ["-s", str(lua)]
    else:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run([*command, url + path], capture_output=True, text=True, check=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    total = int(re.search(r"(\d+) requests in", done.stdout).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if failed and int(failed.group(1)) > total // 100:
        sys.exit(f"{path}: {failed.group(1)} of {total} answers were errors\n{done.stdout}")
    return rate, total


def lua_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def serve_small_app(source: str, folder: Path, env: dict[str, str]):
    (folder / "small_app.py").write_text(textwrap.dedent(source))
    return gunicorn("small_app:app", env, chdir=folder)


def measure_reference(folder: Path) -> tuple[float, float]:
    """req/s of the bare hello app and of the naive page."""
    hello_dir, naive_dir = folder / "hello", folder / "naive"
    hello_dir.mkdir()
    naive_dir.mkdir()
    with serve_small_app(HELLO_APP, hello_dir, dict(os.environ)) as url:
        hello, _ = wrk(url, "/", "", None, folder)
    env = {
        **os.environ,
        "NAIVE_SECRET_KEY": "naive-bench",
        "NAIVE_DATABASE_URL": f"sqlite:///{naive_dir / 'naive.sqlite'}",
    }
    (naive_dir / "small_app.py").write_text(textwrap.dedent(NAIVE_APP))
    subprocess.run(
        [sys.executable, "-c", "import small_app; small_app.fill()"],
        cwd=naive_dir,
        env=env,
        check=True,
    )
    with serve_small_app(NAIVE_APP, naive_dir, env) as url:
        browser = Browser(url)
        browser.get("/login")
        naive, _ = wrk(url, "/", browser.cookie_header, None, folder)
    return hello, naive


def prepare_learner(env: dict[str, str]) -> None:
    """A learner with every topic deck in their collection, so cards are due."""
    flask_command(env, "users", "create", "--role", "student", LEARNER, "--password", PASSWORD)
    code = f"""
from datetime import UTC, datetime
from quizapp import create_app
from quizapp import flashcard_store as store
from quizapp.models import User, db
app = create_app()
with app.app_context():
    user = db.session.scalar(db.select(User).where(User.username == {LEARNER!r}))
    for deck in store.decks(user.id):
        if deck.key.kind == "topic":
            store.enrol_deck(user.id, deck, datetime.now(UTC))
    db.session.commit()
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def learner_card_ids(env: dict[str, str]) -> list[int]:
    code = f"""
from quizapp import create_app
from quizapp.models import LearnerCard, User, db
app = create_app()
with app.app_context():
    user = db.session.scalar(db.select(User).where(User.username == {LEARNER!r}))
    ids = db.session.scalars(db.select(LearnerCard.id).where(LearnerCard.user_id == user.id))
    print(",".join(str(i) for i in ids))
"""
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return [int(part) for part in done.stdout.decode().strip().split(",") if part]


def review_log_count(env: dict[str, str]) -> int:
    code = """
from quizapp import create_app
from quizapp.models import ReviewLog, db
app = create_app()
with app.app_context():
    print(db.session.scalar(db.select(db.func.count()).select_from(ReviewLog)))
"""
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return int(done.stdout)


def open_attempt(browser: Browser) -> tuple[str, list[str]]:
    """Start a ready-made quiz: the attempt's path, two autosave bodies for its first question."""
    quizzes = browser.get("/quizzes").text
    quiz_id = int(re.search(r"/quizzes/(\d+)", quizzes).group(1))
    action, token = start_path(browser, quiz_id)
    started = browser.post(action, {"csrf_token": token})
    attempt_path = urllib.parse.urlsplit(started.headers["location"]).path
    page = browser.get(attempt_path).text
    choice = re.search(r'type="radio" name="(q\d+)"[^>]*value="([^"]*)"', page) or re.search(
        r'name="(q\d+)"[^>]*type="radio"[^>]*value="([^"]*)"', page
    )
    name = choice.group(1)
    values = re.findall(rf'name="{name}"[^>]*value="([^"]*)"', page)[:2]
    token = csrf_token(page)
    bodies = [f"csrf_token={token}&{name}-present=1&{name}={value}" for value in values]
    return attempt_path, bodies


def measure_quizapp(folder: Path) -> list[tuple[str, float]]:
    env = app_environment(f"sqlite:///{folder / 'quizapp.sqlite'}")
    prepare_database(env)
    prepare_learner(env)
    cards = learner_card_ids(env)
    with gunicorn("wsgi:app", env) as url:
        browser = Browser(url)
        browser.log_in(LEARNER)
        review = browser.get("/flashcards/review").text
        card_id = re.search(r"/flashcards/cards/(\d+)/", review).group(1)
        token = csrf_token(review)
        attempt_path, bodies = open_attempt(browser)
        cookie = lua_string(browser.cookie_header)
        shown_at = int(datetime.now(UTC).timestamp() * 1000)
        rate = RATE_SCRIPT % {
            "cards": ",".join(str(card) for card in cards),
            "threads": THREADS,
            "cookie": cookie,
            "csrf": token,
            "shown_at": shown_at,
        }
        autosave = POST_SCRIPT % {
            "bodies": ",".join(f'"{lua_string(body)}"' for body in bodies),
            "cookie": cookie,
        }
        targets = [
            Target("review page", "/flashcards/review"),
            Target("answer side", f"/flashcards/cards/{card_id}/answer"),
            Target("attempt page", attempt_path),
            Target("autosave", attempt_path + "/autosave", autosave),
            Target("quiz list", "/quizzes"),
            Target("dashboard", "/"),
            Target("api next card", "/api/v1/flashcards/next"),
            Target("rating POST", "/flashcards/cards/0/review", rate),
        ]
        results = []
        for target in targets:
            rate, total = wrk(url, target.path, browser.cookie_header, target.script, folder)
            results.append((target.name, rate))
    # Every rating must have been a real one, not a replay refused as stale.
    logged = review_log_count(env)
    print(f"pages rating_requests={total} ratings_logged={logged}")
    return results


def main() -> None:
    ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="quizapp-pages-") as scratch:
        folder = Path(scratch)
        hello, naive = measure_reference(folder)
        print(f"pages bare_hello req_s={hello:.0f}")
        print(f"pages naive_page req_s={naive:.0f} over_hello={naive / hello:.3f}")
        results = dict(measure_quizapp(folder))
    for name, rate in results.items():
        label = name.replace(" ", "_")
        print(
            f"pages {label} req_s={rate:.0f} over_hello={rate / hello:.3f} "
            f"over_naive={rate / naive:.2f}"
        )
    print(
        f"pages review_over_naive={results['review page'] / naive:.2f} "
        f"attempt_over_naive={results['attempt page'] / naive:.2f} "
        f"autosave_over_naive={results['autosave'] / naive:.2f}"
    )


if __name__ == "__main__":
    main()
