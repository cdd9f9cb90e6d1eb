"""Counting the SQL statements a piece of work sends to the database (a request, say)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event

from quizapp.models import db


def statements_of(action: Callable[[], object]) -> list[str]:
    """Every statement the engine executes while `action` runs, in order.

    An executemany (one INSERT or UPDATE for many rows) counts once, as the database sees it.
    """
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(" ".join(statement.split()))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def count_statements(action: Callable[[], object]) -> int:
    return len(statements_of(action))
