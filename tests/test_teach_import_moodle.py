"""A Moodle GIFT file through the import pages: server-side preview, problems, format, topic,
tags, the import cap, and weights that count in results, item analysis and the gradebook."""

from __future__ import annotations

import io
import re
from pathlib import Path

from support import create_user
from support_quizzes import T0
from support_teach import assign, enrol, make_class, make_set, make_set_quiz, take

from quizapp.attempt_display import question_views
from quizapp.class_store import gradebook, item_analysis
from quizapp.domain.generation import QuestionKind
from quizapp.domain.interchange import SetQuestion
from quizapp.models import ImportPreview, Question, Role, db

FIXTURE = Path(__file__).parent / "data" / "interchange" / "moodle_constructs.txt"


def upload(client, set_id, name, text, fmt=""):
    return client.post(
        f"/teach/sets/{set_id}/import",
        data={"file": (io.BytesIO(text.encode()), name), "format": fmt},
        content_type="multipart/form-data",
    )


def preview_id(page):
    return re.search(r'name="preview" type="hidden" value="([^"]*)"', page)[1]


def confirm(client, set_id, preview, topic="history"):
    return client.post(
        f"/teach/sets/{set_id}/import/confirm", data={"preview": preview, "topic": topic}
    )


def count(model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_the_moodle_fixture_as_txt_is_read_as_gift_and_imports_whole(app, auth, client, clock):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    page = upload(client, question_set.id, "bank.txt", FIXTURE.read_text()).get_data(as_text=True)
    assert "Read as GIFT because .txt names no format" in page
    assert "26 questions read without problems" in page
    assert "Numeric partial" in page and "earns 50%" in page
    assert confirm(client, question_set.id, preview_id(page), "figures").status_code == 302
    rows = db.session.scalars(db.select(Question).order_by(Question.updated_at)).all()
    assert len(rows) == 26 and {row.topic for row in rows} == {"figures"}
    assert {tuple(row.tags) for row in rows} == {("NK101/Ceasefires",), ("NK101/Mediation",)}
    named = next(row for row in rows if row.content["name"] == "Short partial")
    assert named.content["weights"] == {"Shusa": 75.0, "Shushi": 25.0}
    assert count(ImportPreview) == 0
    shown = client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True)
    assert "Short partial" in shown and "NK101/Mediation" in shown


def test_a_wrong_guess_is_explained_and_the_teacher_can_choose(app, auth, client, clock):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    text = "Which city is Armenia's capital?\nA. Yerevan\nB. Baku\nANSWER: A\n"
    forced = upload(client, question_set.id, "set.txt", text, fmt="gift")
    page = forced.get_data(as_text=True)
    assert forced.status_code == 422
    assert "Read as GIFT because you chose it" in page
    assert "choose it under “Format” and preview again" in page
    guessed = upload(client, question_set.id, "set.txt", text).get_data(as_text=True)
    assert "Read as Aiken because .txt names no format" in guessed
    assert "1 question read without problems" in guessed


def test_the_good_questions_go_in_and_the_skipped_ones_are_listed(app, auth, client, clock):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    text = "Good? {T}\n\nBad? {\n=%25%a\n~b\n~b\n}\n\nAlso good? {=a ~b}\n\nEssay? {}\n"
    response = upload(client, question_set.id, "mixed.gift", text)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "3 problems in the file, in 2 questions" in page
    assert "Line 4:" in page and "Line 6:" in page and "Line 11:" in page
    assert "The question on line 3:" in page and "The question on line 11:" in page
    assert count(Question) == 0
    saved = confirm(client, question_set.id, preview_id(page))
    assert saved.status_code == 302
    prompts = db.session.scalars(db.select(Question.content)).all()
    assert sorted(content["prompt"] for content in prompts) == ["Also good?", "Good?"]
    assert "Skipped 2 with problems" in client.get(saved.location).get_data(as_text=True)


