"""Every question kind, with JavaScript on and off, in each layout and feedback mode, in chromium.

Each case answers one question, loads the page afresh and checks that it shows exactly the saved
answer and the answered count, checks the question where the mode allows it, submits, and reads
the stored response and score. The quiz of each case holds one question of its kind, drawn from
the small test bank.

The matrix is kind x JavaScript x mode, where a mode is a layout with a feedback mode. All on one
page is crossed with the three feedback modes; one question per page with "after each question"
only: that mode is the one whose steps differ by layout (checking posts the form and comes back
to the question's own page, and locks its inputs there), while the other two behave alike on
either layout until the result. Crossing every layout with every feedback mode would add a third
more cases (and minutes) for paths already covered.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from support_browser import sign_in_context
from support_quizzes import T0, OneQuestion, one_question_attempt

from quizapp.domain.generation import QuestionKind
from quizapp.models import Attempt, AttemptState, QuizLayout, db

pytestmark = pytest.mark.browser
ONE_PAGE, PAGED = QuizLayout.ALL_ON_ONE_PAGE, QuizLayout.ONE_PER_PAGE
MODES = [(ONE_PAGE, "after_each"), (ONE_PAGE, "at_end"), (ONE_PAGE, "after_close")]
MODES.append((PAGED, "after_each"))


def right_answer(case: OneQuestion) -> Any:
    """The correct response, stored as the app stores it."""
    answer = case.content["answer"]
    match case.kind:
        case QuestionKind.MULTIPLE_CHOICE:
            return [choice for choice in case.shown if choice in answer]
        case QuestionKind.NUMERIC | QuestionKind.YEAR:
            return answer["value"]
        case QuestionKind.SHORT_TEXT:
            return answer["answer"]
        case QuestionKind.MATCHING:
            return {left: right for left, right in answer}
    return answer


def fields_for(case: OneQuestion) -> dict[str, list[str]]:
    """The form fields (name -> values) that carry the right answer."""
    response = right_answer(case)
    match case.kind:
        case QuestionKind.MULTIPLE_CHOICE:
            return {"q1": response}
        case QuestionKind.TRUE_FALSE:
            return {"q1": ["true" if response else "false"]}
        case QuestionKind.ORDERING:
            return {f"q1-{i}": [str(response.index(item) + 1)] for i, item in enumerate(case.shown)}
        case QuestionKind.MATCHING:
            lefts = [left for left, _ in case.content["answer"]]
            return {f"q1-{i}": [response[left]] for i, left in enumerate(lefts)}
    return {"q1": [str(response)]}


def reorder_with_buttons(page: Page, order: list[str]) -> None:
    """Put the drag-and-drop list in `order` by pressing Up buttons, as from the keyboard."""
    for target, item in enumerate(order):
        current = page.locator("ol.reorder .reorder-item").all_text_contents().index(item)
        for _ in range(current - target):
            page.get_by_role("button", name=f"Up: {item}", exact=True).press("Enter")


def answer(page: Page, case: OneQuestion, javascript: bool) -> None:
    if javascript and case.kind is QuestionKind.ORDERING:
        reorder_with_buttons(page, right_answer(case))
        return
    for name, values in fields_for(case).items():
        if case.kind in (QuestionKind.ORDERING, QuestionKind.MATCHING):
            page.locator(f"#{name}").select_option(values[0])
        elif case.kind in (QuestionKind.NUMERIC, QuestionKind.YEAR, QuestionKind.SHORT_TEXT):
            page.locator(f"#{name}").fill(values[0])
        else:
            for value in values:
                page.locator(f"input[name={name}][value={json.dumps(value)}]").check()


def sent_fields(page: Page) -> dict[str, list[str]]:
    """What the attempt form would send now, from the live page (as the browser submits it)."""
    pairs = page.evaluate(
        "() => Array.from(new FormData(document.getElementById('attempt-form')).entries())"
    )
    sent: dict[str, list[str]] = {}
    for name, value in pairs:
        if name.startswith("q1") and name != "q1-present":
            sent.setdefault(name, []).append(value)
    return {name: values for name, values in sent.items() if values != [""]}


def locked_inputs(page: Page) -> str:
    """Whether every input of question 1 is locked (disabled, or read-only for typed answers)."""
    return page.evaluate(
        """() => {
        const block = document.getElementById('q1-block');
        const fields = [...block.querySelectorAll('input:not([type=hidden]), select')];
        return fields.length && fields.every(f => f.disabled || f.readOnly) ? 'all' : 'not all';
        }"""
    )


def stored(live_server, case: OneQuestion) -> Attempt:
    with live_server.app.app_context():
        attempt = db.session.get(Attempt, case.attempt_id)
        attempt.questions  # noqa: B018 - loaded before the session closes
        db.session.expunge_all()
        return attempt


def answered_count(page: Page, count: int) -> None:
    """The count beside the countdown, and the navigator's mark for question 1, show `count`."""
    expect(page.locator("#answered-count")).to_have_text(str(count))
    status = "answered" if count else "not answered"
    expect(page.locator(".nav-item[data-position='1'] .nav-status")).to_contain_text(f": {status}")


