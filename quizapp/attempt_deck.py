"""The flashcards a finished quiz attempt enrolled, studied on their own (a custom study deck).

Finishing an attempt enrols the cards of the facts its missed questions were made from, or rates
them Again (`flashcard_store.record_quiz_outcomes`). "Study them as flashcards" on the result
opens the review of exactly those cards, written `attempt:<id>` like any other deck. As in
Anki's filtered decks, the learner asked for these cards now: each one is offered whether it is
due or not, without the daily limits or sibling burying, until it has been rated on the review
page today (after the attempt); cards then in learning come back at their steps, and the rest
keep their schedule.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select

from .domain.scheduling import CardState
from .domain.study import LEARN_AHEAD, Deck, DeckKey, DueCounts, Queue, day_start, study_day
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    Flashcard,
    ItemType,
    ItemVersion,
    LearnerCard,
    ReviewLog,
    db,
)

KIND = "attempt"
# Larger ids cannot exist (PostgreSQL integer) and would fail the query instead of a 404.
_MAX_ATTEMPT_ID = 2**31 - 1
_IN_LEARNING = LearnerCard.state.in_([CardState.LEARNING, CardState.RELEARNING])


def deck_key(attempt_id: int) -> DeckKey:
    return DeckKey(KIND, str(attempt_id))


def _graded_attempt(user_id: int, key: str) -> Attempt | None:
    """The learner's own finished, graded attempt with that id (practice runs enrol nothing)."""
    if not (key.isascii() and key.isdigit()) or int(key) > _MAX_ATTEMPT_ID:
        return None
    return db.session.scalar(
        select(Attempt).where(
            Attempt.id == int(key),
            Attempt.user_id == user_id,
            Attempt.state == AttemptState.FINISHED,
            Attempt.practice_of_id.is_(None),
        )
    )


def missed_fact_ids(attempt_id: int) -> list[str]:
    """The facts of the questions the attempt missed (less than full marks), sorted."""
    contents = db.session.scalars(
        select(ItemVersion.content)
        .join(
            AttemptQuestion,
            and_(
                ItemVersion.item_type == ItemType.QUESTION,
                ItemVersion.item_id == AttemptQuestion.question_id,
                ItemVersion.version == AttemptQuestion.question_version,
            ),
        )
        .where(
            AttemptQuestion.attempt_id == attempt_id,
            func.coalesce(AttemptQuestion.score, 0.0) < 1.0,
        )
    )
    return sorted({fact_id for content in contents for fact_id in content.get("fact_ids") or ()})


def enrolled_cards(user_id: int, attempt_id: int) -> int:
    """How many of the learner's cards (not suspended nor removed) the attempt's misses name."""
    facts = missed_fact_ids(attempt_id)
    if not facts:
        return 0
    return db.session.scalar(_cards(user_id, Flashcard.fact_id.in_(facts), func.count()))


class AttemptDecks:
    """A deck for each of the learner's graded attempts: the cards of the facts it missed.

    Not listed among the decks to add: it is reached from the attempt's result.
    """

    kind = KIND

    def decks(self, user_id: int) -> list[Deck]:
        return []

    def find(self, user_id: int, key: str) -> Deck | None:
        attempt = _graded_attempt(user_id, key)
        if attempt is None:
            return None
        return Deck(
            deck_key(attempt.id),
            f"Missed in {attempt.quiz.title}, attempt {attempt.number}",
            "The cards of the facts behind the questions this attempt missed.",
        )

    def cards(self, deck: Deck) -> ColumnElement[bool]:
        return Flashcard.fact_id.in_(missed_fact_ids(int(deck.key.key)))


# --- the session ---------------------------------------------------------------------------------


def _not_rated_since(moment: datetime) -> ColumnElement[bool]:
    """Cards with no rating on the review page since `moment`."""
    return ~(
        select(ReviewLog.id)
        .where(
            ReviewLog.learner_card_id == LearnerCard.id,
            ReviewLog.rated_on_review_page(),  # in any review mode
            ReviewLog.reviewed_at >= moment,
        )
        .exists()
    )


def _session_start(deck: Deck, now: datetime, time_zone: tzinfo) -> datetime:
    """Ratings since this moment count as done in the session: today's, after the attempt."""
    finished = db.session.scalar(select(Attempt.finished_at).where(Attempt.id == int(deck.key.key)))
    today = day_start(study_day(now, time_zone), time_zone)
    return max(finished, today) if finished is not None else today


def _queue_condition(
    queue: Queue, now: datetime, pending: ColumnElement[bool]
) -> ColumnElement[bool]:
    match queue:
        case Queue.LEARNING:
            return and_(LearnerCard.reps > 0, _IN_LEARNING, or_(pending, LearnerCard.due <= now))
        case Queue.REVIEW:
            return and_(LearnerCard.state == CardState.REVIEW, pending)
        case Queue.NEW:
            return and_(LearnerCard.reps == 0, pending)
    return and_(LearnerCard.reps > 0, _IN_LEARNING, LearnerCard.due <= now + LEARN_AHEAD)


def _cards(user_id: int, of_deck: ColumnElement[bool], *columns: Any) -> Select[Any]:
    """The learner's cards in play (not suspended, removed nor retired) that `of_deck` selects."""
    return (
        select(*columns)
        .select_from(LearnerCard)
        .join(LearnerCard.flashcard)
        .where(
            LearnerCard.user_id == user_id,
            LearnerCard.studied(),
            Flashcard.retired_at.is_(None),
            of_deck,
        )
    )


def next_card(
    user_id: int, deck: Deck, now: datetime, time_zone: tzinfo
) -> tuple[LearnerCard, Queue] | None:
    """The session's next card and the queue it comes from, or None when it is done.

    Learning cards whose step is over first, then cards not yet rated in the session (reviews,
    then new cards), then learning cards due soon, as on the review page.
    """
    pending = _not_rated_since(_session_start(deck, now, time_zone))
    of_deck = AttemptDecks().cards(deck)
    for queue in (Queue.LEARNING, Queue.REVIEW, Queue.NEW, Queue.LEARN_AHEAD):
        card = db.session.scalar(
            _cards(user_id, of_deck, LearnerCard)
            .where(_queue_condition(queue, now, pending))
            .order_by(LearnerCard.due, LearnerCard.id)
            .limit(1)
        )
        if card is not None:
            return card, queue
    return None


def due_counts(user_id: int, deck: Deck, now: datetime, time_zone: tzinfo) -> DueCounts:
    """The cards the session will still show, by queue."""
    pending = _not_rated_since(_session_start(deck, now, time_zone))
    learning = or_(
        _queue_condition(Queue.LEARNING, now, pending),
        _queue_condition(Queue.LEARN_AHEAD, now, pending),
    )
    row = db.session.execute(
        _cards(
            user_id,
            AttemptDecks().cards(deck),
            *(
                func.coalesce(func.sum(case((condition, 1), else_=0)), 0)
                for condition in (
                    _queue_condition(Queue.NEW, now, pending),
                    learning,
                    _queue_condition(Queue.REVIEW, now, pending),
                )
            ),
        )
    ).one()
    return DueCounts(new_cards=int(row[0]), learning=int(row[1]), reviews=int(row[2]))
