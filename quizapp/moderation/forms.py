"""Forms for moderating a question: suppress with a reason, restore, mark reviewed, search."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SearchField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from ..domain.moderation import REASON_MAX_LENGTH

RETURN_PAGES = ("question", "flags")


class ModerationForm(FlaskForm):
    """A moderation button; `return_to` says which page to go back to (never a URL)."""

    return_to = HiddenField(default="question", validators=[Optional(), AnyOf(RETURN_PAGES)])
    submit = SubmitField("Confirm")


class SuppressForm(ModerationForm):
    reason = TextAreaField(
        "Reason for suppressing",
        # Stripped first, so a reason of only spaces counts as none.
        filters=[lambda text: text.strip() if isinstance(text, str) else text],
        validators=[
            DataRequired("Give a reason for suppressing this question."),
            Length(
                max=REASON_MAX_LENGTH,
                message=f"Keep the reason under {REASON_MAX_LENGTH} characters.",
            ),
        ],
    )
    submit = SubmitField("Suppress this question")


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField("Question id or words of its text", validators=[Length(max=200)])
