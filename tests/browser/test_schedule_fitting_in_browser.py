"""Optimising one's schedule in a real browser at phone width, JavaScript on and off, with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from support import create_user
from support_browser import log_in, serious_violations
from support_flashcards import install_clock, load_bank
from support_schedule_fitting import NOW, store_log

from quizapp.domain.synthetic_reviews import FORGETFUL_LEARNER, synthetic_log

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def server(live_server):
    with live_server.app.app_context():
        load_bank(live_server.app)
        learner = create_user("ani")
        store_log(learner.id, synthetic_log(FORGETFUL_LEARNER, seed=1, days=120))
    install_clock(live_server.app, NOW)
    return live_server


# axe runs as a script in the page, so it checks the pages with JavaScript on (the markup is the
# same without it).


def fits_the_width(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_learner_optimises_from_statistics_and_sees_the_figures_on_settings(
    server, browser: Browser, javascript
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    try:
        page = context.new_page()
        log_in(page, server.url, "ani")
        page.goto(server.url + "/flashcards/stats")
        expect(page.locator("#fit-verdict")).to_contain_text("default parameters")
        assert fits_the_width(page)
        assert not javascript or serious_violations(page) == []

        button = page.get_by_role("button", name="Optimise my schedule")
        button.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text(
            "Your schedule now uses parameters fitted to you"
        )
        expect(page.locator("#fit-verdict")).to_contain_text("fitted to you")
        scores = page.get_by_role("table", name="How well each set predicted")
        expect(scores.get_by_role("row", name="Fitted to you (in use)")).to_be_visible()
        assert fits_the_width(page)
        assert not javascript or serious_violations(page) == []

        page.goto(server.url + "/flashcards/settings")
        outlook = page.get_by_role("table", name="A simulated year")
        expect(outlook).to_contain_text("with the parameters fitted to you")
        expect(outlook.get_by_role("row")).to_have_count(5)
        assert fits_the_width(page)
        assert not javascript or serious_violations(page) == []
        page.get_by_role("button", name="Optimise my schedule").click()
        expect(page).to_have_url(server.url + "/flashcards/settings")
        expect(page.get_by_role("status")).to_contain_text("you can fit it again from")
    finally:
        context.close()
