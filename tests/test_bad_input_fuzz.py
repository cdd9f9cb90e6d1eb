"""Generated bad input posted to every form and API route: never a 5xx, never a partial save.

Every rule of the URL map is requested with its methods, path ids filled with a real world's ids
(a teacher's set, quiz, class and assignment; a student's open and finished attempts and cards),
as the user who may use it. The bodies are hostile: other scripts' digits, thousands of digits,
signalling NaNs, deep nesting, wrong JSON types, control characters, stray field names. Any 5xx
fails; so does a refused request (4xx) that changed any row of any table.

Left to the request guard that rejects them in one place (NUL and lone surrogates in every form
and JSON body, and the request size limit), and so not generated here: NUL characters, lone
surrogates, and bodies over the size limit.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from support import PASSWORD
from support_flashcards import load_bank
from support_fuzz import bounded
from support_quizzes import make_quiz
from support_teach import build_world
from wtforms import Form

from quizapp import flashcard_forms, forms, teach_forms
from quizapp.api import token_hash
from quizapp.flashcard_store import collection, enrol_deck, find_deck
from quizapp.models import ApiToken, Attempt, AttemptState, Question, db

EXAMPLES_PER_ROUTE = 12

# Routes that act on a path alone (no input to get wrong): fuzzing them only deletes the world.
ACTS_WITHOUT_INPUT = {
    "auth.logout",
    "tokens.revoke",
    "flags.resolve",
    "flashcards.add_deck",
    "quizzes.start",
    "teach.unassign",
    "teach.delete_set",
    "teach.delete_question",
    "api_quizzes.start_attempt",
    "api_quizzes.submit_attempt",
    "static",
}

NASTY_STRINGS = [
    "",
    " ",
    "²",
    "١٩٩٤",
    "1_000",
    "sNaN",
    "NaN",
    "-inf",
    "1e999999",
    "-1",
    "2147483648",
    "9" * 5000,
    "0." + "9" * 5000,
    "[" * 100_000,
    "{" * 5000,
    '{"a":' * 3000,
    "ani\n",
    "<script>alert(1)</script>",
    "\u202e",
    "😀" * 100,
    "x" * 20_000,
    "check-²",
    "check-" + "9" * 5000,
    "check-99",
    "true",
    "null",
    "1,050",
]
# Any text but NUL and lone surrogates (see the module docstring).
SAFE_CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
NASTY_TEXT = st.one_of(
    st.sampled_from(NASTY_STRINGS),
    st.text(SAFE_CHARACTERS, max_size=40),
    st.integers().map(str),
    st.floats().map(str),
)


def form_field_names() -> list[str]:
    """Every field name of the app's forms, and the names the quiz page builds by hand."""
    names = {"action", "q1", "q1-0", "q1-1", "q1-present", "q2", "q99", "q1-²", "q1-99999"}
    for module in (forms, teach_forms, flashcard_forms):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Form):
                names.update(name for name, _ in value._unbound_fields or [])
                names.update(getattr(value(meta={"csrf": False}), "_fields", {}).keys())
    return sorted(names)


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(SAFE_CHARACTERS, max_size=20),
    st.sampled_from(NASTY_STRINGS[:13]),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(SAFE_CHARACTERS, max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
API_KEYS = ["response", "rating", "review_count", "duration_ms", "deck"]
JSON_BODIES = st.one_of(
    st.fixed_dictionaries({}, optional={key: JSON_VALUES for key in API_KEYS}).map(json.dumps),
    JSON_VALUES.map(json.dumps),
    st.sampled_from(
        [
            "[" * 100_000 + "]" * 100_000,
            '{"response": ' + "[" * 100_000 + "]" * 100_000 + "}",
            '{"duration_ms": 1' + "0" * 5000 + ', "rating": 3, "review_count": 0}',
            '{"rating": 3, "review_count": 0, "duration_ms": 2147483648}',
            '{"response": NaN}',
            '{"response": 1e999}',
            "{",
            "",
            "\ufeff{}",
        ]
    ),
)


@dataclass
class World:
    path_values: dict[str, object]
    clients: dict[str, FlaskClient]
    bearer: dict[str, str]
    fields_by_action: dict[str, set[str]] = field(default_factory=dict)


class FormFields(HTMLParser):
    """The input names of each form on a page, by the path the form posts to."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.action: str | None = None
        self.found: dict[str, set[str]] = defaultdict(set)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.action = (attributes.get("action") or self.page_path).split("?")[0]
        elif self.action is not None and (name := attributes.get("name")):
            self.found[self.action].add(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.action = None


def logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def world(app, clock) -> World:
    load_bank(app)
    built = build_world()
    ready_made = make_quiz(question_count=5, time_limit_seconds=3600)
    enrol_deck(built.student.id, find_deck(built.student.id, "topic:history"), clock.now)
    db.session.add(ApiToken(user_id=built.student.id, name="fuzz", token_hash=token_hash("fz")))
    db.session.commit()
    clients = {
        "student": logged_in(app, "ani"),
        "teacher": logged_in(app, "tamar"),
        "admin": logged_in(app, "ada"),
        "anonymous": app.test_client(),
    }
    clients["student"].post(f"/quizzes/{ready_made.id}/start")
    open_attempt = db.session.scalar(select(Attempt).where(Attempt.state == AttemptState.OPEN))
    values = {
        "set_id": built.question_set.id,
        "quiz_id": built.quiz.id,
        "class_id": built.school_class.id,
        "assignment_id": built.assignment.id,
        "user_id": built.student.id,
        "number": 1,
        "position": 1,
        "card_id": collection(built.student.id)[0].id,
        "attempt_id": open_attempt.id,
        "finished_attempt_id": built.attempt.id,
        "fmt": "csv",
        "file_format": "csv",
        "question_id": db.session.scalars(select(Question.id).order_by(Question.id)).first(),
        "deck_key": "topic:history",
        "section": "people",
        "fact_id": "figure.no-such-person",
        "flag_id": 1,
        "token_id": 1,
        "log_id": 1,
    }
    world = World(values, clients, {"Authorization": "Bearer fz"})
    world.fields_by_action = crawl_forms(app, world)
    return world


def crawl_forms(app: Flask, world: World) -> dict[str, set[str]]:
    """Every form the world's users are shown, found by reading every page they can GET."""
    found: dict[str, set[str]] = defaultdict(set)
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.startswith(("api", "static")):
            continue
        client, _ = client_for(rule.endpoint, world)
        path = path_for(rule, world)
        response = client.get(path)
        if response.mimetype == "text/html":
            parser = FormFields(path)
            parser.feed(response.get_data(as_text=True))
            for action, names in parser.found.items():
                found[action] |= names
    return found


def table_checksum() -> str:
    digest = hashlib.sha256()
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            digest.update(f"{table.name}:{sorted(map(repr, rows))}".encode())
    return digest.hexdigest()


def client_for(endpoint: str, world: World) -> tuple[FlaskClient, dict[str, str]]:
    if endpoint.startswith("api"):
        return world.clients["anonymous"], world.bearer
    if endpoint in ("auth.login", "auth.register"):
        return world.clients["anonymous"], {}
    if endpoint.startswith("admin."):
        return world.clients["admin"], {}
    if endpoint.startswith(("teach.", "flags.queue")):
        return world.clients["teacher"], {}
    return world.clients["student"], {}


def targets(app: Flask):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in ACTS_WITHOUT_INPUT:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def path_for(rule, world: World) -> str:
    values = dict(world.path_values)
    if rule.endpoint.startswith("teach."):
        values["attempt_id"] = values["finished_attempt_id"]
    return rule.build({name: values[name] for name in rule.arguments})[1]


def test_bad_input_to_every_route_is_refused_cleanly(app, world, capsys):
    statuses: Counter[int] = Counter()
    stray_fields = st.dictionaries(st.sampled_from(form_field_names()), NASTY_TEXT, max_size=4)
    routes = list(targets(app))
    assert len(routes) > 40
    assert len(world.fields_by_action) > 20

    @given(data=st.data())
    @bounded(EXAMPLES_PER_ROUTE)
    def attack(rule, method, data) -> None:
        client, headers = client_for(rule.endpoint, world)
        before = table_checksum()
        path = path_for(rule, world)
        query = data.draw(stray_fields, label="query")
        if rule.endpoint.startswith("api") and method != "GET":
            body = data.draw(JSON_BODIES, label="json")
            kwargs = {"data": body, "content_type": "application/json"}
        elif method == "GET":
            kwargs = {}
        else:
            # Every field of the forms that post here, each with a hostile value, and strays.
            own = sorted(world.fields_by_action.get(path, set()) - {"csrf_token"})
            fields: dict[str, object] = {
                **data.draw(stray_fields, label="stray fields"),
                **data.draw(st.fixed_dictionaries(dict.fromkeys(own, NASTY_TEXT)), label="form"),
            }
            if rule.endpoint == "teach.import_set":
                upload = data.draw(NASTY_TEXT, label="file").encode("utf-8", "surrogatepass")
                fields["file"] = (io.BytesIO(upload), data.draw(NASTY_TEXT, label="filename"))
            kwargs = {"data": fields}
        response = client.open(path, method=method, query_string=query, headers=headers, **kwargs)
        statuses[response.status_code] += 1
        assert response.status_code < 500, (method, rule.rule, response.status_code)
        if 400 <= response.status_code < 500:
            assert table_checksum() == before, (method, rule.rule, response.status_code)

    for rule, method in routes:
        attack(rule, method)
    with capsys.disabled():
        print(f"\nbad-input fuzzer: {sum(statuses.values())} requests to {len(routes)} routes;")
        print(f"statuses {dict(sorted(statuses.items()))}")
