"""Times in a person's own time zone: reading what they type and showing what they read.

Every moment is stored in UTC. People read and type wall-clock times in their time zone (an IANA
name such as "Asia/Baku"; UTC by default), and the zone's name is shown beside a time.

Daylight-saving rules for typed times (a teacher's open and close times):

- a wall time that does not exist (skipped when the clocks go forward, e.g. 01:30 in
  Europe/London on the last Sunday of March) is refused with a message that says so;
- a wall time that occurs twice (when the clocks go back, e.g. 01:30 in Europe/London on the last
  Sunday of October) is read as its *first* occurrence, the one still on summer time. That is
  Python's `fold=0` and what most calendars do; for a close time it is the earlier, stricter one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIME_ZONE = "UTC"
TIME_FORMAT = "%Y-%m-%d %H:%M"


class NonexistentLocalTime(ValueError):
    """A wall-clock time that the time zone skips (clocks going forward)."""


def zone(name: str) -> tzinfo:
    """The time zone called `name`; ValueError if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"{name!r} is not a known time zone") from error


def zone_names() -> list[str]:
    """Every IANA time zone name known to this system, sorted."""
    return sorted(available_timezones())


def from_local(wall_time: datetime, time_zone: tzinfo) -> datetime:
    """The UTC moment a naive wall-clock time in `time_zone` stands for.

    Raises NonexistentLocalTime for a time skipped by a daylight-saving change; a time that occurs
    twice is read as its first occurrence (see the module's rules).
    """
    if wall_time.tzinfo is not None:
        raise ValueError("from_local takes a naive wall-clock time")
    first = wall_time.replace(tzinfo=time_zone, fold=0)
    # A skipped time does not survive the round trip through UTC: it comes back shifted.
    if first.astimezone(UTC).astimezone(time_zone).replace(tzinfo=None) != wall_time:
        raise NonexistentLocalTime(
            f"{wall_time:{TIME_FORMAT}} does not exist in {time_zone}: the clocks go forward "
            "over it. Choose a time outside the change."
        )
    return first.astimezone(UTC)


def is_ambiguous(wall_time: datetime, time_zone: tzinfo) -> bool:
    """Whether the wall-clock time occurs twice in `time_zone` (clocks going back)."""
    naive = wall_time.replace(tzinfo=None)
    return (
        naive.replace(tzinfo=time_zone, fold=0).utcoffset()
        != naive.replace(tzinfo=time_zone, fold=1).utcoffset()
    )


def to_local(moment: datetime, time_zone: tzinfo) -> datetime:
    """The aware moment as a wall-clock time in `time_zone`."""
    return moment.astimezone(time_zone)


def wall_time(moment: datetime, time_zone: tzinfo) -> datetime:
    """The naive wall-clock time of `moment` in `time_zone` (what a datetime-local input shows)."""
    return to_local(moment, time_zone).replace(tzinfo=None)


def format_local(moment: datetime, zone_name: str) -> str:
    """The moment as read in the zone, with the zone named: "2026-03-29 14:00 (Asia/Baku)".

    In the hour that occurs twice when the clocks go back, the abbreviation tells the two apart:
    "2026-10-25 01:30 BST (Europe/London)", then "2026-10-25 01:30 GMT (Europe/London)".
    """
    local = to_local(moment, zone(zone_name))
    shown = f"{local:{TIME_FORMAT}}"
    if is_ambiguous(local, local.tzinfo):
        shown += f" {local:%Z}"
    return f"{shown} ({zone_name})"


def local_date(moment: datetime, zone_name: str) -> date:
    """The calendar date of `moment` in the zone."""
    return to_local(moment, zone(zone_name)).date()
