"""Fitting FSRS to a learner: training items, the time split, the keep-or-not rule, and a fit on a
review log drawn from a known memory model."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import fsrs
import pytest

from quizapp.domain.schedule_fitting import (
    DEFAULT_PARAMETERS,
    MIN_TRAINING_ITEMS,
    PARAMETER_COUNT,
    RUN_COOLDOWN,
    Evaluation,
    Fit,
    LoggedReview,
    Scores,
    TrainingItem,
    checked_parameters,
    describe,
    enough_items,
    feeds_fitting,
    fit_and_evaluate,
    next_run_at,
    time_series_split,
    training_items,
)
from quizapp.domain.scheduling import CardMemory, Rating, SchedulerSettings, review
from quizapp.domain.synthetic_reviews import FORGETFUL_LEARNER, synthetic_log
from quizapp.models import ReviewSource

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def logged(card_id: int, at: datetime, rating: int = 3, source: str = "review") -> LoggedReview:
    return LoggedReview(card_id, at, rating, source)


# --- which reviews feed the fit ------------------------------------------------------------------


def test_flip_and_quiz_reviews_feed_the_fit():
    assert feeds_fitting(ReviewSource.REVIEW)
    assert feeds_fitting(ReviewSource.QUIZ)
    assert feeds_fitting("typed")


@pytest.mark.parametrize(
    "source", ["recognition", "choose", "choice", "Recognition", "quiz_choice"]
)
def test_recognition_never_feeds_the_fit(source):
    assert not feeds_fitting(source)


def test_every_logged_source_is_classified_as_recall_unless_it_is_recognition():
    for source in ReviewSource:
        recognition = {"recognition", "choose", "choice", "quiz_choice"}
        assert feeds_fitting(source) is (source.value not in recognition)


# --- training items ------------------------------------------------------------------------------


def test_items_predict_each_review_on_a_later_day_with_the_history_before_it():
    log = [
        logged(1, T0, 3),
        logged(1, T0 + timedelta(minutes=10), 3),  # a learning step: same day, not predicted
        logged(1, T0 + 2 * DAY, 1),
        logged(1, T0 + 5 * DAY, 3),
        logged(2, T0 + DAY, 4),  # one review only: nothing to predict
    ]
    items = training_items(log, UTC)
    assert [item.reviews for item in items] == [
        ((3, 0), (3, 0), (1, 2)),
        ((3, 0), (3, 0), (1, 2), (3, 3)),
    ]
    assert [item.reviewed_at for item in items] == [T0 + 2 * DAY, T0 + 5 * DAY]
    assert {item.card_id for item in items} == {1}


def test_items_are_ordered_in_time_whatever_the_order_of_the_log():
    log = [logged(card, T0 + card * DAY + offset * 3 * DAY) for card in (1, 2) for offset in (0, 1)]
    items = training_items(list(reversed(log)), UTC)
    assert [item.reviewed_at for item in items] == sorted(item.reviewed_at for item in items)
    assert len(items) == 2


def test_days_are_the_learners_study_days_which_start_at_four_in_the_morning():
    zone = ZoneInfo("Asia/Yerevan")  # UTC+4
    evening = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)  # 23:00 in Yerevan
    after_midnight = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 02:30: still the same study day
    next_morning = datetime(2026, 3, 3, 5, 0, tzinfo=UTC)  # 09:00: the next study day
    assert training_items([logged(1, evening), logged(1, after_midnight)], zone) == []
    (item,) = training_items([logged(1, evening), logged(1, next_morning)], zone)
    assert item.reviews == ((3, 0), (3, 1))


def test_recognition_reviews_are_left_out_of_the_history_and_never_predicted():
    log = [
        logged(1, T0, 3),
        logged(1, T0 + DAY, 3, source="recognition"),
        logged(1, T0 + 4 * DAY, 1),
        logged(2, T0, 3, source="recognition"),
        logged(2, T0 + DAY, 3, source="recognition"),
    ]
    (item,) = training_items(log, UTC)
    assert item.reviews == ((3, 0), (1, 4))


# --- the split, the threshold, the decision ------------------------------------------------------


def items_at(count: int) -> list[TrainingItem]:
    return [TrainingItem(n, T0 + n * DAY, ((3, 0), (3, 1))) for n in range(count)]


def test_the_split_fits_on_the_earlier_items_and_scores_on_the_later_quarter():
    items = items_at(400)
    train, test = time_series_split(list(reversed(items)))
    assert (len(train), len(test)) == (300, 100)
    assert max(item.reviewed_at for item in train) < min(item.reviewed_at for item in test)
    assert train + test == items


def test_the_split_keeps_at_least_one_item_to_score_on():
    train, test = time_series_split(items_at(2), test_share=0.1)
    assert (len(train), len(test)) == (1, 1)
    with pytest.raises(ValueError):
        time_series_split(items_at(10), test_share=1.0)


def test_a_fit_needs_the_threshold_of_items():
    assert not enough_items(MIN_TRAINING_ITEMS - 1)
    assert enough_items(MIN_TRAINING_ITEMS)
    with pytest.raises(ValueError, match="at least 400"):
        fit_and_evaluate(items_at(MIN_TRAINING_ITEMS - 1))


@pytest.mark.parametrize(
    ("fitted", "kept"),
    [
        (Scores(0.30, 0.04), True),
        (Scores(0.30, 0.06), False),  # better log loss, worse RMSE
        (Scores(0.40, 0.04), False),  # better RMSE, worse log loss
        (Scores(0.35, 0.05), False),  # a tie is not better
    ],
)
def test_the_fit_is_kept_only_when_better_on_both_measures(fitted, kept):
    evaluation = Evaluation(
        default=Scores(0.35, 0.05), fitted=fitted, trained_items=3, tested_items=1
    )
    assert evaluation.prefers_fitted is kept
    fit = Fit(parameters=DEFAULT_PARAMETERS, evaluation=evaluation)
    assert (fit.kept_parameters is not None) is kept
    assert ("now uses parameters fitted to you" in describe(4, fit)) is kept


def test_the_message_without_enough_reviews_says_how_many_there_are_and_how_many_are_needed():
    assert "12 of the 400" in describe(12, None)


def test_parameters_are_the_21_the_scheduler_takes_and_within_its_bounds():
    assert PARAMETER_COUNT == 21
    assert checked_parameters(DEFAULT_PARAMETERS) == DEFAULT_PARAMETERS
    with pytest.raises(ValueError, match="21 parameters, not 20"):
        checked_parameters(DEFAULT_PARAMETERS[:20])
    with pytest.raises(ValueError, match="parameter 4"):
        checked_parameters((*DEFAULT_PARAMETERS[:4], 50.0, *DEFAULT_PARAMETERS[5:]))
    assert len(checked_parameters([float(value) for value in FORGETFUL_LEARNER])) == 21


def test_the_button_waits_a_few_minutes_between_runs():
    assert next_run_at(None, T0) is None
    assert next_run_at(T0, T0 + timedelta(minutes=3)) == T0 + RUN_COOLDOWN
    assert next_run_at(T0, T0 + RUN_COOLDOWN) is None


# --- a fit on a review log drawn from a known memory model ---------------------------------------


@cache
def forgetful_fit() -> Fit:
    log = synthetic_log(FORGETFUL_LEARNER, seed=1, days=150, new_cards_per_day=5)
    return fit_and_evaluate(training_items(log, UTC))


def distance_to_truth(parameters) -> float:
    """How far the parameters the log tells most about are from the generating ones: the four
    initial stabilities (on a log scale) and the growth of stability after a success."""
    truth = FORGETFUL_LEARNER
    stabilities = sum((math.log(parameters[i]) - math.log(truth[i])) ** 2 for i in range(4))
    return math.sqrt(stabilities + (parameters[8] - truth[8]) ** 2)


def test_the_fit_moves_from_the_defaults_towards_the_generating_parameters():
    fitted = forgetful_fit().parameters
    assert distance_to_truth(fitted) < 0.6 * distance_to_truth(DEFAULT_PARAMETERS)
    # The learner forgets new cards faster than the default learner: each initial stability
    # (Again, Hard, Good, Easy on the first review) comes out below the default one.
    assert all(fitted[i] < DEFAULT_PARAMETERS[i] for i in range(1, 4))


def test_the_evaluation_prefers_the_fit_on_the_later_reviews():
    fit = forgetful_fit()
    evaluation = fit.evaluation
    assert evaluation.prefers_fitted
    assert evaluation.fitted.log_loss < evaluation.default.log_loss
    assert evaluation.fitted.rmse < evaluation.default.rmse
    assert evaluation.trained_items + evaluation.tested_items >= 4 * MIN_TRAINING_ITEMS
    assert fit.kept_parameters == fit.parameters


def test_the_fitted_parameters_schedule_with_the_fsrs_package():
    fitted = forgetful_fit().parameters
    fsrs.Scheduler(parameters=fitted)  # raises on a vector it does not accept
    card = CardMemory(card_id=1, due=T0)
    default_good = review(card, Rating.GOOD, T0, SchedulerSettings(learning_steps=()))
    fitted_good = review(
        card, Rating.GOOD, T0, SchedulerSettings(learning_steps=(), parameters=fitted)
    )
    # A forgetful learner sees a new card again sooner after a first Good.
    assert fitted_good.interval < default_good.interval
    assert fitted_good.card.stability == pytest.approx(fitted[2], rel=1e-6)


def test_the_same_log_gives_the_same_fit():
    log = synthetic_log(FORGETFUL_LEARNER, seed=1, days=150, new_cards_per_day=5)
    assert fit_and_evaluate(training_items(log, UTC)).parameters == forgetful_fit().parameters


def test_the_synthetic_log_is_reproducible_from_its_seed():
    assert synthetic_log(FORGETFUL_LEARNER, seed=3, days=20) == synthetic_log(
        FORGETFUL_LEARNER, seed=3, days=20
    )
    assert synthetic_log(FORGETFUL_LEARNER, seed=3, days=20) != synthetic_log(
        FORGETFUL_LEARNER, seed=4, days=20
    )
