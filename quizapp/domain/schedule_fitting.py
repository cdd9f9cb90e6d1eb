"""Fitting FSRS's parameters to one learner's review log, and judging the fit on their own history.

The steps, each a function of values only: keep the reviews that are evidence of recall
(`feeds_fitting`), turn each card's reviews into training items (`training_items`), split them in
time (`time_series_split`), fit on the earlier part and score the default and the fitted parameters
on the later part (`fit_and_evaluate`), and keep the fit only when it predicts the later reviews
better on both measures (`Evaluation.prefers_fitted`). Fitting and scoring are fsrs-rs-python's (the
Rust implementation of FSRS-6): its 21 parameters are the ones the `fsrs` scheduler takes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import fsrs
import fsrs_rs_python

from .study import study_day

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
PARAMETER_COUNT = len(DEFAULT_PARAMETERS)

# A fit needs this many predicted reviews (reviews of a card on a later day than its previous
# review). Below a few hundred, FSRS's optimiser can move little beyond the four initial
# stabilities, Anki's FSRS guide asks for several hundred reviews before optimising, and the later
# quarter kept for the evaluation would hold under a hundred reviews: too few for the binned RMSE
# to tell two parameter sets apart rather than noise.
MIN_TRAINING_ITEMS = 400
# The later share of the history that the fit never sees and both parameter sets are scored on.
TEST_SHARE = 0.25
# The most recent items a run uses: this bounds a run's time (one to two seconds of one core; see
# bench/retention.py) whatever the size of the log. A long history keeps its latest habits.
MAX_TRAINING_ITEMS = 20_000
# The optimiser's seed: the same log always gives the same parameters.
FIT_SEED = 2023

# A learner's button runs at most once in this time: a run takes about a second of a core, and a
# fit on nearly the same log would change nothing. The nightly command does not wait.
RUN_COOLDOWN = timedelta(minutes=10)

# Choosing an answer among options shows recognition, which is weaker evidence than recall: such
# reviews never train the memory model. Any source not named here is a recall (flip, typed, quiz).
RECOGNITION_SOURCES = frozenset({"recognition", "choose", "choice", "quiz_choice"})


def feeds_fitting(source: str) -> bool:
    """Whether a review logged with `source` is evidence of recall, and so may train the model."""
    return str(source).lower() not in RECOGNITION_SOURCES


@dataclass(frozen=True)
class LoggedReview:
    """One row of a learner's review log, as the fit needs it."""

    card_id: int
    reviewed_at: datetime
    rating: int
    source: str


@dataclass(frozen=True)
class TrainingItem:
    """A card's reviews up to one review on a later day: the model predicts that last one.

    `reviews` holds (rating, days since the card's previous review), the first with 0 days.
    """

    card_id: int
    reviewed_at: datetime
    reviews: tuple[tuple[int, int], ...]


def training_items(reviews: Iterable[LoggedReview], time_zone: tzinfo) -> list[TrainingItem]:
    """The training items of a review log, oldest prediction first.

    Days are the learner's study days (they start at 04:00 local time), so two reviews in one
    evening session are on the same day. Reviews on the same day as the card's previous one
    (learning steps) stay in the history but are not predicted: FSRS's memory model predicts recall
    after a gap of days, as Anki's optimiser also does.
    """
    by_card: dict[int, list[LoggedReview]] = defaultdict(list)
    for logged in reviews:
        if feeds_fitting(logged.source):
            by_card[logged.card_id].append(logged)
    items = []
    for card_id, card_reviews in by_card.items():
        card_reviews.sort(key=lambda logged: logged.reviewed_at)
        history: list[tuple[int, int]] = []
        previous_day = None
        for logged in card_reviews:
            day = study_day(logged.reviewed_at, time_zone)
            gap = 0 if previous_day is None else (day - previous_day).days
            history.append((int(logged.rating), gap))
            previous_day = day
            if len(history) > 1 and gap > 0:
                items.append(TrainingItem(card_id, logged.reviewed_at, tuple(history)))
    items.sort(key=lambda item: (item.reviewed_at, item.card_id))
    return items


def enough_items(count: int) -> bool:
    """Whether a log with `count` training items is large enough to fit (see MIN_TRAINING_ITEMS)."""
    return count >= MIN_TRAINING_ITEMS


def time_series_split(
    items: Sequence[TrainingItem], test_share: float = TEST_SHARE
) -> tuple[list[TrainingItem], list[TrainingItem]]:
    """The earlier items to fit on and the later ones to score on (`items` oldest first).

    An item of the later part still carries the card's earlier reviews: the model rebuilds the
    memory state from them, as it would when scheduling, and predicts only the last review.
    """
    if not 0 < test_share < 1:
        raise ValueError("the test share is between 0 and 1")
    ordered = sorted(items, key=lambda item: (item.reviewed_at, item.card_id))
    cut = len(ordered) - max(1, round(len(ordered) * test_share))
    return ordered[:cut], ordered[cut:]


