"""Typing and choosing flashcard answers in a real browser: keyboard only, JavaScript on and off,
on a 390 px wide phone, and checked with axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from support import create_user
from support_browser import serious_violations, sign_in_context
from support_flashcards import install_clock, load_bank

from quizapp.models import LearnerCard, Question, ReviewLog, ReviewSource, User, db

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def server(live_server):
    with live_server.app.app_context():
        load_bank(live_server.app)
        create_user("ani")
    install_clock(live_server.app)
    return live_server


def open_review(server, browser: Browser, *, javascript: bool, viewport: dict) -> Page:
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport)
    with server.app.app_context():
        login_id = db.session.scalar(select(User).where(User.username == "ani")).get_id()
    sign_in_context(context, server.app, server.url, login_id)
    page = context.new_page()
    page.goto(server.url + "/flashcards/")
    page.get_by_role("button", name="Add 8 cards from History").click()
    return page


def shown_card(page: Page, mode: str) -> int:
    action = page.locator("#mode-form").get_attribute("action") or ""
    match = re.search(rf"/flashcards/cards/(\d+)/{mode}", action)
    assert match, action
    return int(match.group(1))


def answer_of(server, card_id: int, template: str):
    with server.app.app_context():
        card = db.session.get(LearnerCard, card_id)
        return db.session.get(Question, f"gen.{template}.{card.fact_id}").content["answer"]


def logs(server) -> list[tuple[int, int, ReviewSource, str | None]]:
    with server.app.app_context():
        rows = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
        return [(row.rating, row.review_number, row.source, row.response) for row in rows]


# axe runs as a script in the page: it checks the JavaScript runs only (the markup is the same).


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_typing_answers_from_the_keyboard_on_a_phone(server, browser: Browser, javascript):
    page = open_review(server, browser, javascript=javascript, viewport=PHONE)
    try:
        page.goto(server.url + "/flashcards/review?deck=topic:history&mode=type")
        answer_box = page.get_by_role("textbox", name=re.compile("In which year"))
        expect(answer_box).to_be_focused()
        card_id = shown_card(page, "typed")
        year = answer_of(server, card_id, "event-year")["value"]
        assert str(year) not in page.content(), "the answer is not in the page before answering"
        assert no_horizontal_scroll(page)

        page.keyboard.type(str(year - 1))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Not quite")).to_be_visible()
        expect(page.locator(".expected-answer")).to_have_text(str(year))
        assert no_horizontal_scroll(page)
        assert not javascript or serious_violations(page) == [], "a wrong typed answer"
        # "I was right: typo", reached by tabbing from the verdict.
        overrule = page.get_by_role("button", name=re.compile("I was right"))
        for _ in range(30):
            if overrule.evaluate("button => button === document.activeElement"):
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.get_by_text("Counted as Good")).to_be_visible()
        expect(page.get_by_role("link", name="Next card")).to_be_focused()
        page.keyboard.press("Enter")

        next_id = shown_card(page, "typed")
        next_year = answer_of(server, next_id, "event-year")["value"]
        expect(page.get_by_role("textbox", name=re.compile("In which year"))).to_be_focused()
        page.keyboard.type(f" {next_year}. ")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Right")).to_be_visible()
        assert not javascript or serious_violations(page) == [], "a right typed answer"
    finally:
        page.context.close()
    assert logs(server) == [
        (3, 1, ReviewSource.TYPED, str(year - 1)),
        (3, 1, ReviewSource.TYPED, f"{next_year}."),
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_choosing_a_new_card_from_the_keyboard_on_a_phone(server, browser: Browser, javascript):
    page = open_review(server, browser, javascript=javascript, viewport=PHONE)
    try:
        page.goto(server.url + "/flashcards/review?deck=topic:history&mode=choose")
        card_id = shown_card(page, "chosen")
        right = answer_of(server, card_id, "event-year-choice")
        options = page.locator('input[name="choice"]')
        expect(options).to_have_count(4)
        values = [options.nth(index).get_attribute("value") for index in range(4)]
        assert no_horizontal_scroll(page)
        assert not javascript or serious_violations(page) == [], "choose page"
        position = values.index(right)
        if javascript:
            page.keyboard.press(str(position + 1))
        else:
            expect(options.first).to_be_focused()
            for _ in range(position):
                page.keyboard.press("ArrowDown")
            page.keyboard.press(" ")
            page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=re.compile("you recognised it"))).to_be_visible()
        assert no_horizontal_scroll(page)
        assert not javascript or serious_violations(page) == [], "recognised"
    finally:
        page.context.close()
    assert logs(server) == [(3, 0, ReviewSource.RECOGNITION, right)]
    with server.app.app_context():
        card = db.session.get(LearnerCard, card_id)
        assert card.reps == 0 and card.recognised_at is not None
