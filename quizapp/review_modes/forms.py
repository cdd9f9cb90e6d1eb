"""Forms of the review modes: the shape of each form's input, nothing else.

The answer fields carry no validators: `domain.review_modes` says what is wrong with an answer,
in the same words for the page and the JSON API.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import Optional

from ..flashcard_forms import CardAnswerForm


class TypedAnswerForm(CardAnswerForm):
    answer = StringField("Your answer")


class ChoiceForm(CardAnswerForm):
    choice = StringField("Your choice")


class OverruleForm(FlaskForm):
    """ "I was right": CSRF token, and where the session goes on."""

    deck = HiddenField(validators=[Optional()])
    mode = HiddenField(validators=[Optional()])
