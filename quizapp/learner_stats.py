"""What the home and statistics pages show about one learner, read from the database.

The queries gather plain values; the figures themselves (streaks, heatmap levels, forecasts,
retention, mastery) are computed by `domain.review_stats`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import ColumnElement, case, func, literal, select

from .domain.bank import Topic
from .domain.review_stats import (
    FORECAST_DAYS,
    HEATMAP_WEEKS,
    RETENTION_PERIODS,
    Evidence,
    Heatmap,
    RetentionFigure,
    due_forecast,
    heatmap,
    mastery,
    measured_retention,
    streak,
)
from .domain.scheduling import LEECH_LAPSES, CardState, Rating
from .domain.study import StudyPreferences, day_start, study_day
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    Flashcard,
    LearnerCard,
    Question,
    QuestionSet,
    Quiz,
    ReviewLog,
    db,
)
from .models.bank import QUESTION_CARD_PREFIX


@dataclass(frozen=True)
class StateCounts:
    """The learner's live cards by state; `new` cards have never been reviewed."""

    new: int = 0
    learning: int = 0
    review: int = 0
    relearning: int = 0
    leeches: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review + self.relearning


def state_counts(user_id: int) -> StateCounts:
    rows = db.session.execute(
        select(
            LearnerCard.state,
            func.count(),
            _count_where(LearnerCard.reps == 0),
            _count_where(LearnerCard.lapses >= LEECH_LAPSES),
        )
        .join(LearnerCard.flashcard)
        .where(
            LearnerCard.user_id == user_id,
            LearnerCard.in_collection(),
            Flashcard.retired_at.is_(None),
        )
        .group_by(LearnerCard.state)
    ).all()
    counts: Counter[str] = Counter()
    for state, count, new, leeches in rows:
        counts["new"] += int(new)
        counts[CardState(state).value] += int(count) - int(new)
        counts["leeches"] += int(leeches)
    return StateCounts(**counts)


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


@dataclass(frozen=True)
class ReviewStats:
    """The statistics page's figures."""

    today: date
    states: StateCounts
    heatmap: Heatmap
    forecast: tuple[tuple[date, int], ...]
    retention: tuple[RetentionFigure, ...]
    desired_retention: float
    hardest: list[LearnerCard]
    leeches: list[LearnerCard]


def review_stats(user_id: int, now: datetime, chosen: StudyPreferences) -> ReviewStats:
    time_zone = chosen.zone
    today = study_day(now, time_zone)
    oldest = today - timedelta(weeks=HEATMAP_WEEKS, days=7)
    since = day_start(min(oldest, today - timedelta(days=max(RETENTION_PERIODS))), time_zone)
    history = db.session.execute(
        select(ReviewLog.reviewed_at, ReviewLog.rating, ReviewLog.state_before).where(
            ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since
        )
    ).all()
    per_day: Counter[date] = Counter()
    retention_items = []
    for reviewed_at, rating, state_before in history:
        day = study_day(reviewed_at, time_zone)
        per_day[day] += 1
        if CardState(state_before) is CardState.REVIEW:
            retention_items.append((day, rating != Rating.AGAIN))
    horizon = day_start(today + timedelta(days=FORECAST_DAYS), time_zone)
    due_dates = db.session.scalars(
        select(LearnerCard.due)
        .join(LearnerCard.flashcard)
        .where(
            LearnerCard.user_id == user_id,
            LearnerCard.reps > 0,
            LearnerCard.due < horizon,
            LearnerCard.studied(),
            Flashcard.retired_at.is_(None),
        )
    ).all()
    return ReviewStats(
        today=today,
        states=state_counts(user_id),
        heatmap=heatmap(per_day, today),
        forecast=due_forecast((study_day(due, time_zone) for due in due_dates), today),
        retention=measured_retention(retention_items, today),
        desired_retention=chosen.scheduler.desired_retention,
        hardest=hardest_cards(user_id),
        leeches=_leeches(user_id),
    )


def hardest_cards(user_id: int, limit: int = 10) -> list[LearnerCard]:
    """Reviewed cards the learner finds hardest: most lapses, then highest FSRS difficulty."""
    return list(
        db.session.scalars(
            select(LearnerCard)
            .join(LearnerCard.flashcard)
            .where(
                LearnerCard.user_id == user_id,
                LearnerCard.reps > 0,
                Flashcard.retired_at.is_(None),
            )
            .order_by(LearnerCard.lapses.desc(), LearnerCard.difficulty.desc(), LearnerCard.id)
            .limit(limit)
        )
    )


