"""Join the flashcard tools with the merged features

Revision ID: 323649582e44
Revises: 16e878a83203, i14a7c3e9d2b1
Create Date: 2026-12-08 02:57:41.543898

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '323649582e44'
down_revision = ('16e878a83203', 'i14a7c3e9d2b1')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
