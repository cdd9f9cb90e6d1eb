"""'Show answers after the quiz closes' needs a close time; without one, answers stay hidden."""

from __future__ import annotations

from markupsafe import escape
from support import create_user
from support_quizzes import load_small_bank, make_quiz
from support_teach import make_class

from quizapp.attempt_store import contents_of
from quizapp.models import Assignment, Attempt, ClassMember, Role, db


def assignment_form(auth, feedback_timing: str):
    """A teacher's quiz with this feedback timing, logged in, and the URL that assigns it."""
    teacher = create_user("tamar", Role.TEACHER)
    quiz = make_quiz(question_count=3, feedback_timing=feedback_timing, owner_id=teacher.id)
    school_class = make_class(teacher)
    auth.login("tamar")
    return quiz, f"/teach/classes/{school_class.id}/assignments"


def test_assigning_an_after_close_quiz_needs_a_close_time(app, auth, client):
    quiz, url = assignment_form(auth, "after_close")
    refused = client.post(url, data={"quiz_id": str(quiz.id), "opens_at": "2026-03-01T09:00"})
    assert refused.status_code == 422
    assert "give it a close time" in refused.text
    assert 'value="2026-03-01T09:00"' in refused.text  # what was typed is kept
    assert db.session.scalars(db.select(Assignment)).all() == []
    data = {"quiz_id": str(quiz.id), "closes_at": "2026-03-08T09:00"}
    assert client.post(url, data=data).status_code == 302


def test_other_feedback_modes_need_no_close_time(app, auth, client):
    quiz, url = assignment_form(auth, "at_end")
    assert client.post(url, data={"quiz_id": str(quiz.id)}).status_code == 302


def test_an_after_close_quiz_without_a_close_time_keeps_answers_hidden(app, auth, client, clock):
    load_small_bank(app)
    teacher = create_user("tamar", Role.TEACHER)
    quiz = make_quiz(question_count=3, feedback_timing="after_close", owner_id=teacher.id)
    school_class = make_class(teacher)
    student = create_user("ani")
    db.session.add(ClassMember(class_id=school_class.id, user_id=student.id))
    db.session.add(Assignment(class_id=school_class.id, quiz_id=quiz.id, closes_at=None))
    db.session.commit()
    auth.login("ani")
    client.post(f"/quizzes/{quiz.id}/start")
    attempt = db.session.scalars(db.select(Attempt)).one()
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    explanation = str(escape(contents_of(attempt)[1]["explanation"]))
    clock.advance(days=365)
    page = client.get(f"/attempts/{attempt.id}").text
    assert explanation not in page
    assert "it has no close time yet" in page
    result = client.get(f"/api/v1/attempts/{attempt.id}/result").json
    assert all("feedback" not in question for question in result["questions"])
