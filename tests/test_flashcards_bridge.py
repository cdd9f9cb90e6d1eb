"""The quiz-miss bridge: what a finished quiz attempt does to the learner's flashcards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from support_flashcards import T0, cards_of, install_clock, load_bank, review_count

from quizapp.domain.schedule_fitting import feeds_fitting
from quizapp.domain.scheduling import CardState, Rating
from quizapp.flashcard_store import QuizOutcome, preferences, rate_card, record_quiz_outcomes
from quizapp.models import LearnerCard, ReviewLog, ReviewSource, db

CEASEFIRE = "event.ceasefire-1994"
SECOND_WAR = "event.second-war"
ALIYEV = "figure.ilham-aliyev"


@pytest.fixture
def learner(app, make_user):
    load_bank(app)
    return make_user("ani")


def miss(*fact_ids, recall=False):
    return QuizOutcome(fact_ids=fact_ids, correct=False, recall=recall)


def hit(*fact_ids, recall):
    return QuizOutcome(fact_ids=fact_ids, correct=True, recall=recall)


def card_for(user_id, fact_id):
    return next(card for card in cards_of(user_id) if card.fact_id == fact_id)


def graduate(card: LearnerCard) -> LearnerCard:
    """Bring an enrolled card to the review state, as if learned a while ago."""
    rate_card(card, Rating.EASY, card.reps, T0 - timedelta(days=20), preferences(card.user_id))
    db.session.commit()
    db.session.expire_all()
    return db.session.get(LearnerCard, card.id)


def test_a_missed_question_enrols_its_facts_cards_as_new_cards_due_now(learner):
    record_quiz_outcomes(learner.id, [miss(CEASEFIRE, SECOND_WAR)], T0)
    db.session.commit()
    cards = cards_of(learner.id)
    assert sorted(card.flashcard_id for card in cards) == [
        "card.event.ceasefire-1994",
        "card.event.second-war",
    ]
    assert all(card.reps == 0 and card.due == T0 for card in cards)
    assert review_count(learner.id) == 0, "enrolling is not a review"


def test_a_missed_question_on_an_enrolled_card_rates_it_again(learner):
    record_quiz_outcomes(learner.id, [miss(CEASEFIRE)], T0 - timedelta(days=21))
    db.session.commit()
    card = graduate(card_for(learner.id, CEASEFIRE))
    assert card.state is CardState.REVIEW

    record_quiz_outcomes(learner.id, [miss(CEASEFIRE)], T0)
    db.session.commit()
    card = card_for(learner.id, CEASEFIRE)
    assert (card.state, card.lapses, card.reps) == (CardState.RELEARNING, 1, 2)
    log = db.session.scalars(select(ReviewLog).where(ReviewLog.review_number == 2)).one()
    assert (log.rating, log.source, log.reviewed_at) == (1, ReviewSource.QUIZ_CHOICE, T0)
    assert log.retrievability is not None and 0 < log.retrievability < 1


@pytest.mark.parametrize(
    ("outcomes", "source"),
    [
        ([miss(CEASEFIRE, recall=True)], ReviewSource.QUIZ),
        ([miss(CEASEFIRE)], ReviewSource.QUIZ_CHOICE),
        ([miss(CEASEFIRE), miss(CEASEFIRE, recall=True)], ReviewSource.QUIZ),
        ([miss(CEASEFIRE, recall=True), miss(CEASEFIRE)], ReviewSource.QUIZ),
        ([hit(CEASEFIRE, recall=True), miss(CEASEFIRE)], ReviewSource.QUIZ_CHOICE),
    ],
)
def test_a_missed_choice_is_logged_apart_from_a_missed_typed_answer(learner, outcomes, source):
    """Fitting a learner's memory model leaves choices out: the log says which a miss was."""
    record_quiz_outcomes(learner.id, [miss(CEASEFIRE)], T0 - timedelta(days=21))
    db.session.commit()
    graduate(card_for(learner.id, CEASEFIRE))
    record_quiz_outcomes(learner.id, outcomes, T0)
    db.session.commit()
    log = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id.desc())).first()
    assert (log.rating, log.source) == (int(Rating.AGAIN), source)
    assert feeds_fitting(log.source) is (source is ReviewSource.QUIZ)


def test_a_correct_recall_answer_rates_an_enrolled_card_good(learner):
    record_quiz_outcomes(learner.id, [miss(ALIYEV)], T0 - timedelta(days=21))
    db.session.commit()
    before = graduate(card_for(learner.id, ALIYEV))
    reps, due = before.reps, before.due

    record_quiz_outcomes(learner.id, [hit(ALIYEV, recall=True)], T0)
    db.session.commit()
    after = card_for(learner.id, ALIYEV)
    assert after.reps == reps + 1 and after.due > due
    log = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id.desc())).first()
    assert (log.rating, log.source) == (int(Rating.GOOD), ReviewSource.QUIZ)


def test_a_correct_recall_answer_does_not_enrol_a_card(learner):
    record_quiz_outcomes(learner.id, [hit(ALIYEV, recall=True)], T0)
    db.session.commit()
    assert cards_of(learner.id) == []


def test_a_correct_choice_answer_changes_nothing(learner):
    record_quiz_outcomes(learner.id, [miss(ALIYEV)], T0 - timedelta(days=1))
    db.session.commit()
    before = card_for(learner.id, ALIYEV)
    due, reps = before.due, before.reps

    record_quiz_outcomes(learner.id, [hit(ALIYEV, recall=False), hit(CEASEFIRE, recall=False)], T0)
    db.session.commit()
    after = card_for(learner.id, ALIYEV)
    assert (after.due, after.reps) == (due, reps)
    assert len(cards_of(learner.id)) == 1
    assert review_count(learner.id) == 0


def test_questions_without_facts_are_ignored(learner):
    record_quiz_outcomes(learner.id, [miss(), hit(recall=True)], T0)
    db.session.commit()
    assert cards_of(learner.id) == [] and review_count(learner.id) == 0


def test_a_card_touched_twice_in_one_attempt_is_rated_once_and_a_miss_wins(learner):
    record_quiz_outcomes(learner.id, [miss(CEASEFIRE)], T0 - timedelta(days=21))
    db.session.commit()
    graduate(card_for(learner.id, CEASEFIRE))
    record_quiz_outcomes(
        learner.id, [hit(CEASEFIRE, recall=True), miss(CEASEFIRE), miss(CEASEFIRE)], T0
    )
    db.session.commit()
    card = card_for(learner.id, CEASEFIRE)
    assert card.reps == 2 and card.lapses == 1
    assert review_count(learner.id) == 2


def test_the_bridge_does_not_commit(learner):
    record_quiz_outcomes(learner.id, [miss(CEASEFIRE)], T0)
    db.session.rollback()
    assert cards_of(learner.id) == []


def test_missed_cards_join_the_review_queue(app, client, auth, learner):
    install_clock(app, T0 + timedelta(minutes=5))
    record_quiz_outcomes(learner.id, [miss(CEASEFIRE)], T0 - timedelta(days=21))
    db.session.commit()
    graduate(card_for(learner.id, CEASEFIRE))
    record_quiz_outcomes(learner.id, [miss(CEASEFIRE), miss(ALIYEV)], T0)
    db.session.commit()
    auth.login("ani")
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "1 new" in page, "the missed figure card waits as a new card"
    assert "1 learning" in page, "the lapsed card relearns"
