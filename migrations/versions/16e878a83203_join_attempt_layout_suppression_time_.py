"""Join attempt layout, suppression, time zones, accommodations, explore and import previews

Revision ID: 16e878a83203
Revises: i10b6e7f8a9b0c, i12a1e7a0001, i15e0a1b2c3d4, i16a7c3e9d2f1, i9b3f1a2c4d5e
Create Date: 2026-12-08 01:52:25.073265

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '16e878a83203'
down_revision = ('i10b6e7f8a9b0c', 'i12a1e7a0001', 'i15e0a1b2c3d4', 'i16a7c3e9d2f1', 'i9b3f1a2c4d5e')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
