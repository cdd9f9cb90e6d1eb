"""Taking a timed quiz in Debian's chromium: answering, the countdown, and auto-submission."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from support import PASSWORD, create_user
from support_browser import serious_violations
from support_quizzes import load_small_bank, make_quiz

pytestmark = pytest.mark.browser
START = re.compile(r"^Start quiz\s*: One-minute quiz$")


def start_quiz(page: Page, url: str) -> None:
    """From the quiz list through the start page, where the clock starts."""
    page.goto(url + "/quizzes")
    page.get_by_role("link", name=START).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("One-minute quiz")
    page.get_by_role("button", name="Start attempt").click()


@pytest.fixture
def timed_quiz(live_server):
    with live_server.app.app_context():
        load_small_bank(live_server.app)
        create_user("ani")
        return make_quiz(title="One-minute quiz", question_count=3, time_limit_seconds=60).id


def log_in(page: Page, url: str) -> None:
    page.goto(url + "/login")
    page.get_by_label("Username").fill("ani")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_the_quiz_submits_itself_when_the_countdown_reaches_zero(live_server, timed_quiz, page):
    # The browser's clock is under the test's control: no real waiting for the minute to pass.
    page.clock.install()
    log_in(page, live_server.url)
    start_quiz(page, live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("One-minute quiz")
    # Real time still flows on a busy machine, so allow for a few seconds of it.
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^(1:00|0:5\d)$"))
    assert serious_violations(page) == []

    first = page.locator("fieldset.question").first
    first.locator("input, select").first.focus()
    page.keyboard.press("Space")  # answer from the keyboard where the first input is a choice

    page.clock.fast_forward("00:30")
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^0:([12]\d|30)$"))
    page.clock.fast_forward("00:31")
    expect(page.get_by_role("heading", level=1)).to_have_text("Result: One-minute quiz")
    expect(page.get_by_text("Your attempt is submitted and graded.")).to_be_visible()
    assert serious_violations(page) == []

    page.goto(live_server.url + "/progress")
    expect(page.get_by_role("table", name="Attempt history")).to_contain_text("One-minute quiz")
    assert serious_violations(page) == []


def test_the_quiz_works_without_javascript(live_server, timed_quiz, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url)
    start_quiz(page, live_server.url)
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    page.get_by_role("button", name="Finish attempt…").click()
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Result: One-minute quiz")
    context.close()
