"""Statistics of a learner's memory and study: plain values in, figures out.

Callers pass what they read from the database (days, counts, ratings) and the current study day;
nothing here reads the clock or knows how cards are scheduled.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

HEATMAP_WEEKS = 53
FORECAST_DAYS = 30
RETENTION_PERIODS = (7, 30, 365)
HEAT_LEVELS = 4


def streak(review_days: Iterable[date], today: date) -> int:
    """Days in a row with at least one review, ending today, or yesterday if today has none yet
    (a streak is not broken until the day is over).
    """
    days = set(review_days)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class HeatCell:
    """One day of the heatmap: its place (week column, weekday row), reviews and shade level."""

    day: date
    week: int
    weekday: int
    reviews: int
    level: int


@dataclass(frozen=True)
class Heatmap:
    cells: tuple[HeatCell, ...]
    weeks: int
    maximum: int

    @property
    def active_days(self) -> tuple[HeatCell, ...]:
        return tuple(cell for cell in self.cells if cell.reviews)

    @property
    def total(self) -> int:
        return sum(cell.reviews for cell in self.cells)


def heatmap(
    reviews_per_day: Mapping[date, int], today: date, weeks: int = HEATMAP_WEEKS
) -> Heatmap:
    """A calendar of the last `weeks` weeks (Monday rows first), ending with today's week.

    Shade levels 1-4 split the busiest day's count in quarters; 0 is a day without reviews.
    """
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    days = [first + timedelta(days=offset) for offset in range((today - first).days + 1)]
    maximum = max((reviews_per_day.get(day, 0) for day in days), default=0)
    cells = tuple(
        HeatCell(
            day=day,
            week=(day - first).days // 7,
            weekday=day.weekday(),
            reviews=reviews_per_day.get(day, 0),
            level=_level(reviews_per_day.get(day, 0), maximum),
        )
        for day in days
    )
    return Heatmap(cells=cells, weeks=weeks, maximum=maximum)


def _level(count: int, maximum: int) -> int:
    if count <= 0 or maximum <= 0:
        return 0
    return min(HEAT_LEVELS, math.ceil(count * HEAT_LEVELS / maximum))


def due_forecast(
    due_days: Iterable[date], today: date, days: int = FORECAST_DAYS
) -> tuple[tuple[date, int], ...]:
    """Cards due on each of the next `days` days, today first; overdue cards count for today."""
    counts = Counter(max(day, today) for day in due_days)
    return tuple(
        (today + timedelta(days=offset), counts.get(today + timedelta(days=offset), 0))
        for offset in range(days)
    )


@dataclass(frozen=True)
class RetentionFigure:
    """Measured retention over a period: review-state cards recalled (not rated Again)."""

    days: int
    reviews: int
    recalled: int

    @property
    def rate(self) -> float | None:
        return self.recalled / self.reviews if self.reviews else None


def measured_retention(
    reviews: Iterable[tuple[date, bool]], today: date, periods: Iterable[int] = RETENTION_PERIODS
) -> tuple[RetentionFigure, ...]:
    """Retention measured on reviews of learned cards, per period of days ending today.

    `reviews` holds (study day, recalled) for reviews of cards in the review state: reviews during
    learning steps test minutes-old memories and would flatter the figure (Anki's true retention).
    """
    items = list(reviews)
    figures = []
    for days in periods:
        since = today - timedelta(days=days - 1)
        window = [recalled for day, recalled in items if since <= day <= today]
        figures.append(RetentionFigure(days=days, reviews=len(window), recalled=sum(window)))
    return tuple(figures)


@dataclass(frozen=True)
class Evidence:
    """A mean score (0 to 1) and how many answers or reviews it rests on."""

    mean: float
    count: int


def mastery(quiz: Evidence | None, reviews: Evidence | None) -> float | None:
    """A topic's mastery, 0 to 1, from quiz answers and flashcard reviews together.

    Each source weighs by the number of answers or reviews behind it, so a topic seen in one quiz
    question and forty reviews leans on the reviews. None when there is no evidence at all.
    """
    sources = [source for source in (quiz, reviews) if source is not None and source.count > 0]
    total = sum(source.count for source in sources)
    if total == 0:
        return None
    return sum(source.mean * source.count for source in sources) / total
