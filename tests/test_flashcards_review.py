"""Reviewing flashcards without JavaScript: decks, ratings, limits, burying, leeches, settings."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from support_flashcards import T0, add_sibling, cards_of, install_clock, load_bank, review_count

from quizapp.domain.scheduling import fuzz_range
from quizapp.models import LearnerCard, LearnerSettings, ReviewLog, ReviewSource, Role, User, db


@pytest.fixture
def clock(app):
    load_bank(app)
    return install_clock(app)


@pytest.fixture
def learner(clock, make_user, auth):
    user = make_user("ani")
    auth.login("ani")
    return user


def add_deck(client, topic):
    return client.post(f"/flashcards/decks/topic:{topic}/add")


def front_card_id(page: bytes) -> int:
    match = re.search(rb'action="/flashcards/cards/(\d+)/review"', page)
    assert match, "a card is shown"
    return int(match.group(1))


def rate(client, card_id, rating, review_count, **extra):
    return client.post(
        f"/flashcards/cards/{card_id}/review",
        data={"rating": rating, "review_count": review_count, **extra},
    )


def study_next(client, rating, deck=None):
    """Open the review page, rate the card it shows; the id of the card rated."""
    page = client.get("/flashcards/review", query_string={"deck": deck} if deck else None)
    assert page.status_code == 200
    card_id = front_card_id(page.data)
    count = int(re.search(rb'name="review_count" value="(\d+)"', page.data).group(1))
    response = rate(client, card_id, rating, count, deck=deck or "")
    assert response.status_code == 302
    return card_id


def save_settings(user_id, time_zone=None, **values):
    defaults = {
        "desired_retention": 0.9,
        "new_cards_per_day": 20,
        "reviews_per_day": 200,
        "learning_steps": "1m 10m",
        "relearning_steps": "10m",
    }
    db.session.add(LearnerSettings(user_id=user_id, **{**defaults, **values}))
    if time_zone is not None:
        db.session.get(User, user_id).time_zone = time_zone
    db.session.commit()


# --- decks ---------------------------------------------------------------------------------------


def test_the_decks_page_lists_the_topic_decks_and_adds_one(client, learner):
    page = client.get("/flashcards/")
    assert page.status_code == 200
    for title in (b"History", b"Actors", b"Figures"):
        assert title in page.data
    assert b"Add 8 cards" in page.data  # the small bank's history facts

    response = add_deck(client, "history")
    assert response.status_code == 302
    assert len(cards_of(learner.id)) == 8
    assert "Added 8 cards from History" in client.get("/flashcards/").get_data(as_text=True)

    add_deck(client, "history")
    assert len(cards_of(learner.id)) == 8, "adding again changes nothing"
    assert b"You already have every card from History" in client.get("/flashcards/").data


def test_an_unknown_deck_is_not_found(client, learner):
    assert add_deck(client, "recipes").status_code == 404
    assert client.get("/flashcards/review?deck=topic:recipes").status_code == 404
    assert client.get("/flashcards/review?deck=nonsense").status_code == 404
    assert cards_of(learner.id) == []


def test_a_deck_is_studied_on_its_own(client, learner):
    add_deck(client, "history")
    add_deck(client, "figures")
    page = client.get("/flashcards/review?deck=topic:figures")
    card = db.session.get(LearnerCard, front_card_id(page.data))
    assert card.flashcard.topic == "figures"
    assert b"Review: Figures" in page.data


def test_flashcard_pages_need_a_login(client, clock):
    for path in ("/flashcards/", "/flashcards/review", "/flashcards/stats", "/flashcards/settings"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


# --- reviewing -----------------------------------------------------------------------------------


def test_review_without_javascript_front_answer_rate(client, learner, clock):
    add_deck(client, "history")
    front = client.get("/flashcards/review")
    text = front.get_data(as_text=True)
    card_id = front_card_id(front.data)
    card = db.session.get(LearnerCard, card_id)
    assert card.flashcard.content["front"] in text
    assert "8 new" in text
    # The answer is in the page for the script to reveal, hidden until then.
    assert 'id="card-back" class="card-back" hidden' in text
    answer_link = re.search(r'id="show-answer" href="([^"]+)"', text).group(1)

    clock.advance(seconds=7)
    answer = client.get(answer_link.replace("&amp;", "&"))
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    assert 'id="card-back" class="card-back" hidden' not in text
    assert card.flashcard.content["back"] in text
    labels = re.findall(
        r'class="rating-label">(\w+)</span>\s*<span class="rating-interval">([^<]+)<', text
    )
    assert labels[:3] == [("Again", "1 min"), ("Hard", "6 min"), ("Good", "10 min")]
    # Easy graduates at once: FSRS-6's 8.3-day initial stability, fuzzed by the card's own seed.
    easy_days = int(labels[3][1].removesuffix(" days"))
    assert labels[3][0] == "Easy" and easy_days in fuzz_range(8)

    shown_at = re.search(r'name="shown_at" type="hidden" value="(\d+)"', text).group(1)
    response = rate(client, card_id, 3, 0, shown_at=shown_at)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/flashcards/review")

    log = db.session.scalars(select(ReviewLog)).one()
    assert (log.rating, log.review_number, log.source) == (3, 1, ReviewSource.REVIEW)
    assert log.reviewed_at == T0 + timedelta(seconds=7)
    assert log.duration_ms == 7000
    assert log.retrievability is None
    db.session.expire_all()
    card = db.session.get(LearnerCard, card_id)
    assert (card.reps, card.step, card.due) == (1, 1, clock.now + timedelta(minutes=10))
    assert "Good: next review in 10 min." in client.get("/flashcards/review").get_data(as_text=True)


def test_a_double_clicked_rating_counts_once(client, learner):
    add_deck(client, "history")
    card_id = front_card_id(client.get("/flashcards/review").data)
    rate(client, card_id, 3, 0)
    before = cards_of(learner.id)
    due_before = {card.id: card.due for card in before}

    second = rate(client, card_id, 1, 0)  # the same page, another button
    assert second.status_code == 302
    assert "already rated" in client.get("/flashcards/review").get_data(as_text=True)
    assert review_count(learner.id) == 1
    assert {card.id: card.due for card in cards_of(learner.id)} == due_before


def test_the_log_refuses_a_second_entry_for_the_same_review_number(app, client, learner):
    add_deck(client, "history")
    card_id = front_card_id(client.get("/flashcards/review").data)
    rate(client, card_id, 3, 0)
    log = db.session.scalars(select(ReviewLog)).one()
    db.session.add(
        ReviewLog(
            learner_card_id=card_id,
            user_id=learner.id,
            review_number=log.review_number,
            rating=3,
            source=ReviewSource.REVIEW,
            reviewed_at=T0,
            state_before=log.state_before,
            due=T0,
        )
    )
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        db.session.commit()
    db.session.rollback()


def test_a_bad_rating_is_refused_at_the_field_and_changes_nothing(client, learner):
    add_deck(client, "history")
    card_id = front_card_id(client.get("/flashcards/review").data)
    for rating in ("5", "", "good"):
        response = rate(client, card_id, rating, 0)
        assert response.status_code == 422
        text = response.get_data(as_text=True)
        assert 'id="rating-error"' in text
        assert "Choose one of the ratings" in text or "Not a valid integer" in text
    assert review_count(learner.id) == 0
    assert all(card.reps == 0 for card in cards_of(learner.id))


def test_a_learner_cannot_see_or_rate_someone_elses_card(client, learner, make_user, auth):
    add_deck(client, "history")
    card_id = cards_of(learner.id)[0].id
    auth.logout()
    make_user("bob")
    auth.login("bob")
    assert client.get(f"/flashcards/cards/{card_id}/answer").status_code == 404
    assert rate(client, card_id, 3, 0).status_code == 404
    assert review_count(learner.id) == 0
    assert b"no cards" in client.get("/flashcards/review").data


def test_learning_cards_come_back_after_their_step(client, learner, clock):
    add_deck(client, "actors")
    first = study_next(client, 3)  # Good: next step in 10 minutes
    for _ in range(3):
        study_next(client, 4)  # Easy: the other three cards graduate
    page = client.get("/flashcards/review")
    # Nothing due now, but the learning card is within the 20-minute learn-ahead margin.
    assert front_card_id(page.data) == first
    clock.advance(minutes=10)
    assert study_next(client, 3) == first
    assert b"Your next card is due in" in client.get("/flashcards/review").data


# --- limits --------------------------------------------------------------------------------------


def test_the_daily_new_card_limit(client, learner, clock):
    save_settings(learner.id, new_cards_per_day=2)
    add_deck(client, "history")
    study_next(client, 4)
    study_next(client, 4)
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "as many cards as today" in page
    assert "0 new" in page
    assert review_count(learner.id) == 2

    clock.advance(days=1)  # a new study day
    assert "2 new" in client.get("/flashcards/review").get_data(as_text=True)
    study_next(client, 4)
    assert review_count(learner.id) == 3


def test_the_daily_review_limit(client, learner, clock):
    save_settings(learner.id, reviews_per_day=1)
    add_deck(client, "actors")
    for _ in range(4):
        study_next(client, 4)  # four new cards straight to review
    clock.advance(days=30)  # all of them due
    text = client.get("/flashcards/review").get_data(as_text=True)
    assert "1 to review" in text
    study_next(client, 3)
    text = client.get("/flashcards/review").get_data(as_text=True)
    assert "0 to review" in text and "as many cards as today" in text


def test_the_study_day_starts_at_four_in_the_learners_time_zone(client, learner, clock):
    save_settings(learner.id, new_cards_per_day=1, time_zone="Asia/Baku")
    add_deck(client, "history")
    clock.now = T0.replace(hour=23, minute=30)  # 03:30 in Baku: still yesterday's study day
    study_next(client, 4)
    assert "0 new" in client.get("/flashcards/review").get_data(as_text=True)
    clock.advance(minutes=30)  # 04:00 in Baku: a new day
    assert "1 new" in client.get("/flashcards/review").get_data(as_text=True)


# --- burying -------------------------------------------------------------------------------------


def test_siblings_are_not_shown_on_the_same_day(client, learner, clock):
    sibling = add_sibling("card.event.ceasefire-1994")
    add_deck(client, "history")
    cards = {card.flashcard_id: card for card in cards_of(learner.id)}
    original, other = cards["card.event.ceasefire-1994"], cards[sibling.id]
    # Bring the two siblings to the front of the new queue.
    for card in (original, other):
        card.due = T0 - timedelta(hours=1)
    db.session.commit()

    assert study_next(client, 4) == original.id
    shown = set()
    for _ in range(8):
        page = client.get("/flashcards/review")
        if b"Nothing to review" in page.data:
            break
        shown.add(study_next(client, 4))
    assert other.id not in shown, "buried for the rest of the day"
    assert len(shown) == 7  # every other history card

    clock.advance(days=1)
    assert study_next(client, 4) == other.id


def test_buried_cards_are_left_out_of_the_due_count(client, learner):
    add_sibling("card.event.ceasefire-1994")
    add_deck(client, "history")
    assert "9 new" in client.get("/flashcards/review").get_data(as_text=True)
    card = next(c for c in cards_of(learner.id) if c.flashcard_id == "card.event.ceasefire-1994")
    rate(client, card.id, 4, 0)
    assert "7 new" in client.get("/flashcards/review").get_data(as_text=True)


# --- leeches -------------------------------------------------------------------------------------


def make_leech(card: LearnerCard, lapses: int = 8) -> None:
    card.state, card.step, card.stability, card.difficulty = "review", None, 1.0, 9.0
    card.reps, card.lapses = lapses * 2 + 2, lapses
    card.last_review, card.due = T0 - timedelta(days=1), T0 - timedelta(hours=1)
    db.session.commit()


def test_a_leech_is_marked_on_the_review_page_and_in_statistics(client, learner):
    add_deck(client, "history")
    card = cards_of(learner.id)[0]
    make_leech(card)
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "Leech: you have forgotten this card 8 times" in page
    stats = client.get("/flashcards/stats").get_data(as_text=True)
    assert "Your leeches" in stats and card.flashcard.content["front"] in stats


def test_a_card_becomes_a_leech_on_its_eighth_lapse(client, learner):
    add_deck(client, "history")
    card = cards_of(learner.id)[0]
    make_leech(card, lapses=7)
    assert b"Leech:" not in client.get("/flashcards/review").data
    rate(client, card.id, 1, card.reps)
    db.session.expire_all()
    assert db.session.get(LearnerCard, card.id).lapses == 8
    assert b"Leech:" in client.get(f"/flashcards/cards/{card.id}/answer").data


def test_teachers_see_bank_leeches_and_students_do_not(client, learner, auth, make_user):
    add_deck(client, "history")
    card = cards_of(learner.id)[0]
    make_leech(card, lapses=9)
    assert client.get("/flashcards/leeches").status_code == 403
    auth.logout()
    make_user("teacher", Role.TEACHER)
    auth.login("teacher")
    page = client.get("/flashcards/leeches").get_data(as_text=True)
    assert card.flashcard_id in page
    assert "ani" not in page, "teachers see how many learners, not who"


# --- settings ------------------------------------------------------------------------------------


def test_settings_are_saved_and_used(client, learner):
    response = client.post(
        "/flashcards/settings",
        data={
            "desired_retention": "0.85",
            "new_cards_per_day": "5",
            "reviews_per_day": "50",
            "learning_steps": "2m 15m",
            "relearning_steps": "5m",
        },
    )
    assert response.status_code == 302
    row = db.session.get(LearnerSettings, learner.id)
    assert (row.desired_retention, row.new_cards_per_day, row.learning_steps) == (0.85, 5, "2m 15m")
    page = client.get("/flashcards/settings").get_data(as_text=True)
    assert 'value="2m 15m"' in page and "Your flashcard settings are saved." in page

    add_deck(client, "history")
    card_id = cards_of(learner.id)[0].id
    answer = client.get(f"/flashcards/cards/{card_id}/answer").get_data(as_text=True)
    assert '<span class="rating-interval">2 min</span>' in answer


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("desired_retention", "0.99", "between 0.80 and 0.95"),
        ("desired_retention", "lots", "Enter a plain number, such as 0.9."),
        ("new_cards_per_day", "-1", "Enter 0 to 9999"),
        ("learning_steps", "soon", "is not a step"),
    ],
)
def test_bad_settings_are_refused_at_the_field(client, learner, field, value, message):
    data = {
        "desired_retention": "0.9",
        "new_cards_per_day": "20",
        "reviews_per_day": "200",
        "learning_steps": "1m 10m",
        "relearning_steps": "10m",
        field: value,
    }
    response = client.post("/flashcards/settings", data=data)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert f'id="{field}-error"' in text and message in text
    assert db.session.get(LearnerSettings, learner.id) is None
