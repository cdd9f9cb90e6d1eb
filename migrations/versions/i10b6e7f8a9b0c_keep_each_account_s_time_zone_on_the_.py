"""Keep each account's time zone on the account

Revision ID: i10b6e7f8a9b0c
Revises: i10b1a2b3c4d5
Create Date: 2026-12-08 01:03:58.490991

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "i10b6e7f8a9b0c"
down_revision = "i10b1a2b3c4d5"
branch_labels = None
depends_on = None


# The time zone moves from the flashcard settings to the account, so it applies to every time a
# person reads or types; a learner's chosen zone is copied over, everyone else gets UTC.
COPY_TO_USERS = (
    "UPDATE users SET time_zone = (SELECT learner_settings.time_zone FROM learner_settings "
    "WHERE learner_settings.user_id = users.id) "
    "WHERE id IN (SELECT user_id FROM learner_settings)"
)
COPY_TO_LEARNERS = (
    "UPDATE learner_settings SET time_zone = "
    "(SELECT users.time_zone FROM users WHERE users.id = learner_settings.user_id)"
)


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False)
        )
    op.execute(COPY_TO_USERS)
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.drop_column("time_zone")


def downgrade():
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("time_zone", sa.VARCHAR(length=64), server_default="UTC", nullable=False)
        )
    op.execute(COPY_TO_LEARNERS)
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.alter_column("time_zone", server_default=None)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("time_zone")
