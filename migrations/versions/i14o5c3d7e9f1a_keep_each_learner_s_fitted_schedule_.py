"""keep each learner's fitted schedule parameters

Revision ID: i14o5c3d7e9f1a
Revises: 323649582e44
Create Date: 2026-12-08 04:09:03.477616

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i14o5c3d7e9f1a'
down_revision = '323649582e44'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('schedule_fits',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('fitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=True),
    sa.Column('trained_items', sa.Integer(), nullable=False),
    sa.Column('tested_items', sa.Integer(), nullable=False),
    sa.Column('default_log_loss', sa.Double(), nullable=False),
    sa.Column('default_rmse', sa.Double(), nullable=False),
    sa.Column('fitted_log_loss', sa.Double(), nullable=False),
    sa.Column('fitted_rmse', sa.Double(), nullable=False),
    sa.Column('outlook', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_schedule_fits_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_schedule_fits'))
    )


def downgrade():
    op.drop_table('schedule_fits')
