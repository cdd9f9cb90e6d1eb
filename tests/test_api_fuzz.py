"""The JSON API against its own OpenAPI document: generated requests, from a real student.

schemathesis generates valid and invalid requests for every operation in /api/v1/openapi.json.
Path ids are mostly swapped for the student's real quiz, attempt and card, so the requests reach
the views and not only the router. Any 5xx, or a response that the document does not describe,
fails the test. Examples are bounded and derandomised, so a run is repeatable and short.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from support import create_user
from support_flashcards import load_bank
from support_fuzz import bounded
from support_quizzes import make_quiz

from quizapp.api import token_hash
from quizapp.flashcard_store import collection, enrol_deck, find_deck
from quizapp.models import ApiToken, db

EXAMPLES_PER_OPERATION = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass
class Student:
    headers: dict[str, str]
    real_ids: dict[str, int]


@pytest.fixture
def student(app, clock) -> Student:
    load_bank(app)
    user = create_user("ani")
    db.session.add(ApiToken(user_id=user.id, name="fuzz", token_hash=token_hash("fuzz-token")))
    enrol_deck(user.id, find_deck(user.id, "topic:history"), clock.now)
    quiz = make_quiz(question_count=5, time_limit_seconds=3600)
    headers = {"Authorization": "Bearer fuzz-token"}
    started = app.test_client().post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers)
    assert started.status_code == 201
    ids = {
        "quiz_id": quiz.id,
        "attempt_id": started.json["id"],
        "position": 1,
        "card_id": collection(user.id)[0].id,
    }
    return Student(headers, ids)


@pytest.mark.parametrize("mode", list(GenerationMode), ids=str)
def test_every_api_operation_matches_its_document_and_never_fails(app, student, mode):
    api_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    cases = []

    @given(data=st.data())
    @bounded(EXAMPLES_PER_OPERATION)
    def call(operation, data) -> None:
        case = data.draw(operation.as_strategy(generation_mode=mode))
        for name, value in (case.path_parameters or {}).items():
            # Two generated ids in three become the student's real ones; the rest stay as drawn.
            if name in student.real_ids and not (isinstance(value, int) and value % 3 == 0):
                case.path_parameters[name] = student.real_ids[name]
        cases.append(case)
        case.call_and_validate(headers=student.headers, checks=CHECKS)

    exercised = 0
    for operation in operations:
        try:
            call(operation)
        except Unsatisfiable:
            # Nothing to make invalid: no parameters or body (GET /quizzes in negative mode).
            assert mode is GenerationMode.NEGATIVE
        else:
            exercised += 1
    print(f"{mode}: {len(cases)} generated requests over {exercised} operations")
    assert exercised >= (len(operations) if mode is GenerationMode.POSITIVE else 5)
