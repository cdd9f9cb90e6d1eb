"""WTForms classes for the flashcard pages: the shape of each form's input, nothing else."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from .domain.scheduling import MAX_DESIRED_RETENTION, MIN_DESIRED_RETENTION, parse_steps
from .domain.study import MAX_NEW_CARDS_PER_DAY, MAX_REVIEWS_PER_DAY
from .models import MAX_INTEGER
from .number_fields import PlainDecimalField

RATING_MESSAGE = "Choose one of the ratings: Again, Hard, Good or Easy."


class ReviewForm(FlaskForm):
    """A rating. `review_count` is the card's review count when the page was shown: a rating for
    a count the card has moved past is a replay and changes nothing.
    """

    rating = IntegerField(
        "Rating", validators=[InputRequired(RATING_MESSAGE), NumberRange(1, 4, RATING_MESSAGE)]
    )
    review_count = IntegerField(
        validators=[InputRequired("This page is out of date."), NumberRange(0, MAX_INTEGER)]
    )
    shown_at = HiddenField(validators=[Optional()])
    deck = HiddenField(validators=[Optional()])


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
