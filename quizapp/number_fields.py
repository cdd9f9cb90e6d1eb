"""Form fields for numbers that accept only plain, finite numbers of bounded length.

WTForms' DecimalField passes "sNaN" through to its validators, where comparing a signalling NaN
raises, and reads other scripts' digits and thousands of digits.
"""

from __future__ import annotations

from wtforms import DecimalField

from .domain.numbers import parse_plain_decimal


class PlainDecimalField(DecimalField):
    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        self.data = parse_plain_decimal(valuelist[0])
        if self.data is None:
            raise ValueError(self.gettext("Enter a plain number, such as 0.9."))
