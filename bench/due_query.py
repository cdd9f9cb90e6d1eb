"""How the review queue's two queries scale with the size of the learner_cards table.

The next card and today's due count read one learner's cards through the (user_id, due) index, so
their cost should not depend on how many rows other learners have. This fills a scratch database
with 10,000 and then 1,000,000 card rows (200 cards per learner, so 50 and then 5,000 learners),
times both queries for a sample of learners, and prints the timings; the last line is
`due_query ratio_1m_over_10k=<number>` (the worst ratio over the databases measured; the target
is at most 1.5).

SQLite always (a file in a temporary folder); PostgreSQL too when QUIZAPP_BENCH_DATABASE_URL names
a database, whose tables this script DROPS and recreates.

    .venv/bin/python bench/due_query.py
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import insert, text

from quizapp import create_app
from quizapp import flashcard_store as store
from quizapp.domain.scheduling import CardState
from quizapp.domain.study import StudyPreferences
from quizapp.models import (
    Fact,
    Flashcard,
    LearnerCard,
    ReviewLog,
    ReviewSource,
    User,
    db,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
CARDS_PER_LEARNER = 200
SIZES = (10_000, 1_000_000)
SAMPLE_LEARNERS = 40
REPEATS = 5
CHUNK = 20_000


def make_app(url: str) -> Flask:
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-only", "WTF_CSRF_ENABLED": False}
    )


def fill(card_rows: int) -> int:
    """Empty the database and fill it with `card_rows` learner cards; the number of learners."""
    db.session.remove()  # an open read transaction would block DROP TABLE on PostgreSQL
    db.drop_all()
    db.create_all()
    learners = card_rows // CARDS_PER_LEARNER
    engine = db.engine
    with engine.begin() as connection:
        connection.execute(
            insert(Fact),
            [
                {
                    "id": f"fact.{n}",
                    "kind": "event",
                    "topic": ("history", "actors", "figures")[n % 3],
                    "tags": [],
                    "content": {},
                    "content_hash": "0" * 64,
                    "version": 1,
                    "updated_at": NOW,
                }
                for n in range(CARDS_PER_LEARNER)
            ],
        )
        connection.execute(
            insert(Flashcard),
            [
                {
                    "id": f"card.fact.{n}",
                    "fact_id": f"fact.{n}",
                    "topic": ("history", "actors", "figures")[n % 3],
                    "tags": [],
                    "content": {},
                    "content_hash": "0" * 64,
                    "version": 1,
                    "updated_at": NOW,
                }
                for n in range(CARDS_PER_LEARNER)
            ],
        )
        connection.execute(
            insert(User),
            [
                {
                    "id": n + 1,
                    "username": f"learner{n + 1}",
                    "password_hash": "x",
                    "role": "student",
                    "session_version": 1,
                    "extra_time_factor": 1.0,
                    "created_at": NOW,
                }
                for n in range(learners)
            ],
        )
    for chunk in _chunks(_card_rows(learners)):
        with engine.begin() as connection:
            connection.execute(insert(LearnerCard), chunk)
    for chunk in _chunks(_log_rows(learners)):
        with engine.begin() as connection:
            connection.execute(insert(ReviewLog), chunk)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    return learners


def _card_state(rng: random.Random) -> dict[str, object]:
    """A plausible mix: a fifth new, a tenth learning, the rest in review over two months."""
    roll = rng.random()
    if roll < 0.2:
        return {"state": CardState.LEARNING, "step": 0, "reps": 0, "due": NOW - timedelta(days=3)}
    if roll < 0.3:
        return {
            "state": CardState.LEARNING,
            "step": 1,
            "reps": 1,
            "stability": 2.3,
            "difficulty": 5.0,
            "due": NOW + timedelta(minutes=rng.randint(-60, 60)),
            "last_review": NOW - timedelta(minutes=20),
        }
    return {
        "state": CardState.REVIEW,
        "step": None,
        "reps": rng.randint(2, 20),
        "stability": rng.uniform(1, 200),
        "difficulty": rng.uniform(1, 10),
        "due": NOW + timedelta(hours=rng.randint(-24 * 10, 24 * 60)),
        "last_review": NOW - timedelta(days=rng.randint(1, 60)),
    }


def _card_rows(learners: int) -> Iterator[dict[str, object]]:
    rng = random.Random(2026)
    card_id = 0
    for user_id in range(1, learners + 1):
        for n in range(CARDS_PER_LEARNER):
            card_id += 1
            yield {
                "id": card_id,
                "user_id": user_id,
                "flashcard_id": f"card.fact.{n}",
                "fact_id": f"fact.{n}",
                "stability": None,
                "difficulty": None,
                "last_review": None,
                "lapses": 0,
                "enrolled_at": NOW - timedelta(days=90),
                **_card_state(rng),
            }


def _log_rows(learners: int) -> Iterator[dict[str, object]]:
    """A few reviews per learner today, so the day's limits and burying have work to do."""
    rng = random.Random(1994)
    for user_id in range(1, learners + 1):
        for n in rng.sample(range(CARDS_PER_LEARNER), 5):
            card_id = (user_id - 1) * CARDS_PER_LEARNER + n + 1
            yield {
                "learner_card_id": card_id,
                "user_id": user_id,
                "review_number": 2,
                "rating": 3,
                "source": ReviewSource.REVIEW,
                "reviewed_at": NOW - timedelta(hours=2),
                "state_before": CardState.REVIEW,
                "due": NOW + timedelta(days=5),
            }


def _chunks(rows: Iterator[dict[str, object]]) -> Iterator[list[dict[str, object]]]:
    chunk: list[dict[str, object]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def measure(learners: int) -> tuple[float, float]:
    """Median milliseconds of next_card and of due_counts over a sample of learners."""
    chosen = StudyPreferences()
    sample = random.Random(7).sample(range(1, learners + 1), min(SAMPLE_LEARNERS, learners))
    next_times, count_times = [], []
    for user_id in sample:
        store.next_card(user_id, NOW, chosen)  # warm the caches
        for _ in range(REPEATS):
            db.session.remove()
            started = time.perf_counter()
            store.next_card(user_id, NOW, chosen)
            next_times.append(time.perf_counter() - started)
            db.session.remove()
            started = time.perf_counter()
            store.due_counts(user_id, NOW, chosen)
            count_times.append(time.perf_counter() - started)
    db.session.remove()
    return statistics.median(next_times) * 1000, statistics.median(count_times) * 1000


def bench(name: str, url: str) -> float:
    """Fill and time both sizes on one database; the ratio of the 1M to the 10k time."""
    app = make_app(url)
    totals = []
    with app.app_context():
        for rows in SIZES:
            started = time.perf_counter()
            learners = fill(rows)
            filled = time.perf_counter() - started
            next_ms, count_ms = measure(learners)
            totals.append(next_ms + count_ms)
            print(
                f"due_query {name} card_rows={rows} learners={learners} fill_s={filled:.1f} "
                f"next_card_ms={next_ms:.3f} due_count_ms={count_ms:.3f}",
                flush=True,
            )
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    ratio = totals[1] / totals[0]
    print(f"due_query {name} ratio_1m_over_10k={ratio:.2f}", flush=True)
    return ratio


def main() -> None:
    ratios = []
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as folder:
        ratios.append(bench("sqlite", "sqlite:///" + os.path.join(folder, "bench.sqlite")))
    if url := os.environ.get("QUIZAPP_BENCH_DATABASE_URL"):
        ratios.append(bench("postgresql", url))
    print(f"due_query ratio_1m_over_10k={max(ratios):.2f}")


if __name__ == "__main__":
    main()
