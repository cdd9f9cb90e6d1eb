"""Friendly error pages."""

from __future__ import annotations

from flask import Flask, current_app, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from .api import api
from .models import db

TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed here",
    413: "Too large",
    429: "Too many attempts",
    500: "Something went wrong",
}
MESSAGES = {
    403: "You do not have access to this page.",
    404: "There is nothing at this address. Check the link, or start again from the home page.",
    429: "Too many attempts in a short time. Wait a minute, then try again.",
    500: "The server hit an error. Nothing you did caused it; try again in a moment.",
}


def size_in_words(size: int | None) -> str:
    """A byte count as people say it: "4 MB", "2 KB"."""
    if size is None:
        return "size"
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


def error_page(code: int, message: str | None = None):
    title = TITLES.get(code, "Error")
    text = message or MESSAGES.get(code, title)
    return render_template("errors/error.html", code=code, title=title, message=text), code


def _csrf_advice(error: CSRFError) -> str:
    if "session token is missing" in (error.description or ""):
        return "You were logged out. Log in again in another tab, then change the answer again."
    return "This page has expired. Reload it to go on; answers saved so far are kept."


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        if request.path.startswith("/api/"):
            message = "Missing or invalid CSRF token: send it in the X-CSRFToken header."
            return {"message": message, "field": "X-CSRFToken"}, 400
        if request.accept_mimetypes.best == "application/json":
            # A page's script saving in the background: say what to do about it.
            return {"message": _csrf_advice(error), "field": "csrf_token"}, 400
        return error_page(
            400, "This form had expired or came from elsewhere. Reload the page and try again."
        )

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge):
        limit = size_in_words(current_app.config["MAX_CONTENT_LENGTH"])
        if request.path.startswith("/api/"):
            message = f"The request body is larger than the {limit} this site accepts."
            return {"message": message, "field": None}, 413
        return error_page(
            413,
            f"What you sent is larger than the {limit} this site accepts. "
            "Go back and send a smaller file or less text.",
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if request.path.startswith("/api/"):
            response = make_response(api.handle_http_exception(error))
        else:
            response = make_response(
                error_page(error.code, MESSAGES.get(error.code) or error.description)
            )
        # The exception's own headers (Allow on 405, Retry-After, WWW-Authenticate) still apply.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(500)
    def server_error(error: Exception):
        db.session.rollback()
        if request.path.startswith("/api/"):
            return {"message": MESSAGES[500], "field": None}, 500
        return error_page(500)