def take(
    page: Page, live_server, case: OneQuestion, layout: QuizLayout, feedback: str, javascript: bool
) -> None:
    url = f"{live_server.url}/attempts/{case.attempt_id}"
    page.goto(url)
    if layout is PAGED:
        expect(page.locator("input[name=page]")).to_have_value("1")
        expect(page.locator(".nav-item[data-position='1']")).to_have_attribute(
            "aria-current", "step"
        )
    answered_count(page, 0)
    answer(page, case, javascript)
    if javascript:
        expect(page.locator("#q1-block .autosave-status")).to_have_text("Saved.")
        answered_count(page, 1)  # followed as the student answers, before any reload
    elif layout is PAGED:
        # One question per page: moving saves the answers on the way (here, to the same page).
        page.get_by_role("button", name=re.compile(r"^Question 1\b")).click()
        expect(page).to_have_url(f"{url}?q=1")
    else:
        page.get_by_role("button", name="Save answers").click()
        expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    assert stored(live_server, case).questions[0].response == right_answer(case)

    page.goto(url)  # a fresh load shows the stored answer, not what the browser remembers
    assert sent_fields(page) == fields_for(case)
    answered_count(page, 1)
    if javascript and case.kind is QuestionKind.ORDERING:
        shown = page.locator("ol.reorder .reorder-item").all_text_contents()
        assert shown == right_answer(case)

    check = page.get_by_role("button", name="Check answer 1")
    if feedback == "after_each":
        check.click()
        if layout is PAGED:
            expect(page).to_have_url(f"{url}?q=1")  # back on the question's own page
        expect(page.locator("#q1-block .feedback")).to_contain_text("Correct.")
        assert locked_inputs(page) == "all"
        answered_count(page, 1)
    else:
        expect(check).to_have_count(0)
    page.get_by_role("button", name="Finish attempt…").click()
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Result: {case.kind.value} quiz")


@pytest.mark.parametrize(
    ("layout", "feedback"), MODES, ids=[f"{layout.value}-{feedback}" for layout, feedback in MODES]
)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("kind", list(QuestionKind), ids=[kind.value for kind in QuestionKind])
def test_answer_reload_check_and_submit(
    live_server, live_clock, browser: Browser, kind, javascript, layout, feedback
):
    case = one_question_attempt(live_server.app, kind, feedback, layout)
    context = browser.new_context(java_script_enabled=javascript)
    sign_in_context(context, live_server.app, live_server.url, case.login_id)
    page = context.new_page()
    take(page, live_server, case, layout, feedback, javascript)

    attempt = stored(live_server, case)
    question = attempt.questions[0]
    assert attempt.state is AttemptState.FINISHED
    assert question.response == right_answer(case)
    assert question.score == 1.0 and attempt.score == 1.0
    assert question.checked is (feedback == "after_each")

    feedback_box = page.locator(".results .feedback")
    if feedback == "after_close":
        expect(page.get_by_text("Correct answers and explanations are shown")).to_be_visible()
        expect(feedback_box).to_have_count(0)
        live_clock.now = T0 + timedelta(days=1)
        page.reload()
    expect(feedback_box).to_contain_text("Correct.")
    # Closed only once the page has loaded: a stylesheet cut off mid-send leaves the test
    # server's file open, which fails the test at teardown.
    page.wait_for_load_state("load")
    context.close()
