"""`flask users ...` and `flask demo ...`: accounts from the command line."""

from __future__ import annotations

import secrets

import click
from flask import current_app

from ..auth import find_user
from ..models import Role, User, db
from ..passwords import hash_password

DEMO_ACCOUNTS = (("demo-teacher", Role.TEACHER), ("demo-student", Role.STUDENT))


@click.group("users")
def users_group() -> None:
    """Manage accounts."""


@users_group.command("create")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.STUDENT.value,
    show_default=True,
)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user(username: str, role: str, password: str) -> None:
    """Create an account USERNAME with the given role."""
    if find_user(username) is not None:
        raise click.ClickException(f"username {username!r} is already taken")
    if not 10 <= len(password) <= 128:
        raise click.ClickException("password must be between 10 and 128 characters")
    db.session.add(User(username=username, password_hash=hash_password(password), role=Role(role)))
    db.session.commit()
    click.echo(f"Created {role} {username}.")


@click.group("demo")
def demo_group() -> None:
    """Demonstration data for local use."""


@demo_group.command("users")
def demo_users() -> None:
    """Create (or reset) a demo teacher and a demo student and print their passwords."""
    if not (current_app.debug or current_app.testing):
        raise click.ClickException(
            "demo accounts are only created in debug or testing mode, never in production"
        )
    for username, role in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(12)
        user = find_user(username)
        if user is None:
            user = User(username=username, role=role)
            db.session.add(user)
        user.password_hash = hash_password(password)
        user.session_version = (user.session_version or 1) + 1
        click.echo(f"Demo {role.value}: username {username}  password {password}")
    db.session.commit()
