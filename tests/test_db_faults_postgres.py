"""PostgreSQL drops the app's connections between and during requests: nothing half-saved.

The app's connections carry an application name, so the test can find them in pg_stat_activity
and end them with pg_terminate_backend from a connection of its own, as a database restart or a
failover would.
"""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import event
from support import PASSWORD, POSTGRES_URL, create_user, in_context, make_app
from support_teach import assign, enrol, make_class, make_set, make_set_quiz

from quizapp.models import Attempt, AttemptQuestion, Role, db

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="needs PostgreSQL: set QUIZAPP_TEST_DATABASE_URL (CI does)"
)
APP_NAME = "quizapp-fault-test"
ANSWERS = {"q1": "Yerevan", "q2": "1994", "q3": "true"}


def terminate(pids: list[int] | None = None) -> int:
    """End the app's connections (or these backends); how many were ended."""
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        if pids is None:
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND pid <> pg_backend_pid()",
                (APP_NAME,),
            ).fetchall()
        else:
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (pids,)
            ).fetchall()
    return sum(1 for (ended,) in rows if ended)


@pytest.fixture
def fault_app(migrated_database):
    app = make_app(
        migrated_database,
        SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"application_name": APP_NAME}},
        PROPAGATE_EXCEPTIONS=False,
    )
    with in_context(app):
        yield app


@pytest.fixture
def attempt_url(fault_app):
    teacher = create_user("tamar", Role.TEACHER)
    quiz = make_set_quiz(teacher, make_set(teacher), question_count=3)
    school_class = make_class(teacher)
    enrol(school_class, create_user("ani"))
    assign(school_class, quiz)
    client = fault_app.test_client()
    assert client.post("/login", data={"username": "ani", "password": PASSWORD}).status_code == 302
    started = client.post(f"/quizzes/{quiz.id}/start")
    assert started.status_code == 302
    return client, started.headers["Location"]


def saved_responses() -> list[object]:
    db.session.expire_all()
    return [q.response for q in db.session.scalars(db.select(AttemptQuestion))]


def test_requests_after_the_connections_were_dropped_succeed(fault_app, attempt_url):
    client, url = attempt_url
    assert client.get(url).status_code == 200
    db.session.remove()  # the test's own session gives its connection back to the pool too
    assert terminate() >= 1
    assert client.get(url).status_code == 200
    assert client.post(url, data={**ANSWERS, "action": "save"}).status_code == 302
    assert saved_responses() == ["Yerevan", 1994, True]


def test_a_connection_dropped_before_commit_saves_nothing_and_the_next_request_works(
    fault_app, attempt_url
):
    client, url = attempt_url
    dropped = []

    def drop_connection_before_commit(session) -> None:
        if not dropped:
            pid = session.connection().connection.dbapi_connection.info.backend_pid
            dropped.append(terminate([pid]))

    event.listen(db.session, "before_commit", drop_connection_before_commit)
    try:
        failed = client.post(url, data={**ANSWERS, "action": "save"})
    finally:
        event.remove(db.session, "before_commit", drop_connection_before_commit)
    assert dropped == [1]
    assert failed.status_code == 500
    assert "Something went wrong" in failed.text
    db.session.remove()
    assert saved_responses() == [None, None, None]  # not one of the three answers
    assert client.get(url).status_code == 200
    assert client.post(url, data={**ANSWERS, "action": "save"}).status_code == 302
    assert saved_responses() == ["Yerevan", 1994, True]
    assert db.session.scalars(db.select(Attempt)).one().state.value == "open"
