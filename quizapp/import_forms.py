"""WTForms for importing a question set: the upload (with a format to force) and the confirm."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectChoice, SelectField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from .domain.set_formats import FORMAT_NAMES
from .teach_forms import TOPIC_CHOICES

IMPORT_LIMIT = 1000
"""The most questions one import may hold (a larger file is refused: split it)."""


class ImportForm(FlaskForm):
    file = FileField(
        "File",
        description=f"GIFT (.gift), Aiken (.aiken), CSV (.csv) or any of them as .txt, UTF-8; at "
        f"most {IMPORT_LIMIT:,} questions.",
        validators=[FileRequired("Choose a file to import.")],
    )
    format = SelectField(
        "Format",
        choices=[
            SelectChoice("", "Recognise it from the file"),
            *(SelectChoice(key, name) for key, name in FORMAT_NAMES.items()),
        ],
        description="Choose one if the file is read in the wrong format.",
        validators=[Optional()],
    )
    submit = SubmitField("Preview import")


class ConfirmImportForm(FlaskForm):
    preview = HiddenField(validators=[InputRequired(), Length(max=64)])
    topic = SelectField(
        "Topic for these questions",
        choices=TOPIC_CHOICES,
        description="The file's categories become tags on the questions.",
        validators=[InputRequired()],
    )
    submit = SubmitField("Import these questions")
