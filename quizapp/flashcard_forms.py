"""WTForms classes for the flashcard pages: the shape of each form's input, nothing else."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    StringField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from .domain.review_modes import ReviewMode
from .domain.scheduling import MAX_DESIRED_RETENTION, MIN_DESIRED_RETENTION, parse_steps
from .domain.study import MAX_NEW_CARDS_PER_DAY, MAX_REVIEWS_PER_DAY
from .models import MAX_INTEGER
from .number_fields import PlainDecimalField

RATING_MESSAGE = "Choose one of the ratings: Again, Hard, Good or Easy."


class CardAnswerForm(FlaskForm):
    """What every answer to a card carries. `review_count` is the card's review count when the
    page was shown: an answer for a count the card has moved past is a replay and changes nothing.
    `deck` and `mode` say where the session goes on.
    """

    review_count = IntegerField(
        validators=[InputRequired("This page is out of date."), NumberRange(0, MAX_INTEGER)]
    )
    shown_at = HiddenField(validators=[Optional()])
    deck = HiddenField(validators=[Optional()])
    mode = HiddenField(validators=[Optional()])


class ReviewForm(CardAnswerForm):
    """A rating of a flipped card."""

    rating = IntegerField(
        "Rating", validators=[InputRequired(RATING_MESSAGE), NumberRange(1, 4, RATING_MESSAGE)]
    )


def _steps(form: FlaskForm, field: Field) -> None:
    try:
        parse_steps(field.data or "")
    except ValueError as error:
        raise ValidationError(str(error)) from error


class SettingsForm(FlaskForm):
    desired_retention = PlainDecimalField(
        "Desired retention",
        places=2,
        validators=[
            InputRequired("Enter a retention between 0.80 and 0.95."),
            NumberRange(
                MIN_DESIRED_RETENTION,
                MAX_DESIRED_RETENTION,
                f"Enter a retention between {MIN_DESIRED_RETENTION:.2f} and "
                f"{MAX_DESIRED_RETENTION:.2f}.",
            ),
        ],
    )
    new_cards_per_day = IntegerField(
        "New cards per day",
        validators=[
            InputRequired("Enter a whole number."),
            NumberRange(0, MAX_NEW_CARDS_PER_DAY, f"Enter 0 to {MAX_NEW_CARDS_PER_DAY}."),
        ],
    )
    reviews_per_day = IntegerField(
        "Reviews per day",
        validators=[
            InputRequired("Enter a whole number."),
            NumberRange(0, MAX_REVIEWS_PER_DAY, f"Enter 0 to {MAX_REVIEWS_PER_DAY}."),
        ],
    )
    learning_steps = StringField("Learning steps", validators=[_steps])
    relearning_steps = StringField("Relearning steps", validators=[_steps])
    review_mode = RadioField(
        "Start each review session in",
        choices=[SelectChoice(mode.value, mode.label) for mode in ReviewMode],
    )
    learn_path = BooleanField("New cards: choose the answer first, then type it, then schedule it")
