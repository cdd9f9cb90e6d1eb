"""The JSON API under /api/v1, documented by flask-smorest from its schemas and views.

Browser clients use their session and send the CSRF token in an `X-CSRFToken` header; other
clients send `Authorization: Bearer <token>` and need no CSRF token, since no browser attaches
that header on its own. Errors are JSON: {"message": ..., "field": ...}.
"""

from __future__ import annotations

import hashlib

import marshmallow as ma
from flask import Flask, Request, request
from flask_login import current_user
from flask_smorest import Api, abort
from werkzeug.exceptions import HTTPException

from ..extensions import csrf, login_manager
from ..models import ApiToken, User, db
from .blueprint import ApiBlueprint

__all__ = ["ApiBlueprint", "api", "init_app"]

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


class ApiErrorSchema(ma.Schema):
    message = ma.fields.String(metadata={"description": "What is wrong, in words."})
    field = ma.fields.String(
        allow_none=True, metadata={"description": "The offending field or question, if any."}
    )


class QuizApi(Api):
    """flask-smorest's Api with this app's error shape, and HTML error pages left alone."""

    ERROR_SCHEMA = ApiErrorSchema

    def _register_error_handlers(self) -> None:
        # errors.py sends /api/ paths here and renders HTML pages for the rest.
        pass

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        message = data.get("message") or error.description or error.name
        field = data.get("field")
        messages = data.get("messages") or data.get("errors")
        if messages:
            # webargs: {"json": {"response": ["Missing data for required field."]}}
            location = next(iter(messages.values()))
            if isinstance(location, dict) and location:
                field, problems = next(iter(location.items()))
                message = f"{field}: {' '.join(map(str, problems))}"
        return {"message": message, "field": field}, error.code or 500


api = QuizApi()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def bearer_token(req: Request) -> str | None:
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@login_manager.request_loader
def load_user_from_token(req: Request) -> User | None:
    """A user for a request that carries a valid, unrevoked bearer token (API paths only)."""
    token = bearer_token(req)
    if token is None or not req.path.startswith("/api/"):
        return None
    row = db.session.scalar(
        db.select(ApiToken).where(
            ApiToken.token_hash == token_hash(token), ApiToken.revoked_at.is_(None)
        )
    )
    if row is None:
        return None
    return db.session.get(User, row.user_id)


def protect_api_request() -> None:
    """CSRF for browser sessions; only a valid bearer token stands in for the CSRF token.

    A bearer header is never attached by a browser on its own, so a request that carries a valid
    one was not forged; a junk one proves nothing and is refused, session cookie or not.
    """
    if bearer_token(request) is not None:
        if load_user_from_token(request) is None:
            abort(401, message="That API token is unknown or revoked.", field="Authorization")
        return
    if request.method in STATE_CHANGING:
        csrf.protect()


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "quizapp")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    api.init_app(app)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "An API token."}
    )
    api.spec.components.security_scheme(
        "sessionCookie", {"type": "apiKey", "in": "cookie", "name": "session"}
    )

    from . import flashcards, quizzes, review_modes

    guarded = set()
    for blueprint in (quizzes.blp, flashcards.blp, review_modes.blp):
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint, url_prefix="/api/v1")
        guarded.add(blueprint.name)

    @app.before_request
    def guard_api_request() -> None:
        """Every API view needs a logged-in user; browser sessions also need the CSRF token."""
        if request.blueprint not in guarded:
            return
        protect_api_request()
        if not current_user.is_authenticated:
            abort(401, message="Log in, or send an API token as 'Authorization: Bearer <token>'.")
