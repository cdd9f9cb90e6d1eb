"""Forms for the flashcard tools: the shape of each form's input, nothing else."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import Optional


class CardActionForm(FlaskForm):
    """A button acting on one card (suspend, unsuspend): CSRF token and the deck to return to."""

    deck = HiddenField(validators=[Optional()])


class UndoForm(CardActionForm):
    """Undo the last rating."""
