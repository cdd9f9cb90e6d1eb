"""Studying an attempt's missed questions as flashcards: exactly the cards its misses enrolled.

Like Anki's filtered decks, the session offers each of those cards whether it is due or not,
without the daily limits, until it is rated on the review page today.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import create_user
from support_flashcards import T0, cards_of, install_clock, load_bank
from support_quizzes import make_quiz
from test_flashcards_review import front_card_id, save_settings, study_next
from test_quiz_pages import start

from quizapp.attempt_deck import missed_fact_ids
from quizapp.attempt_store import contents_of
from quizapp.domain.scheduling import CardState, Rating
from quizapp.flashcard_store import preferences, rate_card
from quizapp.models import Attempt, AttemptState, LearnerCard, ReviewSource, db

EASY = str(int(Rating.EASY))
AGAIN = str(int(Rating.AGAIN))


@pytest.fixture
def clock(app):
    load_bank(app)
    return install_clock(app)


@pytest.fixture
def finished(client, auth, clock):
    """Ani's attempt at four questions, answered wrongly by leaving them all blank."""
    create_user("ani")
    auth.login("ani")
    quiz = make_quiz(question_count=4)
    attempt = start(client, quiz)
    client.post(f"/attempts/{attempt.id}", data={"action": "submit"})
    db.session.expire_all()
    assert attempt.state is AttemptState.FINISHED
    return attempt


def deck_of(attempt: Attempt) -> str:
    return f"attempt:{attempt.id}"


def missed_cards(attempt: Attempt) -> set[int]:
    facts = set(missed_fact_ids(attempt.id))
    return {card.id for card in cards_of(attempt.user_id) if card.fact_id in facts}


def study_all(client, deck: str, rating: str = EASY) -> list[int]:
    """Rate every card the session offers; the ids in the order shown."""
    shown = []
    for _ in range(50):
        page = client.get("/flashcards/review", query_string={"deck": deck})
        assert page.status_code == 200
        if b'action="/flashcards/cards/' not in page.data:
            return shown
        shown.append(study_next(client, rating, deck))
    raise AssertionError("the session never ended")


def test_the_result_links_to_a_review_of_exactly_the_cards_the_attempt_enrolled(client, finished):
    facts = {f for c in contents_of(finished).values() for f in c.get("fact_ids", ())}
    assert facts and set(missed_fact_ids(finished.id)) == facts  # every question was missed
    enrolled = missed_cards(finished)
    assert enrolled and enrolled == {card.id for card in cards_of(finished.user_id)}
    result = client.get(f"/attempts/{finished.id}").get_data(as_text=True)
    count = len(enrolled)
    label = f"Study them as flashcards ({count} card{'' if count == 1 else 's'})"
    assert f'href="/flashcards/review?deck=attempt:{finished.id}">{label}</a>' in result

    first = client.get("/flashcards/review", query_string={"deck": deck_of(finished)})
    page = first.get_data(as_text=True)
    assert f"Review: Missed in Test quiz, attempt {finished.number}" in page
    assert f"{count} new" in page

    shown = study_all(client, deck_of(finished))
    assert sorted(shown) == sorted(enrolled)  # each card once, and only those
    done = client.get("/flashcards/review", query_string={"deck": deck_of(finished)})
    text = done.get_data(as_text=True)
    assert "You have studied every card this attempt missed" in text
    assert f'href="/attempts/{finished.id}">Back to the result' in text


def test_the_session_ignores_the_daily_limits_and_offers_cards_not_yet_due(client, finished, clock):
    save_settings(finished.user_id, new_cards_per_day=0)
    general = client.get("/flashcards/review").get_data(as_text=True)
    assert "Nothing to review right now" in general  # today's new-card limit is 0
    enrolled = missed_cards(finished)
    assert sorted(study_all(client, deck_of(finished))) == sorted(enrolled)
    cards = cards_of(finished.user_id)
    assert all(c.state is CardState.REVIEW and c.due > T0 + timedelta(days=1) for c in cards)

    # Tomorrow none of them is due, yet the session offers each of them again.
    clock.advance(days=1)
    assert "Nothing to review right now" in client.get("/flashcards/review").get_data(as_text=True)
    assert sorted(study_all(client, deck_of(finished))) == sorted(enrolled)


def test_a_card_forgotten_in_the_session_comes_back_at_its_step(client, finished):
    deck = deck_of(finished)
    forgotten = study_next(client, AGAIN, deck)
    rest = missed_cards(finished) - {forgotten}
    # Its one-minute step is within the learn-ahead time: it comes back once the others are done.
    shown = study_all(client, deck)
    assert sorted(shown[:-1]) == sorted(rest) and shown[-1] == forgotten
    card = next(c for c in cards_of(finished.user_id) if c.id == forgotten)
    assert card.state is CardState.REVIEW and card.reps == 2


