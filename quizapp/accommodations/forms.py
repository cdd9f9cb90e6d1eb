"""Extra-time forms: a factor from 1 to 4, required or (for one assignment) optional."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import FloatField, SubmitField
from wtforms.validators import InputRequired, NumberRange, Optional

FACTOR_RANGE = NumberRange(1.0, 4.0, "Give a factor from 1 to 4.")


class ExtraTimeForm(FlaskForm):
    factor = FloatField(
        "Extra-time factor",
        description="1 is standard time; 1.5 gives half as much again (up to 4).",
        validators=[InputRequired(), FACTOR_RANGE],
    )
    submit = SubmitField("Save")


class AssignmentExtraTimeForm(FlaskForm):
    factor = FloatField(
        "Extra-time factor for this assignment",
        description="Empty: the student's factor in the class applies.",
        validators=[Optional(), FACTOR_RANGE],
    )
    submit = SubmitField("Save")
