"""Learners' schedule fits in the database: read a review log, run a fit, keep the result.

`optimise` is the one function here that ends transactions, because it must: it reads the log,
ends that read transaction, fits with no transaction open (nothing is locked while the optimiser
runs, so a review is never kept waiting), then writes one row and commits at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import String, select, type_coerce
from sqlalchemy.exc import IntegrityError

from ..domain.local_time import zone
from ..domain.retention_outlook import RetentionOutlook, retention_outlook
from ..domain.schedule_fitting import (
    DEFAULT_PARAMETERS,
    Fit,
    LoggedReview,
    enough_items,
    fit_and_evaluate,
    training_items,
)
from ..domain.study import StudyPreferences
from ..models import ReviewLog, ScheduleFit, User, db


def with_fitted_parameters(fit: ScheduleFit | None, chosen: StudyPreferences) -> StudyPreferences:
    """`chosen` with the learner's kept parameters, if a fit was kept for them."""
    if fit is None or fit.parameters is None:
        return chosen
    scheduler = replace(chosen.scheduler, parameters=tuple(fit.parameters))
    return replace(chosen, scheduler=scheduler)


def latest_fit(user_id: int) -> ScheduleFit | None:
    return db.session.get(ScheduleFit, user_id)


def outlook(fit: ScheduleFit | None) -> tuple[RetentionOutlook, ...]:
    """The simulated year for the learner's parameters: kept with the fit, else the defaults'."""
    if fit is not None and fit.parameters is not None and fit.outlook:
        return tuple(RetentionOutlook.from_dict(values) for values in fit.outlook)
    return retention_outlook(DEFAULT_PARAMETERS)


def review_log(user_id: int) -> list[LoggedReview]:
    """Every review the learner made, with its source (the fit leaves out recognition)."""
    # The source is read as text, so a source this code does not know (a new review mode) still
    # loads and is judged by `feeds_fitting` rather than failing the run.
    rows = db.session.execute(
        select(
            ReviewLog.learner_card_id,
            ReviewLog.reviewed_at,
            ReviewLog.rating,
            type_coerce(ReviewLog.source, String),
        ).where(ReviewLog.user_id == user_id)
    ).all()
    return [
        LoggedReview(card_id, reviewed_at, rating, str(source))
        for card_id, reviewed_at, rating, source in rows
    ]


@dataclass(frozen=True)
class Optimisation:
    """What one run did: how many training items the log gave, and the fit if there was one."""

    items: int
    fit: Fit | None


def optimise(user_id: int, now: datetime) -> Optimisation:
    """Fit the learner's parameters from their log and keep the better set; commits.

    With too few training items nothing is fitted and nothing is written.
    """
    time_zone = zone(db.session.get(User, user_id).time_zone)
    log = review_log(user_id)
    # End the read transaction before the optimiser runs: no snapshot or lock is held meanwhile.
    db.session.rollback()
    items = training_items(log, time_zone)
    if not enough_items(len(items)):
        return Optimisation(len(items), None)
    fit = fit_and_evaluate(items)
    kept = fit.kept_parameters
    values = {
        "fitted_at": now,
        "parameters": list(kept) if kept is not None else None,
        "trained_items": fit.evaluation.trained_items,
        "tested_items": fit.evaluation.tested_items,
        "default_log_loss": fit.evaluation.default.log_loss,
        "default_rmse": fit.evaluation.default.rmse,
        "fitted_log_loss": fit.evaluation.fitted.log_loss,
        "fitted_rmse": fit.evaluation.fitted.rmse,
        "outlook": [figure.as_dict() for figure in retention_outlook(kept)] if kept else None,
    }
    try:
        _write(user_id, values)
    except IntegrityError:
        # Another run for the same learner inserted the row first: this later one overwrites it.
        db.session.rollback()
        _write(user_id, values)
    return Optimisation(len(items), fit)


def _write(user_id: int, values: dict[str, object]) -> None:
    row = db.session.get(ScheduleFit, user_id)
    if row is None:
        row = ScheduleFit(user_id=user_id)
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    db.session.commit()


def learners_with_reviews() -> list[tuple[int, str]]:
    """(id, username) of every learner with at least one review, for the nightly run."""
    rows = db.session.execute(
        select(User.id, User.username)
        .where(select(ReviewLog.id).where(ReviewLog.user_id == User.id).exists())
        .order_by(User.id)
    ).all()
    return [(user_id, username) for user_id, username in rows]
