"""Taking a quiz in the browser's HTML flow: pages, answers, results, secrecy, access."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select
from support import create_user
from support_quizzes import T0, load_small_bank, make_quiz
from support_statements import count_statements

from quizapp.attempt_store import contents_of
from quizapp.models import Attempt, AttemptState, ItemVersion, Question, db


@pytest.fixture
def quiz(app):
    load_small_bank(app)
    return make_quiz(question_count=55, time_limit_seconds=600)


def start(client, quiz) -> Attempt:
    response = client.post(f"/quizzes/{quiz.id}/start")
    assert response.status_code == 302, response.get_data(as_text=True)
    attempt_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return db.session.get(Attempt, attempt_id)


def test_quiz_list_start_resume_and_submit(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    listing = client.get("/quizzes").get_data(as_text=True)
    assert "Test quiz" in listing and "Start quiz" in listing
    attempt = start(client, quiz)
    assert "Continue attempt" in client.get("/quizzes").get_data(as_text=True)
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    # Up to 55: a draw leaves out questions that would answer another drawn one.
    assert page.count('<fieldset class="question') == len(attempt.questions) > 40
    assert 'id="countdown"' in page and "10:00" in page
    assert start(client, quiz).id == attempt.id  # starting again resumes

    clock.advance(minutes=2)
    response = client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    assert response.status_code == 302
    result = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "Result: Test quiz" in result and "Correct answer:" in result and "Source:" in result
    db.session.refresh(attempt)
    assert attempt.state is AttemptState.FINISHED


def test_a_replayed_submit_gets_a_clear_message(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    replay = client.post(
        f"/attempts/{attempt.id}", data={"action": "submit"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "already finished" in replay


def answer_fields(attempt) -> dict[str, str]:
    """A wrong-or-right answer to every question, as the HTML form would send it."""
    data = {}
    contents = contents_of(attempt)
    for q in attempt.questions:
        kind = contents[q.position]["kind"]
        name = f"q{q.position}"
        if kind in ("single_choice", "who_said_it", "multiple_choice"):
            data[name] = q.shown_choices[0]
        elif kind == "true_false":
            data[name] = "true"
        elif kind in ("numeric", "year"):
            data[name] = "1994"
        elif kind == "short_text":
            data[name] = "Stepanakert"
        elif kind == "ordering":
            for i in range(len(q.shown_choices)):
                data[f"{name}-{i}"] = str(i + 1)
        elif kind == "matching":
            for i, _ in enumerate(contents[q.position]["answer"]):
                data[f"{name}-{i}"] = q.shown_choices[i]
    return data


def test_saved_answers_are_graded_and_match_a_regrade(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    data = answer_fields(attempt)
    assert (
        client.post(f"/attempts/{attempt.id}", data={**data, "action": "save"}).status_code == 302
    )
    db.session.expire_all()
    assert all(q.response is not None for q in attempt.questions)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    db.session.expire_all()
    from quizapp.attempt_store import regrade

    assert attempt.score == pytest.approx(regrade(attempt)[0])
    assert 0 < attempt.score < 1


def test_bad_input_is_shown_at_its_question_and_nothing_is_saved(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    contents = contents_of(attempt)
    numeric = next(
        q for q in attempt.questions if contents[q.position]["kind"] in ("numeric", "year")
    )
    choice = next(q for q in attempt.questions if contents[q.position]["kind"] == "single_choice")
    data = {
        f"q{numeric.position}": "nineteen ninety",
        f"q{choice.position}": choice.shown_choices[1],
        "action": "save",
    }
    response = client.post(f"/attempts/{attempt.id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="q{numeric.position}-error">Enter a' in html
    assert 'value="nineteen ninety"' in html  # what was typed is kept
    assert "Nothing was saved" in html
    db.session.expire_all()
    assert all(q.response is None for q in attempt.questions)


def test_autosave_saves_one_question_and_reports_errors_as_json(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    contents = contents_of(attempt)
    numeric = next(
        q for q in attempt.questions if contents[q.position]["kind"] in ("numeric", "year")
    )
    url = f"/attempts/{attempt.id}/autosave"
    bad = client.post(url, data={f"q{numeric.position}": "abc"})
    assert bad.status_code == 422
    assert bad.json["field"] == f"q{numeric.position}" and "Enter a" in bad.json["message"]
    good = client.post(url, data={f"q{numeric.position}": "1,994"})
    assert good.json == {"saved": True, "seconds_left": 600}
    db.session.expire_all()
    assert numeric.response == 1994
    clock.advance(minutes=10, seconds=6)
    late = client.post(url, data={f"q{numeric.position}": "2000"})
    assert late.status_code == 409 and "Time is up" in late.json["message"]
    db.session.expire_all()
    assert numeric.response == 1994


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]+"', "", html)


def test_no_answer_or_explanation_reaches_the_page_before_the_end(client, auth, quiz, clock):
    """Canary: changing every secret of every question must not change the page at all."""
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    client.get(f"/attempts/{attempt.id}")  # shows, and so clears, the login message
    before = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    for q in attempt.questions:
        version = db.session.scalar(
            select(ItemVersion).where(
                ItemVersion.item_id == q.question_id, ItemVersion.version == q.question_version
            )
        )
        content = dict(version.content)
        kind = content["kind"]
        if kind in ("single_choice", "who_said_it"):
            content["answer"] = next(c for c in q.shown_choices if c != content["answer"])
        elif kind == "multiple_choice":
            content["answer"] = [q.shown_choices[0]]
        elif kind == "true_false":
            content["answer"] = not content["answer"]
        elif kind in ("numeric", "year"):
            content["answer"] = {**content["answer"], "value": 987654321}
        elif kind == "short_text":
            content["answer"] = {"answer": "CANARY-ANSWER", "accept": ["CANARY-ANSWER"]}
        elif kind in ("ordering",):
            content["answer"] = list(reversed(content["answer"]))
        elif kind == "matching":
            lefts = [left for left, _ in content["answer"]]
            rights = [right for _, right in content["answer"]]
            shifted = rights[1:] + rights[:1]
            content["answer"] = [[a, b] for a, b in zip(lefts, shifted, strict=True)]
        content.update(
            explanation="CANARY-EXPLANATION",
            evidence="CANARY-EVIDENCE",
            source={"title": "CANARY-SOURCE", "url": "https://canary.invalid/"},
        )
        version.content = content
    db.session.commit()
    after = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert without_csrf(before) == without_csrf(after)
    assert "CANARY" not in after and "987654321" not in after
    one_page = client.get(f"/attempts/{attempt.id}?q=2").get_data(as_text=True)
    assert without_csrf(before) == without_csrf(one_page)  # the layout is all-on-one-page
    paths = (f"/api/v1/attempts/{attempt.id}", "/api/v1/quizzes", f"/attempts/{attempt.id}/summary")
    for path in paths:
        body = client.get(path).get_data(as_text=True)
        assert "CANARY" not in body and "987654321" not in body
    assert client.get(f"/api/v1/attempts/{attempt.id}/result").status_code == 409
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    result = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "CANARY-EXPLANATION" in result and "CANARY-SOURCE" in result


def test_feedback_after_each_question_reveals_only_checked_questions(client, auth, app, clock):
    load_small_bank(app)
    quiz = make_quiz(question_count=5, feedback_timing="after_each")
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    data = answer_fields(attempt)
    first = {k: v for k, v in data.items() if k == "q1" or k.startswith("q1-")}
    client.post(f"/attempts/{attempt.id}", data={**first, "action": "check-1"})
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    contents = contents_of(attempt)
    assert escape(contents[1]["explanation"]) in page
    for position in range(2, 6):
        assert escape(contents[position]["explanation"]) not in page


def test_feedback_after_close_waits_for_the_close_time(client, auth, app, clock):
    load_small_bank(app)
    quiz = make_quiz(
        question_count=3, feedback_timing="after_close", closes_at=T0 + timedelta(days=1)
    )
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    explanation = str(escape(contents_of(attempt)[1]["explanation"]))
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "Correct answers and explanations are shown" in page and explanation not in page
    clock.advance(days=1)
    assert explanation in client.get(f"/attempts/{attempt.id}").get_data(as_text=True)


def test_another_students_attempt_is_not_found(client, auth, app, quiz, clock):
    create_user("ani")
    create_user("bob")
    auth.login("ani")
    attempt = start(client, quiz)
    auth.logout()
    auth.login("bob")
    assert client.get(f"/attempts/{attempt.id}").status_code == 404
    assert client.post(f"/attempts/{attempt.id}", data={"action": "submit"}).status_code == 404
    assert client.post(f"/attempts/{attempt.id}/autosave", data={"q1": "x"}).status_code == 404
    assert client.post("/quizzes/999999/start").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, quiz):
    for path in ("/quizzes", "/progress", "/attempts/1"):
        assert client.get(path).status_code == 302


def test_statements_per_page_and_save_do_not_grow_with_the_bank(client, auth, app, clock):
    load_small_bank(app)
    quiz = make_quiz(question_count=10)
    create_user("ani")
    auth.login("ani")
    url = f"/attempts/{start(client, quiz).id}"

    def autosave():
        clock.advance(seconds=1)  # every save then writes its time
        client.post(f"{url}/autosave", data={"q1-present": "1"})

    page = count_statements(lambda: client.get(url))
    save = count_statements(autosave)
    # Grow the bank tenfold: the same requests must not issue more statements.
    template = db.session.scalars(select(Question)).first()
    for n in range(500):
        db.session.add(
            Question(
                id=f"gen.filler.{n}",
                kind=template.kind,
                topic=template.topic,
                tags=[],
                content=template.content,
                content_hash=template.content_hash,
                version=1,
                updated_at=T0,
            )
        )
    db.session.commit()
    assert count_statements(lambda: client.get(url)) == page
    assert count_statements(autosave) == save
    assert page <= 10 and save <= 10


def test_progress_shows_history_scores_and_mastery(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={**answer_fields(attempt), "action": "submit"})
    page = client.get("/progress").get_data(as_text=True)
    assert "Attempt history" in page and "Test quiz (attempt 1)" in page
    assert "<svg" in page and "Mastery per topic" in page
    assert "No answers yet" not in page


def test_an_assignment_close_time_governs_feedback_after_close(client, auth, app, clock):
    from quizapp.models import Assignment, ClassMember, SchoolClass

    load_small_bank(app)
    teacher = create_user("teacher")
    quiz = make_quiz(question_count=3, feedback_timing="after_close", owner_id=teacher.id)
    school_class = SchoolClass(owner_id=teacher.id, name="Class", join_code="ABCD2345")
    db.session.add(school_class)
    db.session.flush()
    student = create_user("ani")
    db.session.add(ClassMember(class_id=school_class.id, user_id=student.id))
    db.session.add(
        Assignment(class_id=school_class.id, quiz_id=quiz.id, closes_at=T0 + timedelta(hours=2))
    )
    db.session.commit()
    auth.login("ani")
    attempt = start(client, quiz)
    assert attempt.deadline == T0 + timedelta(minutes=10)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    explanation = str(escape(contents_of(attempt)[1]["explanation"]))
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "after the quiz closes at 2026-03-01 11:00 (UTC)" in page and explanation not in page
    clock.advance(hours=2)
    assert explanation in client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
