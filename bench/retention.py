"""What each desired retention costs and gives, for the default and for fitted FSRS parameters.

Fits a parameter set to a synthetic review log (a forgetful learner, fixed seed: the same log the
tests use) and prints how the defaults and the fit score on the later part of that log, then how
long a fit takes at its bound of 20,000 items. Then, for both parameter sets, fsrs-rs-python's
simulation of a year of study at desired retentions 0.80, 0.85, 0.90 and 0.95: reviews per day,
minutes per day and cards memorised after 365 days. Last, it times the Settings page that shows
these figures: the first view in a fresh process, with and without simulating the default figures
then (gunicorn.conf.py simulates them as a worker starts), and the views after it (cached). The
last line is `retention fit_s= cap_fit_s= settings_cold_ms= settings_first_ms= settings_cached_ms=`
with the figures.

    .venv/bin/python bench/retention.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC
from pathlib import Path

from flask_migrate import upgrade

from quizapp import create_app
from quizapp.domain import retention_outlook as outlook_module
from quizapp.domain.retention_outlook import NEW_CARDS_PER_DAY, SIMULATED_DAYS, retention_outlook
from quizapp.domain.schedule_fitting import (
    DEFAULT_PARAMETERS,
    MAX_TRAINING_ITEMS,
    fit_and_evaluate,
    training_items,
)
from quizapp.domain.synthetic_reviews import FORGETFUL_LEARNER, synthetic_log
from quizapp.models import Role, User, db
from quizapp.passwords import hash_password

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench password 2026"
CACHED_VIEWS = 20


def fitted_parameters() -> tuple[tuple[float, ...], float]:
    log = synthetic_log(FORGETFUL_LEARNER, seed=1, days=150, new_cards_per_day=5)
    items = training_items(log, UTC)
    started = time.perf_counter()
    fit = fit_and_evaluate(items)
    seconds = time.perf_counter() - started
    scores = fit.evaluation
    print(f"synthetic log: {len(log)} reviews, {len(items)} training items")
    print(
        f"fit: {seconds:.2f} s; scored on the later {scores.tested_items} items "
        f"(fitted on the {scores.trained_items} before them)"
    )
    print(f"  defaults: log loss {scores.default.log_loss:.4f}, RMSE {scores.default.rmse:.2%}")
    print(f"  fitted:   log loss {scores.fitted.log_loss:.4f}, RMSE {scores.fitted.rmse:.2%}")
    print(f"  kept: {'fitted' if scores.prefers_fitted else 'defaults'}")
    return fit.parameters, seconds


def fit_seconds_at_the_cap() -> float:
    """A run's time at its bound: a log longer than MAX_TRAINING_ITEMS items (the rest unused)."""
    log = synthetic_log(FORGETFUL_LEARNER, seed=2, days=365, new_cards_per_day=8)
    items = training_items(log, UTC)
    assert len(items) > MAX_TRAINING_ITEMS, len(items)
    started = time.perf_counter()
    fit_and_evaluate(items)
    seconds = time.perf_counter() - started
    print(
        f"fit at the cap: {len(items)} items, the latest {MAX_TRAINING_ITEMS} used: {seconds:.2f} s"
    )
    return seconds


def print_outlook(label: str, parameters) -> None:
    started = time.perf_counter()
    figures = retention_outlook(parameters)
    seconds = time.perf_counter() - started
    print(
        f"\n{label}: {NEW_CARDS_PER_DAY} new cards a day for {SIMULATED_DAYS} days "
        f"(simulated in {seconds:.2f} s)"
    )
    print(f"{'retention':>9} {'reviews/day':>12} {'minutes/day':>12} {'memorised':>10}")
    for figure in figures:
        print(
            f"{figure.desired_retention:>9.2f} {figure.reviews_per_day:>12.1f} "
            f"{figure.minutes_per_day:>12.1f} {figure.memorised:>10.0f}"
        )


def settings_page_ms(simulate_first: bool) -> tuple[float, float]:
    """The first view of the Settings page in a fresh app and the median of the views after it;
    with `simulate_first`, the first view also simulates the default figures (a cold worker)."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                "SECRET_KEY": "bench-only",
                "WTF_CSRF_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
            db.session.add(
                User(username="learner", password_hash=hash_password(PASSWORD), role=Role.STUDENT)
            )
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"username": "learner", "password": PASSWORD})
        outlook_module._outlook.cache_clear()
        if not simulate_first:  # as gunicorn.conf.py does when a worker starts
            retention_outlook(DEFAULT_PARAMETERS)
        timings = []
        for _ in range(1 + CACHED_VIEWS):
            started = time.perf_counter()
            response = client.get("/flashcards/settings")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and "retention-outlook" in response.text
        with app.app_context():
            db.engine.dispose()
    return timings[0], statistics.median(timings[1:])


def main() -> None:
    parameters, fit_seconds = fitted_parameters()
    cap_seconds = fit_seconds_at_the_cap()
    print_outlook("default parameters", DEFAULT_PARAMETERS)
    print_outlook("fitted parameters", parameters)
    cold, _ = settings_page_ms(simulate_first=True)
    warmed, cached = settings_page_ms(simulate_first=False)
    print(
        f"\nSettings page: first view {cold:.0f} ms if it simulates the default figures, "
        f"{warmed:.0f} ms in a warmed worker; then {cached:.1f} ms (median of {CACHED_VIEWS})"
    )
    print(
        f"retention fit_s={fit_seconds:.2f} cap_fit_s={cap_seconds:.2f} "
        f"settings_cold_ms={cold:.0f} settings_first_ms={warmed:.0f} "
        f"settings_cached_ms={cached:.1f}"
    )


if __name__ == "__main__":
    main()
