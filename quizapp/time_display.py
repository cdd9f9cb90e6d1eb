"""The one Jinja filter that shows a stored (UTC) moment in the reader's own time zone."""

from __future__ import annotations

from datetime import datetime

from flask_login import current_user

from .domain.local_time import DEFAULT_TIME_ZONE, format_local, local_date


def reader_time_zone() -> str:
    """The time zone of the person reading the page (UTC for visitors who are not logged in)."""
    if current_user and current_user.is_authenticated:
        return current_user.time_zone
    return DEFAULT_TIME_ZONE


def local_time(moment: datetime | None, style: str = "datetime") -> str:
    """`{{ moment|local_time }}` → "2026-03-29 14:00 (Europe/London)";
    `{{ moment|local_time('date') }}` → "2026-03-29" (the date in the reader's zone).
    """
    if moment is None:
        return ""
    if style == "date":
        return local_date(moment, reader_time_zone()).isoformat()
    return format_local(moment, reader_time_zone())
