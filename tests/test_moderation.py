"""Suppressing and reviewing questions: pages, access, CSRF, bank syncs, and the draw."""

from __future__ import annotations

import dataclasses
import hashlib
import random
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st
from support import create_user
from support_quizzes import SMALL_BANK, T0, load_small_bank, make_quiz
from support_teach import build_world

from quizapp.attempt_store import start_or_resume
from quizapp.bank_store import incoming_items, read_bank, sync_bank
from quizapp.domain.generation import QuestionKind
from quizapp.domain.moderation import Judgement, ReviewState, drawable, review_state
from quizapp.domain.quiz_rules import Candidate, Selection, draw_questions
from quizapp.models import Flag, Flashcard, ItemType, Question, QuestionReview, Role, db
from quizapp.models.bank import question_card_id

BANK_QUESTION = "gen.figure-true-false.figure.nikol-pashinyan"
OTHER_BANK_QUESTION = "gen.event-year.event.second-war"


def _review(question_id: str) -> QuestionReview | None:
    db.session.expire_all()
    return db.session.get(QuestionReview, question_id)


def _admin_with_bank(app, auth):
    load_small_bank(app)
    create_user("ada", Role.ADMIN)
    auth.login("ada")


# --- the rule -------------------------------------------------------------------------------------


def test_review_state_follows_the_version_but_suppression_persists():
    assert review_state(None, 1) is ReviewState.NOT_REVIEWED
    assert review_state(Judgement(reviewed_version=2), 2) is ReviewState.REVIEWED
    assert review_state(Judgement(reviewed_version=2), 3) is ReviewState.CHANGED_SINCE_REVIEW
    assert review_state(Judgement(suppressed=True), 7) is ReviewState.SUPPRESSED
    assert review_state(Judgement(suppressed=True, reviewed_version=7), 7) is (
        ReviewState.SUPPRESSED
    )


candidates = st.lists(
    st.builds(
        Candidate,
        id=st.text("abcdef", min_size=1, max_size=4),
        kind=st.sampled_from(list(QuestionKind)),
        topic=st.sampled_from(["history", "actors"]),
        tags=st.just(()),
    ),
    max_size=25,
    unique_by=lambda candidate: candidate.id,
)


@settings(max_examples=100, deadline=None)
@given(pool=candidates, data=st.data(), count=st.integers(0, 30), seed=st.integers(0, 2**32))
def test_a_suppressed_question_is_never_drawn(pool, data, count, seed):
    ids = [candidate.id for candidate in pool]
    suppressed = data.draw(st.sets(st.sampled_from(ids)) if ids else st.just(set()))
    drawn = draw_questions(
        drawable(pool, suppressed), Selection(), count, random.Random(seed), shuffle=True
    )
    assert not set(drawn) & suppressed
    assert len(drawn) == min(count, len(pool) - len(suppressed))


# --- pages ----------------------------------------------------------------------------------------


def test_an_admin_finds_a_bank_question_by_id_or_text_and_reads_its_key(app, auth, client):
    _admin_with_bank(app, auth)
    search = "/moderation/questions"
    by_id = client.get(search, query_string={"q": "FIGURE-TRUE-FALSE.figure.nikol"})
    assert by_id.status_code == 200 and BANK_QUESTION in by_id.get_data(as_text=True)
    by_text = client.get("/moderation/questions", query_string={"q": "second nagorno"})
    page = by_text.get_data(as_text=True)
    assert OTHER_BANK_QUESTION in page and BANK_QUESTION not in page
    assert "No question matches" in client.get(
        "/moderation/questions", query_string={"q": "100%_"}
    ).get_data(as_text=True)
    shown = client.get(f"/moderation/questions/{BANK_QUESTION}").get_data(as_text=True)
    content = db.session.get(Question, BANK_QUESTION).content
    assert escape(content["prompt"]) in shown
    assert f"<strong>Key:</strong> {content['answer']}" in shown
    assert "Not reviewed" in shown
    single = db.session.scalars(
        db.select(Question).where(Question.kind == "single_choice").order_by(Question.id)
    ).first()
    choice = client.get(f"/moderation/questions/{single.id}")
    assert f"<li>{escape(single.content['answer'])}</li>" in choice.get_data(as_text=True)


