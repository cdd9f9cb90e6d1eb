"""Running the same work in many threads at once, to test races on the database."""

from __future__ import annotations

import threading
from collections.abc import Callable

from quizapp.models import db


def race(app, work: Callable[[], str], racers: int) -> list[str]:
    """Run `work` in `racers` threads released together, each in its own app context and
    database session; collect what each reports."""
    barrier = threading.Barrier(racers)
    results: list[str] = []
    lock = threading.Lock()

    def runner() -> None:
        with app.app_context():
            barrier.wait()
            try:
                outcome = work()
            finally:
                db.session.remove()
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=runner) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
