"""`flask flashcards ...`: the nightly fit of each learner's schedule."""

from __future__ import annotations

import click

from ..auth import find_user
from ..clock import now as clock_now
from ..domain.schedule_fitting import describe
from ..schedule_fitting import store


@click.group("flashcards")
def flashcards_group() -> None:
    """Manage learners' flashcard schedules."""


@flashcards_group.command("optimise")
@click.option("--user", "username", help="Only this learner (default: every learner who reviews).")
def optimise_command(username: str | None) -> None:
    """Fit each learner's schedule to their reviews, keeping it only if better (cron-safe)."""
    if username is not None:
        user = find_user(username)
        if user is None:
            raise click.ClickException(f"no account named {username!r}")
        learners = [(user.id, user.username)]
    else:
        learners = store.learners_with_reviews()
    for user_id, name in learners:
        result = store.optimise(user_id, clock_now())
        click.echo(f"{name}: {describe(result.items, result.fit)}")
    click.echo(f"Optimised {len(learners)} learner(s).")
