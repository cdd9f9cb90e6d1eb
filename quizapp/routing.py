"""URL converters shared by every route."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from .models import MAX_INTEGER


class DatabaseIntegerConverter(IntegerConverter):
    """`<int:...>` that matches only what an INTEGER column can hold, so larger numbers 404."""

    # ASCII digits only (werkzeug's \d also matches other scripts' digits), at most ten.
    regex = r"[0-9]{1,10}"

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_INTEGER)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Install the converters; call before any blueprint registers its routes."""
    app.url_map.converters["int"] = DatabaseIntegerConverter
