"""Settings shared by the fuzzers: bounded, derandomised, no example database, no deadline."""

from __future__ import annotations

from hypothesis import HealthCheck, settings


def bounded(examples: int) -> settings:
    """Repeatable runs of `examples` cases; the health checks do not fit a shared live app."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
