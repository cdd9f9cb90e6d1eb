"""The explore pages in a real browser: accessible (axe) and without sideways scrolling on a
390 px phone and on a desktop, anonymous and logged in; practice works from a person's page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from support import PASSWORD, create_user
from support_browser import serious_violations
from support_explore import load_real_bank

pytestmark = pytest.mark.browser

PAGES = (
    "/explore/",
    "/explore/timeline",
    "/explore/timeline?period=second-war",
    "/explore/people",
    "/explore/people/figure.levon-ter-petrosyan",
    "/explore/actors",
    "/explore/actors/actor.osce-minsk-group",
    "/explore/places",
    "/explore/places/place.stepanakert",
    "/explore/search?q=Khankendi",
)


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check_every_page(page: Page, base: str) -> None:
    """axe on a phone; no sideways scrolling on a phone or a desktop."""
    for width, height in ((390, 844), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        for path in PAGES:
            page.goto(base + path)
            assert overflow(page) <= 0, f"{path} at {width} px"
            if width == 390:
                assert serious_violations(page) == [], f"{path} at {width} px"


def test_explore_pages_are_accessible_and_fit_a_phone(live_server, page: Page):
    with live_server.app.app_context():
        load_real_bank(live_server.app)
        create_user("reader")
    check_every_page(page, live_server.url)
    page.goto(live_server.url + "/login")
    page.get_by_label("Username").fill("reader")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    check_every_page(page, live_server.url)


def test_a_reader_logs_in_from_a_person_page_and_practises_it(live_server, page: Page):
    with live_server.app.app_context():
        load_real_bank(live_server.app)
        create_user("reader")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/explore/people/figure.ilham-aliyev")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ilham Aliyev")
    page.get_by_role("link", name="Log in", exact=True).last.click()
    page.get_by_label("Username").fill("reader")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/explore/people/figure.ilham-aliyev")
    page.get_by_role("button", name=re.compile(r"Add to my flashcards\W+Ilham Aliyev")).click()
    expect(page.get_by_text("The deck “Ilham Aliyev” is in your flashcards")).to_be_visible()
    expect(
        page.get_by_role("button", name=re.compile(r"Remove from my flashcards\W+Ilham Aliyev"))
    ).to_be_visible()
    page.get_by_role("button", name=re.compile(r"Quiz me on this\W+Ilham Aliyev")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Practice: Ilham Aliyev")
    assert overflow(page) <= 0
