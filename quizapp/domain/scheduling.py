"""Spaced-repetition scheduling with FSRS (the `fsrs` package): the only module that knows it.

Values in, new values out, time passed in: a card's memory state is a frozen `CardMemory`, and
`review` returns the state after a rating together with what the review log records. Everything
else (the database, the review page, statistics) sees card states, ratings and intervals only.

Fuzz: FSRS spreads review intervals by a few percent so that cards learned together do not stay
due together. The package draws that fuzz from the global random generator; here it is disabled
there and re-applied with a generator seeded from the card id and the review number, so a rating
always gives the same interval, and the interval a rating button shows is the one it gives.
"""

from __future__ import annotations

import enum
import math
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import fsrs

MIN_DESIRED_RETENTION = 0.80
MAX_DESIRED_RETENTION = 0.95
DEFAULT_DESIRED_RETENTION = 0.90
DEFAULT_LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
DEFAULT_RELEARNING_STEPS = (timedelta(minutes=10),)
MAXIMUM_INTERVAL_DAYS = 36500
MAX_STEPS = 10
# Anki's default leech threshold: a card forgotten this many times after it was learned.
LEECH_LAPSES = 8

# The fuzz ranges of FSRS and Anki: the longer the interval, the smaller the relative spread.
_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.10), (20.0, math.inf, 0.05))


class CardState(enum.StrEnum):
    """A card's FSRS state. A new card is in LEARNING with no review yet (see `CardMemory`)."""

    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


class Rating(enum.IntEnum):
    """How well the learner recalled the card; the values are FSRS's (and Anki's) 1-4."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.title()


_FSRS_STATES = {
    CardState.LEARNING: fsrs.State.Learning,
    CardState.REVIEW: fsrs.State.Review,
    CardState.RELEARNING: fsrs.State.Relearning,
}
_CARD_STATES = {value: key for key, value in _FSRS_STATES.items()}


@dataclass(frozen=True)
class SchedulerSettings:
    """A learner's scheduling options."""

    desired_retention: float = DEFAULT_DESIRED_RETENTION
    learning_steps: tuple[timedelta, ...] = DEFAULT_LEARNING_STEPS
    relearning_steps: tuple[timedelta, ...] = DEFAULT_RELEARNING_STEPS
    maximum_interval_days: int = MAXIMUM_INTERVAL_DAYS
    parameters: tuple[float, ...] | None = None
    """FSRS's 21 memory-model parameters fitted to the learner; None for FSRS's defaults."""

    def __post_init__(self) -> None:
        if not MIN_DESIRED_RETENTION <= self.desired_retention <= MAX_DESIRED_RETENTION:
            raise ValueError(
                f"desired retention must be between {MIN_DESIRED_RETENTION} and "
                f"{MAX_DESIRED_RETENTION}, not {self.desired_retention}"
            )
        if self.maximum_interval_days < 1:
            raise ValueError("the maximum interval is at least one day")


@dataclass(frozen=True)
class CardMemory:
    """A card's scheduling state: FSRS's card fields, plus how often it was reviewed and lapsed.

    `reps` counts every review, so it is also the number of the next review minus one.
    `lapses` counts the times a learned card (in REVIEW) was forgotten (rated Again).
    """

    card_id: int
    due: datetime
    state: CardState = CardState.LEARNING
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    @property
    def is_new(self) -> bool:
        return self.reps == 0

    @property
    def is_leech(self) -> bool:
        return is_leech(self.lapses)


@dataclass(frozen=True)
class Review:
    """One rating applied to a card: the card after it and what the review log keeps."""

    card: CardMemory
    rating: Rating
    reviewed_at: datetime
    state_before: CardState
    was_new: bool
    retrievability: float | None
    """The probability of recall just before the review; None for a card never reviewed."""
    interval: timedelta
    lapsed: bool = False

    @property
    def review_number(self) -> int:
        return self.card.reps


def new_card(card_id: int, now: datetime) -> CardMemory:
    """A card the learner has not reviewed yet, due at `now`."""
    return CardMemory(card_id=card_id, due=_utc(now))


def review(card: CardMemory, rating: Rating, now: datetime, settings: SchedulerSettings) -> Review:
    """Apply `rating` at `now` and return the new state with the log values."""
    now = _utc(now)
    rating = Rating(rating)
    scheduler = _scheduler(settings)
    before = _to_fsrs(card)
    after, _ = scheduler.review_card(before, fsrs.Rating(int(rating)), review_datetime=now)
    review_number = card.reps + 1
    due = after.due
    state = _CARD_STATES[after.state]
    if state is CardState.REVIEW:
        days = (after.due - now).days
        due = now + timedelta(
            days=_fuzzed_days(days, card.card_id, review_number, settings.maximum_interval_days)
        )
    lapsed = card.state is CardState.REVIEW and rating is Rating.AGAIN
    memory = CardMemory(
        card_id=card.card_id,
        due=due,
        state=state,
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        last_review=now,
        reps=review_number,
        lapses=card.lapses + (1 if lapsed else 0),
    )
    return Review(
        card=memory,
        rating=rating,
        reviewed_at=now,
        state_before=card.state,
        was_new=card.is_new,
        retrievability=retrievability(card, now, settings),
        interval=due - now,
        lapsed=lapsed,
    )


