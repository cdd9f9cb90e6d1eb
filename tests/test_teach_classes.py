"""Classes: joining with a code, assignments with windows and extra time, results and flags."""

from __future__ import annotations

from datetime import timedelta

from support import create_user
from support_quizzes import T0, Clock
from support_teach import assign, build_world, enrol, make_class, make_set, make_set_quiz, take

from quizapp.models import Assignment, Attempt, ClassMember, Flag, Role, User, db


def test_a_student_joins_with_the_code(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    school_class = make_class(teacher, code="ABCD2345")
    create_user("ani")
    auth.login("ani")
    wrong = client.post("/classes/join", data={"code": "NOPE"})
    assert wrong.status_code == 422
    assert "No class has this code" in wrong.get_data(as_text=True)
    assert 'value="NOPE"' in wrong.get_data(as_text=True)
    joined = client.post("/classes/join", data={"code": " abcd 2345 "})
    assert joined.headers["Location"].endswith(f"/classes/{school_class.id}")
    assert (
        db.session.get(
            ClassMember,
            (school_class.id, db.session.scalar(db.select(User.id).where(User.username == "ani"))),
        )
        is not None
    )
    assert "History 9B" in client.get("/classes").get_data(as_text=True)


def test_a_teacher_creates_a_class_and_assigns_a_quiz_with_a_window(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    quiz = make_set_quiz(teacher, make_set(teacher))
    auth.login("tamar")
    created = client.post("/teach/classes/new", data={"name": "10A"})
    class_id = int(created.headers["Location"].rsplit("/", 1)[1])
    bad = client.post(
        f"/teach/classes/{class_id}/assignments",
        data={
            "quiz_id": str(quiz.id),
            "opens_at": "2026-03-02T09:00",
            "closes_at": "2026-03-01T09:00",
            "attempts_allowed": "2",
        },
    )
    assert bad.status_code == 422 and "Close after it opens." in bad.get_data(as_text=True)
    good = client.post(
        f"/teach/classes/{class_id}/assignments",
        data={
            "quiz_id": str(quiz.id),
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-03-08T09:00",
            "attempts_allowed": "2",
        },
    )
    assert good.status_code == 302
    assignment = db.session.scalar(db.select(Assignment))
    assert assignment.opens_at == T0 and assignment.attempts_allowed == 2
    again = client.post(f"/teach/classes/{class_id}/assignments", data={"quiz_id": str(quiz.id)})
    assert again.status_code == 422 and "already assigned" in again.get_data(as_text=True)


def test_extra_time_is_set_per_student_and_lengthens_the_deadline(app, auth, client):
    world = build_world()
    auth.login("tamar")
    url = f"/teach/classes/{world.school_class.id}/students/{world.student.id}/extra-time"
    prefix = f"student-{world.student.id}-factor"
    bad = client.post(url, data={prefix: "9"})
    assert bad.status_code == 422 and "from 1 to 4" in bad.get_data(as_text=True)
    assert client.post(url, data={prefix: "1.5"}).status_code == 302
    membership = db.session.get(ClassMember, (world.school_class.id, world.student.id))
    db.session.refresh(membership)
    assert membership.extra_time_factor == 1.5
    second = make_set_quiz(world.teacher, world.question_set, title="Second")
    assignment = assign(world.school_class, second)
    app.config["CLOCK"] = Clock()
    auth.logout()
    auth.login("ani")
    client.post(f"/quizzes/{second.id}/start")
    attempt = db.session.scalar(db.select(Attempt).where(Attempt.assignment_id == assignment.id))
    assert attempt.deadline - attempt.started_at == timedelta(seconds=900)


def test_the_gradebook_combines_attempts_and_exports_csv(app, auth, client):
    world = build_world()
    take(
        world.quiz,
        world.student,
        world.assignment,
        {"Which city": "Yerevan", "The 2020": True, "In which": 1994.0},
    )
    auth.login("tamar")
    page = client.get(f"/teach/classes/{world.school_class.id}/gradebook").get_data(as_text=True)
    assert "100%" in page and "(2 attempts)" in page
    csv_text = client.get(f"/teach/classes/{world.school_class.id}/gradebook.csv").get_data(
        as_text=True
    )
    assert csv_text.splitlines() == ["student,Set quiz", "ani,100.0"]
    detail = client.get(
        f"/teach/classes/{world.school_class.id}/attempts/{world.attempt.id}"
    ).get_data(as_text=True)
    assert "Yerevan" in detail and "No answer" in detail
    items = client.get(
        f"/teach/classes/{world.school_class.id}/assignments/{world.assignment.id}/items"
    ).get_data(as_text=True)
    assert "facility <strong>50%</strong>" in items


def test_gradebook_csv_neutralises_formula_names(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    school_class = make_class(teacher)
    enrol(school_class, create_user("=cmd"))
    auth.login("tamar")
    csv_text = client.get(f"/teach/classes/{school_class.id}/gradebook.csv").get_data(as_text=True)
    assert "'=cmd" in csv_text


def test_a_flag_reaches_the_set_owner_not_other_teachers(app, auth, client):
    world = build_world()
    auth.login("ani")
    url = f"/flags/attempts/{world.attempt.id}/questions/1"
    empty = client.post(url, data={"reason": ""})
    assert empty.status_code == 422 and "Say what is wrong." in empty.get_data(as_text=True)
    assert client.post(url, data={"reason": "Yerevan became capital in 1918."}).status_code == 302
    flag = db.session.scalar(db.select(Flag))
    assert flag.question_id == f"set.{world.question_set.id}.1" and flag.question_version == 1
    auth.logout()
    auth.login("oscar")
    assert "became capital" not in client.get("/flags/").get_data(as_text=True)
    assert client.post(f"/flags/{flag.id}/resolve").status_code == 404
    auth.logout()
    auth.login("ada")
    assert "became capital" not in client.get("/flags/").get_data(as_text=True)
    auth.logout()
    auth.login("tamar")
    assert "became capital" in client.get("/flags/").get_data(as_text=True)
    assert client.post(f"/flags/{flag.id}/resolve").status_code == 302
    assert "became capital" not in client.get("/flags/").get_data(as_text=True)
