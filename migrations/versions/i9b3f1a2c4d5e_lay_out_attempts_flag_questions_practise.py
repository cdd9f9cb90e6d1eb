"""lay out attempts one question per page, flag questions for review, practise missed questions

Revision ID: i9b3f1a2c4d5e
Revises: a1e5a4a3810d
Create Date: 2026-12-08 01:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i9b3f1a2c4d5e'
down_revision = 'a1e5a4a3810d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'layout',
            sa.Enum('all', 'one_per_page', name='quizlayout', native_enum=False, length=20),
            server_default='all',
            nullable=False,
        ))
    with op.batch_alter_table('attempt_questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('flagged', sa.Boolean(), server_default='0', nullable=False))
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('practice_of_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_attempts_practice_of_id'), ['practice_of_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_attempts_practice_of_id_attempts'), 'attempts', ['practice_of_id'], ['id'],
            ondelete='CASCADE',
        )


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attempts_practice_of_id_attempts'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attempts_practice_of_id'))
        batch_op.drop_column('practice_of_id')
    with op.batch_alter_table('attempt_questions', schema=None) as batch_op:
        batch_op.drop_column('flagged')
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.drop_column('layout')
