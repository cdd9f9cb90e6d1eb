"""Accounts in a real browser (Debian's chromium), with an accessibility check on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from support import create_user
from support_browser import serious_violations

from quizapp.models import Role

pytestmark = pytest.mark.browser


def test_register_log_out_and_log_in_again(live_server, page: Page):
    page.goto(live_server.url + "/register")
    page.get_by_label("Username").fill("ani")
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_label("Repeat password").fill("a long password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, ani")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()

    page.get_by_label("Username").fill("ani")
    page.get_by_label("Password").fill("a long password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, ani")


def test_form_errors_keep_what_was_typed(live_server, page: Page):
    page.goto(live_server.url + "/register")
    page.get_by_label("Username").fill("ani")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Use between 10 and 128 characters.")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("ani")


def test_pages_have_no_serious_accessibility_violations(live_server, page: Page):
    with live_server.app.app_context():
        create_user("boss", Role.ADMIN)
    for path in ("/", "/login", "/register", "/nowhere"):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path

    page.goto(live_server.url + "/login")
    page.get_by_role("button", name="Log in").click()  # empty form: the error state
    assert serious_violations(page) == [], "/login with errors"
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    for path in ("/", "/account/password", "/admin/users"):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path


def test_the_keyboard_reaches_the_main_content_first(live_server, page: Page):
    page.goto(live_server.url + "/login")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
