"""The server's clock, read in one place so tests can set it (`CLOCK` in the config)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from .models import utcnow


def now() -> datetime:
    """The current time, aware and in UTC; `app.config["CLOCK"]`, when set, supplies it."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock is not None else utcnow()
