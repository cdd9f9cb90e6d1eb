"""record typed and chosen flashcard answers, overrules, recognition and review-mode settings

Revision ID: i14m5d2c8a7e31f
Revises: 323649582e44
Create Date: 2026-12-08 04:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i14m5d2c8a7e31f'
down_revision = '323649582e44'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response', sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column('overruled', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table('learner_cards', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('recognised_at', sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table('learner_settings', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('review_mode', sa.String(length=10), server_default='flip', nullable=False)
        )
        batch_op.add_column(
            sa.Column('learn_path', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('learner_settings', schema=None) as batch_op:
        batch_op.drop_column('learn_path')
        batch_op.drop_column('review_mode')
    with op.batch_alter_table('learner_cards', schema=None) as batch_op:
        batch_op.drop_column('recognised_at')
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.drop_column('overruled')
        batch_op.drop_column('response')
