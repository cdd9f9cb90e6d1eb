"""let learners suspend cards, remove decks and write notes

Revision ID: i14a7c3e9d2b1
Revises: a1e5a4a3810d
Create Date: 2026-12-08 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i14a7c3e9d2b1'
down_revision = 'a1e5a4a3810d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('note', sa.String(length=1000), nullable=True))


def downgrade():
    with op.batch_alter_table('learner_cards', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('removed_at')
        batch_op.drop_column('suspended_at')
