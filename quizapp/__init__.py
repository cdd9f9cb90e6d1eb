"""quizapp: timed quizzes and spaced-repetition flashcards from a sourced question bank."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, commands."""
    app = Flask(__name__, instance_relative_config=True)

    from . import settings

    settings.load(app, test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if hops := int(app.config["PROXY_FIX_HOPS"]):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from . import database, errors, request_text, routing, security
    from .accounts import login_limits
    from .extensions import csrf, limiter, login_manager, migrate
    from .models import db

    routing.init_app(app)
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_limits.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in to see that page."
    login_manager.login_message_category = "info"
    security.init_app(app)
    request_text.init_app(app)
    errors.init_app(app)

    from . import admin, auth, classes, flags, flashcards, main, progress, quizzes, teach, tokens
    from .flashcards_tools import views as flashcard_tools
    from .review_modes import views as review_modes
    from .schedule_fitting import views as schedule_fitting
    from .taking import views as taking_views

    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(quizzes.bp)
    app.register_blueprint(taking_views.bp)
    app.register_blueprint(flashcards.bp)
    app.register_blueprint(flashcard_tools.bp)
    app.register_blueprint(schedule_fitting.bp)
    app.register_blueprint(review_modes.bp)
    app.register_blueprint(progress.bp)
    app.register_blueprint(tokens.bp)
    app.register_blueprint(teach.bp)
    app.register_blueprint(classes.bp)
    app.register_blueprint(flags.bp)

    from .moderation import views as moderation

    app.register_blueprint(moderation.bp)

    from .accounts import views as accounts

    app.register_blueprint(accounts.bp)

    from .accommodations import views as accommodations

    app.register_blueprint(accommodations.bp)
    from .explore import decks as explore_decks  # noqa: F401  (registers the explore decks)
    from .explore import views as explore

    app.register_blueprint(explore.bp)

    from .rich_text import rich
    from .time_display import local_time

    app.add_template_filter(rich, "rich")
    app.add_template_filter(local_time, "local_time")

    from . import api

    api.init_app(app)

    from . import commands

    commands.init_app(app)
    return app
