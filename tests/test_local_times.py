"""Every account has one time zone: times are shown in it and the times a teacher types are read
in it, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support import create_user
from support_quizzes import T0
from support_teach import build_world, make_set, make_set_quiz

from quizapp.attempt_store import AttemptProblem, start_or_resume
from quizapp.models import ApiToken, Assignment, Role, User, db


def _zone(username: str, name: str) -> None:
    db.session.scalar(db.select(User).where(User.username == username)).time_zone = name
    db.session.commit()


def test_every_account_sets_its_time_zone_in_one_place(app, auth, client):
    create_user("tamar", Role.TEACHER)
    auth.login("tamar")
    page = client.get("/account/settings").get_data(as_text=True)
    assert '<option selected value="UTC">UTC</option>' in page
    bad = client.post("/account/settings", data={"time_zone": "Mars/Olympus"})
    assert bad.status_code == 422 and 'id="time_zone-error"' in bad.get_data(as_text=True)
    assert db.session.scalar(db.select(User.time_zone)) == "UTC"
    assert client.post("/account/settings", data={"time_zone": "Asia/Baku"}).status_code == 302
    assert db.session.scalar(db.select(User.time_zone)) == "Asia/Baku"
    flashcards = client.get("/flashcards/settings").get_data(as_text=True)
    assert "in your time zone, Asia/Baku" in flashcards and 'name="time_zone"' not in flashcards


def _assign(client, class_id, quiz_id, opens="", closes=""):
    return client.post(
        f"/teach/classes/{class_id}/assignments",
        data={"quiz_id": str(quiz_id), "opens_at": opens, "closes_at": closes},
    )


def _second_quiz(world):
    return make_set_quiz(world.teacher, make_set(world.teacher, title="More"), title="Second")


def test_a_time_skipped_by_the_clocks_going_forward_is_a_field_error(app, auth, client):
    world = build_world()
    _zone("tamar", "Europe/London")
    quiz = _second_quiz(world)
    auth.login("tamar")
    response = _assign(client, world.school_class.id, quiz.id, closes="2026-03-29T01:30")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="closes_at-error"' in page and "2026-03-29 01:30 does not exist in" in page
    assert 'value="2026-03-29T01:30"' in page  # what the teacher typed is kept
    assert db.session.scalar(db.select(Assignment).where(Assignment.quiz_id == quiz.id)) is None


@pytest.mark.parametrize(
    ("zone", "typed", "stored"),
    [
        # The first of the two 01:30s on 25 October 2026 is still summer time (UTC+1).
        ("Europe/London", "2026-10-25T01:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("Europe/London", "2026-07-01T14:00", datetime(2026, 7, 1, 13, 0, tzinfo=UTC)),
        ("Asia/Baku", "2026-03-29T14:00", datetime(2026, 3, 29, 10, 0, tzinfo=UTC)),
        ("UTC", "2026-03-29T14:00", datetime(2026, 3, 29, 14, 0, tzinfo=UTC)),
    ],
)
def test_typed_times_are_read_in_the_teachers_zone(app, auth, client, zone, typed, stored):
    world = build_world()
    _zone("tamar", zone)
    quiz = _second_quiz(world)
    auth.login("tamar")
    assert _assign(client, world.school_class.id, quiz.id, closes=typed).status_code == 302
    assignment = db.session.scalar(db.select(Assignment).where(Assignment.quiz_id == quiz.id))
    assert assignment.closes_at == stored
    page = client.get(f"/teach/classes/{world.school_class.id}").get_data(as_text=True)
    assert f"{typed.replace('T', ' ')}" in page and f"({zone})" in page


def test_close_times_show_in_each_readers_zone_across_the_clock_change(app, auth, client):
    world = build_world()
    world.assignment.opens_at = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # before the change
    world.assignment.closes_at = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # after it
    db.session.commit()
    _zone("tamar", "Europe/London")
    _zone("ani", "Asia/Baku")
    auth.login("tamar")
    teacher = client.get(f"/teach/classes/{world.school_class.id}").get_data(as_text=True)
    assert "2026-03-29 00:30 (Europe/London)" in teacher
    assert "2026-03-29 02:30 (Europe/London)" in teacher
    auth.logout()
    auth.login("ani")
    student = client.get(f"/classes/{world.school_class.id}").get_data(as_text=True)
    assert "2026-03-29 04:30 (Asia/Baku)" in student and "2026-03-29 05:30 (Asia/Baku)" in student
    assert "UTC" not in student.replace("(UTC)", "")


def test_attempt_lists_results_and_tokens_are_shown_in_the_readers_zone(app, auth, client):
    world = build_world()  # the attempt started and finished at T0, 09:00 UTC
    _zone("tamar", "America/New_York")
    _zone("ani", "Asia/Yerevan")
    db.session.add(
        ApiToken(user_id=world.student.id, token_hash="x" * 64, name="phone", created_at=T0)
    )
    db.session.commit()
    auth.login("tamar")
    path = f"/teach/classes/{world.school_class.id}/students/{world.student.id}"
    assert "2026-03-01 04:00 (America/New_York)" in client.get(path).get_data(as_text=True)
    auth.logout()
    auth.login("ani")
    result = client.get(f"/attempts/{world.attempt.id}").get_data(as_text=True)
    assert "2026-03-01 13:00 (Asia/Yerevan)" in result
    assert "2026-03-01 13:00 (Asia/Yerevan)" in client.get("/account/tokens").get_data(as_text=True)


def test_the_opening_time_a_student_is_told_is_in_their_zone(app):
    world = build_world()
    quiz = _second_quiz(world)
    world.assignment.quiz_id = quiz.id
    world.assignment.opens_at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    world.student.time_zone = "Asia/Baku"
    db.session.commit()
    with pytest.raises(AttemptProblem, match=r"opens at 2026-03-02 12:00 \(Asia/Baku\)"):
        start_or_resume(quiz, world.student, T0, world.assignment)
