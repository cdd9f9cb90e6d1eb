"""Forms for the flashcard tools: the shape of each form's input, nothing else."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import Optional


class UndoForm(FlaskForm):
    """Undo the last rating; only the CSRF token and the deck to return to."""

    deck = HiddenField(validators=[Optional()])
