"""Refuse text the app cannot store or show, before any view sees it.

A lone surrogate (JSON may spell one, `"\\ud800"`) cannot be encoded as UTF-8, so a page showing
it fails for good; PostgreSQL refuses a NUL in text. Every query string, form and JSON body is
checked here, once: the API gets a 400 naming the field, a form a 422 page naming it, and the
view never runs, so nothing is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from flask import Flask, request

from .errors import error_page

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def problem_with(text: str) -> str | None:
    """What makes `text` unstorable, or None when it is fine."""
    if "\x00" in text:
        return "a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "a lone surrogate (a character that is not valid Unicode)"
    return None


def json_strings(document: Any) -> Iterator[tuple[str, str]]:
    """Every string of a parsed JSON document, keys included, with the path that leads to it.

    Walked with a stack, not recursion: any depth the parser accepted is walked.
    """
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            yield path or "body", node
        elif isinstance(node, dict):
            for key, value in node.items():
                child = f"{path}.{key}" if path else key
                yield child, key
                stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((f"{path}[{index}]", value) for index, value in enumerate(node))


def first_problem(named: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The (field, problem) of the first unstorable text, or None."""
    for name, text in named:
        if problem := problem_with(text):
            return name, problem
    return None


def printable(name: str) -> str:
    """A field name safe to put in a response, whatever it contains."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def _refusal(field: str, problem: str, source: str):
    field = printable(field)
    message = f"The {source} “{field}” contains {problem}, which cannot be stored. Remove it."
    if request.path.startswith("/api/") or source == "JSON field":
        return {"message": message, "field": field}, 400
    return error_page(422 if source == "field" else 400, message)


def check_request_text():
    """A before-request hook: refuse the request when any text in it cannot be stored."""
    found = first_problem(request.args.items(multi=True))
    if found:
        return _refusal(*found, "query parameter")
    if request.method not in WRITES:
        return None
    if request.is_json:
        try:
            document = request.get_json(silent=True)
        except RecursionError:
            return {"message": "The JSON body is nested too deeply.", "field": "json"}, 400
        found = first_problem(json_strings(document))
        return _refusal(*found, "JSON field") if found else None
    found = first_problem(request.form.items(multi=True))
    return _refusal(*found, "field") if found else None


def init_app(app: Flask) -> None:
    app.before_request(check_request_text)
