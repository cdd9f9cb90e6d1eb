"""Helpers for the browser tests."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
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


def log_in(page: Page, url: str, username: str) -> None:
    """Log in through the login form of the app served at `url`."""
    page.goto(url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
