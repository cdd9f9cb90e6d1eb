"""Review modes over the JSON API: a card asked in a mode, answering it, the grade and schedule."""

from __future__ import annotations

import pytest
from support import create_user
from support_flashcards import install_clock, load_bank, review_count
from test_flashcards_api import enrol, token_for

from quizapp.models import LearnerCard, Question, ReviewLog, ReviewSource, db


@pytest.fixture
def learner(app):
    load_bank(app)
    install_clock(app)
    user = create_user("ani")
    enrol(user)
    return user


@pytest.fixture
def headers(learner):
    return token_for("ani")


def answer_of(card_id: int, template: str):
    card = db.session.get(LearnerCard, card_id)
    return db.session.get(Question, f"gen.{template}.{card.fact_id}").content["answer"]


def asked(client, headers, mode):
    response = client.get(f"/api/v1/flashcards/asked?mode={mode}", headers=headers)
    assert response.status_code == 200
    return response.json["card"]


def answer(client, headers, card_id, mode, value, review_count=0):
    return client.post(
        f"/api/v1/flashcards/cards/{card_id}/answers",
        json={"mode": mode, "answer": value, "review_count": review_count},
        headers=headers,
    )


def test_a_card_asked_to_be_typed_comes_without_its_answer(client, headers):
    card = asked(client, headers, "type")
    assert card["mode"] == "type" and card["kind"] == "year" and card["options"] == []
    assert card["learn_step"] == "choose" and card["review_count"] == 0
    year = answer_of(card["id"], "event-year")["value"]
    assert "back" not in card and str(year) not in str(card)


def test_typing_the_answer_grades_it_and_schedules_the_card(client, headers, learner):
    card = asked(client, headers, "type")
    year = answer_of(card["id"], "event-year")["value"]
    response = answer(client, headers, card["id"], "type", year)
    assert response.status_code == 201
    body = response.json
    assert body["correct"] and body["rating"] == 3 and body["source"] == "typed"
    assert body["expected"] == str(year) and body["review_number"] == 1
    assert body["learn_step"] == "scheduled" and body["interval"] == "10 min" and body["back"]
    wrong = answer(client, headers, asked(client, headers, "type")["id"], "type", "1066")
    assert wrong.json["correct"] is False and wrong.json["rating"] == 1
    assert review_count(learner.id) == 2


def test_a_card_asked_to_be_chosen_has_four_options_none_marked(client, headers):
    card = asked(client, headers, "choose")
    assert card["mode"] == "choose" and len(set(card["options"])) == 4
    right = answer_of(card["id"], "event-year-choice")
    assert right in card["options"]
    assert set(card) == {
        "id", "mode", "learn_step", "review_count", "state", "prompt", "kind", "options",
    }  # fmt: skip


def test_choosing_a_new_card_right_moves_it_to_typing_unrated(client, headers):
    card = asked(client, headers, "choose")
    right = answer_of(card["id"], "event-year-choice")
    body = answer(client, headers, card["id"], "choose", right).json
    assert body["correct"] and body["rating"] is None and body["source"] == "recognition"
    assert body["learn_step"] == "type" and body["review_number"] == 0
    log = db.session.get(ReviewLog, body["answer_id"])
    assert log.source is ReviewSource.RECOGNITION and log.response == right
    again = answer(client, headers, card["id"], "choose", right)
    assert again.status_code == 409


def test_a_wrong_choice_rates_again(client, headers):
    card = asked(client, headers, "choose")
    right = answer_of(card["id"], "event-year-choice")
    wrong = next(option for option in card["options"] if option != right)
    body = answer(client, headers, card["id"], "choose", wrong).json
    assert (body["correct"], body["rating"], body["expected"]) == (False, 1, right)


@pytest.mark.parametrize(
    ("mode", "value", "message"),
    [
        ("type", "", "Type your answer before checking it."),
        ("type", None, "Type your answer before checking it."),
        ("type", ["1994"], "Send a number."),
        ("type", "x" * 10_000, "Enter a whole year in digits."),
        ("choose", "1066", "Choose one of the four options shown."),
        ("choose", 1994, "Choose one of the four options shown."),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(client, headers, learner, mode, value, message):
    card = asked(client, headers, mode)
    response = answer(client, headers, card["id"], mode, value)
    assert response.status_code == 422
    assert message in str(response.json)
    assert review_count(learner.id) == 0


def test_an_unknown_mode_and_another_learners_card_are_refused(client, headers, learner):
    card = asked(client, headers, "type")
    assert client.get("/api/v1/flashcards/asked?mode=guess", headers=headers).status_code == 422
    assert answer(client, headers, card["id"], "flip", "x").status_code == 422
    create_user("boris")
    other = token_for("boris")
    assert answer(client, other, card["id"], "type", "1994").status_code == 404
    assert review_count(learner.id) == 0


def test_asking_needs_a_login(client, learner):
    assert client.get("/api/v1/flashcards/asked").status_code == 401
