"""Ordering by drag and drop's keyboard path, and phone-sized answering, in chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from support_browser import serious_violations, sign_in_context
from support_quizzes import one_question_attempt

from quizapp.domain.generation import QuestionKind
from quizapp.models import Attempt, db

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_clock")]
PHONE = {"width": 390, "height": 844}


def open_page(live_server, browser: Browser, kind: QuestionKind, **context_options):
    case = one_question_attempt(live_server.app, kind)
    context = browser.new_context(**context_options)
    sign_in_context(context, live_server.app, live_server.url, case.login_id)
    page = context.new_page()
    page.goto(f"{live_server.url}/attempts/{case.attempt_id}")
    return page, case


def listed(page: Page) -> list[str]:
    return page.locator("ol.reorder .reorder-item").all_text_contents()


def test_items_are_reordered_from_the_keyboard_and_the_order_is_stored(live_server, browser):
    page, case = open_page(live_server, browser, QuestionKind.ORDERING)
    shown = listed(page)
    assert shown == case.shown  # not yet ordered: as shown
    count = len(shown)
    first, rest = shown[0], shown[1:]
    expect(page.locator("ol.ordering")).to_be_hidden()

    page.get_by_role("button", name=f"Down: {first}", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#q1-block [aria-live=polite]").first).to_have_text(
        f"Moved {first} to position 2 of {count}."
    )
    for _ in range(count - 2):  # focus stays on the moved item's button
        page.keyboard.press("Enter")
    expect(page.get_by_text(f"Moved {first} to position {count} of {count}.")).to_be_attached()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"{first} is already last.")).to_be_attached()
    assert listed(page) == [*rest, first]
    expect(page.locator("#q1-block .autosave-status")).to_have_text("Saved.")
    with live_server.app.app_context():
        assert db.session.get(Attempt, case.attempt_id).questions[0].response == [*rest, first]

    page.reload()
    assert listed(page) == [*rest, first]
    assert serious_violations(page) == []


@pytest.mark.parametrize("kind", [QuestionKind.ORDERING, QuestionKind.MATCHING], ids=str)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_answering_fits_a_phone(live_server, browser, kind, javascript):
    page, _ = open_page(live_server, browser, kind, viewport=PHONE, java_script_enabled=javascript)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    if javascript and kind is QuestionKind.ORDERING:
        controls = page.locator("ol.reorder button")
    else:
        controls = page.locator("#q1-block select")
    for box in (control.bounding_box() for control in controls.all()):
        assert box["height"] >= 44
        if kind is QuestionKind.ORDERING:
            assert box["width"] >= 44
    if kind is QuestionKind.MATCHING:
        widths = {round(control.bounding_box()["width"]) for control in controls.all()}
        assert len(widths) == 1 and widths.pop() >= 300  # full width on a phone
    if javascript:  # axe runs as a script in the page
        assert serious_violations(page) == []
