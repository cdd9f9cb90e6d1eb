"""A review log drawn from a known FSRS memory model: the ground truth the fitting is checked on.

A simulated learner starts a few new cards a day and reviews each card on the day the scheduler
says; whether they recall it is drawn with the probability that the generating parameters predict.
Everything comes from the seed, so a log can be generated again identically in tests and benches.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import fsrs

from .schedule_fitting import LoggedReview

# A learner who forgets new cards faster than FSRS's default learner (lower initial stabilities),
# and whose stability grows less after each success: far enough from the defaults for a fit to
# have somewhere to go.
FORGETFUL_LEARNER: tuple[float, ...] = (
    0.1, 0.4, 0.9, 3.0,
    6.4133, 0.8334, 3.0194, 0.001, 1.3, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
    1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
FIRST_RATINGS = (fsrs.Rating.Again, fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy)
FIRST_RATING_WEIGHTS = (0.2, 0.1, 0.5, 0.2)
RECALL_RATINGS = (fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy)
RECALL_RATING_WEIGHTS = (0.15, 0.7, 0.15)
START = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)


def synthetic_log(
    parameters: Sequence[float],
    seed: int,
    *,
    days: int = 240,
    new_cards_per_day: int = 8,
    start: datetime = START,
    source: str = "review",
) -> list[LoggedReview]:
    """The reviews a learner with memory `parameters` makes over `days` days, oldest first."""
    rng = random.Random(seed)
    scheduler = fsrs.Scheduler(
        parameters=tuple(parameters),
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )
    log: list[LoggedReview] = []
    for number in range(days * new_cards_per_day):
        card_id = number + 1
        moment = start + timedelta(days=number // new_cards_per_day, minutes=number % 60)
        card = fsrs.Card(card_id=card_id, due=moment)
        rating = rng.choices(FIRST_RATINGS, FIRST_RATING_WEIGHTS)[0]
        end = start + timedelta(days=days)
        while moment < end:
            card, _ = scheduler.review_card(card, rating, review_datetime=moment)
            log.append(LoggedReview(card_id, moment, int(rating), source))
            # Reviewed on the day it falls due, at the same time of day as before.
            moment += timedelta(days=max(1, (card.due - moment).days))
            if rng.random() < scheduler.get_card_retrievability(card, moment):
                rating = rng.choices(RECALL_RATINGS, RECALL_RATING_WEIGHTS)[0]
            else:
                rating = fsrs.Rating.Again
    log.sort(key=lambda logged: (logged.reviewed_at, logged.card_id))
    return log
