"""`flask` command groups, one module each."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import users

    app.cli.add_command(users.users_group)
    app.cli.add_command(users.demo_group)