def test_a_preview_is_only_its_teachers_for_its_set_and_expires(app, auth, client, clock):
    teacher = create_user("tamar", Role.TEACHER)
    other_teacher = create_user("oscar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    page = upload(client, question_set.id, "one.gift", "Good? {T}\n").get_data(as_text=True)
    preview = preview_id(page)
    auth.logout()
    auth.login("oscar")
    other_set = make_set(other_teacher, title="Oscar's", questions=())
    assert confirm(client, other_set.id, preview).status_code == 302
    assert confirm(client, question_set.id, preview).status_code == 404
    auth.logout()
    auth.login("tamar")
    clock.advance(hours=2)
    expired = confirm(client, question_set.id, preview)
    assert expired.status_code == 302 and "/import" in expired.location
    assert count(Question) == 0


def test_more_than_a_thousand_questions_is_refused_with_the_count(app, auth, client, clock):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    text = "\n\n".join(f"Question {n}? {{T}}" for n in range(1001))
    response = upload(client, question_set.id, "big.gift", text)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The file holds 1,001 questions; one import takes at most 1,000" in page
    assert count(ImportPreview) == 0 and count(Question) == 0


WEIGHTED = (
    SetQuestion(
        kind=QuestionKind.MULTIPLE_CHOICE,
        prompt="Which two countries fought the 2020 war?",
        choices=("Georgia", "Armenia", "Azerbaijan", "Iran"),
        answer=["Armenia", "Azerbaijan"],
        weights={"Georgia": -50.0, "Armenia": 50.0, "Azerbaijan": 50.0, "Iran": -50.0},
        choice_feedback={"Iran": "Iran did not take part."},
        explanation="Armenia and Azerbaijan fought it.",
    ),
    SetQuestion(
        kind=QuestionKind.SHORT_TEXT,
        prompt="Give the Azerbaijani name of Shushi.",
        answer={"answer": "Shusha", "accept": ["Shusha", "Shusa"]},
        weights={"Shusa": 75.0},
        choice_feedback={"Shusa": "Right, but misspelled."},
    ),
)


def test_weights_count_in_results_item_analysis_and_the_gradebook(app):
    teacher = create_user("tamar", Role.TEACHER)
    student = create_user("sona", Role.STUDENT)
    question_set = make_set(teacher, questions=WEIGHTED)
    quiz = make_set_quiz(teacher, question_set)
    school_class = make_class(teacher)
    enrol(school_class, student)
    assignment = assign(school_class, quiz)
    attempt = take(
        quiz, student, assignment, {"Which two": ["Armenia", "Iran"], "Give the": "shusa"}
    )
    scores = sorted(q.score for q in attempt.questions)
    assert scores == [0.0, 0.75]  # 50 % - 50 % = 0; the misspelling earns 75 %
    assert attempt.score == 0.375
    views = {view.prompt[:9]: view for view in question_views(attempt, T0)}
    assert views["Which two"].reveal.answer_feedback == ("Iran did not take part.",)
    assert views["Give the "].reveal.answer_feedback == ("Right, but misspelled.",)
    book = gradebook(school_class.id)
    assert book.cells[(student.id, assignment.id)].grade == 0.375
    facilities = sorted(report.stats.facility for report in item_analysis(assignment.id))
    assert facilities == [0.0, 0.75]


def test_the_question_form_sets_weights_and_keeps_imported_feedback(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    new = f"/teach/sets/{question_set.id}/questions/new"
    forms = [
        {
            "kind": "multiple_choice",
            "prompt": "Which two?",
            "choices": "%-50% Georgia\n*%50% Armenia\n*%50% Azerbaijan",
        },
        {"kind": "short_text", "prompt": "Shushi?", "accepted": "Shusha\n%75% Shusa"},
        {
            "kind": "numeric",
            "prompt": "End?",
            "number": "2020",
            "tolerance": "0",
            "ranges": "%50% 2020:1",
        },
        {"kind": "single_choice", "prompt": "When?", "choices": "*Nov 2020\n%50% 2020\nSep"},
    ]
    for form in forms:
        response = client.post(new, data={"topic": "history", "explanation": "", **form})
        assert response.status_code == 302, response.get_data(as_text=True)
    rows = db.session.scalars(db.select(Question).order_by(Question.id)).all()
    assert rows[0].content["weights"] == {"Georgia": -50.0, "Armenia": 50.0, "Azerbaijan": 50.0}
    assert rows[1].content["weights"] == {"Shusa": 75.0}
    assert rows[2].content["answer"]["ranges"] == [{"value": 2020, "tolerance": 1, "weight": 50.0}]
    assert rows[3].content["weights"] == {"2020": 50.0}
    edit = client.get(f"/teach/sets/{question_set.id}/questions/2/edit").get_data(as_text=True)
    assert "Shusha\n%75% Shusa</textarea>" in edit
    bad = client.post(new, data={**forms[2], "topic": "history", "ranges": "%half% 2020"})
    assert bad.status_code == 422
    assert "write a weight and a range, such as %50% 2020:1" in bad.get_data(as_text=True)


def test_editing_an_imported_question_keeps_its_name_tag_and_feedback(app, auth, client):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    text = "$CATEGORY: NK101\n\n::Capital::Capital? {=Yerevan#Right. ~Baku#No.}\n"
    page = upload(client, question_set.id, "c.gift", text).get_data(as_text=True)
    confirm(client, question_set.id, preview_id(page))
    response = client.post(
        f"/teach/sets/{question_set.id}/questions/1/edit",
        data={
            "kind": "single_choice",
            "topic": "history",
            "prompt": "Capital of Armenia?",
            "choices": "*Yerevan\nBaku\nGyumri",
            "explanation": "",
        },
    )
    assert response.status_code == 302
    row = db.session.scalar(db.select(Question))
    db.session.refresh(row)
    assert row.content["name"] == "Capital" and row.tags == ["NK101"]
    assert row.content["choice_feedback"] == {"Yerevan": "Right.", "Baku": "No."}
