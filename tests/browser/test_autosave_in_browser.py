"""Autosave in chromium: typed answers, leaving the page, one save at a time, clear refusals."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from support_browser import sign_in_context
from support_quizzes import one_question_attempt

from quizapp.domain.generation import QuestionKind
from quizapp.models import Attempt, db

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_clock")]
STATUS = "#q1-block .autosave-status"


def open_page(live_server, browser: Browser, kind: QuestionKind) -> tuple[Page, int]:
    case = one_question_attempt(live_server.app, kind)
    context = browser.new_context()
    sign_in_context(context, live_server.app, live_server.url, case.login_id)
    page = context.new_page()
    page.goto(f"{live_server.url}/attempts/{case.attempt_id}")
    return page, case.attempt_id


def stored_response(live_server, attempt_id: int):
    with live_server.app.app_context():
        return db.session.get(Attempt, attempt_id).questions[0].response


def test_a_typed_answer_is_saved_without_leaving_the_field(live_server, browser):
    page, attempt_id = open_page(live_server, browser, QuestionKind.SHORT_TEXT)
    page.locator("#q1").fill("Stepanakert")  # no blur, so no change event
    expect(page.locator(STATUS)).to_have_text("Saved.")
    assert stored_response(live_server, attempt_id) == "Stepanakert"


def test_a_typed_answer_is_sent_when_the_page_is_left(live_server, browser):
    page, attempt_id = open_page(live_server, browser, QuestionKind.YEAR)
    page.locator("#q1").fill("1994")
    # Leaving the page before the typing pause has passed: the page is told it is being hidden
    # (as on navigation, closing the tab or switching apps on a phone) and sends a beacon.
    with page.expect_response("**/autosave") as sent:
        page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    assert sent.value.ok
    assert stored_response(live_server, attempt_id) == 1994


def test_saves_of_one_question_go_one_at_a_time_and_the_last_answer_wins(live_server, browser):
    page, attempt_id = open_page(live_server, browser, QuestionKind.TRUE_FALSE)
    held: list[Route] = []

    def hold_the_first(route: Route) -> None:
        if held:
            route.continue_()
        held.append(route)

    page.route("**/autosave", hold_the_first)
    page.get_by_label("True", exact=True).check()
    page.get_by_label("False", exact=True).check()
    page.get_by_label("True", exact=True).check()
    expect(page.locator(STATUS)).to_have_text("Saving…")
    assert len(held) == 1  # the later answers wait for the first save to finish
    with page.expect_response("**/autosave") as second:
        held[0].continue_()
    assert second.value.ok
    expect(page.locator(STATUS)).to_have_text("Saved.")
    assert len(held) == 2  # one more save, of the latest answer
    assert stored_response(live_server, attempt_id) is True


def test_a_finished_attempt_says_so_instead_of_blaming_the_connection(live_server, browser):
    page, _ = open_page(live_server, browser, QuestionKind.TRUE_FALSE)
    other = page.context.new_page()
    other.goto(page.url)
    other.get_by_role("button", name="Finish attempt…").click()
    other.get_by_role("button", name="Submit all and finish").click()
    page.get_by_label("True", exact=True).check()
    expect(page.locator(STATUS)).to_contain_text("Not saved: This attempt is already finished")


def test_a_lost_session_asks_to_log_in_again(live_server, browser):
    page, attempt_id = open_page(live_server, browser, QuestionKind.TRUE_FALSE)
    page.context.clear_cookies()
    page.get_by_label("True", exact=True).check()
    expect(page.locator(STATUS)).to_contain_text("You were logged out. Log in again")
    assert stored_response(live_server, attempt_id) is None


def test_an_expired_form_asks_to_reload(live_server, browser):
    page, attempt_id = open_page(live_server, browser, QuestionKind.TRUE_FALSE)
    token = page.locator("#attempt-form input[name=csrf_token]")
    token.evaluate("field => { field.value = 'expired'; }")
    page.get_by_label("True", exact=True).check()
    expect(page.locator(STATUS)).to_contain_text("This page has expired. Reload it")
    assert stored_response(live_server, attempt_id) is None
