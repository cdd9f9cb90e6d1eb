"""Extra time belongs to a class membership (or one assignment), never to every quiz taken.

Only an admin grants an account-wide accommodation, and only it reaches quizzes taken outside a
class, such as the ready-made ones.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from support import MIGRATIONS, create_user
from support_quizzes import T0, load_small_bank, make_quiz
from support_teach import assign, build_world, enrol, make_class, make_set, make_set_quiz

from quizapp.models import AssignmentExtraTime, Attempt, ClassMember, Role, User, db


@pytest.fixture
def world(app, clock):
    return build_world()


def set_class_factor(client, world, factor: str):
    url = f"/teach/classes/{world.school_class.id}/students/{world.student.id}/extra-time"
    return client.post(url, data={f"student-{world.student.id}-factor": factor})


def started_limit(client, quiz) -> timedelta:
    """How long the student's new attempt at `quiz` may run."""
    assert client.post(f"/quizzes/{quiz.id}/start").status_code == 302
    attempt = db.session.scalar(
        db.select(Attempt).where(Attempt.quiz_id == quiz.id).order_by(Attempt.id.desc())
    )
    return attempt.deadline - attempt.started_at


def test_a_class_factor_never_reaches_a_ready_made_quiz(app, auth, client, world):
    load_small_bank(app)
    ready_made = make_quiz(time_limit_seconds=600)
    auth.login("tamar")
    assert set_class_factor(client, world, "4").status_code == 302
    auth.logout()
    auth.login("ani")
    assert started_limit(client, ready_made) == timedelta(minutes=10)
    page = client.get("/quizzes").get_data(as_text=True)
    assert "extra time" not in page.split(ready_made.title, 1)[1].split("</li>", 1)[0]


def test_a_class_factor_reaches_only_that_class_assignments(app, auth, client, world):
    other_set = make_set(world.other_teacher, title="Other")
    other_quiz = make_set_quiz(world.other_teacher, other_set, title="Oscar's quiz")
    other_class = make_class(world.other_teacher, name="10C", code="WXYZ2345")
    enrol(other_class, world.student)
    assign(other_class, other_quiz)
    own_quiz = make_set_quiz(world.teacher, world.question_set, title="Tamar's second")
    assign(world.school_class, own_quiz)
    auth.login("tamar")
    assert set_class_factor(client, world, "4").status_code == 302
    membership = db.session.get(ClassMember, (world.school_class.id, world.student.id))
    db.session.refresh(membership)
    assert membership.extra_time_factor == 4
    assert db.session.get(User, world.student.id).extra_time_factor == 1
    auth.logout()
    auth.login("ani")
    assert started_limit(client, other_quiz) == timedelta(minutes=10)
    assert started_limit(client, own_quiz) == timedelta(minutes=40)
    quizzes_page = client.get("/quizzes").get_data(as_text=True)
    assert "300% extra time" in quizzes_page


def test_a_teacher_overrides_the_factor_for_one_assignment(app, auth, client, world):
    first = make_set_quiz(world.teacher, world.question_set, title="First")
    second = make_set_quiz(world.teacher, world.question_set, title="Second")
    first_assignment = assign(world.school_class, first)
    assign(world.school_class, second)
    auth.login("tamar")
    set_class_factor(client, world, "1.5")
    base = f"/teach/classes/{world.school_class.id}/students/{world.student.id}"
    field = f"assignment-{first_assignment.id}-factor"
    url = f"{base}/assignments/{first_assignment.id}/extra-time"
    bad = client.post(url, data={field: "5"})
    assert bad.status_code == 422
    assert "from 1 to 4" in bad.get_data(as_text=True) and 'value="5"' in bad.get_data(as_text=True)
    assert db.session.scalar(db.select(AssignmentExtraTime)) is None
    assert client.post(url, data={field: "2"}).status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert 'value="2.0"' in page or 'value="2"' in page
    auth.logout()
    auth.login("ani")
    assert started_limit(client, first) == timedelta(minutes=20)
    assert started_limit(client, second) == timedelta(minutes=15)


