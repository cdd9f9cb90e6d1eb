"""The rules of a study day: when it starts, the daily limits, and which queue gives the next card.

A study day starts at 04:00 in the learner's time zone, as in Anki, so a late-night session counts
towards the evening it began in. Review cards (intervals of whole days) are due all day from the
start of the day they fall on; learning cards (intervals of minutes) are due at their exact time.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from .local_time import DEFAULT_TIME_ZONE, zone
from .scheduling import SchedulerSettings

DAY_STARTS_AT = time(4, 0)
# When nothing else is due, learning cards due within this margin are shown early, as in Anki.
LEARN_AHEAD = timedelta(minutes=20)
DEFAULT_NEW_CARDS_PER_DAY = 20
DEFAULT_REVIEWS_PER_DAY = 200
MAX_NEW_CARDS_PER_DAY = 9999
MAX_REVIEWS_PER_DAY = 99999


def study_day(moment: datetime, time_zone: tzinfo) -> date:
    """The study day `moment` falls in."""
    local = moment.astimezone(time_zone)
    day = local.date()
    return day - timedelta(days=1) if local.time() < DAY_STARTS_AT else day


def day_start(day: date, time_zone: tzinfo) -> datetime:
    """When the study day `day` starts, as an aware datetime (in `time_zone`)."""
    return datetime.combine(day, DAY_STARTS_AT, tzinfo=time_zone)


@dataclass(frozen=True)
class DailyLimits:
    """How many new cards a learner starts, and how many review cards they see, per day."""

    new_cards: int = DEFAULT_NEW_CARDS_PER_DAY
    reviews: int = DEFAULT_REVIEWS_PER_DAY

    def __post_init__(self) -> None:
        if not 0 <= self.new_cards <= MAX_NEW_CARDS_PER_DAY:
            raise ValueError(f"new cards per day must be 0 to {MAX_NEW_CARDS_PER_DAY}")
        if not 0 <= self.reviews <= MAX_REVIEWS_PER_DAY:
            raise ValueError(f"reviews per day must be 0 to {MAX_REVIEWS_PER_DAY}")


@dataclass(frozen=True)
class StudyPreferences:
    """Everything a learner can set about their flashcards."""

    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    limits: DailyLimits = field(default_factory=DailyLimits)
    time_zone: str = DEFAULT_TIME_ZONE

    @property
    def zone(self) -> tzinfo:
        return zone(self.time_zone)


@dataclass(frozen=True)
class DoneToday:
    """What the learner has already studied today: new cards started and review cards seen."""

    new_cards: int = 0
    reviews: int = 0


@dataclass(frozen=True)
class Allowance:
    """How many more new and review cards today's limits allow."""

    new_cards: int
    reviews: int


def allowance(limits: DailyLimits, done: DoneToday) -> Allowance:
    return Allowance(
        new_cards=max(limits.new_cards - done.new_cards, 0),
        reviews=max(limits.reviews - done.reviews, 0),
    )


class Queue(enum.StrEnum):
    """Where the next card comes from."""

    LEARNING = "learning"
    """Learning and relearning cards whose step is over."""
    REVIEW = "review"
    """Learned cards due today."""
    NEW = "new"
    """Cards never reviewed."""
    LEARN_AHEAD = "learn_ahead"
    """Learning cards due within `LEARN_AHEAD`, when nothing else is left."""


def queue_order(room: Allowance) -> tuple[Queue, ...]:
    """The queues to draw from, in order: learning first (its steps are minutes long and go stale),
    then reviews, then new cards, each while today's limits allow, then learning cards due soon.
    """
    order = [Queue.LEARNING]
    if room.reviews > 0:
        order.append(Queue.REVIEW)
    if room.new_cards > 0:
        order.append(Queue.NEW)
    order.append(Queue.LEARN_AHEAD)
    return tuple(order)


@dataclass(frozen=True)
class DueCounts:
    """Cards to study today, by queue, after the daily limits."""

    new_cards: int = 0
    learning: int = 0
    reviews: int = 0

    @property
    def total(self) -> int:
        return self.new_cards + self.learning + self.reviews


def due_counts(available_new: int, learning: int, reviews_due: int, room: Allowance) -> DueCounts:
    """Today's counts: the cards waiting in each queue, capped by what the limits still allow."""
    return DueCounts(
        new_cards=min(available_new, room.new_cards),
        learning=learning,
        reviews=min(reviews_due, room.reviews),
    )


def buried_facts(reviewed_today: set[tuple[int, str | None]]) -> dict[str, set[int]]:
    """Siblings to bury: for each fact with a card reviewed today, the cards that were reviewed.

    Two cards from the same fact are not shown on the same day: once one is reviewed, the fact's
    other cards wait until tomorrow (the reviewed card itself still finishes its learning steps).
    `reviewed_today` holds (card id, fact id) pairs.
    """
    facts: dict[str, set[int]] = {}
    for card_id, fact_id in reviewed_today:
        if fact_id is not None:
            facts.setdefault(fact_id, set()).add(card_id)
    return facts


# --- decks ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeckKey:
    """A deck's address: its kind ("topic", or "set" for a question set) and key in that kind.

    Written "kind:key" in URLs and forms ("topic:history", "set:12").
    """

    kind: str
    key: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"

    @classmethod
    def parse(cls, text: str) -> DeckKey:
        kind, separator, key = text.partition(":")
        if not separator or not kind or not key:
            raise ValueError(f"{text!r} is not a deck")
        return cls(kind, key)


@dataclass(frozen=True)
class Deck:
    """A set of flashcards a learner can add to their collection and study."""

    key: DeckKey
    title: str
    description: str
