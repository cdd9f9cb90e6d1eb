"""Each learner's latest schedule fit: the FSRS parameters kept for them, and how they scored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from .base import db


class ScheduleFit(db.Model):
    """The last optimisation run for one learner; a learner without a row has FSRS's defaults.

    The scores are those of the default and the fitted parameters on the later part of the
    learner's own history, which the fit never saw.
    """

    __tablename__ = "schedule_fits"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    fitted_at: Mapped[datetime]
    parameters: Mapped[list[float] | None] = mapped_column(JSON)
    """The 21 FSRS-6 parameters the learner's reviews are scheduled with; None keeps the defaults
    (the fit was not better)."""
    trained_items: Mapped[int]
    tested_items: Mapped[int]
    default_log_loss: Mapped[float]
    default_rmse: Mapped[float]
    fitted_log_loss: Mapped[float]
    fitted_rmse: Mapped[float]
    outlook: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    """The simulated workload at each desired retention for the kept parameters (None: defaults)."""