def test_cards_rated_on_the_review_page_today_are_done_in_the_session(client, finished):
    enrolled = missed_cards(finished)
    rated = study_next(client, EASY)  # on the general review page, after the attempt
    assert rated in enrolled
    assert sorted(study_all(client, deck_of(finished))) == sorted(enrolled - {rated})


def test_another_learners_attempt_is_not_found(client, auth, finished):
    deck = {"deck": deck_of(finished)}
    assert client.get("/flashcards/review", query_string=deck).status_code == 200
    card = next(iter(missed_cards(finished)))
    auth.logout()
    create_user("boris")
    auth.login("boris")
    assert client.get("/flashcards/review", query_string=deck).status_code == 404
    assert client.get(f"/flashcards/cards/{card}/answer", query_string=deck).status_code == 404
    rating = {"rating": EASY, "review_count": "0", **deck}
    assert client.post(f"/flashcards/cards/{card}/review", data=rating).status_code == 404
    assert "Study them as flashcards" not in client.get(f"/attempts/{finished.id}").get_data(
        as_text=True
    )


@pytest.mark.parametrize("deck", ["attempt:", "attempt:abc", "attempt:99999999999", "attempt:-1"])
def test_a_malformed_attempt_deck_is_not_found(client, finished, deck):
    assert client.get("/flashcards/review", query_string={"deck": deck}).status_code == 404


def test_an_open_attempt_and_a_practice_run_have_no_flashcards(client, finished):
    practice_url = client.post(f"/attempts/{finished.id}/practice").headers["Location"]
    practice_id = int(practice_url.rsplit("/", 1)[1])
    assert client.get(f"/flashcards/review?deck=attempt:{practice_id}").status_code == 404
    client.post(f"/attempts/{practice_id}", data={"action": "submit"})
    result = client.get(f"/attempts/{practice_id}").get_data(as_text=True)
    assert "Practise the missed questions" in result and "Study them as flashcards" not in result
    assert client.get(f"/flashcards/review?deck=attempt:{practice_id}").status_code == 404


def test_a_right_answer_enrols_nothing_and_the_link_is_absent(client, auth, clock):
    create_user("ani")
    auth.login("ani")
    quiz = make_quiz(question_count=1, kinds=["single_choice"])
    attempt = start(client, quiz)
    content = contents_of(attempt)[1]
    client.post(f"/attempts/{attempt.id}", data={"q1": content["answer"], "action": "submit"})
    db.session.expire_all()
    assert attempt.score == 1.0 and cards_of(attempt.user_id) == []
    result = client.get(f"/attempts/{attempt.id}").get_data(as_text=True)
    assert "Study them as flashcards" not in result
    page = client.get(f"/flashcards/review?deck=attempt:{attempt.id}")
    assert page.status_code == 200 and b'action="/flashcards/cards/' not in page.data


def test_the_session_card_page_carries_the_deck_through_answer_and_rating(client, finished):
    deck = deck_of(finished)
    page = client.get("/flashcards/review", query_string={"deck": deck}).get_data(as_text=True)
    card_id = front_card_id(page.encode())
    assert f"/flashcards/cards/{card_id}/answer?deck=attempt" in page
    answer = client.get(f"/flashcards/cards/{card_id}/answer", query_string={"deck": deck})
    assert f'value="attempt:{finished.id}"' in answer.get_data(as_text=True)
    response = client.post(
        f"/flashcards/cards/{card_id}/review",
        data={"rating": EASY, "review_count": "0", "deck": deck},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/flashcards/review?deck=attempt:{finished.id}")


@pytest.mark.parametrize("source", [ReviewSource.TYPED, ReviewSource.RECOGNITION])
def test_a_card_answered_in_a_review_mode_is_done_in_the_session(client, finished, clock, source):
    """Typing or choosing on the review page counts like flipping: the card leaves the session."""
    deck = deck_of(finished)
    card_id = front_card_id(client.get("/flashcards/review", query_string={"deck": deck}).data)
    card = db.session.get(LearnerCard, card_id)
    chosen = preferences(finished.user_id)
    rate_card(card, Rating.EASY, card.reps, clock(), chosen, source=source)
    db.session.commit()
    shown = study_all(client, deck)
    assert card_id not in shown
    assert set(shown) == missed_cards(finished) - {card_id}
