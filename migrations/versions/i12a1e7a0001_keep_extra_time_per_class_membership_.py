"""keep extra time per class membership and assignment

Extra time used to live on the account, where any teacher of any class the student was in set
it for every quiz. It moves to the class membership (and to a per-assignment override). Until
now only the class roster page could set it (the admin People page had no such field), so every
existing account-wide factor was set through a class: it is copied to each of that student's
memberships and the account-wide factor, now admin-only, goes back to 1.

Revision ID: i12a1e7a0001
Revises: a1e5a4a3810d
Create Date: 2026-12-08 00:44:48.564143

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i12a1e7a0001'
down_revision = 'a1e5a4a3810d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assignment_extra_times',
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('extra_time_factor', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_assignment_extra_times_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_assignment_extra_times_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assignment_id', 'user_id', name=op.f('pk_assignment_extra_times'))
    )
    with op.batch_alter_table('assignment_extra_times', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_extra_times_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('class_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extra_time_factor', sa.Double(), server_default='1', nullable=False))

    op.execute(
        "UPDATE class_members SET extra_time_factor = "
        "(SELECT users.extra_time_factor FROM users WHERE users.id = class_members.user_id)"
    )
    op.execute("UPDATE users SET extra_time_factor = 1")


def downgrade():
    # Back on the account: the largest factor the student's classes or the admin gave.
    largest = (
        "(SELECT MAX(class_members.extra_time_factor) FROM class_members "
        "WHERE class_members.user_id = users.id)"
    )
    op.execute(
        f"UPDATE users SET extra_time_factor = {largest} WHERE {largest} > users.extra_time_factor"
    )
    with op.batch_alter_table('class_members', schema=None) as batch_op:
        batch_op.drop_column('extra_time_factor')

    with op.batch_alter_table('assignment_extra_times', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_extra_times_user_id'))

    op.drop_table('assignment_extra_times')
