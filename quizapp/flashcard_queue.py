"""The learner's review queue: the study day, the next card to study, and what is left today.

Hot pages read all three, so each is one statement: compute the day once with `study_day_of` and
pass it to `next_card` and `due_counts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select, true
from sqlalchemy.orm import contains_eager

from . import attempt_deck
from .domain.scheduling import CardState
from .domain.study import (
    LEARN_AHEAD,
    DoneToday,
    DueCounts,
    Queue,
    StudyPreferences,
    allowance,
    buried_facts,
    day_start,
    queue_order,
    study_day,
)
from .domain.study import (
    due_counts as capped_due_counts,
)
from .flashcard_decks import Deck, deck_filter
from .models import Flashcard, LearnerCard, ReviewLog, db


@dataclass(frozen=True)
class StudyDay:
    """Where today starts and ends for the learner, and what they have already done in it."""

    start: datetime
    end: datetime
    done: DoneToday
    buried: ColumnElement[bool]
    """True for cards not buried today."""


def study_day_of(user_id: int, now: datetime, chosen: StudyPreferences) -> StudyDay:
    """The learner's study day at `now`, read in one statement; pass it to `next_card` and
    `due_counts` when a page needs both."""
    time_zone = chosen.zone
    today = study_day(now, time_zone)
    start = day_start(today, time_zone)
    end = day_start(today + timedelta(days=1), time_zone)
    # One row per card reviewed today (they are buried-sibling candidates), with what its reviews
    # used up of the day's limits: quiz ratings do not, as the learner did not choose them.
    studied = ReviewLog.rated_on_review_page()
    reviewed = db.session.execute(
        select(
            LearnerCard.id,
            LearnerCard.fact_id,
            _count_where(and_(studied, ReviewLog.review_number == 1)),
            _count_where(and_(studied, ReviewLog.state_before == CardState.REVIEW)),
        )
        .join(ReviewLog, ReviewLog.learner_card_id == LearnerCard.id)
        .where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= start)
        .group_by(LearnerCard.id, LearnerCard.fact_id)
    ).all()
    return StudyDay(
        start=start,
        end=end,
        done=DoneToday(
            new_cards=sum(int(row[2]) for row in reviewed),
            reviews=sum(int(row[3]) for row in reviewed),
        ),
        buried=_not_buried(buried_facts({(row[0], row[1]) for row in reviewed})),
    )


def _not_buried(facts: dict[str, set[int]]) -> ColumnElement[bool]:
    if not facts:
        return true()
    reviewed_ids = set().union(*facts.values())
    return or_(
        LearnerCard.fact_id.is_(None),
        LearnerCard.fact_id.not_in(sorted(facts)),
        LearnerCard.id.in_(sorted(reviewed_ids)),
    )


def _studied(user_id: int, deck: Deck | None) -> ColumnElement[bool]:
    """The learner's cards they study (in the deck) whose flashcard is live (join `flashcard`)."""
    return and_(
        LearnerCard.user_id == user_id,
        LearnerCard.studied(),
        Flashcard.retired_at.is_(None),
        deck_filter(deck),
    )


def _candidates(user_id: int, deck: Deck | None, day: StudyDay) -> Select[tuple[LearnerCard]]:
    studied = _studied(user_id, deck)
    return select(LearnerCard).join(LearnerCard.flashcard).where(studied, day.buried)


_IN_LEARNING = LearnerCard.state.in_([CardState.LEARNING, CardState.RELEARNING])


def _queue_condition(queue: Queue, now: datetime, day: StudyDay) -> ColumnElement[bool]:
    match queue:
        case Queue.LEARNING:
            return and_(LearnerCard.due <= now, LearnerCard.reps > 0, _IN_LEARNING)
        case Queue.REVIEW:
            return and_(LearnerCard.due < day.end, LearnerCard.state == CardState.REVIEW)
        case Queue.NEW:
            return and_(LearnerCard.due <= now, LearnerCard.reps == 0)
        case Queue.LEARN_AHEAD:
            return and_(LearnerCard.due <= now + LEARN_AHEAD, LearnerCard.reps > 0, _IN_LEARNING)
    return false()


@dataclass(frozen=True)
class QueuedCard:
    card: LearnerCard
    queue: Queue


def next_card(
    user_id: int,
    now: datetime,
    chosen: StudyPreferences,
    deck: Deck | None = None,
    day: StudyDay | None = None,
) -> QueuedCard | None:
    """The card to study now, or None when nothing is due (or the day's limits are reached).

    One statement: the first queue (in `queue_order`) holding a card gives its earliest-due card.
    """
    if deck is not None and deck.key.kind == attempt_deck.KIND:
        found = attempt_deck.next_card(user_id, deck, now, chosen.zone)
        return QueuedCard(*found) if found is not None else None
    day = day or study_day_of(user_id, now, chosen)
    queues = queue_order(allowance(chosen.limits, day.done))
    rank = case(
        *((_queue_condition(queue, now, day), number) for number, queue in enumerate(queues))
    )
    row = db.session.execute(
        _candidates(user_id, deck, day)
        .add_columns(rank)
        .options(contains_eager(LearnerCard.flashcard))
        .where(rank.is_not(None))
        # A new card recognised among options comes back to be typed before other new ones.
        .order_by(rank, LearnerCard.recognised_at.is_(None), LearnerCard.due, LearnerCard.id)
        .limit(1)
    ).first()
    return QueuedCard(row[0], queues[row[1]]) if row is not None else None


def due_counts(
    user_id: int,
    now: datetime,
    chosen: StudyPreferences,
    deck: Deck | None = None,
    day: StudyDay | None = None,
) -> DueCounts:
    """Cards left to study today, by queue, within the daily limits."""
    if deck is not None and deck.key.kind == attempt_deck.KIND:
        return attempt_deck.due_counts(user_id, deck, now, chosen.zone)
    day = day or study_day_of(user_id, now, chosen)
    new, learning, reviews = db.session.execute(
        select(
            _count_where(LearnerCard.reps == 0),
            _count_where(and_(LearnerCard.reps > 0, _IN_LEARNING)),
            _count_where(LearnerCard.state == CardState.REVIEW),
        )
        .select_from(LearnerCard)
        .join(LearnerCard.flashcard)
        .where(_studied(user_id, deck), LearnerCard.due < day.end, day.buried)
    ).one()
    return capped_due_counts(
        int(new or 0), int(learning or 0), int(reviews or 0), allowance(chosen.limits, day.done)
    )


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def next_due_at(user_id: int, deck: Deck | None = None) -> datetime | None:
    """When the learner's next card (in the deck) falls due, whatever the limits."""
    return db.session.scalar(
        select(func.min(LearnerCard.due)).join(LearnerCard.flashcard).where(_studied(user_id, deck))
    )
