"""Import with a preview and line errors, all or nothing; export that round-trips; CSV guarded."""

from __future__ import annotations

import io
import re
import zipfile

from support import create_user
from support_teach import build_world, make_set

from quizapp.domain.gift import parse_gift
from quizapp.models import Question, Role, db

GOOD_GIFT = """::q1:: Which city is the capital of Armenia? {=Yerevan ~Baku ~Tbilisi}

::q2:: The 2020 war lasted 44 days. {TRUE}
"""
BAD_GIFT = GOOD_GIFT + "\n::q3:: Broken question {=A ~B\n"


def preview_field(page):
    """The id the preview page carries instead of the questions."""
    return re.search(r'name="preview" type="hidden" value="([^"]*)"', page)[1]


def _upload(client, set_id, name, text):
    return client.post(
        f"/teach/sets/{set_id}/import",
        data={"file": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data",
    )


def test_import_previews_then_saves_everything(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    preview = _upload(client, question_set.id, "capitals.gift", GOOD_GIFT)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "2 questions read" in page
    assert "Yerevan" not in preview_field(page)
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 0
    saved = client.post(
        f"/teach/sets/{question_set.id}/import/confirm",
        data={"preview": preview_field(page), "topic": "history"},
    )
    assert saved.status_code == 302
    kinds = db.session.scalars(db.select(Question.kind).order_by(Question.id)).all()
    assert kinds == ["single_choice", "true_false"]


def test_a_file_with_errors_lists_each_line_and_imports_only_when_asked(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    preview = _upload(client, question_set.id, "capitals.gift", BAD_GIFT)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 422
    assert "Line 5" in page
    assert "Import the 2 good questions and skip 1" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 0


def test_export_round_trips_and_csv_is_neutralised(app, auth, client):
    world = build_world()
    auth.login("tamar")
    set_id = world.question_set.id
    gift = client.get(f"/teach/sets/{set_id}/export/gift").get_data(as_text=True)
    parsed = parse_gift(gift)
    assert parsed.ok and len(parsed.questions) == 3
    assert parsed.questions[0].prompt == "Which city is the **capital** of Armenia?"
    teacher = world.teacher
    hostile = make_set(teacher, title="Formulas", questions=())
    from support_quizzes import T0

    from quizapp.domain.generation import QuestionKind
    from quizapp.domain.interchange import SetQuestion
    from quizapp.set_store import Sourcing, add_question

    add_question(
        hostile,
        SetQuestion(
            kind=QuestionKind.SINGLE_CHOICE,
            prompt="=HYPERLINK(1)",
            choices=("+1", "@x"),
            answer="+1",
        ),
        "history",
        Sourcing(),
        T0,
    )
    db.session.commit()
    csv_text = client.get(f"/teach/sets/{hostile.id}/export/csv").get_data(as_text=True)
    assert "'=HYPERLINK(1)" in csv_text
    assert "\n=" not in csv_text and ",=" not in csv_text
    apkg = client.get(f"/teach/sets/{set_id}/export/apkg")
    assert zipfile.ZipFile(io.BytesIO(apkg.data)).namelist() == ["collection.anki2", "media"]
