"""The account settings form."""

from __future__ import annotations

from functools import cache

from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField

from ..domain.local_time import zone_names


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in zone_names()]


class AccountSettingsForm(FlaskForm):
    time_zone = SelectField(
        "Time zone",
        choices=time_zone_choices,
        validate_choice=True,
    )
    submit = SubmitField("Save settings")
