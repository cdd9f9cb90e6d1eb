"""How long a teacher waits to preview and to confirm an import of 1,000 GIFT questions.

Fills a scratch database with one teacher and an empty set, uploads a GIFT file of 1,000
questions of every kind (weights, ranges and feedback included) through the import page, then
confirms the preview. Prints each step's time (best of a few runs, each into an empty set); the
last line is `import_confirm seconds_1000=<number>` (the confirm, the slower database).

SQLite always (a file in a temporary folder); PostgreSQL too when QUIZAPP_BENCH_DATABASE_URL names
a database, whose tables this script DROPS and recreates.

    .venv/bin/python bench/import_confirm.py
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import time

from flask import Flask

from quizapp import create_app
from quizapp.models import QuestionSet, Role, User, db
from quizapp.passwords import hash_password

QUESTIONS = 1000
RUNS = 3
PASSWORD = "bench password 1"
KINDS = (
    "::Choice {n}::Which city gave its name to protocol {n}?{{~Minsk ~%50%Bishkek region "
    "=Bishkek#Right. ####Signed in May 1994.}}",
    "::Multiple {n}::Which two fought war {n}?{{~%-50%Georgia ~%50%Armenia ~%50%Azerbaijan}}",
    "::True {n}::Statement {n} was signed by three leaders.{{TRUE#No.#Right.}}",
    "::Short {n}::Azerbaijani name {n} of Shushi?{{=Shusha =%75%Shusa#Misspelled.}}",
    "::Numeric {n}::Year {n}?{{#=1994:0#Right. =%50%1994:2#Close. ~#No.}}",
    "::Matching {n}::Match pair {n}.{{=Stepanakert -> Khankendi =Shushi -> Shusha}}",
)


def gift_file() -> str:
    body = "\n\n".join(KINDS[n % len(KINDS)].format(n=n) for n in range(QUESTIONS))
    return "$CATEGORY: $course$/top/Bench\n\n" + body + "\n"


def make_app(url: str) -> Flask:
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-only", "WTF_CSRF_ENABLED": False}
    )


def measure(app: Flask) -> tuple[float, float]:
    """(best preview seconds, best confirm seconds) over RUNS imports into empty sets."""
    text = gift_file()
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.create_all()
        teacher = User(username="bench", password_hash=hash_password(PASSWORD), role=Role.TEACHER)
        db.session.add(teacher)
        db.session.commit()
        teacher_id = teacher.id
    client = app.test_client()
    client.post("/login", data={"username": "bench", "password": PASSWORD})
    previews, confirms = [], []
    for run in range(RUNS):
        with app.app_context():
            question_set = QuestionSet(owner_id=teacher_id, title=f"Bench {run}")
            db.session.add(question_set)
            db.session.commit()
            set_id = question_set.id
        started = time.perf_counter()
        page = client.post(
            f"/teach/sets/{set_id}/import",
            data={"file": (io.BytesIO(text.encode()), "bench.gift"), "format": ""},
            content_type="multipart/form-data",
        ).get_data(as_text=True)
        previews.append(time.perf_counter() - started)
        preview = re.search(r'name="preview" type="hidden" value="([^"]*)"', page)
        assert preview and f"{QUESTIONS:,} questions read" in page.replace("1000", "1,000")
        started = time.perf_counter()
        response = client.post(
            f"/teach/sets/{set_id}/import/confirm",
            data={"preview": preview[1], "topic": "history"},
        )
        confirms.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    return min(previews), min(confirms)


def main() -> None:
    targets = []
    with tempfile.TemporaryDirectory() as folder:
        targets.append(("sqlite", f"sqlite:///{folder}/bench.db"))
        if os.environ.get("QUIZAPP_BENCH_DATABASE_URL"):
            targets.append(("postgresql", os.environ["QUIZAPP_BENCH_DATABASE_URL"]))
        worst = 0.0
        for name, url in targets:
            preview, confirm = measure(make_app(url))
            print(
                f"{name}: preview {preview:.2f} s, confirm {confirm:.2f} s "
                f"for {QUESTIONS} questions"
            )
            worst = max(worst, confirm)
    print(f"import_confirm seconds_{QUESTIONS}={worst:.2f}")


if __name__ == "__main__":
    main()
