"""`flask` command groups, one module each."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import bank, flashcards, quizzes, sets, users

    app.cli.add_command(users.users_group)
    app.cli.add_command(users.demo_group)
    app.cli.add_command(bank.bank_group)
    app.cli.add_command(flashcards.flashcards_group)
    app.cli.add_command(quizzes.quizzes_group)
    app.cli.add_command(sets.sets_group)
