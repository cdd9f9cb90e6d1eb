"""FSRS scheduling: intervals for fixed ratings and times, seeded fuzz, previews, steps, leeches."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import fsrs
import pytest

from quizapp.domain.scheduling import (
    LEECH_LAPSES,
    CardMemory,
    CardState,
    Rating,
    SchedulerSettings,
    format_interval,
    format_steps,
    fuzz_range,
    new_card,
    parse_steps,
    preview,
    retrievability,
    review,
)

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DEFAULTS = SchedulerSettings()
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


def run(ratings, card_id=42, settings=DEFAULTS):
    """Review a new card with each rating in turn, each time exactly when it falls due."""
    card, moment, reviews = new_card(card_id, T0), T0, []
    for rating in ratings:
        result = review(card, rating, moment, settings)
        reviews.append(result)
        card, moment = result.card, result.card.due
    return reviews


def test_a_fixed_series_of_ratings_gives_a_fixed_series_of_intervals():
    ratings = [Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.HARD]
    reviews = run(ratings)
    assert [(r.card.state, r.card.step, r.interval) for r in reviews] == [
        (CardState.LEARNING, 1, 10 * MINUTE),  # second learning step
        (CardState.REVIEW, None, 2 * DAY),  # graduates: FSRS-6's initial stability for Good
        (CardState.REVIEW, None, 9 * DAY),
        (CardState.RELEARNING, 0, 10 * MINUTE),  # a lapse: the relearning step
        (CardState.REVIEW, None, 2 * DAY),
        (CardState.REVIEW, None, 4 * DAY),
    ]
    assert [r.card.reps for r in reviews] == [1, 2, 3, 4, 5, 6]
    assert [r.card.lapses for r in reviews] == [0, 0, 0, 1, 1, 1]
    assert reviews[0].card.stability == pytest.approx(2.3065)  # FSRS-6 default w[2]
    assert reviews[0].card.difficulty == pytest.approx(2.1181, abs=1e-4)
    assert reviews[0].retrievability is None
    assert reviews[2].retrievability == pytest.approx(0.9095, abs=1e-4)
    assert reviews[3].lapsed and reviews[3].state_before is CardState.REVIEW


def test_intervals_agree_with_fsrs_itself_up_to_the_fuzz():
    card, moment = new_card(42, T0), T0
    reference = fsrs.Card(card_id=42, due=T0)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    for rating in [Rating.GOOD, Rating.GOOD, Rating.EASY, Rating.HARD, Rating.AGAIN, Rating.GOOD]:
        ours = review(card, rating, moment, DEFAULTS)
        reference, _ = scheduler.review_card(reference, fsrs.Rating(int(rating)), moment)
        assert ours.card.stability == pytest.approx(reference.stability)
        assert ours.card.difficulty == pytest.approx(reference.difficulty)
        plain_days = (reference.due - moment).days
        if ours.card.state is CardState.REVIEW:
            assert ours.interval.days in fuzz_range(plain_days)
        else:
            assert ours.card.due == reference.due
        card, moment = ours.card, ours.card.due
        reference.due = card.due  # follow our (fuzzed) schedule


def test_fuzz_is_seeded_by_card_and_review_number_not_the_global_generator():
    ratings = [Rating.EASY, Rating.GOOD, Rating.GOOD, Rating.GOOD]
    random.seed(1)
    first = [r.card.due for r in run(ratings, card_id=7)]
    random.seed(2)
    second = [r.card.due for r in run(ratings, card_id=7)]
    assert first == second
    others = {tuple(r.card.due for r in run(ratings, card_id=card_id)) for card_id in range(1, 30)}
    assert len(others) > 1, "different cards spread over different days"


def test_fuzz_stays_in_the_fsrs_range_and_keeps_the_ratings_in_order():
    for card_id in range(1, 200):
        card = CardMemory(
            card_id=card_id,
            due=T0,
            state=CardState.REVIEW,
            step=None,
            stability=30.0,
            difficulty=5.0,
            last_review=T0 - 30 * DAY,
            reps=5,
        )
        intervals = preview(card, T0, DEFAULTS)
        assert intervals[Rating.HARD] <= intervals[Rating.GOOD] <= intervals[Rating.EASY]
        plain = fsrs.Scheduler(enable_fuzzing=False).review_card(
            fsrs.Card(card_id, fsrs.State.Review, None, 30.0, 5.0, T0, T0 - 30 * DAY),
            fsrs.Rating.Good,
            T0,
        )[0]
        assert intervals[Rating.GOOD].days in fuzz_range((plain.due - T0).days)


def test_each_button_shows_the_interval_its_rating_gives():
    card = run([Rating.GOOD, Rating.GOOD, Rating.GOOD])[-1].card
    moment = card.due + 2 * DAY
    shown = preview(card, moment, DEFAULTS)
    for rating in Rating:
        assert review(card, rating, moment, DEFAULTS).interval == shown[rating]
    assert {rating: format_interval(shown[rating]) for rating in Rating} == {
        Rating.AGAIN: "10 min",
        Rating.HARD: "29 days",
        Rating.GOOD: "1.4 mo",
        Rating.EASY: "2.4 mo",
    }


def test_a_new_card_shows_the_learning_steps_and_the_easy_interval():
    shown = preview(new_card(1, T0), T0, DEFAULTS)
    assert shown[Rating.AGAIN] == MINUTE
    assert shown[Rating.HARD] == 5.5 * MINUTE  # between the first two steps, as in Anki
    assert shown[Rating.GOOD] == 10 * MINUTE
    assert shown[Rating.EASY].days in fuzz_range(8)  # FSRS-6's initial stability for Easy: 8.3


def test_higher_desired_retention_gives_shorter_intervals():
    card = run([Rating.GOOD, Rating.GOOD, Rating.GOOD])[-1].card
    moment = card.due
    low = review(card, Rating.GOOD, moment, SchedulerSettings(desired_retention=0.80)).interval
    high = review(card, Rating.GOOD, moment, SchedulerSettings(desired_retention=0.95)).interval
    assert high < low


def test_desired_retention_must_be_between_80_and_95_percent():
    with pytest.raises(ValueError):
        SchedulerSettings(desired_retention=0.97)
    with pytest.raises(ValueError):
        SchedulerSettings(desired_retention=0.5)


def test_custom_learning_and_relearning_steps():
    settings = SchedulerSettings(
        learning_steps=(5 * MINUTE, timedelta(hours=1), DAY), relearning_steps=()
    )
    reviews = run([Rating.GOOD, Rating.GOOD, Rating.GOOD], settings=settings)
    assert [r.interval for r in reviews[:2]] == [timedelta(hours=1), DAY]
    assert reviews[2].card.state is CardState.REVIEW
    # Without relearning steps a lapse stays in review with a shorter interval.
    lapse = review(reviews[2].card, Rating.AGAIN, reviews[2].card.due, settings)
    assert lapse.card.state is CardState.REVIEW and lapse.card.lapses == 1


def test_retrievability_before_a_review_falls_with_time():
    card = run([Rating.GOOD, Rating.GOOD])[-1].card
    assert retrievability(new_card(1, T0), T0, DEFAULTS) is None
    soon = retrievability(card, card.last_review + DAY, DEFAULTS)
    late = retrievability(card, card.last_review + 30 * DAY, DEFAULTS)
    assert 1 > soon > late > 0


def test_times_must_be_aware_and_any_zone_is_read_as_utc():
    with pytest.raises(ValueError):
        review(new_card(1, T0), Rating.GOOD, datetime(2026, 3, 2, 12), DEFAULTS)
    in_baku = T0.astimezone(ZoneInfo("Asia/Baku"))
    result = review(new_card(1, T0), Rating.GOOD, in_baku, DEFAULTS)
    assert result.reviewed_at == T0 and result.reviewed_at.tzinfo is UTC


def test_a_card_forgotten_eight_times_is_a_leech():
    assert LEECH_LAPSES == 8
    card = run([Rating.GOOD, Rating.GOOD])[-1].card
    for _ in range(LEECH_LAPSES):
        card = review(card, Rating.AGAIN, card.due, DEFAULTS).card
        assert not (card.lapses < LEECH_LAPSES and card.is_leech)
        card = review(card, Rating.GOOD, card.due, DEFAULTS).card
    assert card.lapses == LEECH_LAPSES and card.is_leech


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("1m 10m", (MINUTE, 10 * MINUTE)),
        ("10 1h", (10 * MINUTE, timedelta(hours=1))),
        ("", ()),
        ("1d", (DAY,)),
    ],
)
def test_steps_are_read_as_in_anki(text, steps):
    assert parse_steps(text) == steps
    assert parse_steps(format_steps(steps)) == steps


@pytest.mark.parametrize("text", ["fast", "0m", "2d", "1m " * 11, "-5m"])
def test_bad_steps_are_refused_with_a_reason(text):
    with pytest.raises(ValueError, match=r"\w"):
        parse_steps(text)


def test_intervals_read_like_anki_buttons():
    assert format_interval(timedelta(seconds=30)) == "under 1 min"
    assert format_interval(5.5 * MINUTE) == "6 min"
    assert format_interval(timedelta(hours=1)) == "1 hour"
    assert format_interval(DAY) == "1 day"
    assert format_interval(12 * DAY) == "12 days"
    assert format_interval(64 * DAY) == "2.1 mo"
    assert format_interval(400 * DAY) == "1.1 years"
