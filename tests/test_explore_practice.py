"""From reading to practice: "Quiz me on this" and "Add to my flashcards" use exactly the facts
of the explore selection, ask anonymous readers to log in and bring them back, and stay out of
gradebooks."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select
from support import create_user
from support_explore import load_real_bank
from support_flashcards import cards_of
from support_quizzes import T0
from support_teach import build_world

from quizapp.bank_store import incoming_items, sync_bank
from quizapp.domain.bank import Bank
from quizapp.domain.explore import ExploreBank, Selection, selection_facts
from quizapp.explore.store import sync_explore
from quizapp.flashcard_store import deck_flashcards, find_deck
from quizapp.models import Attempt, ExploreDeck, Flashcard, Question, Quiz, db

SELECTIONS = ["person:figure.ilham-aliyev", "period:second-war", "place:place.stepanakert"]


def facts_of(load, selection: str) -> set[str]:
    bank = ExploreBank(load.bank.facts, load.periods)
    return {fact.id for fact in selection_facts(bank, Selection.parse(selection))}


def questions_within(fact_ids: set[str]) -> set[str]:
    rows = db.session.scalars(select(Question).where(Question.set_id.is_(None)))
    return {
        row.id
        for row in rows
        if row.retired_at is None
        and row.content.get("fact_ids")
        and set(row.content["fact_ids"]) <= fact_ids
    }


@pytest.mark.parametrize("selection", SELECTIONS)
def test_quiz_me_on_this_draws_only_the_selections_facts_untimed(app, client, auth, selection):
    load = load_real_bank(app)
    create_user("reader")
    auth.login("reader")
    response = client.post("/explore/practice", data={"selection": selection})
    assert response.status_code == 302 and response.headers["Location"].startswith("/attempts/")
    attempt = db.session.scalar(select(Attempt))
    allowed = questions_within(facts_of(load, selection))
    drawn = {question.question_id for question in attempt.questions}
    assert drawn and drawn <= allowed
    # At most ten, and fewer where two questions would share a fact (the draw never pairs them).
    assert 0 < len(drawn) <= min(10, len(allowed))
    assert attempt.deadline is None and attempt.assignment_id is None
    assert attempt.quiz.time_limit_seconds is None
    assert attempt.quiz.practice_of == selection
    assert set(attempt.quiz.fact_ids) == facts_of(load, selection)
    # Starting again resumes the same attempt of the same quiz.
    again = client.post("/explore/practice", data={"selection": selection})
    assert again.headers["Location"] == response.headers["Location"]
    assert db.session.scalar(select(db.func.count()).select_from(Quiz)) == 1


def test_a_practice_attempt_stays_out_of_the_gradebook_and_the_teachers_quizzes(app, client, auth):
    load_real_bank(app)
    world = build_world()
    auth.login("tamar")
    gradebook = f"/teach/classes/{world.school_class.id}/gradebook.csv"
    before = client.get(gradebook).get_data(as_text=True)
    client.post("/explore/practice", data={"selection": "person:figure.ilham-aliyev"})
    practice = db.session.scalar(select(Quiz).where(Quiz.practice_of.is_not(None)))
    assert practice.owner_id == world.teacher.id
    auth.logout()
    auth.login("ani")
    client.post("/explore/practice", data={"selection": "person:figure.ilham-aliyev"})
    attempt = db.session.scalar(
        select(Attempt)
        .join(Attempt.quiz)
        .where(Quiz.practice_of.is_not(None), Attempt.user_id == world.student.id)
    )
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    auth.logout()
    auth.login("tamar")
    assert client.get(gradebook).get_data(as_text=True) == before
    assert "Practice:" not in client.get("/teach").get_data(as_text=True)


def test_an_anonymous_reader_is_asked_to_log_in_and_comes_back(app, client, auth):
    load_real_bank(app)
    create_user("reader")
    page = "/explore/people/figure.ilham-aliyev"
    html = client.get(page).get_data(as_text=True)
    assert 'href="/login?next=/explore/people/figure.ilham-aliyev"' in html
    assert "Quiz me on this" not in html
    response = client.post(
        "/explore/practice", data={"selection": "person:figure.ilham-aliyev", "next": page}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fexplore%2Fpeople%2Ffigure.ilham-aliyev"
    assert db.session.scalar(select(db.func.count()).select_from(Quiz)) == 0
    back = auth.login("reader", next=page)
    assert back.headers["Location"] == page
    # A foreign `next` is never followed.
    create_user("other")
    client.post("/logout")
    away = client.post(
        "/explore/decks",
        data={"selection": "person:figure.ilham-aliyev", "next": "https://evil.example/"},
    )
    assert away.headers["Location"] == "/login?next=%2Fexplore%2Fpeople%2Ffigure.ilham-aliyev"


def test_add_to_my_flashcards_enrols_exactly_the_selections_cards_and_is_removable(
    app, client, auth
):
    load = load_real_bank(app)
    reader = create_user("reader")
    auth.login("reader")
    selection = "place:place.stepanakert"
    response = client.post("/explore/decks", data={"selection": selection})
    assert response.headers["Location"] == "/explore/places/place.stepanakert"
    expected = set(
        db.session.scalars(
            select(Flashcard.id).where(Flashcard.fact_id.in_(facts_of(load, selection)))
        )
    )
    assert expected and {card.flashcard_id for card in cards_of(reader.id)} == expected
    decks = client.get("/flashcards/").get_data(as_text=True)
    assert '<th scope="row">Stepanakert (Khankendi' in decks
    assert "Remove from my flashcards" in client.get("/explore/places/place.stepanakert").get_data(
        as_text=True
    )
    client.post("/explore/decks/remove", data={"selection": selection})
    assert db.session.scalar(select(db.func.count()).select_from(ExploreDeck)) == 0
    assert '<th scope="row">Stepanakert' not in client.get("/flashcards/").get_data(as_text=True)
    assert {card.flashcard_id for card in cards_of(reader.id)} == expected  # reviews kept


def test_an_explore_deck_follows_the_bank(app, client, auth):
    load = load_real_bank(app)
    create_user("reader")
    auth.login("reader")
    selection = "person:figure.ilham-aliyev"
    client.post("/explore/decks", data={"selection": selection})
    key = f"explore:{selection}"
    # An event naming him leaves the bank: the deck no longer holds its card.
    gone = next(fact for fact in load.bank.events if "Ilham Aliyev" in fact.statement)
    facts = tuple(fact for fact in load.bank.facts if fact.id != gone.id)
    smaller = dataclasses.replace(load, bank=Bank(facts, load.bank.questions))
    sync_bank(incoming_items(smaller, app.config["QUESTION_BANK_SEED"]), T0)
    sync_explore(load.periods)
    db.session.commit()
    deck = find_deck(db.session.scalar(select(ExploreDeck.user_id)), key)
    assert gone.id not in {card.fact_id for card in deck_flashcards(deck)}
    assert {card.fact_id for card in deck_flashcards(deck)} == facts_of(smaller, selection)


@pytest.mark.parametrize(
    "selection", ["", "person:no-such-person", "period:nope", "planet:mars", "x" * 5000]
)
def test_a_selection_that_names_nothing_changes_nothing(app, client, auth, selection):
    load_real_bank(app)
    create_user("reader")
    auth.login("reader")
    for url in ("/explore/practice", "/explore/decks", "/explore/decks/remove"):
        assert client.post(url, data={"selection": selection}).status_code == 404
    assert db.session.scalar(select(db.func.count()).select_from(Quiz)) == 0
    assert db.session.scalar(select(db.func.count()).select_from(ExploreDeck)) == 0


def test_practising_needs_the_csrf_token(csrf_app):
    load_real_bank(csrf_app)
    client = csrf_app.test_client()
    create_user("reader")
    for url in ("/explore/practice", "/explore/decks", "/explore/decks/remove"):
        response = client.post(url, data={"selection": "period:second-war"})
        assert response.status_code == 400
