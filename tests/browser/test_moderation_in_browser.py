"""An admin finds, suppresses and restores a bank question on a phone-sized screen; a teacher sets
their time zone and meets a daylight-saving error; every page is axe-clean and fits 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from support import PASSWORD, create_user
from support_browser import serious_violations
from support_quizzes import load_small_bank
from support_teach import build_world, make_set, make_set_quiz

from quizapp.models import Flag, Question, Role, db

pytestmark = pytest.mark.browser

QUESTION = "gen.figure-true-false.figure.nikol-pashinyan"


def _log_in(page: Page, url: str, username: str) -> None:
    page.goto(url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == [], page.url


def test_an_admin_suppresses_a_question_on_a_phone(live_server, page: Page):
    with live_server.app.app_context():
        load_small_bank(live_server.app)
        create_user("ada", Role.ADMIN)
        student = create_user("ani")
        db.session.add(
            Flag(user_id=student.id, question_id=QUESTION, question_version=1, reason="?")
        )
        db.session.commit()
        key = db.session.get(Question, QUESTION).content["answer"]
    # These pages use no JavaScript, so one run covers both modes (axe itself needs it on).
    page.set_viewport_size({"width": 390, "height": 800})
    _log_in(page, live_server.url, "ada")
    page.goto(live_server.url + "/moderation/questions")
    page.get_by_label("Question id or words of its text").fill(QUESTION)
    page.get_by_role("button", name="Search").click()
    _fits(page)
    page.get_by_role("link", name=QUESTION).click()
    expect(page.get_by_text(f"Key: {key}")).to_be_visible()
    page.get_by_role("button", name="Suppress this question").click()
    expect(page.get_by_text("Give a reason for suppressing this question.")).to_be_visible()
    _fits(page)
    page.get_by_label("Reason for suppressing").fill("Absurd on its face.")
    page.get_by_role("button", name="Suppress this question").click()
    expect(page.get_by_text("Question suppressed")).to_be_visible()
    expect(page.get_by_text("Suppressed by ada")).to_be_visible()
    _fits(page)
    page.goto(live_server.url + "/flags/")
    expect(page.get_by_role("link", name=QUESTION)).to_be_visible()
    _fits(page)


def test_a_teacher_types_a_time_the_clocks_skip(live_server, page: Page):
    with live_server.app.app_context():
        world = build_world()
        make_set_quiz(world.teacher, make_set(world.teacher, title="More"), title="Second")
        class_id = world.school_class.id
    page.set_viewport_size({"width": 390, "height": 800})
    _log_in(page, live_server.url, "tamar")
    page.goto(live_server.url + "/account/settings")
    page.get_by_label("Time zone").select_option("Europe/London")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Times are now shown in Europe/London.")).to_be_visible()
    _fits(page)
    page.goto(f"{live_server.url}/teach/classes/{class_id}")
    page.get_by_label("Quiz", exact=True).select_option(label="Second")
    page.get_by_label("Closes").fill("2026-03-29T01:30")
    page.get_by_role("button", name="Assign quiz").click()
    expect(page.get_by_text("does not exist in Europe/London")).to_be_visible()
    _fits(page)
    page.get_by_label("Closes").fill("2026-10-25T01:30")
    page.get_by_role("button", name="Assign quiz").click()
    expect(page.get_by_text("2026-10-25 01:30 BST (Europe/London)")).to_be_visible()
    _fits(page)
