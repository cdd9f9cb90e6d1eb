"""Limits on failed logins, counted in the rate-limit storage.

Only failures count. They are counted per account *and address*, in stepped windows (by default
5 a minute, 10 in 15 minutes, 20 a day), so each lock-out lasts longer than the last; and per
address across accounts. So the owner, from their own address, is never locked out by someone
guessing elsewhere, and a class behind one school address logging in correctly is never slowed.

Counters live in the storage named by RATELIMIT_STORAGE_URI. `memory://` counts per process: with
several workers each has its own count, so deployments point it at Redis to share one. Tests may
put a `limits` storage object in RATELIMIT_STORAGE to share one between app objects.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter


@dataclass(frozen=True)
class Refusal:
    """A login refused unchecked; `seconds` until the exhausted windows reset."""

    seconds: int
    whole_address: bool


class LoginLimits:
    def __init__(self, storage: Storage) -> None:
        self.counter = FixedWindowRateLimiter(storage)

    def _windows(self, username: str, address: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
        config = current_app.config
        account = ("login-failures", "account", username.strip().lower(), address)
        per_address = ("login-failures", "address", address)
        return [(item, account) for item in parse_many(config["LOGIN_LIMIT_PER_ACCOUNT"])] + [
            (item, per_address) for item in parse_many(config["LOGIN_LIMIT_PER_IP"])
        ]

    def refusal(self, username: str, address: str) -> Refusal | None:
        """Why a login may not be tried now, or None when it may."""
        now = time.time()
        waits = [
            (self.counter.get_window_stats(item, *key).reset_time - now, key[1] == "address")
            for item, key in self._windows(username, address)
            if not self.counter.test(item, *key)
        ]
        if not waits:
            return None
        seconds, whole_address = max(waits)
        return Refusal(max(1, math.ceil(seconds)), whole_address)

    def failed(self, username: str, address: str) -> None:
        for item, key in self._windows(username, address):
            self.counter.hit(item, *key)

    def succeeded(self, username: str, address: str) -> None:
        """The owner got in from here: earlier failures from this address are forgiven."""
        for item, key in self._windows(username, address):
            if key[1] == "account":
                self.counter.clear(item, *key)


def init_app(app: Flask) -> None:
    storage = app.config.get("RATELIMIT_STORAGE") or storage_from_string(
        app.config["RATELIMIT_STORAGE_URI"]
    )
    app.extensions["login_limits"] = LoginLimits(storage)


def login_limits() -> LoginLimits:
    return current_app.extensions["login_limits"]