def test_suppressing_needs_a_reason_and_saves_nothing_without_one(app, auth, client, clock):
    _admin_with_bank(app, auth)
    url = f"/moderation/questions/{BANK_QUESTION}/suppress"
    for reason in ("", "   ", "x" * 2001):
        response = client.post(url, data={"reason": reason})
        assert response.status_code == 422
        assert 'aria-invalid="true"' in response.get_data(as_text=True)
        assert _review(BANK_QUESTION) is None
    assert "Give a reason for suppressing" in client.post(url, data={"reason": " "}).get_data(
        as_text=True
    )
    kept = client.post(url, data={"reason": "x" * 2001}).get_data(as_text=True)
    assert "under 2000 characters" in kept and "x" * 2001 in kept
    assert client.post(url, data={"reason": "  Absurd on its face.  "}).status_code == 302
    review = _review(BANK_QUESTION)
    assert review.suppress_reason == "Absurd on its face." and review.suppressed_at == T0
    shown = client.get(f"/moderation/questions/{BANK_QUESTION}").get_data(as_text=True)
    assert "Suppressed by ada" in shown and "Absurd on its face." in shown
    listed = client.get("/moderation/questions").get_data(as_text=True)
    assert BANK_QUESTION in listed and OTHER_BANK_QUESTION not in listed
    assert client.post(f"/moderation/questions/{BANK_QUESTION}/restore").status_code == 302
    assert _review(BANK_QUESTION).suppressed_at is None
    assert "No question is suppressed" in client.get("/moderation/questions").get_data(as_text=True)


def test_marking_reviewed_records_the_version_read(app, auth, client):
    _admin_with_bank(app, auth)
    response = client.post(f"/moderation/questions/{OTHER_BANK_QUESTION}/reviewed")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/moderation/questions/{OTHER_BANK_QUESTION}")
    assert _review(OTHER_BANK_QUESTION).reviewed_version == 1
    shown = client.get(f"/moderation/questions/{OTHER_BANK_QUESTION}").get_data(as_text=True)
    assert "Version 1 reviewed by ada" in shown and "Mark version 1 reviewed" not in shown


def test_the_flags_queue_links_to_the_question_and_suppresses_there(app, auth, client):
    world = build_world()
    question_id = f"set.{world.question_set.id}.1"
    db.session.add(
        Flag(user_id=world.student.id, question_id=question_id, question_version=1, reason="Hm")
    )
    db.session.commit()
    auth.login("tamar")
    queue = client.get("/flags/").get_data(as_text=True)
    assert f'href="/moderation/questions/{question_id}"' in queue and "Not reviewed" in queue
    empty = client.post(
        f"/moderation/questions/{question_id}/suppress", data={"reason": "", "return_to": "flags"}
    )
    assert empty.status_code == 422 and _review(question_id) is None
    done = client.post(
        f"/moderation/questions/{question_id}/suppress",
        data={"reason": "The date is disputed.", "return_to": "flags"},
    )
    assert done.status_code == 302 and done.headers["Location"].endswith("/flags/")
    assert "Suppressed" in client.get("/flags/").get_data(as_text=True)
    odd = client.post(
        f"/moderation/questions/{question_id}/reviewed", data={"return_to": "https://evil.test"}
    )
    assert odd.status_code == 400


# --- who may --------------------------------------------------------------------------------


def test_only_the_owner_or_an_admin_may_moderate(app, auth, client):
    load_small_bank(app)
    world = build_world()
    set_question = f"set.{world.question_set.id}.1"
    actions = ("suppress", "restore", "reviewed")

    def post(question_id, action):
        return client.post(
            f"/moderation/questions/{question_id}/{action}", data={"reason": "Wrong."}
        ).status_code

    auth.login("ani")  # a student
    assert client.get("/moderation/questions").status_code == 403
    assert client.get(f"/moderation/questions/{set_question}").status_code == 403
    assert {post(q, a) for q in (set_question, BANK_QUESTION) for a in actions} == {403}
    auth.logout()
    auth.login("oscar")  # another teacher
    assert client.get(f"/moderation/questions/{set_question}").status_code == 404
    assert client.get(f"/moderation/questions/{BANK_QUESTION}").status_code == 404
    assert client.get("/moderation/questions/no.such.question").status_code == 404
    assert {post(q, a) for q in (set_question, BANK_QUESTION) for a in actions} == {404}
    assert "Capitals" not in client.get(
        "/moderation/questions", query_string={"q": "capital"}
    ).get_data(as_text=True)
    assert BANK_QUESTION not in client.get(
        "/moderation/questions", query_string={"q": "pashinyan"}
    ).get_data(as_text=True)
    assert _review(set_question) is None and _review(BANK_QUESTION) is None
    auth.logout()
    auth.login("tamar")  # the set's owner: their set, not the bank
    assert "capital" in client.get("/moderation/questions", query_string={"q": "capital"}).get_data(
        as_text=True
    )
    assert post(BANK_QUESTION, "suppress") == 404
    assert post(set_question, "suppress") == 302
    auth.logout()
    auth.login("ada")  # an admin: the bank, not another teacher's set
    assert post(set_question, "restore") == 404
    assert post(BANK_QUESTION, "suppress") == 302
    assert _review(set_question).suppressed_at is not None
    assert _review(BANK_QUESTION).suppressed_at is not None


