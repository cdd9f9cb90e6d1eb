"""Dates as precise as their sources, and the named periods of the timeline they fall in."""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_DATE_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A calendar date only as precise as its source: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is None and self.day is not None:
            raise ValueError("a date with a day needs a month")
        # datetime.date rejects years below 1, month 13 and 30 February alike.
        datetime.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; raise ValueError for anything else."""
        match = _DATE_PATTERN.fullmatch(text)
        if match is None:
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None  # the pattern requires the year
        return cls(year, month, day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def display(self) -> str:
        """The date in words, e.g. "19 September 2023", "September 2023" or "2023"."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A key that sorts dates chronologically, a bare year before its months."""
        return (self.year, self.month or 0, self.day or 0)


def first_day(when: PartialDate) -> date:
    """The earliest day a partial date may mean."""
    return date(when.year, when.month or 1, when.day or 1)


def last_day(when: PartialDate) -> date:
    """The latest day a partial date may mean."""
    month = when.month or 12
    return date(when.year, month, when.day or calendar.monthrange(when.year, month)[1])


@dataclass(frozen=True)
class Period:
    """A named span from `start` to `end` (both inclusive, each as precise as wanted); an open
    period (no end) runs to the present."""

    id: str
    name: str
    start: PartialDate
    end: PartialDate | None = None
    events: tuple[str, ...] = ()
    """Events placed here by hand because their date is too loose to place them."""

    @property
    def dates(self) -> str:
        """The span in words, e.g. "1988 \u2013 May 1994" or "since September 2023"."""
        if self.end is None:
            return f"since {self.start.display}"
        if self.end == self.start:
            return self.start.display
        return f"{self.start.display} \u2013 {self.end.display}"

    def holds(self, when: PartialDate) -> bool:
        """Whether the whole of the date lies inside the period."""
        inside_start = first_day(when) >= first_day(self.start)
        return inside_start and (self.end is None or last_day(when) <= last_day(self.end))

    def overlaps(self, when: PartialDate) -> bool:
        """Whether any day the date may mean lies inside the period."""
        after_start = last_day(when) >= first_day(self.start)
        return after_start and (self.end is None or first_day(when) <= last_day(self.end))

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "start": str(self.start),
            "end": str(self.end) if self.end is not None else None,
            "events": list(self.events),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Period:
        return cls(
            id=data["id"],
            name=data["name"],
            start=PartialDate.parse(data["start"]),
            end=PartialDate.parse(data["end"]) if data.get("end") else None,
            events=tuple(data.get("events") or ()),
        )


def periods_holding(event_id: str, when: PartialDate, periods: Sequence[Period]) -> list[Period]:
    """The periods an event falls in: those listing it, else those whose span holds its date."""
    listed = [period for period in periods if event_id in period.events]
    return listed or [period for period in periods if period.holds(when)]


def period_of(event_id: str, when: PartialDate, periods: Sequence[Period]) -> Period | None:
    """The one period the event falls in (None when the periods do not place it)."""
    holding = periods_holding(event_id, when, periods)
    return holding[0] if len(holding) == 1 else None


# --- reading and checking ------------------------------------------------------------------------
