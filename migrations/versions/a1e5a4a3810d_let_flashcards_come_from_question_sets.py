"""let flashcards come from question sets

Revision ID: a1e5a4a3810d
Revises: b22ca42d97b1
Create Date: 2026-11-25 21:30:38.497605

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1e5a4a3810d'
down_revision = 'b22ca42d97b1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('flashcards', schema=None) as batch_op:
        batch_op.alter_column('fact_id',
               existing_type=sa.VARCHAR(length=160),
               nullable=True)


def downgrade():
    # The older schema cannot hold cards without a fact: drop the set cards, with the learners'
    # copies and reviews of them, before fact_id becomes required again.
    set_cards = "SELECT id FROM flashcards WHERE fact_id IS NULL"
    set_learner_cards = f"SELECT id FROM learner_cards WHERE flashcard_id IN ({set_cards})"
    op.execute(f"DELETE FROM review_logs WHERE learner_card_id IN ({set_learner_cards})")
    op.execute(f"DELETE FROM learner_cards WHERE flashcard_id IN ({set_cards})")
    op.execute(
        "DELETE FROM item_versions WHERE item_type = 'flashcard' "
        "AND item_id IN (SELECT id FROM flashcards WHERE fact_id IS NULL)"
    )
    op.execute("DELETE FROM flashcards WHERE fact_id IS NULL")
    with op.batch_alter_table('flashcards', schema=None) as batch_op:
        batch_op.alter_column('fact_id',
               existing_type=sa.VARCHAR(length=160),
               nullable=False)
