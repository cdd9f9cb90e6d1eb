"""Quiz timing: when an attempt's time runs out, and whether an answer arrived in time.

The server owns the clock. Every function takes the moments it compares; none reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class TimeRules:
    """What limits a quiz puts on one student's attempt."""

    time_limit: timedelta | None = None
    closes_at: datetime | None = None
    extra_time_factor: float = 1.0

    def __post_init__(self) -> None:
        if self.time_limit is not None and self.time_limit <= timedelta(0):
            raise ValueError("a time limit must be positive")
        if not 1.0 <= self.extra_time_factor <= 4.0:
            raise ValueError("extra-time factor must be between 1 and 4")


def attempt_deadline(started_at: datetime, rules: TimeRules) -> datetime | None:
    """The moment an attempt started at `started_at` must end, or None when nothing limits it.

    The student's extra-time factor lengthens the time limit; the quiz's close time still caps
    the attempt, because after it the quiz is closed for everyone.
    """
    candidates = []
    if rules.time_limit is not None:
        candidates.append(started_at + rules.time_limit * rules.extra_time_factor)
    if rules.closes_at is not None:
        candidates.append(rules.closes_at)
    return min(candidates) if candidates else None


def accepts_answer(deadline: datetime | None, at: datetime, grace: timedelta) -> bool:
    """Whether an answer arriving at `at` counts: no deadline, or at most `grace` after it.

    `grace` allows for network latency: an answer sent at the deadline still counts if it lands
    within it. The app's one value is the `QUIZ_GRACE_SECONDS` setting.
    """
    return deadline is None or at <= deadline + grace


def is_overdue(deadline: datetime | None, now: datetime, grace: timedelta) -> bool:
    """Whether an open attempt must now be finalised as of its deadline."""
    return deadline is not None and now > deadline + grace


def finish_time(deadline: datetime | None, now: datetime) -> datetime:
    """When an attempt finalised at `now` is recorded as finished: never after its deadline."""
    if deadline is not None and now > deadline:
        return deadline
    return now


def seconds_left(deadline: datetime | None, now: datetime) -> int | None:
    """Whole seconds until the deadline (0 once passed), or None when untimed."""
    if deadline is None:
        return None
    return max(0, int((deadline - now).total_seconds()))


def extra_time_factor(
    account: float, class_factor: float | None = None, assignment_factor: float | None = None
) -> float:
    """The factor one attempt's time limit is multiplied by.

    A quiz taken outside a class (a ready-made one, say) has only the account-wide accommodation,
    which an admin sets. A class assignment has the teacher's factor for that assignment, or else
    the one for the student in that class, and never less than the account-wide one: a teacher
    may give more time in their class, never take away what an admin granted.
    """
    if class_factor is None:
        return account
    teacher = assignment_factor if assignment_factor is not None else class_factor
    return max(account, teacher)
