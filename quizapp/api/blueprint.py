"""The blueprint class of every API module: its JSON bodies are read by a parser that never 500s."""

from __future__ import annotations

import json

from flask import Request
from flask_smorest import Blueprint, abort
from webargs.flaskparser import FlaskParser


class BodyParser(FlaskParser):
    """webargs' parser; a body Python's JSON decoder chokes on is a 400, not a server error."""

    def _raw_load_json(self, req: Request):
        try:
            return super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise  # webargs answers these itself
        except RecursionError:
            abort(400, message="The JSON body is nested too deeply.", field="json")
        except ValueError:  # an integer of more than 4,300 digits
            abort(400, message="A number in the JSON body is too long.", field="json")


class ApiBlueprint(Blueprint):
    """A flask-smorest blueprint whose arguments are read by `BodyParser`."""

    ARGUMENTS_PARSER = BodyParser()
