"""The "Optimise my schedule" button, and the fit's figures on the Statistics and Settings pages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user, login_required

from .. import clock
from ..domain.retention_outlook import NEW_CARDS_PER_DAY, SIMULATED_DAYS, RetentionOutlook
from ..domain.schedule_fitting import MIN_TRAINING_ITEMS, describe, next_run_at
from ..models import ScheduleFit
from ..time_display import local_time
from . import store
from .forms import RETURN_PAGES, OptimiseForm

bp = Blueprint("schedule_fitting", __name__, url_prefix="/flashcards")


@bp.app_context_processor
def schedule_fit_helpers():
    """For the fit's partial templates: the learner's fit, the simulated year, the button's form."""

    def schedule_fit() -> ScheduleFit | None:
        return store.latest_fit(int(current_user.id))

    def retention_outlook(fit: ScheduleFit | None) -> tuple[RetentionOutlook, ...]:
        return store.outlook(fit)

    return {
        "schedule_fit": schedule_fit,
        "retention_outlook": retention_outlook,
        "optimise_form": OptimiseForm,
        "fit_threshold": MIN_TRAINING_ITEMS,
        "outlook_scenario": {"new_cards": NEW_CARDS_PER_DAY, "days": SIMULATED_DAYS},
    }


@bp.post("/optimise")
@login_required
def optimise():
    """Fit the learner's schedule to their reviews now (at most once every few minutes)."""
    form = OptimiseForm()
    back = RETURN_PAGES.get(form.back.data or "", "flashcards.stats")
    if not form.validate_on_submit():
        flash("The form had expired; nothing was fitted. Please press the button again.", "error")
        return redirect(url_for(back))
    user_id = int(current_user.id)
    now = clock.now()
    fit = store.latest_fit(user_id)
    wait_until = next_run_at(fit.fitted_at if fit else None, now)
    if wait_until is not None:
        flash(
            f"Your schedule was fitted a few minutes ago; you can fit it again from "
            f"{local_time(wait_until)}.",
            "info",
        )
        return redirect(url_for(back))
    result = store.optimise(user_id, now)
    flash(describe(result.items, result.fit), "success" if result.fit else "info")
    return redirect(url_for(back))
