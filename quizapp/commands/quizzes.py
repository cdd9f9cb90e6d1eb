"""`flask quizzes ...`: ready-made quizzes and the sweep that closes overdue attempts."""

from __future__ import annotations

import click
from sqlalchemy import select

from ..attempt_store import close_overdue
from ..clock import now as clock_now
from ..domain.ready_made import READY_MADE_QUIZZES
from ..models import Quiz, db


@click.group("quizzes")
def quizzes_group() -> None:
    """Manage quizzes and attempts."""


@quizzes_group.command("close-overdue")
def close_overdue_command() -> None:
    """Finish every attempt whose time ran out, as of its deadline (safe to run from cron)."""
    closed = close_overdue(clock_now())
    db.session.commit()
    click.echo(f"Closed {closed} overdue attempt(s).")


@quizzes_group.command("ready-made")
def ready_made_command() -> None:
    """Create or update the ready-made quizzes by topic (idempotent)."""
    existing = {q.slug: q for q in db.session.scalars(select(Quiz).where(Quiz.slug.is_not(None)))}
    created = 0
    for spec in READY_MADE_QUIZZES:
        quiz = existing.get(spec.slug)
        if quiz is None:
            quiz = Quiz(slug=spec.slug)
            db.session.add(quiz)
            created += 1
        quiz.title = spec.title
        quiz.description = spec.description
        quiz.topic = spec.topic
        quiz.question_count = spec.question_count
        quiz.time_limit_seconds = spec.time_limit_seconds
    db.session.commit()
    click.echo(f"Ready-made quizzes: {created} created, {len(READY_MADE_QUIZZES) - created} kept.")
