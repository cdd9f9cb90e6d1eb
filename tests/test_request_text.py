"""Text the database cannot store (a NUL, a lone surrogate) is refused at the door, for every
JSON body, form and query string: a clear 400 (or 422 on a form, naming the field), nothing saved.
"""

from __future__ import annotations

import pytest
from support import create_user
from support_teach import assign, enrol, make_class, make_set, make_set_quiz

from quizapp.api import token_hash
from quizapp.domain.generation import QuestionKind
from quizapp.domain.interchange import SetQuestion
from quizapp.models import ApiToken, AttemptQuestion, Role, User, db

TOWN = SetQuestion(
    kind=QuestionKind.SHORT_TEXT,
    prompt="Name the town in the hills above Stepanakert / Khankendi.",
    answer={"answer": "Shusha", "accept": ["Shusha", "Shushi"]},
    explanation="Shusha (Azerbaijani) / Shushi (Armenian).",
    markdown=True,
)


@pytest.fixture
def short_text_attempt(app, client, clock):
    """A student's API attempt at a one-question short-text assignment, and their token."""
    teacher = create_user("tamar", Role.TEACHER)
    student = create_user("ani")
    quiz = make_set_quiz(teacher, make_set(teacher, questions=(TOWN,)))
    school_class = make_class(teacher)
    enrol(school_class, student)
    assign(school_class, quiz)
    db.session.add(ApiToken(user_id=student.id, name="cli", token_hash=token_hash("tok-ani")))
    db.session.commit()
    headers = {"Authorization": "Bearer tok-ani"}
    attempt = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).json
    return attempt["id"], headers, school_class.id


@pytest.mark.parametrize(
    "body",
    [
        '{"response": "\\ud800"}',
        '{"response": "Shu\\udfffsha"}',
        '{"response": "Shu\\u0000sha"}',
        '{"response\\ud800": "Shusha"}',
    ],
    ids=["lone-high-surrogate", "lone-low-surrogate", "nul", "surrogate-in-a-key"],
)
def test_an_api_answer_with_unstorable_text_is_refused_and_nothing_saved(
    client, short_text_attempt, body
):
    attempt_id, headers, _ = short_text_attempt
    refused = client.put(
        f"/api/v1/attempts/{attempt_id}/answers/1",
        data=body,
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused.json["field"].startswith("response")
    assert "cannot be stored" in refused.json["message"]
    assert db.session.scalar(db.select(AttemptQuestion.response)) is None


def test_after_a_refused_surrogate_the_result_and_teacher_pages_work(
    client, auth, short_text_attempt
):
    attempt_id, headers, class_id = short_text_attempt
    client.put(
        f"/api/v1/attempts/{attempt_id}/answers/1",
        data='{"response": "\\ud800"}',
        content_type="application/json",
        headers=headers,
    )
    assert client.post(f"/api/v1/attempts/{attempt_id}/submit", headers=headers).status_code == 200
    assert client.get(f"/api/v1/attempts/{attempt_id}/result", headers=headers).status_code == 200
    auth.login("ani")
    assert client.get(f"/attempts/{attempt_id}").status_code == 200
    auth.logout()
    auth.login("tamar")
    assert client.get(f"/teach/classes/{class_id}/attempts/{attempt_id}").status_code == 200


def test_a_login_form_with_a_nul_is_refused_naming_the_field(app, client):
    create_user("ani")
    refused = client.post("/login", data={"username": "ani\x00", "password": "whatever pw"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "“username”" in page and "NUL" in page


def test_a_registration_with_a_nul_saves_nothing(app, client):
    refused = client.post(
        "/register",
        data={
            "username": "newbie",
            "password": "long enough\x00pw",
            "confirm": "long enough\x00pw",
        },
    )
    assert refused.status_code == 422 and "“password”" in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(User).where(User.username == "newbie")) is None


def test_a_query_string_with_a_nul_is_refused(app, client):
    create_user("ani")
    refused = client.get("/login?next=/quizzes%00")
    assert refused.status_code == 400 and "“next”" in refused.get_data(as_text=True)


def test_ordinary_non_ascii_text_passes(client, short_text_attempt):
    attempt_id, headers, _ = short_text_attempt
    saved = client.put(
        f"/api/v1/attempts/{attempt_id}/answers/1",
        json={"response": "Şuşa — Շուշի"},
        headers=headers,
    )
    assert saved.status_code == 200
    assert db.session.scalar(db.select(AttemptQuestion.response)) == "Şuşa — Շուշի"
