"""A teacher writes a set and assigns it; a student joins and takes it; the gradebook shows it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from support import create_user
from support_browser import log_in, serious_violations

from quizapp.models import Role

pytestmark = pytest.mark.browser


def add_question(page: Page, kind: str, prompt: str, **fields: str) -> None:
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Kind").select_option(label=kind)
    page.get_by_label("Question", exact=True).fill(prompt)
    for label, value in fields.items():
        field = page.get_by_label(label, exact=True)
        if label == "The statement is":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("Question added.")).to_be_visible()
    page.get_by_role("link", name="Capitals").click()


def test_teacher_to_student_to_gradebook(live_server, page: Page):
    with live_server.app.app_context():
        create_user("tamar", Role.TEACHER)
        create_user("ani")
    url = live_server.url
    log_in(page, url, "tamar")
    page.get_by_role("link", name="Teach").click()
    page.get_by_role("link", name="New question set").click()
    page.get_by_label("Title").fill("Capitals")
    page.get_by_role("button", name="Save set").click()
    add_question(page, "Single choice", "The **capital** of Armenia?", Choices="*Yerevan\nBaku")
    add_question(
        page, "True or false", "The 2020 war lasted 44 days.", **{"The statement is": "True"}
    )
    add_question(page, "Number", "Year of the Bishkek Protocol?", **{"Correct number": "1994"})
    assert serious_violations(page) == []

    page.get_by_role("link", name="Teach").click()
    page.get_by_role("link", name="New quiz").click()
    page.get_by_label("Title").fill("Capitals quiz")
    page.get_by_label("Draw questions from the question bank").uncheck()
    page.get_by_label("Capitals").check()
    page.get_by_role("button", name="Save quiz").click()
    page.get_by_role("link", name="New class").click()
    page.get_by_label("Class name").fill("History 9B")
    page.get_by_role("button", name="Create class").click()
    code = page.locator("code.join-code").inner_text()
    page.get_by_label("Quiz", exact=True).select_option(label="Capitals quiz")
    page.get_by_role("button", name="Assign quiz").click()
    expect(page.get_by_text("Quiz assigned.")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Log out").click()

    log_in(page, url, "ani")
    page.get_by_role("link", name="Classes").click()
    page.get_by_label("Class code").fill(code)
    page.get_by_role("button", name="Join class").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History 9B")
    assert serious_violations(page) == []
    page.get_by_role("link", name=re.compile(r"^Open quiz\s*: Capitals quiz$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Capitals quiz")
    page.get_by_role("button", name="Start attempt").click()
    page.get_by_label("Yerevan").check()
    page.get_by_label("True").check()
    page.get_by_label("Your answer").fill("1994")
    page.get_by_role("button", name="Finish attempt…").click()
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Result: Capitals quiz")
    expect(page.locator(".score")).to_contain_text("100")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Log out").click()

    log_in(page, url, "tamar")
    page.get_by_role("link", name="Teach").click()
    page.get_by_role("link", name="History 9B").click()
    page.get_by_role("link", name="Gradebook").click()
    table = page.get_by_role("table", name="Grades by student and assignment")
    expect(table).to_contain_text("ani")
    expect(table).to_contain_text("100%")
    assert serious_violations(page) == []
