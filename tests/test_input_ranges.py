"""Numbers from outside (URL ids, API integers, typed numbers, JSON depth) never cause a 500."""

from __future__ import annotations

import pytest
from flask import Flask
from support import create_user
from support_flashcards import install_clock, load_bank
from support_teach import make_set
from werkzeug.routing import IntegerConverter

from quizapp.api import token_hash
from quizapp.domain.grading import parse_number
from quizapp.domain.interchange import parse_number as parse_set_number
from quizapp.domain.numbers import parse_digits, parse_plain_decimal, parse_plain_number
from quizapp.flashcard_store import collection, enrol_deck, find_deck
from quizapp.models import ApiToken, LearnerCard, Role, db
from quizapp.set_store import live_questions

BEYOND_INTEGER = [2**31, 2**63, 2**64, 10**30]
DEEP_JSON = "[" * 100_000 + "]" * 100_000
HUGE_NUMBER_JSON = '{"rating": 3, "review_count": 1' + "0" * 5000 + "}"


def rules_with_int_ids(app: Flask):
    for rule in app.url_map.iter_rules():
        ints = [name for name, c in rule._converters.items() if isinstance(c, IntegerConverter)]
        if ints:
            yield rule, ints


def bearer(user) -> dict[str, str]:
    db.session.add(ApiToken(user_id=user.id, name="test", token_hash=token_hash(f"t-{user.id}")))
    db.session.commit()
    return {"Authorization": f"Bearer t-{user.id}"}


@pytest.mark.parametrize("number", BEYOND_INTEGER)
def test_ids_beyond_an_integer_column_are_not_found_on_every_route(app, client, auth, number):
    admin = create_user("ada", Role.ADMIN)
    headers = bearer(admin)
    auth.login("ada")
    rules = list(rules_with_int_ids(app))
    assert len(rules) > 30
    for rule, names in rules:
        path = rule.rule
        for name in names:
            path = path.replace(f"<int:{name}>", str(number))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method, headers=headers, json={})
            # 405 where another rule shares the path: werkzeug checks methods before converters.
            assert response.status_code in (404, 405), (method, path, response.status_code)


def test_the_largest_integer_id_is_still_routed(app, client, auth):
    create_user("ada", Role.TEACHER)
    auth.login("ada")
    assert client.get(f"/teach/sets/{2**31 - 1}").status_code == 404
    assert client.get("/teach/sets/١٢").status_code == 404  # other scripts' digits are no id


def test_the_openapi_document_states_the_id_range(client):
    spec = client.get("/api/v1/openapi.json").json
    parameter = spec["paths"]["/api/v1/attempts/{attempt_id}"]["parameters"][0]
    assert parameter["schema"] == {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}


@pytest.fixture
def learner(app):
    load_bank(app)
    install_clock(app)
    user = create_user("ani")
    enrol_deck(user.id, find_deck(user.id, "topic:history"), install_clock(app).now)
    db.session.commit()
    return user


@pytest.mark.parametrize("field", ["duration_ms", "review_count"])
def test_api_integers_beyond_an_integer_column_are_refused(client, learner, field):
    card = db.session.scalars(db.select(LearnerCard)).first()
    body = {"rating": 3, "review_count": 0, "duration_ms": 10, field: 2**31}
    response = client.post(
        f"/api/v1/flashcards/cards/{card.id}/reviews", json=body, headers=bearer(learner)
    )
    assert response.status_code == 422
    assert response.json["field"] == field
    assert learner_cards_reviewed(learner) == 0


def learner_cards_reviewed(user) -> int:
    return sum(card.reps for card in collection(user.id))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (DEEP_JSON, "The JSON body is nested too deeply."),
        (HUGE_NUMBER_JSON, "A number in the JSON body is too long."),
    ],
)
def test_a_body_the_json_decoder_chokes_on_is_a_bad_request(client, learner, body, message):
    card = db.session.scalars(db.select(LearnerCard)).first()
    response = client.post(
        f"/api/v1/flashcards/cards/{card.id}/reviews",
        data=body,
        content_type="application/json",
        headers=bearer(learner),
    )
    assert response.status_code == 400
    assert response.json == {"message": message, "field": "json"}
    assert learner_cards_reviewed(learner) == 0


@pytest.mark.parametrize(
    "retention", ["sNaN", "NaN", "Infinity", "-inf", "\u0660.\u0669", "0." + "9" * 5000, "1e999999"]
)
def test_desired_retention_must_be_a_plain_finite_number(client, auth, learner, retention):
    auth.login("ani")
    form = {
        "desired_retention": retention,
        "new_cards_per_day": "20",
        "reviews_per_day": "200",
        "learning_steps": "1m 10m",
        "relearning_steps": "10m",
        "time_zone": "UTC",
    }
    response = client.post("/flashcards/settings", data=form)
    assert response.status_code == 422
    assert "Enter a plain number" in response.text or "Enter a retention" in response.text


@pytest.mark.parametrize("shown_at", ["²", "٣٤", "9" * 5000, "-5", "1_000"])
def test_a_strange_shown_at_is_ignored_not_a_server_error(client, auth, learner, shown_at):
    auth.login("ani")
    card = db.session.scalars(db.select(LearnerCard)).first()
    page = client.get(f"/flashcards/cards/{card.id}/answer", query_string={"shown_at": shown_at})
    assert page.status_code == 200
    form = {"rating": "3", "review_count": "0", "shown_at": shown_at, "deck": ""}
    response = client.post(f"/flashcards/cards/{card.id}/review", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert learner_cards_reviewed(learner) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("number", "9" * 5000), ("tolerance", "9" * 5000), ("number", "²"), ("number", "nan")],
)
def test_a_set_question_number_must_be_plain_and_bounded(client, auth, field, value):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    form = {
        "kind": "numeric",
        "topic": "history",
        "prompt": "In which year was the Bishkek Protocol signed?",
        "number": "1994",
        "tolerance": "0",
        "explanation": "May 1994.",
        field: value,
    }
    response = client.post(f"/teach/sets/{question_set.id}/questions/new", data=form)
    assert response.status_code == 422
    assert "as a number" in response.text or "correct number" in response.text
    assert live_questions(question_set.id) == []


def test_a_deeply_nested_import_confirmation_imports_nothing(client, auth):
    teacher = create_user("tamar", Role.TEACHER)
    question_set = make_set(teacher, questions=())
    auth.login("tamar")
    response = client.post(
        f"/teach/sets/{question_set.id}/import/confirm", data={"questions": DEEP_JSON}
    )
    assert response.status_code == 302
    assert "/import" in response.headers["Location"]


@pytest.mark.parametrize("text", ["١٩٩٤", "1_994", "nan", "inf", "sNaN", "1" * 41, "1e9999"])
def test_number_parsers_accept_only_plain_finite_ascii_numbers(text):
    assert parse_plain_number(text) is None
    assert parse_plain_decimal(text) is None
    assert parse_number(text) is None
    assert parse_set_number(text) is None


def test_number_parsers_still_read_plain_numbers():
    assert parse_plain_number(" 1994 ") == 1994
    assert parse_plain_number("-0.5") == -0.5 and parse_plain_number("1e+20") == 1e20
    assert parse_number("1,050") == 1050.0
    assert str(parse_plain_decimal("0.90")) == "0.90"
    assert parse_digits("0012") == 12 and parse_digits("²") is None and parse_digits("") is None