def test_every_moderation_post_needs_the_csrf_token(csrf_app):
    load_small_bank(csrf_app)
    create_user("ada", Role.ADMIN)
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    login = {"username": "ada", "password": "correct horse battery", "csrf_token": token}
    assert client.post("/login", data=login).status_code == 302
    for action in ("suppress", "restore", "reviewed"):
        response = client.post(
            f"/moderation/questions/{BANK_QUESTION}/{action}", data={"reason": "Wrong."}
        )
        assert response.status_code == 400
    assert _review(BANK_QUESTION) is None


# --- bank syncs and draws -------------------------------------------------------------------


def _resync(app, change: dict[str, str], leave_out: tuple[str, ...] = (), at=T0) -> None:
    """Sync the small bank again with some questions' prompts changed and some left out."""
    items = incoming_items(read_bank(SMALL_BANK), app.config["QUESTION_BANK_SEED"])
    questions = []
    for item in items[ItemType.QUESTION]:
        if item.id in leave_out:
            continue
        if item.id in change:
            content = {**item.content, "prompt": change[item.id]}
            digest = hashlib.sha256(change[item.id].encode()).hexdigest()
            item = dataclasses.replace(item, content=content, content_hash=digest)
        questions.append(item)
    sync_bank({**items, ItemType.QUESTION: questions}, at)
    db.session.commit()


def test_suppression_survives_a_sync_and_a_review_resets_on_a_new_version(app, auth, client):
    _admin_with_bank(app, auth)
    client.post(f"/moderation/questions/{BANK_QUESTION}/suppress", data={"reason": "Absurd."})
    client.post(f"/moderation/questions/{BANK_QUESTION}/reviewed")
    client.post(f"/moderation/questions/{OTHER_BANK_QUESTION}/reviewed")
    _resync(app, {})  # regenerated, same content
    assert _review(BANK_QUESTION).suppressed_at is not None
    shown = client.get(f"/moderation/questions/{OTHER_BANK_QUESTION}").get_data(as_text=True)
    assert "Reviewed" in shown
    _resync(
        app,
        {
            BANK_QUESTION: "True or false: Nikol Pashinyan served as Prime Minister of Armenia.",
            OTHER_BANK_QUESTION: "In which year did the 44-day war begin?",
        },
    )
    assert db.session.get(Question, BANK_QUESTION).version == 2
    assert _review(BANK_QUESTION).suppressed_at is not None
    shown = client.get(f"/moderation/questions/{OTHER_BANK_QUESTION}").get_data(as_text=True)
    assert "Changed since review" in shown and "Mark version 2 reviewed" in shown
    _resync(app, {}, leave_out=(BANK_QUESTION,))  # retired
    _resync(app, {})  # and back
    assert db.session.get(Question, BANK_QUESTION).retired_at is None
    assert _review(BANK_QUESTION).suppressed_at is not None
    assert "Suppressed" in client.get(f"/moderation/questions/{BANK_QUESTION}").get_data(
        as_text=True
    )


def test_a_quiz_never_draws_a_suppressed_question(app):
    load_small_bank(app)
    admin = create_user("ada", Role.ADMIN)
    bank = [q.id for q in db.session.scalars(db.select(Question).order_by(Question.id))]
    hidden = bank[::3]
    from quizapp.moderation.store import suppress

    for question_id in hidden:
        suppress(db.session.get(Question, question_id), admin, "Withdrawn.", T0)
    db.session.commit()
    quiz = make_quiz(question_count=len(bank), attempts_allowed=None)
    for number in range(3):
        student = create_user(f"student{number}")
        attempt = start_or_resume(quiz, student, T0)
        drawn = {q.question_id for q in attempt.questions}
        db.session.commit()
        assert drawn == set(bank) - set(hidden)


def test_a_suppressed_set_question_is_not_served_as_a_flashcard(app, auth, client):
    world = build_world()
    question_id = f"set.{world.question_set.id}.1"
    card_id = question_card_id(question_id)
    assert db.session.get(Flashcard, card_id).retired_at is None
    auth.login("tamar")
    client.post(f"/moderation/questions/{question_id}/suppress", data={"reason": "Unclear."})
    db.session.expire_all()
    assert db.session.get(Flashcard, card_id).retired_at is not None
    client.post(f"/moderation/questions/{question_id}/restore")
    db.session.expire_all()
    assert db.session.get(Flashcard, card_id).retired_at is None
