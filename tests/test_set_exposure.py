"""A warning when a shared set feeds an open assignment; ready-made quizzes say practice."""

from __future__ import annotations

from datetime import timedelta

from support import create_user
from support_quizzes import T0, make_quiz
from support_teach import assign, make_class, make_set, make_set_quiz

from quizapp.models import Role

WARNING = "can study its answers"


def teacher_world():
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher)
    quiz = make_set_quiz(teacher, question_set, title="Unit test")
    school_class = make_class(teacher, name="10A")
    assign(school_class, quiz, closes_at=T0 + timedelta(days=2))
    return question_set, school_class


def share(client, question_set, class_ids, public=False):
    data = {"title": question_set.title, "shared_with": [str(c) for c in class_ids]}
    if public:
        data["is_public"] = "y"
    return client.post(f"/teach/sets/{question_set.id}/edit", data=data, follow_redirects=True).text


def test_sharing_a_set_an_open_assignment_draws_from_warns_the_teacher(app, auth, client, clock):
    question_set, school_class = teacher_world()
    auth.login("tamar")
    page = share(client, question_set, [school_class.id])
    assert WARNING in page
    assert "“Unit test” in 10A (open until 2026-03-03 09:00 UTC)" in page
    assert 'id="set-exposure"' in page  # and it stays on the set's page, not only in the flash


def test_making_such_a_set_public_warns_too(app, auth, client, clock):
    question_set, _ = teacher_world()
    auth.login("tamar")
    assert WARNING in share(client, question_set, [], public=True)


def test_no_warning_for_an_unshared_set_or_once_the_assignment_closed(app, auth, client, clock):
    question_set, school_class = teacher_world()
    auth.login("tamar")
    assert WARNING not in share(client, question_set, [])
    clock.advance(days=2)
    assert WARNING not in share(client, question_set, [school_class.id])
    assert WARNING not in client.get(f"/teach/sets/{question_set.id}").text


def test_ready_made_quizzes_say_they_are_practice(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    make_quiz(title="Ready-made", question_count=3)
    make_quiz(title="Teacher's own", question_count=3, owner_id=teacher.id)
    auth.login("tamar")
    page = client.get("/quizzes").text
    cards = {card.split("</h2>")[0]: card for card in page.split('<li class="card">')[1:]}
    assert "Practice, not a test" in cards["\n    <h2>Ready-made"]
    assert "Practice, not a test" not in cards["\n    <h2>Teacher&#39;s own"]