@dataclass(frozen=True)
class Scores:
    """How well a parameter set predicts reviews: log loss, and RMSE over bins of predictions."""

    log_loss: float
    rmse: float


@dataclass(frozen=True)
class Evaluation:
    """The default and the fitted parameters scored on the same later reviews."""

    default: Scores
    fitted: Scores
    trained_items: int
    tested_items: int

    @property
    def prefers_fitted(self) -> bool:
        """The fit is kept only when it is better on both measures; otherwise the defaults stay."""
        return self.fitted.log_loss < self.default.log_loss and self.fitted.rmse < self.default.rmse


@dataclass(frozen=True)
class Fit:
    parameters: tuple[float, ...]
    """Fitted on the earlier part only: the parameters kept are the ones that were scored."""
    evaluation: Evaluation

    @property
    def kept_parameters(self) -> tuple[float, ...] | None:
        """The parameters to schedule with, or None to keep the defaults."""
        return self.parameters if self.evaluation.prefers_fitted else None


def fit_and_evaluate(items: Sequence[TrainingItem], seed: int = FIT_SEED) -> Fit:
    """Fit on the earlier items, score defaults and fit on the later ones (`items` oldest first).

    Raises ValueError when there are too few items (check `enough_items` first).
    """
    if not enough_items(len(items)):
        raise ValueError(f"a fit needs at least {MIN_TRAINING_ITEMS} items, not {len(items)}")
    train, test = time_series_split(list(items)[-MAX_TRAINING_ITEMS:])
    parameters = fit_parameters(train, seed)
    return Fit(
        parameters=parameters,
        evaluation=Evaluation(
            default=score(DEFAULT_PARAMETERS, test),
            fitted=score(parameters, test),
            trained_items=len(train),
            tested_items=len(test),
        ),
    )


def fit_parameters(items: Sequence[TrainingItem], seed: int = FIT_SEED) -> tuple[float, ...]:
    """FSRS-6 parameters fitted to `items`, starting from the defaults."""
    model = fsrs_rs_python.FSRS(DEFAULT_PARAMETERS)
    fitted = model.compute_parameters(
        _library_items(items), training_config=fsrs_rs_python.TrainingConfig(seed=seed)
    )
    return checked_parameters(fitted)


def score(parameters: Sequence[float], items: Sequence[TrainingItem]) -> Scores:
    """How well `parameters` predict the last review of each item."""
    evaluation = fsrs_rs_python.FSRS(list(parameters)).evaluate(_library_items(items))
    return Scores(log_loss=float(evaluation.log_loss), rmse=float(evaluation.rmse_bins))


def checked_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """`parameters` as the scheduler takes them; ValueError unless they are 21 finite numbers."""
    # fsrs-rs computes in 32-bit floats; four decimals is its own rounding of fitted parameters.
    values = tuple(round(float(value), 4) for value in parameters)
    if len(values) != PARAMETER_COUNT:
        raise ValueError(f"FSRS-6 takes {PARAMETER_COUNT} parameters, not {len(values)}")
    lower = fsrs.scheduler.LOWER_BOUNDS_PARAMETERS
    upper = fsrs.scheduler.UPPER_BOUNDS_PARAMETERS
    for index, value in enumerate(values):
        if not lower[index] <= value <= upper[index]:
            raise ValueError(f"parameter {index} is {value}: not in {lower[index]}..{upper[index]}")
    return values


def _library_items(items: Iterable[TrainingItem]) -> list[fsrs_rs_python.FSRSItem]:
    return [
        fsrs_rs_python.FSRSItem(
            [fsrs_rs_python.FSRSReview(rating, gap) for rating, gap in item.reviews]
        )
        for item in items
    ]


def describe(items: int, fit: Fit | None) -> str:
    """What a run did, in a sentence for the learner (or the cron log)."""
    if fit is None:
        return (
            f"Not enough reviews to fit your schedule yet: {items} of the {MIN_TRAINING_ITEMS} "
            "reviews on a later day that a fit needs. Your schedule keeps the defaults."
        )
    scores = fit.evaluation
    figures = (
        f"on your latest {scores.tested_items} reviews, log loss {scores.fitted.log_loss:.3f} "
        f"against {scores.default.log_loss:.3f}, RMSE {scores.fitted.rmse:.1%} against "
        f"{scores.default.rmse:.1%} for the defaults"
    )
    if scores.prefers_fitted:
        return f"Your schedule now uses parameters fitted to you: {figures}."
    return f"The fitted parameters were not better, so your schedule keeps the defaults: {figures}."


def next_run_at(last_fitted_at: datetime | None, now: datetime) -> datetime | None:
    """When the learner may optimise again; None if they may now."""
    if last_fitted_at is None or now >= last_fitted_at + RUN_COOLDOWN:
        return None
    return last_fitted_at + RUN_COOLDOWN
