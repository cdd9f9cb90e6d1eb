"""Extra-time forms on the class roster, the student's page and the People page, on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from support_browser import log_in, serious_violations
from support_teach import build_world

pytestmark = pytest.mark.browser


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_extra_time_pages_on_a_phone(live_server, browser: Browser, javascript):
    with live_server.app.app_context():
        world = build_world()
        class_id, student_id = world.school_class.id, world.student.id
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    url = live_server.url
    log_in(page, url, "tamar")
    page.goto(f"{url}/teach/classes/{class_id}")
    page.get_by_label("Extra-time factor for ani").fill("9")
    page.get_by_role("button", name="Save Extra-time factor for ani").click()
    expect(page.get_by_text("Give a factor from 1 to 4.")).to_be_visible()
    page.get_by_label("Extra-time factor for ani").fill("1.5")
    page.get_by_role("button", name="Save Extra-time factor for ani").click()
    expect(page.get_by_text("ani: time limits in this class now 1.5 times.")).to_be_visible()
    assert not scrolls_sideways(page)
    if javascript:
        assert serious_violations(page) == []
    page.goto(f"{url}/teach/classes/{class_id}/students/{student_id}")
    page.get_by_label("Extra-time factor for ani on Set quiz").fill("2")
    page.get_by_role("button", name="Save Extra-time factor for ani on Set quiz").click()
    expect(page.get_by_text("this assignment's time limit now 2 times")).to_be_visible()
    assert not scrolls_sideways(page)
    page.get_by_role("button", name="Log out").click()
    log_in(page, url, "ada")
    page.goto(f"{url}/admin/users")
    page.get_by_label("Extra-time factor of ani").fill("1.25")
    page.get_by_role("button", name="Save Extra-time factor of ani").click()
    expect(page.get_by_text("ani: every time limit now 1.25 times.")).to_be_visible()
    assert not scrolls_sideways(page)
    if javascript:
        assert serious_violations(page) == []
    context.close()
