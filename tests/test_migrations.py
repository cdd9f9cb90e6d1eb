"""The migrations build the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from support import MIGRATIONS

from quizapp.models import db
from quizapp.models.explore import is_database_specific_search_object


def _not_search_specific(obj, name, type_, reflected, compare_to) -> bool:
    # The full-text search index is made by the migration for one database only.
    return not (reflected and compare_to is None and is_database_specific_search_object(name))


def test_upgrade_from_empty_to_head_matches_the_models(app):
    downgrade(directory=MIGRATIONS, revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(directory=MIGRATIONS)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _not_search_specific}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []
    assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())


def test_the_time_zone_moves_from_flashcard_settings_to_the_account_and_back(app):
    """A learner's chosen zone is kept across the move, both ways; others get UTC."""
    from sqlalchemy import text

    downgrade(directory=MIGRATIONS, revision="i10b1a2b3c4d5")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, username, password_hash, role, session_version, "
                "extra_time_factor, created_at) VALUES "
                "(1, 'ani', 'x', 'student', 1, 1, '2026-03-01 09:00:00+00:00'), "
                "(2, 'tamar', 'x', 'teacher', 1, 1, '2026-03-01 09:00:00+00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO learner_settings (user_id, desired_retention, new_cards_per_day, "
                "reviews_per_day, learning_steps, relearning_steps, time_zone) "
                "VALUES (1, 0.9, 20, 200, '1m 10m', '10m', 'Asia/Baku')"
            )
        )
    upgrade(directory=MIGRATIONS)
    with db.engine.connect() as connection:
        zones = dict(connection.execute(text("SELECT username, time_zone FROM users")).all())
    assert zones == {"ani": "Asia/Baku", "tamar": "UTC"}
    downgrade(directory=MIGRATIONS, revision="i10b1a2b3c4d5")
    with db.engine.connect() as connection:
        kept = connection.execute(text("SELECT time_zone FROM learner_settings")).scalar_one()
    assert kept == "Asia/Baku"
    upgrade(directory=MIGRATIONS)
