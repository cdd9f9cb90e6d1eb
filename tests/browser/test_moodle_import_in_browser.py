"""A teacher imports a Moodle GIFT bank saved as .txt on a phone; a student sees the feedback
written for the answer given and the partial credit it earned. JavaScript on and off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support import PASSWORD, create_user
from support_browser import serious_violations
from support_teach import assign, enrol, make_class, make_set, make_set_quiz

from quizapp.models import Role

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parents[1] / "data" / "interchange" / "moodle_constructs.txt"
PHONE = {"width": 390, "height": 844}


def log_in(page: Page, url: str, username: str) -> None:
    page.goto(url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def fits_the_phone(page: Page, javascript: bool) -> None:
    """No horizontal scrolling, and (axe needs scripts to run) no serious axe finding."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if javascript:
        assert serious_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_moodle_txt_imports_and_a_student_sees_its_feedback(live_server, browser, javascript):
    with live_server.app.app_context():
        teacher = create_user("tamar", Role.TEACHER)
        student = create_user("ani")
        question_set = make_set(teacher, title="Moodle bank", questions=())
        quiz = make_set_quiz(teacher, question_set, question_count=30, title="Moodle quiz")
        school_class = make_class(teacher)
        enrol(school_class, student)
        assign(school_class, quiz)
        set_id, class_id = question_set.id, school_class.id
    url = live_server.url
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()

    log_in(page, url, "tamar")
    page.goto(f"{url}/teach/sets/{set_id}/import")
    page.get_by_label("File").set_input_files(FIXTURE)
    page.get_by_role("button", name="Preview import").click()
    expect(page.locator(".format-note")).to_contain_text("Read as GIFT because .txt names no")
    expect(page.get_by_text("26 questions read without problems.")).to_be_visible()
    fits_the_phone(page, javascript)
    page.get_by_label("Topic for these questions").select_option(label="Figures")
    page.get_by_role("button", name="Import these questions").click()
    expect(page.get_by_text("Imported 26 questions.")).to_be_visible()
    expect(page.get_by_text("Short partial:")).to_be_visible()
    fits_the_phone(page, javascript)
    page.get_by_role("button", name="Log out").click()

    log_in(page, url, "ani")
    page.goto(f"{url}/classes/{class_id}")
    page.get_by_role("link", name=re.compile(r"^Open quiz\s*: Moodle quiz$")).click()
    page.get_by_role("button", name="Start attempt").click()
    shusha = page.locator("fieldset", has_text="Give the Azerbaijani name")
    shusha.get_by_label("Your answer").fill("Shusa")
    capital = page.locator("fieldset", has_text="Which capital is Azerbaijan's?")
    capital.get_by_label("Tbilisi").check()
    page.get_by_role("button", name="Finish attempt…").click()
    page.get_by_role("button", name="Submit all and finish").click()
    shusha_result = page.locator("li.result-item", has_text="Give the Azerbaijani name")
    expect(shusha_result).to_contain_text("Partly correct (75%).")
    expect(shusha_result.locator(".answer-feedback")).to_have_text("Right, but misspelled.")
    capital_result = page.locator("li.result-item", has_text="Which capital is Azerbaijan's?")
    expect(capital_result.locator(".answer-feedback")).to_have_text(
        "That is the capital of Georgia."
    )
    expect(capital_result).to_contain_text("Baku lies on the Caspian Sea.")
    fits_the_phone(page, javascript)
    context.close()
