"""Reviewing flashcards by typing the answer or choosing it, without JavaScript (plain forms)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from support_flashcards import cards_of, install_clock, load_bank, review_count

from quizapp.models import LearnerCard, LearnerSettings, Question, ReviewLog, ReviewSource, db

HISTORY = "topic:history"
TYPE_ACTION = re.compile(r'action="/flashcards/cards/(\d+)/typed"')
CHOOSE_ACTION = re.compile(r'action="/flashcards/cards/(\d+)/chosen"')


@pytest.fixture
def clock(app):
    load_bank(app)
    return install_clock(app)


@pytest.fixture
def learner(clock, make_user, auth, client):
    user = make_user("ani")
    auth.login("ani")
    client.post(f"/flashcards/decks/{HISTORY}/add")
    return user


def question_of(card_id: int, template: str) -> dict:
    card = db.session.get(LearnerCard, card_id)
    return db.session.get(Question, f"gen.{template}.{card.fact_id}").content


def shown(client, mode: str, pattern: re.Pattern[str]) -> tuple[int, str]:
    page = client.get("/flashcards/review", query_string={"deck": HISTORY, "mode": mode})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    match = pattern.search(text)
    assert match, f"a card in {mode} mode is shown"
    return int(match.group(1)), text


def post_typed(client, card_id, answer, review_count=0, mode="type"):
    return client.post(
        f"/flashcards/cards/{card_id}/typed",
        data={"answer": answer, "review_count": review_count, "deck": HISTORY, "mode": mode},
    )


def post_choice(client, card_id, choice, review_count=0, mode="choose"):
    return client.post(
        f"/flashcards/cards/{card_id}/chosen",
        data={"choice": choice, "review_count": review_count, "deck": HISTORY, "mode": mode},
    )


def logs_of(card_id: int) -> list[ReviewLog]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(ReviewLog)
            .where(ReviewLog.learner_card_id == card_id)
            .order_by(ReviewLog.review_number)
        )
    )


def card(card_id: int) -> LearnerCard:
    db.session.expire_all()
    return db.session.get(LearnerCard, card_id)


# --- type the answer -----------------------------------------------------------------------------


def test_the_type_page_asks_without_showing_the_answer(client, learner):
    card_id, page = shown(client, "type", TYPE_ACTION)
    year = str(question_of(card_id, "event-year")["answer"]["value"])
    back = card(card_id).flashcard.content["back"]
    assert 'name="answer"' in page and '<label for="answer">' in page
    assert back not in page and year not in page
    assert 'aria-current="true">Type the answer</a>' in page


def test_a_right_typed_answer_rates_good_and_shows_the_card(client, learner):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    year = question_of(card_id, "event-year")["answer"]["value"]
    response = post_typed(client, card_id, f" {year} ")
    assert response.status_code == 302
    assert re.search(r"/flashcards/answers/\d+\?deck=topic:history&mode=type$", response.location)
    [log] = logs_of(card_id)
    assert (log.source, log.rating, log.response, log.overruled) == (
        ReviewSource.TYPED, 3, str(year), False,
    )  # fmt: skip
    assert card(card_id).reps == 1
    result = client.get(response.location).get_data(as_text=True)
    assert "Right</h2>" in result and "Good: next review in" in result
    assert card(card_id).flashcard.content["back"] in result
    assert "I was right" not in result
    assert 'href="/flashcards/review?deck=topic:history&amp;mode=type"' in result


def test_a_wrong_typed_answer_rates_again_and_may_be_overruled_once(client, learner):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    year = question_of(card_id, "event-year")["answer"]["value"]
    response = post_typed(client, card_id, str(year - 1))
    [log] = logs_of(card_id)
    assert (log.rating, log.overruled) == (1, False)
    result = client.get(response.location).get_data(as_text=True)
    assert "Not quite</h2>" in result and f'class="expected-answer">{year}<' in result
    assert "I was right: typo" in result

    overrule = client.post(f"/flashcards/answers/{log.id}/overrule", data={"mode": "type"})
    assert overrule.status_code == 302
    [log] = logs_of(card_id)
    assert (log.rating, log.overruled, log.response, log.source) == (
        3, True, str(year - 1), ReviewSource.TYPED,
    )  # fmt: skip
    assert card(card_id).reps == 1, "one review, now rated Good"
    page = client.get(overrule.location).get_data(as_text=True)
    assert "you overruled the check" in page and "Counted as Good" in page
    assert "I was right" not in page

    again = client.post(f"/flashcards/answers/{log.id}/overrule", data={"mode": "type"})
    assert "can be overruled, once" in client.get(again.location).get_data(as_text=True)
    assert [(entry.rating, entry.overruled) for entry in logs_of(card_id)] == [(3, True)]


def place_card(user_id: int) -> LearnerCard:
    place = db.session.scalar(
        select(LearnerCard).where(
            LearnerCard.user_id == user_id, LearnerCard.fact_id == "place.stepanakert"
        )
    )
    assert place is not None, "the history deck holds Stepanakert (Khankendi)"
    return place


def test_a_typed_answer_is_graded_with_the_quizzes_tolerance(client, learner):
    place = place_card(learner.id)
    response = post_typed(client, place.id, "  KHANKÉNDI! ")
    assert response.status_code == 302
    assert logs_of(place.id)[0].rating == 3
    page = client.get(response.location).get_data(as_text=True)
    assert 'class="expected-answer">Khankendi<' in page, "the spelling nearest the typed one"


def test_the_difference_between_typed_and_expected_is_shown(client, learner):
    stepanakert = place_card(learner.id)
    response = post_typed(client, stepanakert.id, "Stepanakertt")
    assert logs_of(stepanakert.id)[0].rating == 1
    page = client.get(response.location).get_data(as_text=True)
    assert 'class="expected-answer">Stepanakert<' in page
    assert "typed but not expected: </span>t</del>" in page


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("", "Type your answer before checking it."),
        ("   ", "Type your answer before checking it."),
        ("x" * 201, "Keep the answer under 200 characters."),
        ("x" * 100_000, "Keep the answer under 200 characters."),
    ],
)
def test_a_bad_typed_answer_gets_a_message_and_changes_nothing(client, learner, answer, message):
    place = place_card(learner.id)
    response = post_typed(client, place.id, answer)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert message in text and 'role="alert"' in text and 'aria-invalid="true"' in text
    if answer.strip():
        assert f'value="{answer}"' in text, "what the learner typed is kept"
    assert review_count(learner.id) == 0 and card(place.id).reps == 0


def test_a_typed_year_that_is_not_a_year_gets_a_message(client, learner):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    response = post_typed(client, card_id, "nineteen ninety-four")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Enter a whole year in digits." in text and 'value="nineteen ninety-four"' in text
    year = question_of(card_id, "event-year")["answer"]["value"]
    assert str(year) not in text, "the message gives no example that could be the answer"
    assert review_count(learner.id) == 0


def test_a_nul_in_a_typed_answer_is_refused_and_changes_nothing(client, learner):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    response = post_typed(client, card_id, "19\x0094")
    assert response.status_code in (400, 422)
    assert "NUL" in response.get_data(as_text=True)
    assert review_count(learner.id) == 0


def test_a_typed_answer_counts_once(client, learner):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    year = question_of(card_id, "event-year")["answer"]["value"]
    post_typed(client, card_id, str(year))
    replay = post_typed(client, card_id, str(year))
    assert replay.status_code == 302 and "mode=type" in replay.location
    assert "already rated" in client.get(replay.location).get_data(as_text=True)
    assert len(logs_of(card_id)) == 1


def test_another_learners_card_and_answers_are_not_found(client, learner, make_user, auth):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    post_typed(client, card_id, "1900")
    [log] = logs_of(card_id)
    make_user("boris")
    auth.logout()
    auth.login("boris")
    assert post_typed(client, card_id, "1994").status_code == 404
    assert post_choice(client, card_id, "1994").status_code == 404
    assert client.get(f"/flashcards/answers/{log.id}").status_code == 404
    assert client.post(f"/flashcards/answers/{log.id}/overrule").status_code == 404
    assert [(entry.rating, entry.overruled) for entry in logs_of(card_id)] == [(1, False)]


def test_a_flip_rating_has_no_answer_page(client, learner):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    client.post(f"/flashcards/cards/{card_id}/review", data={"rating": 3, "review_count": 0})
    [log] = logs_of(card_id)
    assert log.source is ReviewSource.REVIEW
    assert client.get(f"/flashcards/answers/{log.id}").status_code == 404


# --- choose --------------------------------------------------------------------------------------


def options_in(page: str) -> list[str]:
    return re.findall(r'<input type="radio" name="choice" value="([^"]*)"', page)


def test_the_choose_page_shows_four_options_and_marks_none(client, learner):
    card_id, page = shown(client, "choose", CHOOSE_ACTION)
    content = question_of(card_id, "event-year-choice")
    options = options_in(page)
    assert len(options) == 4 and len(set(options)) == 4
    assert content["answer"] in options
    assert card(card_id).flashcard.content["back"] not in page
    assert "checked" not in page and "correct" not in page.casefold().replace("correct the", "")


def test_a_wrong_choice_rates_again_as_a_recognition_event(client, learner):
    card_id, page = shown(client, "choose", CHOOSE_ACTION)
    answer = question_of(card_id, "event-year-choice")["answer"]
    wrong = next(option for option in options_in(page) if option != answer)
    response = post_choice(client, card_id, wrong)
    [log] = logs_of(card_id)
    assert (log.rating, log.source, log.response) == (1, ReviewSource.RECOGNITION, wrong)
    assert card(card_id).reps == 1
    text = client.get(response.location).get_data(as_text=True)
    assert "Not quite" in text and f'class="expected-answer">{answer}<' in text


def test_a_new_card_chosen_right_is_typed_next_then_scheduled(client, learner, clock):
    card_id, _ = shown(client, "choose", CHOOSE_ACTION)
    answer = question_of(card_id, "event-year-choice")["answer"]
    response = post_choice(client, card_id, answer)
    [log] = logs_of(card_id)
    assert (log.review_number, log.source, log.response) == (0, ReviewSource.RECOGNITION, answer)
    chosen = card(card_id)
    assert chosen.reps == 0 and chosen.stability is None, "recognition does not graduate it"
    assert chosen.recognised_at == clock.now and chosen.due == clock.now + timedelta(minutes=1)
    text = client.get(response.location).get_data(as_text=True)
    assert "you recognised it" in text and "Not scheduled yet" in text

    assert post_choice(client, card_id, answer).status_code == 302
    assert len(logs_of(card_id)) == 1, "a replayed recognition counts once"

    clock.advance(minutes=5)
    page = client.get("/flashcards/review", query_string={"deck": HISTORY, "mode": "choose"})
    text = page.get_data(as_text=True)
    assert f'action="/flashcards/cards/{card_id}/typed"' in text
    assert "you recognised it, now type it" in text
    year = question_of(card_id, "event-year")["answer"]["value"]
    post_typed(client, card_id, str(year), mode="choose")
    assert [entry.review_number for entry in logs_of(card_id)] == [0, 1]
    assert card(card_id).reps == 1 and card(card_id).stability is not None


def test_a_studied_card_chosen_right_rates_good_as_recognition(client, learner, clock):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    client.post(f"/flashcards/cards/{card_id}/review", data={"rating": 4, "review_count": 0})
    clock.advance(days=30)
    page = client.get("/flashcards/review", query_string={"deck": HISTORY, "mode": "choose"})
    text = page.get_data(as_text=True)
    shown_id = int(CHOOSE_ACTION.search(text).group(1))
    reps = card(shown_id).reps
    assert reps == 1, "the card rated a month ago is due"
    answer = question_of(shown_id, "event-year-choice")["answer"]
    post_choice(client, shown_id, answer, review_count=reps)
    last = logs_of(shown_id)[-1]
    assert (last.rating, last.source) == (3, ReviewSource.RECOGNITION)
    assert card(shown_id).reps == 2


@pytest.mark.parametrize("choice", ["", "1066", "x" * 5000])
def test_a_choice_not_shown_gets_a_message_and_changes_nothing(client, learner, choice):
    card_id, _ = shown(client, "choose", CHOOSE_ACTION)
    response = post_choice(client, card_id, choice)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Choose one of the four options shown." in text and 'role="alert"' in text
    assert review_count(learner.id) == 0


def test_recognition_does_not_use_up_the_new_card_limit(client, learner):
    db.session.add(
        LearnerSettings(
            user_id=learner.id,
            desired_retention=0.9,
            new_cards_per_day=1,
            reviews_per_day=100,
            learning_steps="1m 10m",
            relearning_steps="10m",
        )
    )
    db.session.commit()
    card_id, _ = shown(client, "choose", CHOOSE_ACTION)
    post_choice(client, card_id, question_of(card_id, "event-year-choice")["answer"])
    next_id, _ = shown(client, "choose", CHOOSE_ACTION)
    assert next_id != card_id, "another new card comes while the recognised one waits"


# --- the session's mode and the learner's settings -----------------------------------------------


def settings(client, **values):
    data = {
        "desired_retention": "0.9",
        "new_cards_per_day": "20",
        "reviews_per_day": "200",
        "learning_steps": "1m 10m",
        "relearning_steps": "10m",
        **values,
    }
    return client.post("/flashcards/settings", data=data)


def test_the_session_starts_in_the_learners_mode_and_the_page_may_switch_it(client, learner):
    assert settings(client, review_mode="type").status_code == 302
    row = db.session.get(LearnerSettings, learner.id)
    assert (row.review_mode, row.learn_path) == ("type", False)
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert TYPE_ACTION.search(page)
    flip = client.get("/flashcards/review?mode=flip").get_data(as_text=True)
    assert "/review" in flip and 'id="show-answer"' in flip and not TYPE_ACTION.search(flip)
    assert 'name="mode" type="hidden" value="flip"' in flip
    unknown = client.get("/flashcards/review?mode=%00nonsense")
    assert unknown.status_code in (200, 400)


def test_the_learn_path_asks_a_new_card_to_be_chosen_first(client, learner):
    settings(client, review_mode="flip", learn_path="y")
    assert db.session.get(LearnerSettings, learner.id).learn_path
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert CHOOSE_ACTION.search(page)
    text = client.get("/flashcards/settings").get_data(as_text=True)
    assert re.search(r'<input[^>]* checked id="learn_path"', text)


def test_an_unknown_review_mode_setting_is_refused_at_the_field(client, learner):
    response = settings(client, review_mode="guess")
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.get(LearnerSettings, learner.id) is None


def test_a_card_that_cannot_be_typed_is_flipped(client, learner, make_user, auth):
    client.post("/flashcards/decks/topic:actors/add")
    page = client.get("/flashcards/review?deck=topic:actors&mode=type").get_data(as_text=True)
    assert 'id="show-answer"' in page and not TYPE_ACTION.search(page)
    actor = cards_of(learner.id)[-1]
    response = post_typed(client, actor.id, "Russia")
    assert response.status_code == 302
    assert "cannot be asked in this mode" in client.get(response.location).get_data(as_text=True)
    assert review_count(learner.id) == 0


def test_the_answer_page_marks_flashcards_and_review_as_the_current_pages(client, learner):
    card_id, _ = shown(client, "type", TYPE_ACTION)
    response = post_typed(client, card_id, "1000")
    result = client.get(response.location).get_data(as_text=True)
    assert re.search(r'href="/flashcards/"\s+aria-current="page">Flashcards</a>', result)
    assert re.search(r'href="/flashcards/review"\s+aria-current="page">Review</a>', result)
