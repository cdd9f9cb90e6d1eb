"""keep import previews on the server

Revision ID: i16a7c3e9d2f1
Revises: a1e5a4a3810d
Create Date: 2026-12-08 01:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import quizapp.models


# revision identifiers, used by Alembic.
revision = 'i16a7c3e9d2f1'
down_revision = 'a1e5a4a3810d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_previews',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.Column('created_at', quizapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', quizapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_import_previews_owner_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['question_sets.id'], name=op.f('fk_import_previews_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_previews'))
    )
    with op.batch_alter_table('import_previews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_previews_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_previews_owner_id'), ['owner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('import_previews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_previews_owner_id'))
        batch_op.drop_index(batch_op.f('ix_import_previews_expires_at'))

    op.drop_table('import_previews')
