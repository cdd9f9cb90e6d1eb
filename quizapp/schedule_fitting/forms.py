"""The "Optimise my schedule" button: a CSRF token and the page to return to."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField

RETURN_PAGES = {"stats": "flashcards.stats", "settings": "flashcards.settings"}


class OptimiseForm(FlaskForm):
    back = HiddenField()
    """A key of RETURN_PAGES; anything else returns to Statistics."""
