"""The attempt around its questions, in Debian's chromium: start page, navigator, flags, both
layouts, summary and result, with JavaScript on and off; and every ready-made quiz on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import select
from support import PASSWORD, create_user
from support_browser import serious_violations
from support_quizzes import load_small_bank, make_quiz

from quizapp.models import Attempt, AttemptState, LearnerCard, Quiz, QuizLayout, db

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def log_in(page: Page, url: str, username: str = "ani") -> None:
    page.goto(url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name=re.compile("^Log out"))).to_be_attached()


def answer(block: Locator) -> None:
    """Give some answer to the question in `block`, whatever its kind."""
    choice = block.locator("input[type=radio], input[type=checkbox]")
    if choice.count():
        choice.first.check()
        return
    text = block.locator("input[type=text]")
    if text.count():
        text.first.fill("1994")
        text.first.blur()
        return
    reorder = block.locator("ol.reorder .reorder-button")
    if reorder.count():  # ordering with JavaScript: the selects are hidden behind the list
        reorder.filter(has_text="Down").first.click()
        return
    selects = block.locator("select")
    for i in range(selects.count()):
        selects.nth(i).select_option(index=i + 1)


def assert_accessible(page: Page, javascript: bool = True) -> None:
    """axe finds no serious or critical violation (axe is a script: it runs with JavaScript on)."""
    if javascript:
        assert serious_violations(page) == []


def nav_item(page: Page, position: int) -> Locator:
    return page.locator(f".nav-item[data-position='{position}']")


@pytest.fixture
def three_questions(live_server):
    with live_server.app.app_context():
        load_small_bank(live_server.app)
        create_user("ani")
        return live_server.app, make_quiz(title="Three questions", question_count=3).id


def set_layout(app, quiz_id: int, layout: QuizLayout) -> None:
    with app.app_context():
        db.session.get(Quiz, quiz_id).layout = layout
        db.session.commit()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("layout", list(QuizLayout), ids=[layout.value for layout in QuizLayout])
def test_a_student_walks_an_attempt_in_each_layout(
    live_server, three_questions, browser: Browser, layout, javascript
):
    app, quiz_id = three_questions
    set_layout(app, quiz_id, layout)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    url = live_server.url
    log_in(page, url)
    page.goto(url + "/quizzes")
    page.get_by_role("link", name=re.compile("^Start quiz\\s*: Three questions$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Three questions")
    expect(page.get_by_text("0 used; no limit")).to_be_visible()
    assert_accessible(page, javascript)
    page.get_by_role("button", name="Start attempt").click()
    expect(page.locator("#answered-count")).to_have_text("0")
    assert_accessible(page, javascript)

    first = page.locator("#q1-block")
    if javascript and layout is QuizLayout.ALL_ON_ONE_PAGE:
        with page.expect_response(lambda response: "/autosave" in response.url):
            answer(first)
        expect(page.locator("#answered-count")).to_have_text("1")
    else:
        answer(first)
    if layout is QuizLayout.ONE_PER_PAGE:
        assert page.locator("fieldset.question").count() == 1
        page.get_by_role("button", name="Next question").click()
        expect(page.locator("#q2-block")).to_be_visible()
        expect(page.locator("#q1-block")).to_have_count(0)
    elif not javascript:
        page.get_by_role("button", name="Save answers").click()

    page.get_by_role("button", name=re.compile(r"^Flag for review\s*: question 2$")).click()
    expect(
        page.get_by_role("button", name=re.compile(r"^Remove flag\s*from question 2$"))
    ).to_be_visible()
    expect(nav_item(page, 2)).to_contain_text("flagged for review")
    expect(page.locator("#q2-block .flag-note")).to_be_visible()

    page.reload()  # midway: everything comes back from the server
    expect(nav_item(page, 1)).to_contain_text(re.compile(r": answered"))
    expect(nav_item(page, 2)).to_contain_text("not answered, flagged for review")
    expect(page.locator("#answered-count")).to_have_text("1")
    assert_accessible(page, javascript)

    page.get_by_role("button", name="Finish attempt…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Summary: Three questions")
    summary = page.get_by_role("table", name="Your answers")
    expect(summary).to_contain_text("✓ Answered")
    expect(summary.locator("tr", has_text="⚑ Flagged")).to_contain_text("Not answered")
    assert_accessible(page, javascript)
    page.get_by_role("link", name=re.compile(r"^Answer\s*question 3$")).click()
    expect(page.locator("#q3-block")).to_be_visible()
    page.get_by_role("button", name="Finish attempt…").click()
    page.get_by_role("button", name="Submit all and finish").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Result: Three questions")
    expect(page.locator(".score")).to_contain_text(re.compile(r"\d+(\.\d+)? / 3 points"))
    expect(page.get_by_role("table", name="By topic")).to_be_visible()
    assert_accessible(page, javascript)
    context.close()

    with app.app_context():
        attempt = db.session.scalar(select(Attempt))
        assert attempt.state is AttemptState.FINISHED
        assert [q.flagged for q in attempt.questions] == [False, True, False]
        assert attempt.questions[0].response is not None
        assert attempt.questions[1].response is None


def current_items(page: Page) -> list[str]:
    return page.locator(".nav-item[aria-current]").evaluate_all(
        "items => items.map((item) => item.dataset.position)"
    )


def expect_current(page: Page, position: int) -> None:
    """Question `position` alone is marked current, for sight and for screen readers."""
    item = nav_item(page, position)
    expect(item).to_have_attribute("aria-current", "step")
    expect(item).to_have_class(re.compile(r"\bcurrent\b"))
    expect(item.locator(".nav-status")).to_contain_text("shown now")
    assert current_items(page) == [str(position)]
    assert page.locator(".nav-item.current").count() == 1


def test_on_one_page_the_navigator_marks_the_question_in_view_or_focused(
    live_server, browser: Browser
):
    with live_server.app.app_context():
        load_small_bank(live_server.app)
        create_user("ani")
        quiz_id = make_quiz(title="Eight questions", question_count=8).id
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/quizzes/{quiz_id}")
    page.get_by_role("button", name="Start attempt").click()
    expect_current(page, 1)

    page.locator("#q4-block").evaluate("(block) => block.scrollIntoView()")  # scrolled by hand
    expect(nav_item(page, 4)).to_have_attribute("aria-current", "step")
    expect_current(page, 4)
    page.locator("#q2-block .flag-toggle").focus()  # tabbed back to it
    expect_current(page, 2)
    nav_item(page, 6).click()  # jumped to from the navigator
    expect(nav_item(page, 6)).to_have_attribute("aria-current", "step")
    expect_current(page, 6)
    assert page.evaluate("window.scrollY") > 0
    assert_accessible(page)

    page.reload()  # midway: the browser keeps the place, the marker follows it
    expect_current(page, 6)
    page.set_viewport_size({"width": 1000, "height": 800})
    expect(page.locator(".nav-legend")).to_contain_text(
        "the boxed number is the question you are on"
    )
    context.close()

    plain = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = plain.new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/quizzes/{quiz_id}")  # resumes the open attempt
    expect(page.locator("#q1-block")).to_be_visible()
    assert current_items(page) == [] and page.locator(".nav-item.current").count() == 0
    expect(page.locator(".nav-legend-current")).to_be_hidden()
    plain.close()


def submit_blank_attempt(page: Page, start_url: str) -> None:
    """Start the three-question quiz and submit it unanswered: every question is missed."""
    page.goto(start_url)
    page.get_by_role("button", name="Start attempt").click()
    page.get_by_role("button", name="Finish attempt…").click()
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.locator(".score")).to_contain_text("0 / 3 points")


def test_practising_the_missed_questions(live_server, three_questions, page: Page):
    _, quiz_id = three_questions
    log_in(page, live_server.url)
    submit_blank_attempt(page, f"{live_server.url}/quizzes/{quiz_id}")
    page.get_by_role("button", name="Practise the missed questions (3)").click()
    expect(page.get_by_text("Practice run: untimed")).to_be_visible()
    expect(page.locator("#countdown")).to_have_count(0)
    page.get_by_role("button", name="Finish attempt…").click()
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice result: Three questions")
    expect(page.get_by_text("not counted in your attempts, grades or gradebook")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_studying_the_missed_questions_as_flashcards_on_a_phone(
    live_server, three_questions, browser: Browser, javascript
):
    app, quiz_id = three_questions
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    log_in(page, live_server.url)
    submit_blank_attempt(page, f"{live_server.url}/quizzes/{quiz_id}")
    with app.app_context():
        attempt_id = db.session.scalar(select(Attempt.id))
        enrolled = {card.id for card in db.session.scalars(select(LearnerCard))}
    assert enrolled
    count = len(enrolled)
    study = page.get_by_role(
        "link", name=f"Study them as flashcards ({count} card{'' if count == 1 else 's'})"
    )
    study.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Review: Missed in Three questions, attempt 1"
    )
    expect(page.locator(".count-new")).to_have_text(f"{count} new")
    no_sideways_scroll(page)
    assert_accessible(page, javascript)

    rated = []
    while page.locator("#rating-form").count():
        if len(rated) == 1:
            page.reload()  # midway: the session is rebuilt from the server
        rated.append(int(page.locator("#rating-form").get_attribute("action").split("/")[-2]))
        page.get_by_role("link", name="Show answer").click()
        expect(page.locator("#card-back")).to_be_visible()
        no_sideways_scroll(page)
        page.get_by_role("button", name="Easy").click()
        expect(page.locator(".flash, [role=status]").first).to_contain_text("Easy")
    assert sorted(rated) == sorted(enrolled)  # each card once, and no other
    expect(page.get_by_text("You have studied every card this attempt missed")).to_be_visible()
    assert_accessible(page, javascript)
    page.get_by_role("link", name="Back to the result").click()
    expect(page).to_have_url(f"{live_server.url}/attempts/{attempt_id}")
    context.close()


WIDEST = """() => Array.from(document.querySelectorAll("body *"))
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth)
  .slice(-3).map((el) => el.outerHTML.slice(0, 200))"""


def no_sideways_scroll(page: Page) -> None:
    page.wait_for_load_state("load")  # measured as seen: after the stylesheets apply
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide: {page.evaluate(WIDEST)}"


@pytest.fixture
def ready_made(live_server):
    """The real question bank and the ready-made quizzes, as `make run` sets them up."""
    app = live_server.app
    runner = app.test_cli_runner()
    with app.app_context():
        for command in (["bank", "sync"], ["quizzes", "ready-made"]):
            result = runner.invoke(args=command)
            assert result.exit_code == 0, result.output
        create_user("ani")
        create_user("ara")
        return app, [quiz.id for quiz in db.session.scalars(select(Quiz).order_by(Quiz.id))]


def test_every_ready_made_quiz_fits_a_phone_in_both_layouts(live_server, ready_made, browser):
    app, quiz_ids = ready_made
    assert len(quiz_ids) == 4
    for username, layout in (("ani", QuizLayout.ALL_ON_ONE_PAGE), ("ara", QuizLayout.ONE_PER_PAGE)):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        log_in(page, live_server.url, username)
        for quiz_id in quiz_ids:
            set_layout(app, quiz_id, layout)
            page.goto(f"{live_server.url}/quizzes/{quiz_id}")
            no_sideways_scroll(page)
            page.get_by_role("button", name="Start attempt").click()
            expect(page.locator("#answered-count")).to_have_text("0")
            no_sideways_scroll(page)
            if layout is QuizLayout.ONE_PER_PAGE:
                # Every page, moving with Next as a student would.
                while page.get_by_role("button", name="Next question").count():
                    page.get_by_role("button", name="Next question").click()
                    no_sideways_scroll(page)
            page.get_by_role("button", name="Finish attempt…").click()
            no_sideways_scroll(page)
            page.get_by_role("button", name="Submit all and finish").click()
            expect(page.locator(".score")).to_be_visible()
            no_sideways_scroll(page)
        context.close()
