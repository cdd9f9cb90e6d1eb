"""Around an attempt: the start page, the navigator and flags, one question per page, the summary,
the result's points, time and topics, and practice runs of the missed questions."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from support import PASSWORD, create_user
from support_quizzes import T0, load_small_bank, make_quiz
from support_teach import assign, enrol, make_class, make_set
from test_quiz_pages import answer_fields, start

from quizapp.attempt_store import attempts_used, contents_of
from quizapp.models import (
    Attempt,
    AttemptState,
    FeedbackTiming,
    Question,
    Quiz,
    QuizLayout,
    Role,
    db,
)
from quizapp.moderation.store import suppress


@pytest.fixture
def quiz(app):
    load_small_bank(app)
    return make_quiz(question_count=4, time_limit_seconds=600, attempts_allowed=3)


def attempts_of(user) -> list[Attempt]:
    return list(db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)))


def test_the_start_page_states_the_rules_and_starts_nothing(client, auth, quiz, clock):
    ani = create_user("ani")
    ani.extra_time_factor = 1.5
    quiz.closes_at = T0 + timedelta(days=2)
    db.session.commit()
    auth.login("ani")
    listing = client.get("/quizzes").get_data(as_text=True)
    assert f'href="/quizzes/{quiz.id}"' in listing
    page = client.get(f"/quizzes/{quiz.id}").get_data(as_text=True)
    text = re.sub(r"\s+", " ", page)
    assert "<h1>Test quiz</h1>" in page
    assert "<dt>Questions</dt><dd>4</dd>" in text
    assert "15 min for you: 10 min plus your 50% extra time" in text
    assert "0 used, 3 left of 3" in text
    assert "2026-03-03 09:00 (UTC)" in text  # the close time, in her (default) zone
    assert "When you finish the attempt" in text  # when answers are shown
    assert ">Start attempt</button>" in page
    assert re.search(r'href="/quizzes"\s+aria-current="page">Quizzes</a>', page)
    assert attempts_of(ani) == []  # opening the page starts no clock

    clock.advance(minutes=7)
    attempt = start(client, quiz)
    assert attempt.started_at == T0 + timedelta(minutes=7)
    assert attempt.deadline == T0 + timedelta(minutes=22)  # fixed when Start is pressed
    resumed = client.get(f"/quizzes/{quiz.id}")
    assert resumed.status_code == 302
    assert resumed.headers["Location"] == f"/attempts/{attempt.id}"
    assert "Continue attempt" in client.get("/quizzes").get_data(as_text=True)


def test_the_start_page_says_why_a_quiz_cannot_start(client, auth, quiz, clock):
    create_user("ani")
    quiz.attempts_allowed = 1
    db.session.commit()
    auth.login("ani")
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    page = client.get(f"/quizzes/{quiz.id}").get_data(as_text=True)
    assert "You have used all 1 attempts at this quiz." in page
    assert ">Start attempt</button>" not in page
    assert "1 used, 0 left of 1" in page


def test_a_class_assignment_opens_on_its_own_start_page(client, auth, app, clock):
    load_small_bank(app)
    teacher = create_user("tamar", Role.TEACHER)
    student = create_user("ani")
    quiz = make_quiz(
        owner_id=teacher.id, question_count=3, feedback_timing=FeedbackTiming.AFTER_CLOSE
    )
    school_class = make_class(teacher)
    enrol(school_class, student)
    assign(school_class, quiz, closes_at=T0 + timedelta(hours=5), attempts_allowed=2)
    auth.login("ani")
    class_page = client.get(f"/classes/{school_class.id}").get_data(as_text=True)
    assert f'href="/quizzes/{quiz.id}"' in class_page
    page = re.sub(r"\s+", " ", client.get(f"/quizzes/{quiz.id}").get_data(as_text=True))
    assert "0 used, 2 left of 2" in page
    assert "After the quiz closes, at 2026-03-01 14:00 (UTC)" in page
    attempt = start(client, quiz)
    assert attempt.assignment_id is not None


def test_starting_needs_the_form_token(csrf_app):
    load_small_bank(csrf_app)
    quiz = make_quiz()
    create_user("ani")
    client = csrf_app.test_client()
    login = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    client.post("/login", data={"username": "ani", "password": PASSWORD, "csrf_token": token})
    page = client.get(f"/quizzes/{quiz.id}").get_data(as_text=True)
    assert client.post(f"/quizzes/{quiz.id}/start").status_code == 400
    assert db.session.scalars(select(Attempt)).all() == []
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    started = client.post(f"/quizzes/{quiz.id}/start", data={"csrf_token": token})
    assert started.status_code == 302
    attempt_id = started.headers["Location"].rsplit("/", 1)[1]
    flag = f"/attempts/{attempt_id}/questions/1/flag"
    assert client.post(flag, data={"flagged": "1"}).status_code == 400
    assert client.post(flag, data={"flagged": "1", "csrf_token": token}).status_code == 200


def nav_items(html: str) -> list[str]:
    """Each navigator item's text, status included, with spaces tidied."""
    items = re.findall(r'class="nav-item[^"]*"[^>]*>(.*?)</(?:a|button)>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_the_navigator_shows_answered_flagged_and_the_count(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    first = {k: v for k, v in answer_fields(attempt).items() if re.match(r"q1(-|$)", k)}
    # Without JavaScript the flag button submits the form: the answer is saved on the way.
    client.post(f"/attempts/{attempt.id}", data={**first, "action": "flag-3"})
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    items = nav_items(page)
    assert items[0] == "Question 1 ✓ : answered"
    assert items[1] == "Question 2 · : not answered"
    assert items[2] == "Question 3 ·⚑ : not answered, flagged for review"
    assert 'Answered <span id="answered-count">1</span> of 4' in page
    assert 'value="unflag-3"' in page and "Remove flag" in page
    client.post(f"/attempts/{attempt.id}", data={"action": "unflag-3"})
    db.session.expire_all()
    assert [q.flagged for q in attempt.questions] == [False] * 4

    # The script's endpoint answers in JSON, without a reload.
    reply = client.post(f"/attempts/{attempt.id}/questions/2/flag", data={"flagged": "1"})
    assert reply.json == {"flagged": True, "position": 2}
    assert client.post(f"/attempts/{attempt.id}/questions/9/flag").status_code == 404
    db.session.expire_all()
    assert [q.flagged for q in attempt.questions] == [False, True, False, False]


def test_another_student_can_neither_see_nor_flag_an_attempt(client, auth, quiz, clock):
    create_user("ani")
    create_user("ilkin")
    auth.login("ani")
    attempt = start(client, quiz)
    auth.logout()
    auth.login("ilkin")
    assert client.get(f"/attempts/{attempt.id}").status_code == 404
    assert client.get(f"/attempts/{attempt.id}/summary").status_code == 404
    reply = client.post(f"/attempts/{attempt.id}/questions/1/flag", data={"flagged": "1"})
    assert reply.status_code == 404
    assert client.post(f"/attempts/{attempt.id}", data={"action": "flag-1"}).status_code == 404
    assert client.post(f"/attempts/{attempt.id}/practice").status_code == 404
    db.session.expire_all()
    assert not any(q.flagged for q in attempt.questions)


def test_one_question_per_page_saves_on_every_move(client, auth, quiz, clock):
    quiz.layout = QuizLayout.ONE_PER_PAGE
    db.session.commit()
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert page.count('<fieldset class="question') == 1 and 'id="q1-block"' in page
    assert 'name="page" value="1"' in page and 'value="goto-2"' in page  # Next
    assert 'aria-current="step"' in page
    fields = answer_fields(attempt)
    second = {k: v for k, v in fields.items() if re.match(r"q2(-|$)", k)}
    moved = client.post(f"/attempts/{attempt.id}", data={**second, "page": "2", "action": "goto-3"})
    assert moved.headers["Location"] == f"/attempts/{attempt.id}?q=3"
    db.session.expire_all()
    assert attempt.questions[1].response is not None
    third = client.get(f"/attempts/{attempt.id}?q=3").get_data(as_text=True)
    assert 'id="q3-block"' in third and 'id="q2-block"' not in third
    assert 'value="goto-2"' in third and 'value="goto-4"' in third  # Previous and Next
    assert "Question 3 of 4" in third
    assert "10:00" in third  # the same deadline on every page
    # A page out of range shows the nearest question; a flag returns to its page.
    assert 'id="q4-block"' in client.get(f"/attempts/{attempt.id}?q=99").get_data(as_text=True)
    flagged = client.post(f"/attempts/{attempt.id}", data={"page": "3", "action": "flag-3"})
    assert flagged.headers["Location"] == f"/attempts/{attempt.id}?q=3"
    saved = client.post(f"/attempts/{attempt.id}", data={"page": "3", "action": "save"})
    assert saved.headers["Location"] == f"/attempts/{attempt.id}?q=3"


def test_an_unreadable_answer_keeps_its_page(client, auth, app, clock):
    load_small_bank(app)
    quiz = make_quiz(question_count=55, layout=QuizLayout.ONE_PER_PAGE)
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    contents = contents_of(attempt)
    numeric = next(q for q in attempt.questions if contents[q.position]["kind"] == "year")
    page = str(numeric.position)
    response = client.post(
        f"/attempts/{attempt.id}",
        data={f"q{page}": "soon", "page": page, "action": "goto-1"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="q{page}-block"' in html and html.count('<fieldset class="question') == 1
    assert 'value="soon"' in html


def test_the_summary_lists_every_question_and_submits(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    first = {k: v for k, v in answer_fields(attempt).items() if re.match(r"q1(-|$)", k)}
    to_summary = client.post(f"/attempts/{attempt.id}", data={**first, "action": "flag-2"})
    to_summary = client.post(f"/attempts/{attempt.id}", data={"action": "summary"})
    assert to_summary.headers["Location"] == f"/attempts/{attempt.id}/summary"
    clock.advance(minutes=4)
    page = client.get(f"/attempts/{attempt.id}/summary").get_data(as_text=True)
    text = re.sub(r"<[^>]+>|\s+", " ", page)
    assert "1 answered, 3 not answered, 1 flagged for review." in text
    assert re.search(r"1 ✓ Answered Review question 1", " ".join(text.split()))
    assert re.search(r"2 · Not answered · ⚑ Flagged Answer question 2", " ".join(text.split()))
    assert f'href="/attempts/{attempt.id}#q2-block"' in page
    assert 'id="countdown"' in page and "6:00" in page  # the time left
    assert "Submit all and finish" in page
    db.session.expire_all()
    assert attempt.state is AttemptState.OPEN  # the summary changes nothing
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    db.session.expire_all()
    assert attempt.state is AttemptState.FINISHED
    done = client.get(f"/attempts/{attempt.id}/summary")
    assert done.headers["Location"] == f"/attempts/{attempt.id}"


def test_the_summary_of_an_overdue_attempt_finishes_it(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    clock.advance(minutes=11)
    assert client.get(f"/attempts/{attempt.id}/summary").status_code == 302
    db.session.expire_all()
    assert attempt.state is AttemptState.FINISHED and attempt.finished_at == attempt.deadline


def test_the_result_shows_points_time_and_topics(client, auth, app, clock):
    load_small_bank(app)
    quiz = make_quiz(question_count=55)
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    contents = contents_of(attempt)
    right = next(q for q in attempt.questions if contents[q.position]["kind"] == "single_choice")
    data = answer_fields(attempt)
    data[f"q{right.position}"] = contents[right.position]["answer"]
    client.post(f"/attempts/{attempt.id}", data={**data, "action": "save"})
    clock.advance(minutes=3, seconds=20)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    db.session.expire_all()
    points = sum(q.score for q in attempt.questions)
    assert points >= 1
    page = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert f"{round(points, 2):g} / {len(attempt.questions)} points" in text
    assert f"{attempt.score * 100:.1f}%" in text
    assert "Time taken 3 min 20 s" in text
    for topic in {contents[q.position]["topic"] for q in attempt.questions}:
        earned = sum(q.score for q in attempt.questions if contents[q.position]["topic"] == topic)
        asked = sum(1 for q in attempt.questions if contents[q.position]["topic"] == topic)
        assert f"{topic.capitalize()} {round(earned, 2):g} / {asked}" in text
    assert "Practise the missed questions" in page
    assert f'href="/flashcards/review?deck=attempt:{attempt.id}"' in page


def test_practice_runs_exactly_the_missed_questions_and_counts_nowhere(client, auth, quiz, clock):
    ani = create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})  # all unanswered: all missed
    db.session.expire_all()
    missed = [(q.question_id, q.question_version, q.shown_choices) for q in attempt.questions]
    started = client.post(f"/attempts/{attempt.id}/practice")
    practice_id = int(started.headers["Location"].rsplit("/", 1)[1])
    again = client.post(f"/attempts/{attempt.id}/practice")
    assert again.headers["Location"] == started.headers["Location"]  # resumes, never doubles
    practice = db.session.get(Attempt, practice_id)
    assert practice.practice_of_id == attempt.id and practice.deadline is None
    assert [
        (q.question_id, q.question_version, q.shown_choices) for q in practice.questions
    ] == missed
    assert attempts_used(ani.id, quiz.id) == 1
    page = client.get(f"/attempts/{practice_id}").get_data(as_text=True)
    assert "Practice run: untimed" in page and 'id="countdown"' not in page
    assert "No time limit" in page

    client.post(f"/attempts/{practice_id}", data={"action": "submit"})
    result = client.get(f"/attempts/{practice_id}").get_data(as_text=True)
    assert "Practice result: Test quiz" in result
    assert "not counted in your attempts, grades or gradebook" in result
    progress = client.get("/progress").get_data(as_text=True)
    assert "Test quiz (attempt 1)" in progress
    assert "(attempt -1)" not in progress  # the practice run is not in the history
    assert "3 left of 3" not in client.get(f"/quizzes/{quiz.id}").get_data(as_text=True)
    assert "1 used, 2 left of 3" in client.get(f"/quizzes/{quiz.id}").get_data(as_text=True)


def test_practice_skips_the_questions_a_reviewer_suppressed(client, auth, quiz, clock):
    create_user("ani")
    admin = create_user("ada", Role.ADMIN)
    auth.login("ani")
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})  # all unanswered: all missed
    db.session.expire_all()
    missed = [q.question_id for q in attempt.questions]
    withdrawn = missed[1::2]
    for question_id in withdrawn:
        suppress(db.session.get(Question, question_id), admin, "The date is disputed.", T0)
    db.session.commit()

    result = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    kept = len(missed) - len(withdrawn)
    assert f"Practise the missed questions ({kept})" in result
    assert f"{len(withdrawn)} of the questions you missed were since withdrawn" in result
    started = client.post(f"/attempts/{attempt.id}/practice")
    practice = db.session.get(Attempt, int(started.headers["Location"].rsplit("/", 1)[1]))
    assert [q.question_id for q in practice.questions] == [
        question_id for question_id in missed if question_id not in withdrawn
    ]
    assert [q.position for q in practice.questions] == list(range(1, kept + 1))


def test_nothing_is_practised_when_every_missed_question_was_suppressed(client, auth, quiz, clock):
    ani = create_user("ani")
    admin = create_user("ada", Role.ADMIN)
    auth.login("ani")
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    db.session.expire_all()
    for q in attempt.questions:
        suppress(db.session.get(Question, q.question_id), admin, "Withdrawn.", T0)
    db.session.commit()
    result = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "Practise the missed questions" not in result
    assert "withdrawn by a reviewer: there is nothing left to practise" in result
    refused = client.post(f"/attempts/{attempt.id}/practice", follow_redirects=True)
    flashed = 'flash-error">The questions this attempt missed were since withdrawn'
    assert flashed in refused.get_data(as_text=True)
    assert len(attempts_of(ani)) == 1


def test_an_open_attempt_cannot_be_practised(client, auth, quiz, clock):
    create_user("ani")
    auth.login("ani")
    attempt = start(client, quiz)
    refused = client.post(f"/attempts/{attempt.id}/practice", follow_redirects=True)
    assert "Finish the attempt before practising" in refused.get_data(as_text=True)
    assert len(db.session.scalars(select(Attempt)).all()) == 1


def test_the_quiz_builder_warns_when_sources_hold_too_few(client, auth, app):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher)  # three questions
    auth.login("tamar")
    form = {
        "title": "Capitals quiz",
        "set_ids": [str(question_set.id)],
        "question_count": "10",
        "grading_method": "highest",
        "feedback_timing": "at_end",
        "layout": "one_per_page",
    }
    created = client.post("/teach/quizzes/new", data=form, follow_redirects=True)
    page = created.get_data(as_text=True)
    assert "asks for 10 questions, but its sources hold only 3" in page
    quiz = db.session.scalar(select(Quiz).where(Quiz.title == "Capitals quiz"))
    assert quiz.layout is QuizLayout.ONE_PER_PAGE
    edit = client.get(f"/teach/quizzes/{quiz.id}/edit").get_data(as_text=True)
    assert "its sources hold only 3" in edit
    saved = client.post(
        f"/teach/quizzes/{quiz.id}/edit",
        data={**form, "question_count": "3"},
        follow_redirects=True,
    )
    assert "sources hold" not in saved.get_data(as_text=True)
    none = client.post(
        f"/teach/quizzes/{quiz.id}/edit",
        data={**form, "include_bank": "y", "topic": "figures", "set_ids": []},
        follow_redirects=True,
    )
    assert "its sources hold none: students cannot start it" in none.get_data(as_text=True)
