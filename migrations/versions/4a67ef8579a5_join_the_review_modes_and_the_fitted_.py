"""join the review modes and the fitted schedules

Revision ID: 4a67ef8579a5
Revises: i14m5d2c8a7e31f, i14o5c3d7e9f1a
Create Date: 2026-12-08 05:18:35.105148

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4a67ef8579a5'
down_revision = ('i14m5d2c8a7e31f', 'i14o5c3d7e9f1a')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
