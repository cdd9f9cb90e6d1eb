"""How many SQL statements the pages a class feels send, whatever the size of bank and collection.

Each bound is checked on a small bank or collection and again after it has grown: the hot pages
must not issue a statement per card, per question or per candidate.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from support import create_user
from support_flashcards import T0 as CARDS_T0
from support_flashcards import install_clock, load_bank
from support_quizzes import T0, load_small_bank, make_quiz
from support_statements import statements_of

from quizapp import question_pool
from quizapp.models import Flashcard, ItemType, ItemVersion, Question, db

REVIEW_PAGE = 4
ATTEMPT_PAGE = 3
AUTOSAVE = 4
START = 6


def assert_at_most(bound: int, statements: list[str]) -> None:
    assert len(statements) <= bound, "\n".join(statements)


# --- the review page ------------------------------------------------------------------------------


def grow_collection(count: int) -> None:
    """`count` more history cards, each from a fact of the bank (siblings of its cards)."""
    originals = list(db.session.scalars(select(Flashcard).where(Flashcard.topic == "history")))
    for n in range(count):
        original = originals[n % len(originals)]
        db.session.add(
            Flashcard(
                id=f"{original.id}.extra{n}",
                fact_id=original.fact_id,
                topic=original.topic,
                tags=list(original.tags),
                content={**original.content, "front": f"Extra card {n}"},
                content_hash=f"{n:064d}",
                version=1,
                updated_at=CARDS_T0 - timedelta(days=30),
            )
        )
    db.session.commit()


def review_page(client) -> list[str]:
    page = {}

    def open_page() -> None:
        page["response"] = client.get("/flashcards/review")

    statements = statements_of(open_page)
    response = page["response"]
    assert response.status_code == 200
    assert re.search(rb'action="/flashcards/cards/\d+/review"', response.data), "a card is shown"
    return statements


@pytest.mark.parametrize("saved_settings", [False, True])
def test_the_review_page_sends_at_most_four_statements_however_large_the_collection(
    app, client, auth, saved_settings
):
    load_bank(app)
    install_clock(app)
    create_user("ani")
    auth.login("ani")
    if saved_settings:
        response = client.post(
            "/flashcards/settings",
            data={
                "desired_retention": "0.9",
                "new_cards_per_day": "50",
                "reviews_per_day": "200",
                "learning_steps": "1m 10m",
                "relearning_steps": "10m",
            },
        )
        assert response.status_code == 302
    client.post("/flashcards/decks/topic:history/add")
    # A card rated today: the day's counts and its buried siblings are in play.
    first = client.get("/flashcards/review").get_data(as_text=True)
    card_id = re.search(r'action="/flashcards/cards/(\d+)/review"', first).group(1)
    rated = client.post(
        f"/flashcards/cards/{card_id}/review", data={"rating": 3, "review_count": 0}
    )
    assert rated.status_code == 302

    assert_at_most(REVIEW_PAGE, review_page(client))
    grow_collection(300)
    client.post("/flashcards/decks/topic:history/add")
    assert_at_most(REVIEW_PAGE, review_page(client))


# --- quizzes -------------------------------------------------------------------------------------


def grow_bank(count: int) -> None:
    """`count` more live bank questions, each with its stored version."""
    templates = list(db.session.scalars(select(Question).order_by(Question.id)))
    for n in range(count):
        template = templates[n % len(templates)]
        prompt = f"Filler question {n}: {template.content['prompt']}"
        question = Question(
            id=f"gen.filler.{n}",
            kind=template.kind,
            topic=template.topic,
            tags=list(template.tags),
            content={**template.content, "prompt": prompt},
            content_hash=f"{n:064d}",
            version=1,
            updated_at=T0,
        )
        db.session.add(question)
        db.session.add(ItemVersion.of(ItemType.QUESTION, question, T0))
    db.session.commit()


def start(client, quiz_id: int) -> tuple[list[str], str]:
    """Press Start: the statements it sent, and the attempt page it leads to."""
    result = {}

    def press() -> None:
        result["response"] = client.post(f"/quizzes/{quiz_id}/start")

    statements = statements_of(press)
    response = result["response"]
    assert response.status_code == 302
    assert re.fullmatch(r"/attempts/\d+", response.headers["Location"])
    return statements, response.headers["Location"]


def take(client, url: str) -> tuple[list[str], list[str]]:
    """Open the attempt page and autosave two questions: the statements of each."""
    answers = {"q1-present": "1", "q2-present": "1"}
    responses = []
    page = statements_of(lambda: responses.append(client.get(url)))
    save = statements_of(lambda: responses.append(client.post(f"{url}/autosave", data=answers)))
    assert responses[0].status_code == 200 and 'name="q1' in responses[0].get_data(as_text=True)
    assert responses[1].status_code == 200 and responses[1].get_json()["saved"] is True
    return page, save


def new_student(auth, name: str) -> None:
    create_user(name)
    auth.logout()
    auth.login(name)


@pytest.mark.parametrize("layout", ["all", "one_per_page"])
def test_start_attempt_page_and_autosave_have_bounds_however_large_the_bank(
    app, client, auth, clock, layout
):
    load_small_bank(app)
    quiz_id = make_quiz(question_count=10, layout=layout).id
    for size, name in ((0, "ani"), (400, "bob")):
        grow_bank(size)
        # One student's start prepares the quiz's questions in this worker; a class follows.
        new_student(auth, f"{name}-first")
        start(client, quiz_id)
        new_student(auth, name)
        started, url = start(client, quiz_id)
        assert_at_most(START, started)
        page, save = take(client, url)
        assert_at_most(ATTEMPT_PAGE, page)
        assert_at_most(AUTOSAVE, save)


def reads_contents(statement: str) -> bool:
    return re.search(r"questions\.content(?!_)", statement) is not None


def test_a_start_reads_question_contents_only_for_versions_not_yet_prepared(
    app, client, auth, clock
):
    load_small_bank(app)
    grow_bank(200)
    quiz_id = make_quiz(question_count=10).id
    question_pool._prepared.clear()
    new_student(auth, "ani")
    cold, _ = start(client, quiz_id)
    new_student(auth, "bob")
    warm, _ = start(client, quiz_id)
    assert len(cold) == len(warm) + 1
    assert sum(reads_contents(statement) for statement in cold) == 1
    assert not any(reads_contents(statement) for statement in warm)

    # An edited question is a new version: its content is read again, and the edit is drawn.
    edited = db.session.get(Question, "gen.filler.0")
    edited.content = {**edited.content, "prompt": "An edited filler question"}
    edited.content_hash = "f" * 64
    edited.version = 2
    db.session.add(ItemVersion.of(ItemType.QUESTION, edited, T0))
    db.session.commit()
    new_student(auth, "cleo")
    after_edit, _ = start(client, quiz_id)
    assert len(after_edit) == len(cold)


def test_a_suppressed_or_retired_question_leaves_the_prepared_pool_at_once(app, clock):
    from quizapp.models import QuestionReview, Quiz

    load_small_bank(app)
    quiz = make_quiz(question_count=10)
    before = question_pool.pool(quiz)
    suppressed, retired = sorted(before)[:2]
    db.session.add(QuestionReview(question_id=suppressed, suppressed_at=T0))
    db.session.get(Question, retired).retired_at = T0
    db.session.commit()
    after = question_pool.pool(db.session.get(Quiz, quiz.id))
    assert set(after) == set(before) - {suppressed, retired}