def test_clearing_an_override_goes_back_to_the_class_factor(app, auth, client, world):
    auth.login("tamar")
    set_class_factor(client, world, "1.5")
    url = (
        f"/teach/classes/{world.school_class.id}/students/{world.student.id}"
        f"/assignments/{world.assignment.id}/extra-time"
    )
    field = f"assignment-{world.assignment.id}-factor"
    client.post(url, data={field: "3"})
    assert db.session.scalar(db.select(AssignmentExtraTime.extra_time_factor)) == 3
    assert client.post(url, data={field: ""}).status_code == 302
    assert db.session.scalar(db.select(AssignmentExtraTime)) is None


def test_another_teacher_cannot_set_an_override_in_a_class_not_theirs(app, auth, client, world):
    auth.login("oscar")
    url = (
        f"/teach/classes/{world.school_class.id}/students/{world.student.id}"
        f"/assignments/{world.assignment.id}/extra-time"
    )
    assert (
        client.post(url, data={f"assignment-{world.assignment.id}-factor": "3"}).status_code == 404
    )
    assert set_class_factor(client, world, "3").status_code == 404
    assert db.session.scalar(db.select(AssignmentExtraTime)) is None


def test_only_an_admin_sets_the_account_wide_factor(app, auth, client, world):
    load_small_bank(app)
    ready_made = make_quiz(time_limit_seconds=600)
    url = f"/admin/users/{world.student.id}/extra-time"
    field = f"account-{world.student.id}-factor"
    auth.login("tamar")
    assert client.post(url, data={field: "2"}).status_code == 403
    auth.logout()
    auth.login("ada")
    assert "Extra-time factor of ani" in client.get("/admin/users").get_data(as_text=True)
    refused = client.post(url, data={field: "0.5"})
    assert refused.status_code == 422 and "from 1 to 4" in refused.get_data(as_text=True)
    assert client.post(url, data={field: "2"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, world.student.id).extra_time_factor == 2
    auth.logout()
    auth.login("ani")
    assert started_limit(client, ready_made) == timedelta(minutes=20)
    # The admin's accommodation is the least a class assignment gives too.
    second = make_set_quiz(world.teacher, world.question_set, title="Second")
    assign(world.school_class, second)
    assert started_limit(client, second) == timedelta(minutes=20)


def test_a_students_own_quiz_uses_the_account_wide_factor(app, auth, client, world):
    student_teacher = create_user("tara", Role.TEACHER)
    enrol(world.school_class, student_teacher)
    db.session.get(ClassMember, (world.school_class.id, student_teacher.id)).extra_time_factor = 3
    db.session.commit()
    own = make_set_quiz(student_teacher, make_set(student_teacher, title="Mine"), title="Mine")
    auth.login("tara")
    assert started_limit(client, own) == timedelta(minutes=10)


def test_the_migration_moves_account_factors_to_the_memberships(app):
    downgrade(directory=MIGRATIONS, revision="a1e5a4a3810d")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, username, password_hash, role, session_version, "
                "extra_time_factor, created_at) VALUES "
                "(1, 'tamar', 'x', 'teacher', 1, 1, :at), (2, 'ani', 'x', 'student', 1, 2.5, :at)"
            ),
            {"at": T0},
        )
        connection.execute(
            text(
                "INSERT INTO classes (id, owner_id, name, join_code, created_at) VALUES "
                "(1, 1, 'A', 'AAAA2222', :at), (2, 1, 'B', 'BBBB2222', :at)"
            ),
            {"at": T0},
        )
        connection.execute(
            text(
                "INSERT INTO class_members (class_id, user_id, joined_at) VALUES "
                "(1, 2, :at), (2, 2, :at)"
            ),
            {"at": T0},
        )
    upgrade(directory=MIGRATIONS)
    with db.engine.connect() as connection:
        factors = connection.execute(
            text("SELECT extra_time_factor FROM class_members WHERE user_id = 2")
        ).scalars()
        assert list(factors) == [2.5, 2.5]
        assert (
            connection.execute(
                text("SELECT extra_time_factor FROM users WHERE id = 2")
            ).scalar_one()
            == 1
        )
