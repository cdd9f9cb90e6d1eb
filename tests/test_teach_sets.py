"""Question sets through the forms: write, edit (new versions), preview, delete; safe text."""

from __future__ import annotations

from support import create_user
from support_teach import build_world, make_set

from quizapp.models import ItemVersion, Question, QuestionSet, Role, db
from quizapp.rich_text import rich

SINGLE = {
    "kind": "single_choice",
    "topic": "history",
    "prompt": "Which city is *Stepanakert / Khankendi*?",
    "choices": "*The main city of Nagorno-Karabakh\nThe capital of Georgia",
    "explanation": "Both names are in use.",
}


def test_a_teacher_writes_every_kind_of_question(app, auth, client):
    create_user("tamar", Role.TEACHER)
    auth.login("tamar")
    response = client.post("/teach/sets/new", data={"title": "Cities", "description": ""})
    set_id = db.session.scalar(db.select(QuestionSet.id))
    assert response.headers["Location"].endswith(f"/teach/sets/{set_id}")
    forms = [
        SINGLE,
        {"kind": "multiple_choice", "prompt": "Which?", "choices": "*A\n*B\nC"},
        {"kind": "true_false", "prompt": "True?", "truth": "true"},
        {"kind": "numeric", "prompt": "Year?", "number": "1994", "tolerance": "0"},
        {"kind": "short_text", "prompt": "Name?", "accepted": "Shusha\nShushi"},
        {"kind": "matching", "prompt": "Match", "pairs": "A = 1\nB = 2"},
        {"kind": "ordering", "prompt": "Earliest first", "ordered_items": "1988\n1994\n2020"},
    ]
    for form in forms:
        response = client.post(
            f"/teach/sets/{set_id}/questions/new",
            data={"topic": "history", "explanation": "", **form},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    rows = db.session.scalars(db.select(Question).order_by(Question.id)).all()
    assert [row.kind for row in rows] == [form["kind"] for form in forms]
    assert [row.id for row in rows] == [f"set.{set_id}.{n}" for n in range(1, 8)]
    assert rows[4].content["answer"] == {"answer": "Shusha", "accept": ["Shusha", "Shushi"]}
    ordering = rows[6].content
    assert ordering["answer"] == ["1988", "1994", "2020"]
    assert sorted(ordering["choices"]) == ordering["answer"] != ordering["choices"]
    short = client.post(
        f"/teach/sets/{set_id}/questions/new",
        data={"kind": "ordering", "topic": "history", "prompt": "Order", "ordered_items": "a\nb"},
    )
    assert short.status_code == 422
    assert "An ordering question needs at least three items." in short.get_data(as_text=True)
    preview = client.get(f"/teach/sets/{set_id}/questions/1")
    assert "<em>Stepanakert / Khankendi</em>" in preview.get_data(as_text=True)


def test_bad_input_keeps_what_was_typed_and_saves_nothing(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    response = client.post(
        f"/teach/sets/{question_set.id}/questions/new",
        data={**SINGLE, "choices": "Yerevan\nBaku"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Mark exactly one choice as correct" in page
    assert "Yerevan\nBaku</textarea>" in page
    assert "Which city is *Stepanakert / Khankendi*?" in page
    numeric = client.post(
        f"/teach/sets/{question_set.id}/questions/new",
        data={"kind": "numeric", "topic": "history", "prompt": "Year?", "number": "soon"},
    )
    assert numeric.status_code == 422
    assert "Give the correct number" in numeric.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 0


def test_editing_makes_a_new_version_and_past_results_keep_theirs(app, auth, client):
    world = build_world()
    auth.login("tamar")
    set_id = world.question_set.id
    response = client.post(
        f"/teach/sets/{set_id}/questions/1/edit",
        data={**SINGLE, "prompt": "Which city is the capital?", "choices": "*Yerevan\nGyumri"},
    )
    assert response.status_code == 302
    row = db.session.get(Question, f"set.{set_id}.1")
    db.session.refresh(row)
    assert row.version == 2
    versions = db.session.scalars(
        db.select(ItemVersion.version).where(ItemVersion.item_id == row.id)
    ).all()
    assert sorted(versions) == [1, 2]
    auth.logout()
    auth.login("ani")
    result = client.get(f"/attempts/{world.attempt.id}").get_data(as_text=True)
    assert "<strong>capital</strong> of Armenia" in result  # the version that was asked
    assert "66.7%" in result


def test_deleting_retires_the_question_and_the_set(app, auth, client):
    world = build_world()
    auth.login("tamar")
    set_id = world.question_set.id
    assert client.post(f"/teach/sets/{set_id}/questions/1/delete").status_code == 302
    assert client.get(f"/teach/sets/{set_id}/questions/1").status_code == 404
    assert db.session.get(Question, f"set.{set_id}.1").retired_at is not None
    assert client.post(f"/teach/sets/{set_id}/delete").status_code == 302
    assert client.get(f"/teach/sets/{set_id}").status_code == 404
    auth.logout()
    auth.login("ani")
    assert client.get(f"/attempts/{world.attempt.id}").status_code == 200


def test_a_set_is_private_until_shared_or_public(app, auth, client):
    world = build_world()
    auth.login("ani")
    url = f"/sets/{world.question_set.id}"
    assert client.get(url).status_code == 404
    auth.logout()
    auth.login("tamar")
    client.post(
        f"/teach/sets/{world.question_set.id}/edit",
        data={"title": "Capitals", "shared_with": [str(world.school_class.id)]},
    )
    auth.logout()
    auth.login("ani")
    assert client.get(url).status_code == 200
    assert "Capitals" in client.get(f"/classes/{world.school_class.id}").get_data(as_text=True)
    auth.logout()
    auth.login("ilkin")
    assert client.get(url).status_code == 404


def test_authored_markdown_can_never_run_script():
    hostile = (
        "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
        '<a href="javascript:alert(1)">y</a> **ok**'
    )
    html = str(rich(hostile))
    assert "<script" not in html and "<img" not in html and '<a href="javascript' not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert "<strong>ok</strong>" in html
    assert str(rich("*a*", markdown=False)) == "*a*"


def test_posts_need_a_csrf_token(csrf_app):
    create_user("tamar", Role.TEACHER)
    client = csrf_app.test_client()
    response = client.post("/teach/sets/new", data={"title": "No token"})
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(QuestionSet)) == 0


def test_a_teacher_builds_a_quiz_from_sets_and_bank_topics(app, auth, client):
    world = build_world()
    auth.login("tamar")
    bad = client.post("/teach/quizzes/new", data={"title": "Nothing", "question_count": "5"})
    assert bad.status_code == 422
    assert "Choose at least one set" in bad.get_data(as_text=True)
    good = client.post(
        "/teach/quizzes/new",
        data={
            "title": "Mixed",
            "include_bank": "y",
            "topic": "history",
            "set_ids": [str(world.question_set.id)],
            "question_count": "5",
            "time_limit_minutes": "10",
            "grading_method": "average",
            "feedback_timing": "at_end",
        },
    )
    assert good.status_code == 302
    from quizapp.models import Quiz

    quiz = db.session.scalar(db.select(Quiz).where(Quiz.title == "Mixed"))
    assert quiz.set_ids == [world.question_set.id] and quiz.include_bank
    assert quiz.topic == "history" and quiz.time_limit_seconds == 600
    assert quiz.owner_id == world.teacher.id
