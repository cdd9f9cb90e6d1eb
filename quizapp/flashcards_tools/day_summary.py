"""The end-of-session summary: what the learner reviewed today, shown when nothing is left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select

from ..domain.scheduling import Rating
from ..domain.study import StudyPreferences, day_start, study_day
from ..models import ReviewLog, db


@dataclass(frozen=True)
class DaySummary:
    reviews: int
    cards: int
    time_spent: timedelta
    again: int

    @property
    def again_rate(self) -> float:
        return self.again / self.reviews if self.reviews else 0.0

    @property
    def minutes(self) -> int:
        """Whole minutes, rounded up: a short session still reads as a minute."""
        seconds = self.time_spent.total_seconds()
        return int(-(-seconds // 60))


def today(user_id: int, now: datetime, chosen: StudyPreferences) -> DaySummary:
    """The learner's ratings on the review page since the study day began."""
    start = day_start(study_day(now, chosen.zone), chosen.zone)
    reviews, cards, milliseconds, again = db.session.execute(
        select(
            func.count(),
            func.count(ReviewLog.learner_card_id.distinct()),
            func.coalesce(func.sum(ReviewLog.duration_ms), 0),
            func.coalesce(func.sum(case((ReviewLog.rating == int(Rating.AGAIN), 1), else_=0)), 0),
        ).where(
            ReviewLog.user_id == user_id,
            ReviewLog.rated_on_review_page(),
            ReviewLog.reviewed_at >= start,
            ReviewLog.reviewed_at <= now,
        )
    ).one()
    return DaySummary(
        reviews=int(reviews),
        cards=int(cards),
        time_spent=timedelta(milliseconds=int(milliseconds)),
        again=int(again),
    )
