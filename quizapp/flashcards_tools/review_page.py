"""What every review page shares, whatever the mode: how long a card was on screen, and the
message for a rating the card already had."""

from __future__ import annotations

from datetime import datetime

from ..domain.numbers import parse_digits

# Anki's cap on the time counted for one answer: a card left open over lunch is not a slow answer.
MAX_ANSWER_MS = 60_000
STALE_REVIEW = (
    "That card was already rated (a second click, or an older page), so nothing changed. "
    "Here is the next card."
)


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def shown_at_or_now(shown_at: str | None, now: datetime) -> str:
    """The time stamped into a page when the card was first shown, kept if it is a number."""
    return shown_at if parse_digits(shown_at or "") is not None else str(epoch_ms(now))


def duration_ms(shown_at: str | None, now: datetime) -> int | None:
    """How long the card was on screen, from the time stamped into the page; None if unknown."""
    shown_ms = parse_digits(shown_at or "")
    if shown_ms is None:
        return None
    elapsed = epoch_ms(now) - shown_ms
    if elapsed < 0:
        return None
    return min(elapsed, MAX_ANSWER_MS)
