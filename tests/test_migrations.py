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