def preview(
    card: CardMemory, now: datetime, settings: SchedulerSettings
) -> dict[Rating, timedelta]:
    """The interval each rating would give at `now`: what the rating buttons show."""
    return {rating: review(card, rating, now, settings).interval for rating in Rating}


def retrievability(card: CardMemory, now: datetime, settings: SchedulerSettings) -> float | None:
    """The predicted probability of recalling the card at `now`; None before its first review."""
    if card.last_review is None or card.stability is None:
        return None
    return float(_scheduler(settings).get_card_retrievability(_to_fsrs(card), _utc(now)))


def is_leech(lapses: int) -> bool:
    """Whether a card forgotten `lapses` times is a leech: it needs rewriting, not more reviews."""
    return lapses >= LEECH_LAPSES


def fuzz_range(interval_days: int, maximum_interval_days: int = MAXIMUM_INTERVAL_DAYS) -> range:
    """The days a review interval may be fuzzed to (FSRS's and Anki's ranges)."""
    if interval_days < 2.5:
        return range(interval_days, interval_days + 1)
    delta = 1.0
    for start, end, factor in _FUZZ_RANGES:
        delta += factor * max(min(float(interval_days), end) - start, 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), maximum_interval_days)
    return range(min(low, high), high + 1)


def _fuzzed_days(days: int, card_id: int, review_number: int, maximum: int) -> int:
    days_range = fuzz_range(days, maximum)
    if len(days_range) == 1:
        return days_range[0]
    # Seeded per card and review, never the global generator: the same rating always gives the
    # same interval, on every worker and in every test. All four ratings of one review share the
    # draw, so fuzz keeps their order (Hard <= Good <= Easy).
    draw = random.Random(f"fuzz:{card_id}:{review_number}").random()
    return days_range[min(int(draw * len(days_range)), len(days_range) - 1)]


@lru_cache(maxsize=64)
def _scheduler(settings: SchedulerSettings) -> fsrs.Scheduler:
    return fsrs.Scheduler(
        parameters=settings.parameters or fsrs.scheduler.DEFAULT_PARAMETERS,
        desired_retention=settings.desired_retention,
        learning_steps=settings.learning_steps,
        relearning_steps=settings.relearning_steps,
        maximum_interval=settings.maximum_interval_days,
        enable_fuzzing=False,
    )


def _to_fsrs(card: CardMemory) -> fsrs.Card:
    # Always pass the id: without one, fsrs.Card() sleeps a millisecond to invent one.
    return fsrs.Card(
        card_id=card.card_id,
        state=_FSRS_STATES[card.state],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_utc(card.due),
        last_review=_utc(card.last_review) if card.last_review else None,
    )


def _utc(moment: datetime) -> datetime:
    # fsrs accepts only tzinfo == timezone.utc (datetime.UTC is that object).
    if moment.tzinfo is None:
        raise ValueError("naive datetime: scheduling needs aware UTC datetimes")
    return moment.astimezone(UTC)


# --- learning steps -------------------------------------------------------------------------------

_STEP = re.compile(r"(\d+)([smhd]?)")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """Steps typed as in Anki ("1m 10m", "10m 1h"; a bare number is minutes).

    Raises ValueError with a message for the learner when the text is not a list of steps.
    """
    steps = []
    for token in text.replace(",", " ").split():
        match = _STEP.fullmatch(token.strip().lower())
        if match is None:
            raise ValueError(
                f"{token!r} is not a step: write a whole number and a unit, like 1m, 10m or 1h."
            )
        seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2) or "m"]
        if not 60 <= seconds <= 86400:
            raise ValueError(f"{token} is out of range: each step is between 1m and 1d.")
        steps.append(timedelta(seconds=seconds))
    if len(steps) > MAX_STEPS:
        raise ValueError(f"Use at most {MAX_STEPS} steps.")
    return tuple(steps)


def format_steps(steps: tuple[timedelta, ...]) -> str:
    """Steps in the form `parse_steps` reads: "1m 10m"."""
    return " ".join(_format_step(step) for step in steps)


def _format_step(step: timedelta) -> str:
    seconds = int(step.total_seconds())
    for unit in ("d", "h", "m"):
        if seconds % _UNIT_SECONDS[unit] == 0:
            return f"{seconds // _UNIT_SECONDS[unit]}{unit}"
    return f"{seconds}s"


def format_interval(interval: timedelta) -> str:
    """An interval as a rating button shows it: "1 min", "10 min", "1 hour", "3 days", "2.1 mo"."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "under 1 min"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 86400:
        hours = seconds / 3600
        return "1 hour" if round(hours, 1) == 1 else f"{_trim(hours)} hours"
    days = seconds / 86400
    if days < 30.5:
        rounded = round(days)
        return "1 day" if rounded == 1 else f"{rounded} days"
    if days < 365:
        return f"{_trim(days / 30.4375)} mo"
    years = days / 365.25
    return "1 year" if round(years, 1) == 1 else f"{_trim(years)} years"


def _trim(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