def _leeches(user_id: int) -> list[LearnerCard]:
    return list(
        db.session.scalars(
            select(LearnerCard)
            .where(LearnerCard.user_id == user_id, LearnerCard.lapses >= LEECH_LAPSES)
            .order_by(LearnerCard.lapses.desc(), LearnerCard.id)
        )
    )


def review_streak(user_id: int, now: datetime, time_zone: tzinfo) -> int:
    """Days in a row with flashcard reviews, up to today."""
    today = study_day(now, time_zone)
    window = 14
    while True:
        since = day_start(today - timedelta(days=window), time_zone)
        moments = db.session.scalars(
            select(ReviewLog.reviewed_at).where(
                ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since
            )
        ).all()
        days = {study_day(moment, time_zone) for moment in moments}
        count = streak(days, today)
        # A streak as long as the window may go further back: look again with a longer one.
        if count < window:
            return count
        window *= 4


@dataclass(frozen=True)
class QuizScore:
    title: str
    finished_at: datetime
    score: float


def quiz_scores(user_id: int, limit: int = 30) -> list[QuizScore]:
    """The learner's latest finished attempts, oldest first."""
    rows = db.session.execute(
        select(Quiz.title, Attempt.finished_at, Attempt.score)
        .join(Attempt.quiz)
        .where(
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            Attempt.practice_of_id.is_(None),
            Attempt.score.is_not(None),
            Attempt.finished_at.is_not(None),
        )
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
        .limit(limit)
    ).all()
    return [QuizScore(title, finished_at, float(score)) for title, finished_at, score in rows][::-1]


@dataclass(frozen=True)
class TopicMastery:
    topic: Topic
    quiz: Evidence | None
    reviews: Evidence | None

    @property
    def mastery(self) -> float | None:
        return mastery(self.quiz, self.reviews)


def topic_mastery(user_id: int) -> list[TopicMastery]:
    """Mastery per topic from finished quiz answers and flashcard reviews together."""
    quiz_rows = db.session.execute(
        select(Question.topic, func.avg(AttemptQuestion.score), func.count())
        .select_from(AttemptQuestion)
        .join(Attempt, AttemptQuestion.attempt_id == Attempt.id)
        .join(Question, AttemptQuestion.question_id == Question.id)
        .where(
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            Attempt.practice_of_id.is_(None),
            AttemptQuestion.score.is_not(None),
        )
        .group_by(Question.topic)
    ).all()
    review_rows = db.session.execute(
        select(
            Flashcard.topic,
            func.count(),
            _count_where(ReviewLog.rating != Rating.AGAIN),
        )
        .select_from(ReviewLog)
        .join(LearnerCard, ReviewLog.learner_card_id == LearnerCard.id)
        .join(Flashcard, LearnerCard.flashcard_id == Flashcard.id)
        .where(ReviewLog.user_id == user_id)
        .group_by(Flashcard.topic)
    ).all()
    quiz = {topic: Evidence(float(mean), int(count)) for topic, mean, count in quiz_rows}
    reviews = {
        topic: Evidence(int(recalled) / int(count), int(count))
        for topic, count, recalled in review_rows
        if count
    }
    return [TopicMastery(topic, quiz.get(topic.value), reviews.get(topic.value)) for topic in Topic]


@dataclass(frozen=True)
class BankLeech:
    """A bank card that is a leech for at least one learner."""

    flashcard: Flashcard
    learners: int
    lapses: int


def bank_leeches(limit: int = 200) -> list[BankLeech]:
    """Bank cards learners keep forgetting, the most widespread first: candidates for rewriting."""
    # Set cards are left out: a set's questions are its author's, not every teacher's.
    return _leeching_cards(Flashcard.fact_id.is_not(None), limit)


def set_leeches(owner_id: int, limit: int = 200) -> list[BankLeech]:
    """Cards from this author's question sets that learners keep forgetting."""
    own_cards = (
        select(literal(QUESTION_CARD_PREFIX) + Question.id)
        .join(QuestionSet, QuestionSet.id == Question.set_id)
        .where(QuestionSet.owner_id == owner_id)
    )
    return _leeching_cards(Flashcard.id.in_(own_cards), limit)


def _leeching_cards(which: ColumnElement[bool], limit: int) -> list[BankLeech]:
    rows = db.session.execute(
        select(Flashcard, func.count(), func.sum(LearnerCard.lapses))
        .join(LearnerCard, LearnerCard.flashcard_id == Flashcard.id)
        .where(LearnerCard.lapses >= LEECH_LAPSES, which)
        .group_by(Flashcard.id)
        .order_by(func.count().desc(), func.sum(LearnerCard.lapses).desc(), Flashcard.id)
        .limit(limit)
    ).all()
    return [
        BankLeech(flashcard, int(learners), int(lapses)) for flashcard, learners, lapses in rows
    ]
