"""Answering a quiz as the browser sends it: checked questions, ordering, partial orders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import create_user
from support_form_data import form_data
from support_quizzes import T0, load_small_bank, make_quiz
from werkzeug.datastructures import MultiDict

from quizapp.attempt_store import contents_of
from quizapp.models import Attempt, AttemptState, db


@pytest.fixture
def student(app, auth, clock):
    load_small_bank(app)
    create_user("ani")
    auth.login("ani")


def start(client, **quiz_fields) -> Attempt:
    quiz = make_quiz(**{"question_count": 2, **quiz_fields})
    response = client.post(f"/quizzes/{quiz.id}/start")
    assert response.status_code == 302
    return db.session.get(Attempt, int(response.headers["Location"].rsplit("/", 1)[1]))


def send_page(client, attempt: Attempt, action: str, **changes: str):
    """Load the attempt page and submit its form as Chromium would, with `changes` applied."""
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    fields = MultiDict([(k, v) for k, v in form_data(page) if k not in changes])
    for name, value in changes.items():
        fields.add(name, value)
    fields.add("action", action)
    return client.post(f"/attempts/{attempt.id}", data=fields)


def post_page_text(client, attempt: Attempt, **fields: str) -> str:
    """Post fields for question 1 as a hand-made request would, and read the page it leads to."""
    data = {"q1-present": "1", **fields}
    response = client.post(f"/attempts/{attempt.id}", data=data, follow_redirects=True)
    return response.get_data(as_text=True)


def test_a_checked_question_stays_locked_and_the_attempt_can_be_submitted(client, student):
    attempt = start(client, kinds=["true_false"], feedback_timing="after_each")
    assert send_page(client, attempt, "check-1", q1="true").status_code == 302
    db.session.expire_all()
    assert attempt.questions[0].checked and attempt.questions[0].response is True

    # The checked question's inputs are disabled, so the browser no longer sends them.
    saved = send_page(client, attempt, "save", q2="false")
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "was checked and is locked" not in page and "Your answers are saved." in page
    assert send_page(client, attempt, "check-2").status_code == 302
    assert send_page(client, attempt, "submit").status_code == 302
    db.session.expire_all()
    assert attempt.state is AttemptState.FINISHED
    assert [q.response for q in attempt.questions] == [True, False]
    assert [q.checked for q in attempt.questions] == [True, True]


def test_a_checked_question_refuses_a_different_answer(client, student):
    attempt = start(client, kinds=["true_false"], feedback_timing="after_each")
    send_page(client, attempt, "check-1", q1="true")
    refused = post_page_text(client, attempt, q1="false", action="save")
    assert "Question 1 was checked and is locked." in refused
    db.session.expire_all()
    assert attempt.questions[0].response is True


@pytest.mark.parametrize("feedback", ["at_end", "after_close"])
def test_checking_is_refused_where_the_quiz_gives_no_feedback_per_question(
    client, student, feedback
):
    attempt = start(
        client, kinds=["true_false"], feedback_timing=feedback, closes_at=T0 + timedelta(days=1)
    )
    refused = post_page_text(client, attempt, q1="true", action="check-1")
    assert "does not check answers one by one" in refused
    db.session.expire_all()
    question = attempt.questions[0]
    assert not question.checked and question.score is None and question.response is None
    assert send_page(client, attempt, "save", q1="false").status_code == 302
    db.session.expire_all()
    assert question.response is False  # still open to changes


def ordering_attempt(client) -> tuple[Attempt, list[str]]:
    attempt = start(client, kinds=["ordering"], question_count=1)
    return attempt, attempt.questions[0].shown_choices


def test_ordering_positions_come_back_as_set(client, student):
    attempt, items = ordering_attempt(client)
    n = len(items)
    reverse = {f"q1-{i}": str(n - i) for i in range(n)}
    assert send_page(client, attempt, "save", **reverse).status_code == 302
    db.session.expire_all()
    assert attempt.questions[0].response == list(reversed(items))
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert {k: v for k, v in form_data(page) if k.startswith("q1-")} == {
        **reverse,
        "q1-present": "1",
    }
    assert send_page(client, attempt, "submit").status_code == 302
    db.session.expire_all()
    assert attempt.state is AttemptState.FINISHED
    assert attempt.questions[0].response == list(reversed(items))


def test_a_partial_order_is_kept_while_answering_and_refused_at_submit(client, student):
    attempt, items = ordering_attempt(client)
    saved = client.post(f"/attempts/{attempt.id}/autosave", data={"q1-0": "2", "q1-1": "2"})
    assert saved.status_code == 200 and saved.json["saved"] is True
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    sent = dict(form_data(page))
    assert (sent["q1-0"], sent["q1-1"], sent["q1-2"]) == ("2", "2", "")

    refused = send_page(client, attempt, "submit")
    assert refused.status_code == 422
    assert f"Give each item a different position from 1 to {len(items)}" in refused.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert attempt.state is AttemptState.OPEN

    # When time is up, whatever was saved counts: an incomplete order scores nothing.
    assert send_page(client, attempt, "submit", time_up="1").status_code == 302
    db.session.expire_all()
    assert attempt.state is AttemptState.FINISHED and attempt.questions[0].score == 0
    result = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "Incomplete order" in result


def test_the_ordering_hint_follows_the_question(client, student):
    attempt, _ = ordering_attempt(client)
    prompt = contents_of(attempt)[1]["prompt"]
    assert "earliest first" in prompt
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "1 for the earliest" in page


def test_the_api_finalises_an_overdue_attempt_like_the_page(client, student, clock):
    attempt = start(client, kinds=["true_false"], time_limit_seconds=60)
    client.post(f"/attempts/{attempt.id}/autosave", data={"q1": "true"})
    clock.advance(minutes=5)
    body = client.get(f"/api/v1/attempts/{attempt.id}").json
    assert body["state"] == "finished" and body["finish_reason"] == "timed_out"
    db.session.expire_all()
    assert attempt.state is AttemptState.FINISHED
    assert attempt.finished_at == attempt.deadline
