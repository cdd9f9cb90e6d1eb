"""Helpers for the browser tests."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import BrowserContext, Page
from support import PASSWORD

SERIOUS = {"serious", "critical"}


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical accessibility violations on the page, described."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def log_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form of the app served at `url`."""
    page.goto(url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def sign_in_context(context: BrowserContext, app: Flask, url: str, login_id: str) -> None:
    """Give the browser the session cookie a login would set, skipping the (slow) password hash.

    `login_id` is the user's `get_id()`. For tests about what happens after logging in; the login
    form has its own tests.
    """
    with app.test_request_context():
        serializer = app.session_interface.get_signing_serializer(app)
        value = serializer.dumps({"_user_id": login_id, "_fresh": True})
    context.add_cookies([{"name": app.config["SESSION_COOKIE_NAME"], "value": value, "url": url}])
