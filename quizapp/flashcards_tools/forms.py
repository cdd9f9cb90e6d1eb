"""Forms for the flashcard tools: the shape of each form's input, nothing else."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from ..models.flashcards import NOTE_MAX_LENGTH


class CardActionForm(FlaskForm):
    """A button acting on one card (suspend, unsuspend): CSRF token and the deck to return to."""

    deck = HiddenField(validators=[Optional()])


class UndoForm(CardActionForm):
    """Undo the last rating."""


def _printable(form: FlaskForm, field: Field) -> None:
    if any(ord(char) < 32 and char not in "\t\n\r" for char in field.data or ""):
        raise ValidationError("Your note contains control characters; please remove them.")


def _tidy(text: str | None) -> str:
    """Line ends as one character, as the browser counts them; no blank margin."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


class NoteForm(CardActionForm):
    """The learner's note on a card; an empty note deletes it."""

    note = TextAreaField(
        "Your note",
        filters=[_tidy],
        validators=[
            Length(
                max=NOTE_MAX_LENGTH,
                message=f"Your note is %(length)d characters long; keep it to {NOTE_MAX_LENGTH}.",
            ),
            _printable,
        ],
    )
