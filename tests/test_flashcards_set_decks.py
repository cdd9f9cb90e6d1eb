"""Question-set decks: learners study the sets they may read, one card per live set question."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from support import create_user
from support_flashcards import cards_of, install_clock, load_bank, review_count
from support_quizzes import SMALL_BANK
from support_teach import enrol, make_class, make_set

from quizapp.bank_store import incoming_items, read_bank, sync_bank
from quizapp.models import (
    Flashcard,
    ItemType,
    ItemVersion,
    Question,
    QuestionSet,
    Role,
    SetShare,
    User,
    db,
)

SINGLE_EDIT = {
    "kind": "single_choice",
    "topic": "history",
    "prompt": "Which city is the capital of *Armenia* today?",
    "choices": "*Yerevan\nGyumri",
    "explanation": "Yerevan, since 1918.",
}


@dataclass
class School:
    teacher: User
    member: User
    other_teacher: User
    other_student: User
    outsider: User
    question_set: QuestionSet

    @property
    def deck(self) -> str:
        return f"set:{self.question_set.id}"


@pytest.fixture
def clock(app):
    load_bank(app)
    return install_clock(app)


@pytest.fixture
def school(clock) -> School:
    """Tamar's three-question set shared with her class (Ani is in it); Oscar's class has Ilkin;
    Zara is in no class."""
    teacher = create_user("tamar", Role.TEACHER)
    other_teacher = create_user("oscar", Role.TEACHER)
    member, other_student, outsider = (create_user(name) for name in ("ani", "ilkin", "zara"))
    question_set = make_set(teacher)
    school_class = make_class(teacher)
    enrol(school_class, member)
    enrol(make_class(other_teacher, name="History 9C", code="WXYZ6789"), other_student)
    db.session.add(SetShare(set_id=question_set.id, class_id=school_class.id))
    db.session.commit()
    return School(teacher, member, other_teacher, other_student, outsider, question_set)


def shown_card(page: bytes) -> int:
    match = re.search(rb'action="/flashcards/cards/(\d+)/review"', page)
    assert match, "a card is shown"
    return int(match.group(1))


def study_next(client, deck: str, rating: int = 3) -> tuple[int, str]:
    """Rate the card the deck's review page shows; its id and the page's text."""
    page = client.get("/flashcards/review", query_string={"deck": deck})
    assert page.status_code == 200
    card_id = shown_card(page.data)
    count = re.search(rb'name="review_count" value="(\d+)"', page.data).group(1)
    response = client.post(
        f"/flashcards/cards/{card_id}/review",
        data={"rating": rating, "review_count": count.decode(), "deck": deck},
    )
    assert response.status_code == 302
    return card_id, page.get_data(as_text=True)


def switch_to(auth, username: str) -> None:
    auth.logout()
    auth.login(username)


def test_a_class_member_sees_and_studies_the_shared_set(client, auth, school):
    auth.login("ani")
    index = client.get("/flashcards/").get_data(as_text=True)
    sets_section = index.split("<h2>Question sets</h2>", 1)[1]
    assert "Capitals" in sets_section
    assert "Question set by tamar." in sets_section
    assert "Add 3 cards" in sets_section
    # The set's cards stay out of the topic deck their questions are filed under.
    assert "Add 8 cards" in index.split("<h2>Question sets</h2>", 1)[0]

    added = client.post(f"/flashcards/decks/{school.deck}/add")
    assert added.status_code == 302
    set_id = school.question_set.id
    cards = cards_of(school.member.id)
    assert [card.flashcard_id for card in cards] == [f"card.set.{set_id}.{n}" for n in (1, 2, 3)]
    assert all(card.fact_id is None for card in cards)

    first_id, page = study_next(client, school.deck)
    assert "Which city is the <strong>capital</strong> of Armenia?" in page  # rendered Markdown
    assert "Yerevan has been the capital since 1918." in page  # the back: answer + explanation
    assert "<p>Yerevan</p>" in page
    # With no fact there are no siblings to bury: the other two cards follow the same day.
    seen = {first_id, study_next(client, school.deck)[0], study_next(client, school.deck)[0]}
    assert seen == {card.id for card in cards}
    assert review_count(school.member.id) == 3
    assert client.get(f"/flashcards/export.csv?deck={school.deck}").status_code == 200


@pytest.mark.parametrize("username", ["zara", "ilkin", "oscar"])
def test_learners_it_is_not_shared_with_cannot_add_or_study_it(client, auth, school, username):
    auth.login(username)
    assert "Capitals" not in client.get("/flashcards/").get_data(as_text=True)
    assert client.post(f"/flashcards/decks/{school.deck}/add").status_code == 404
    assert client.get("/flashcards/review", query_string={"deck": school.deck}).status_code == 404
    assert client.get(f"/flashcards/export.csv?deck={school.deck}").status_code == 404
    user = db.session.scalar(db.select(User).where(User.username == username))
    assert cards_of(user.id) == []


@pytest.mark.parametrize("deck", ["set:", "set:abc", "set:99999999999", "set:-1", "set:\u0661"])
def test_malformed_set_decks_are_not_found(client, auth, school, deck):
    auth.login("ani")
    assert client.get("/flashcards/review", query_string={"deck": deck}).status_code == 404


def test_editing_a_question_bumps_its_card_and_keeps_the_learners_progress(
    client, auth, school, clock
):
    auth.login("ani")
    client.post(f"/flashcards/decks/{school.deck}/add")
    for _ in range(3):
        study_next(client, school.deck)
    card_id = f"card.set.{school.question_set.id}.1"
    before = {card.flashcard_id: (card.id, card.reps) for card in cards_of(school.member.id)}

    switch_to(auth, "tamar")
    clock.advance(days=1)
    edited = client.post(f"/teach/sets/{school.question_set.id}/questions/1/edit", data=SINGLE_EDIT)
    assert edited.status_code == 302

    db.session.expire_all()
    flashcard = db.session.get(Flashcard, card_id)
    assert flashcard.version == 2
    assert flashcard.updated_at == clock.now
    assert flashcard.content["front"] == SINGLE_EDIT["prompt"]
    versions = db.session.scalars(
        db.select(ItemVersion.version).where(
            ItemVersion.item_type == ItemType.FLASHCARD, ItemVersion.item_id == card_id
        )
    ).all()
    assert sorted(versions) == [1, 2]
    after = {card.flashcard_id: (card.id, card.reps) for card in cards_of(school.member.id)}
    assert after == before
    assert review_count(school.member.id) == 3

    switch_to(auth, "ani")
    page = client.get(f"/flashcards/cards/{before[card_id][0]}/answer").get_data(as_text=True)
    assert "Which city is the capital of <em>Armenia</em> today?" in page
    assert "Yerevan, since 1918." in page


def test_retiring_a_question_retires_its_card_and_deleting_the_set_retires_the_deck(
    client, auth, school, clock
):
    auth.login("ani")
    client.post(f"/flashcards/decks/{school.deck}/add")
    set_id = school.question_set.id

    switch_to(auth, "tamar")
    clock.advance(hours=1)
    assert client.post(f"/teach/sets/{set_id}/questions/1/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Flashcard, f"card.set.{set_id}.1").retired_at == clock.now
    assert db.session.get(Flashcard, f"card.set.{set_id}.2").retired_at is None

    switch_to(auth, "ani")
    shown = {study_next(client, school.deck)[0] for _ in range(2)}
    retired = next(c for c in cards_of(school.member.id) if c.flashcard_id.endswith(".1"))
    assert retired.id not in shown  # the learner's card is kept, out of the queue
    assert len(shown) == 2

    switch_to(auth, "tamar")
    assert client.post(f"/teach/sets/{set_id}/delete").status_code == 302
    db.session.expire_all()
    live = db.session.scalars(
        db.select(Flashcard.id).where(
            Flashcard.id.like(f"card.set.{set_id}.%"), Flashcard.retired_at.is_(None)
        )
    ).all()
    assert live == []
    switch_to(auth, "ani")
    assert client.get("/flashcards/review", query_string={"deck": school.deck}).status_code == 404
    assert len(cards_of(school.member.id)) == 3  # reviews and cards are kept


def test_imported_questions_get_cards_too(client, auth, school):
    auth.login("tamar")
    gift = (
        "The OSCE Minsk Group had three co-chairs.{TRUE####France, Russia and the United States.}"
    )
    set_id = school.question_set.id
    preview = client.post(
        f"/teach/sets/{set_id}/import",
        data={"file": (io.BytesIO(gift.encode()), "minsk.gift")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    preview_id = re.search(r'name="preview" type="hidden" value="([^"]*)"', preview)[1]
    imported = client.post(
        f"/teach/sets/{set_id}/import/confirm", data={"preview": preview_id, "topic": "history"}
    )
    assert imported.headers["Location"].endswith(f"/teach/sets/{set_id}")
    card = db.session.get(Flashcard, f"card.set.{set_id}.4")
    assert card.content["front"] == "The OSCE Minsk Group had three co-chairs."
    assert card.content["back"] == "True\n\nFrance, Russia and the United States."


def test_a_public_set_is_studyable_by_anyone_logged_in(client, auth, school):
    public = make_set(school.other_teacher, title="Ceasefires")
    public.is_public = True
    db.session.commit()
    deck = f"set:{public.id}"
    assert client.get("/flashcards/review", query_string={"deck": deck}).status_code == 302

    auth.login("zara")
    assert "Ceasefires" in client.get("/flashcards/").get_data(as_text=True)
    assert client.post(f"/flashcards/decks/{deck}/add").status_code == 302
    assert len(cards_of(school.outsider.id)) == 3
    study_next(client, deck)
    assert review_count(school.outsider.id) == 1


def test_a_bank_sync_leaves_set_questions_and_their_cards_alone(app, school, clock):
    load = read_bank(SMALL_BANK)
    sync_bank(incoming_items(load, app.config["QUESTION_BANK_SEED"]), clock.now)
    db.session.commit()
    set_id = school.question_set.id
    assert db.session.get(Question, f"set.{set_id}.1").retired_at is None
    assert db.session.get(Flashcard, f"card.set.{set_id}.1").retired_at is None


def test_adding_a_set_deck_needs_a_csrf_token(csrf_app):
    response = csrf_app.test_client().post("/flashcards/decks/set:1/add")
    assert response.status_code == 400


def test_leeches_from_a_set_reach_its_author_only(client, auth, school):
    auth.login("ani")
    client.post(f"/flashcards/decks/{school.deck}/add")
    card = cards_of(school.member.id)[0]
    card.lapses = 8
    db.session.commit()
    switch_to(auth, "tamar")
    page = client.get("/flashcards/leeches").get_data(as_text=True)
    own = page.split("<h2>Cards from your question sets</h2>", 1)[1]
    assert card.flashcard_id in own
    switch_to(auth, "oscar")
    page = client.get("/flashcards/leeches").get_data(as_text=True)
    assert card.flashcard_id not in page
    assert "No card from your sets is a leech for anyone yet." in page
