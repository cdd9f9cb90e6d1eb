"""Reviewing flashcards in a real browser: from the keyboard, without JavaScript, and with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from support import PASSWORD, create_user
from support_browser import serious_violations
from support_flashcards import install_clock, load_bank

from quizapp.models import LearnerCard, ReviewLog, ReviewSource, Role, db

pytestmark = pytest.mark.browser


@pytest.fixture
def server(live_server):
    with live_server.app.app_context():
        load_bank(live_server.app)
        create_user("ani")
        create_user("teacher", Role.TEACHER)
    install_clock(live_server.app)
    return live_server


def log_in(page: Page, url: str, username: str = "ani") -> None:
    page.goto(url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {username}")


def add_actors_deck(page: Page, url: str) -> None:
    page.goto(url + "/flashcards/")
    page.get_by_role("button", name="Add 4 cards from Actors").click()
    expect(page.get_by_text("Added 4 cards from Actors to your collection.")).to_be_visible()


def reviews(server) -> list[ReviewLog]:
    with server.app.app_context():
        logs = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
        db.session.expunge_all()
        return list(logs)


def test_three_cards_reviewed_from_the_keyboard(server, page: Page):
    log_in(page, server.url)
    add_actors_deck(page, server.url)
    page.goto(server.url + "/flashcards/review")
    new_count = page.locator(".count-new")
    expect(new_count).to_have_text("4 new")

    for remaining, key in ((3, "4"), (2, "3"), (1, "4")):
        answer = page.locator("#card-back")
        expect(answer).to_be_hidden()
        page.keyboard.press("Space")
        expect(answer).to_be_visible()
        expect(page.get_by_role("heading", name="Answer")).to_be_focused()
        expect(page.get_by_role("button", name="Easy")).to_be_visible()
        page.keyboard.press(key)
        expect(new_count).to_have_text(f"{remaining} new")
        page.wait_for_load_state()  # the next card's keys work once its script has run

    logs = reviews(server)
    assert [(log.rating, log.review_number, log.source) for log in logs] == [
        (4, 1, ReviewSource.REVIEW),
        (3, 1, ReviewSource.REVIEW),
        (4, 1, ReviewSource.REVIEW),
    ]
    assert len({log.learner_card_id for log in logs}) == 3


def test_review_works_without_javascript(server, browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, server.url)
        add_actors_deck(page, server.url)
        page.goto(server.url + "/flashcards/review")
        page.get_by_role("link", name="Show answer").click()
        expect(page.locator("#card-back")).to_be_visible()
        form = page.locator("#rating-form")
        replay = {
            name: form.locator(f'input[name="{name}"]').get_attribute("value") or ""
            for name in ("csrf_token", "review_count", "shown_at", "deck")
        }
        action = server.url + (form.get_attribute("action") or "")
        page.get_by_role("button", name="Good").click()
        expect(page.get_by_text("Good: next review in 10 min.")).to_be_visible()
        # The same form sent again, as a double click or a replay would: counted once.
        page.request.post(action, form={**replay, "rating": "1"}, max_redirects=0)
        page.goto(server.url + "/flashcards/review")
        expect(page.get_by_text("That card was already rated")).to_be_visible()
    finally:
        context.close()
    assert [log.rating for log in reviews(server)] == [3]


def test_flashcard_pages_have_no_serious_accessibility_violations(server, page: Page):
    log_in(page, server.url)
    add_actors_deck(page, server.url)
    for path in ("/flashcards/", "/flashcards/review", "/flashcards/settings"):
        page.goto(server.url + path)
        assert serious_violations(page) == [], path

    page.goto(server.url + "/flashcards/review")
    page.keyboard.press("Space")
    assert serious_violations(page) == [], "review, answer shown"
    page.keyboard.press("1")
    expect(page.locator(".count-new")).to_have_text("3 new")

    with server.app.app_context():
        card = db.session.scalars(select(LearnerCard).order_by(LearnerCard.id)).first()
        card_id = card.id
    page.goto(server.url + f"/flashcards/cards/{card_id}/answer")
    assert serious_violations(page) == [], "answer page"

    page.goto(server.url + "/flashcards/settings")
    page.get_by_label("Desired retention").fill("2")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Enter a retention between 0.80 and 0.95.")).to_be_visible()
    assert serious_violations(page) == [], "settings with errors"

    for path in ("/flashcards/stats", "/"):
        page.goto(server.url + path)
        assert serious_violations(page) == [], path

    page.get_by_role("button", name="Log out").click()
    log_in(page, server.url, "teacher")
    page.goto(server.url + "/flashcards/leeches")
    assert serious_violations(page) == [], "/flashcards/leeches"


def test_ctrl_z_undoes_the_last_rating_and_the_button_works_without_javascript(
    server, page: Page, browser: Browser
):
    log_in(page, server.url)
    add_actors_deck(page, server.url)
    page.goto(server.url + "/flashcards/review")
    new_count = page.locator(".count-new")
    page.keyboard.press("Space")
    page.keyboard.press("3")
    expect(new_count).to_have_text("3 new")
    expect(page.get_by_role("button", name="Undo last rating")).to_be_visible()
    expect(page.get_by_text("Last rating: Good.")).to_be_visible()
    page.keyboard.press("Control+z")
    expect(page.get_by_text("Undone: Good on")).to_be_visible()
    expect(new_count).to_have_text("4 new")
    assert reviews(server) == []

    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        log_in(plain, server.url)
        plain.goto(server.url + "/flashcards/review")
        plain.get_by_role("link", name="Show answer").click()
        plain.get_by_role("button", name="Again").click()
        expect(plain.get_by_text("Last rating: Again.")).to_be_visible()
        plain.get_by_role("button", name="Undo last rating").click()
        expect(plain.get_by_text("Undone: Again on")).to_be_visible()
        assert reviews(server) == []
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_four_ratings_are_in_view_on_a_phone_without_scrolling(
    server, browser: Browser, javascript
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    try:
        page = context.new_page()
        log_in(page, server.url)
        add_actors_deck(page, server.url)
        page.goto(server.url + "/flashcards/review")
        if javascript:
            page.keyboard.press("Space")
        else:
            page.get_by_role("link", name="Show answer").click()
        expect(page.locator("#card-back")).to_be_visible()
        page.wait_for_load_state()  # measured with the stylesheet applied
        for label in ("Again", "Hard", "Good", "Easy"):
            button = page.locator(f"button.rating-{label.lower()}")
            expect(button).to_be_visible()
            box = button.bounding_box()
            assert box is not None, label
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= 844, (label, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_the_flashcard_tool_pages_pass_axe(server, page: Page):
    log_in(page, server.url)
    add_actors_deck(page, server.url)
    page.goto(server.url + "/flashcards/review")
    page.keyboard.press("Space")
    page.keyboard.press("3")
    expect(page.get_by_text("Last rating: Good.")).to_be_visible()
    assert serious_violations(page) == [], "review with the undo button"
    page.get_by_role("button", name="Suspend card").click()
    page.goto(server.url + "/flashcards/suspended")
    assert serious_violations(page) == [], "suspended cards"
    page.goto(server.url + "/flashcards/review")
    page.keyboard.press("Space")
    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Your note").fill("")
    page.evaluate("document.getElementById('note').removeAttribute('maxlength')")
    page.get_by_label("Your note").fill("x" * 1001)
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Your note is 1001 characters long; keep it to 1000.")).to_be_visible()
    assert serious_violations(page) == [], "note with an error"
    page.goto(server.url + "/flashcards/decks/topic:actors/remove")
    assert serious_violations(page) == [], "remove a deck"
    page.get_by_role("button", name="Remove Actors").click()
    page.goto(server.url + "/flashcards/review")
    assert serious_violations(page) == [], "nothing left, with the day's summary"
    expect(page.get_by_text("Today's session")).to_be_visible()


def test_the_decks_page_fits_a_phone(server, browser: Browser):
    """Each deck is a card on a phone: no sideways scroll, and its figures keep their names."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        log_in(page, server.url)
        add_actors_deck(page, server.url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        actors = page.locator("table.decks tr", has_text="Actors").first
        expect(actors.locator("td[data-label='Due today']")).to_be_visible()
        box = actors.get_by_role("link", name="Study Actors").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390
        assert serious_violations(page) == []
    finally:
        context.close()
