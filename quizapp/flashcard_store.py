"""Learners' flashcards in the database: collections, ratings, and the quiz bridge.

Decks live in `flashcard_decks` and the review queue in `flashcard_queue`; both are re-exported
here for the views.

Every function takes `now` (views pass the server clock) and none commits: the view, or the
transaction that finalises a quiz attempt, commits once. A rating counts once: it is a conditional
UPDATE on the card's review count, backed by a unique (card, review number) key on the log, which
hold on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .domain.scheduling import CardState, Rating, Review, review
from .domain.study import DueCounts, StudyPreferences
from .flashcard_decks import DECK_SOURCES as DECK_SOURCES
from .flashcard_decks import Deck, deck_filter, decks
from .flashcard_decks import find_deck as find_deck
from .flashcard_queue import QueuedCard as QueuedCard
from .flashcard_queue import StudyDay as StudyDay
from .flashcard_queue import due_counts
from .flashcard_queue import next_card as next_card
from .flashcard_queue import next_due_at as next_due_at
from .flashcard_queue import study_day_of as study_day_of
from .models import (
    Flashcard,
    LearnerCard,
    LearnerSettings,
    ReviewLog,
    ReviewSource,
    User,
    db,
)
from .schedule_fitting.store import with_fitted_parameters

# --- preferences ---------------------------------------------------------------------------------


def preferences(user_id: int) -> StudyPreferences:
    """The learner's flashcard options (the defaults until they save their own), scheduling with
    the parameters fitted to them when a fit was kept.

    The logged-in user is loaded with their settings and fit, so this usually costs no query.
    """
    user = db.session.get(User, user_id)
    row = user.learner_settings
    time_zone = user.time_zone
    chosen = row.preferences(time_zone) if row else StudyPreferences(time_zone=time_zone)
    return with_fitted_parameters(user.schedule_fit, chosen)


def save_preferences(user_id: int, chosen: StudyPreferences) -> None:
    user = db.session.get(User, user_id)
    if user.learner_settings is None:
        user.learner_settings = LearnerSettings(user_id=user_id)
    user.learner_settings.update_from(chosen)


@dataclass(frozen=True)
class DeckSummary:
    deck: Deck
    cards: int
    """Live cards in the deck."""
    enrolled: int
    """Of those, cards in the learner's collection."""
    due: DueCounts

    @property
    def not_enrolled(self) -> int:
        return self.cards - self.enrolled


def deck_summaries(user_id: int, now: datetime, chosen: StudyPreferences) -> list[DeckSummary]:
    summaries = []
    for deck in decks(user_id):
        condition = and_(Flashcard.retired_at.is_(None), deck_filter(deck))
        cards = db.session.scalar(select(func.count()).select_from(Flashcard).where(condition))
        enrolled = db.session.scalar(
            select(func.count())
            .select_from(LearnerCard)
            .join(LearnerCard.flashcard)
            .where(LearnerCard.user_id == user_id, LearnerCard.in_collection(), condition)
        )
        summaries.append(
            DeckSummary(deck, cards or 0, enrolled or 0, due_counts(user_id, now, chosen, deck))
        )
    return summaries


def enrol_deck(user_id: int, deck: Deck, now: datetime) -> int:
    """Add the deck's live cards the learner lacks; returns how many were added.

    Cards the learner had removed with the deck come back with their schedule and history;
    the others join as new cards.
    """
    restored = _set_removed(user_id, deck, None)
    flashcards = db.session.execute(
        select(Flashcard.id, Flashcard.fact_id)
        .where(Flashcard.retired_at.is_(None), deck_filter(deck))
        .where(
            ~select(LearnerCard.id)
            .where(LearnerCard.user_id == user_id, LearnerCard.flashcard_id == Flashcard.id)
            .exists()
        )
        .order_by(Flashcard.id)
    ).all()
    return restored + _insert_new_cards(user_id, flashcards, now)


def remove_deck(user_id: int, deck: Deck, now: datetime) -> int:
    """Take the deck's cards out of the learner's collection, keeping their schedule and
    reviews for when the deck is added again; returns how many cards left."""
    return _set_removed(user_id, deck, now)


def _set_removed(user_id: int, deck: Deck, removed_at: datetime | None) -> int:
    """Mark the learner's cards of the deck removed (at `removed_at`) or back (None); returns
    how many changed."""
    in_collection = LearnerCard.in_collection()
    to_change = in_collection if removed_at is not None else ~in_collection
    deck_cards = select(Flashcard.id).where(Flashcard.retired_at.is_(None), deck_filter(deck))
    return db.session.execute(
        update(LearnerCard)
        .where(LearnerCard.user_id == user_id, to_change, LearnerCard.flashcard_id.in_(deck_cards))
        .values(removed_at=removed_at)
        .execution_options(synchronize_session=False)
    ).rowcount


def _insert_new_cards(user_id: int, flashcards: Sequence[Any], now: datetime) -> int:
    """Insert new learner cards for (flashcard id, fact id) rows; cards already there are kept.

    ON CONFLICT DO NOTHING: two requests enrolling the same card at once add it once.
    """
    if not flashcards:
        return 0
    rows = [
        {
            "user_id": user_id,
            "flashcard_id": flashcard_id,
            "fact_id": fact_id,
            "state": CardState.LEARNING,
            "step": 0,
            "due": now,
            "reps": 0,
            "lapses": 0,
            "enrolled_at": now,
        }
        for flashcard_id, fact_id in flashcards
    ]
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    table = LearnerCard.__table__
    statement = dialect.insert(table).values(rows).on_conflict_do_nothing().returning(table.c.id)
    # Counted from RETURNING: psycopg reports no rowcount for this statement.
    return len(db.session.execute(statement).all())


# --- rating --------------------------------------------------------------------------------------


class StaleReview(Exception):
    """The rating was for a review the card already had (a double click, a replayed form)."""


def learner_card(user_id: int, card_id: int) -> LearnerCard | None:
    """The learner's own card with that id; None for anyone else's."""
    return db.session.scalar(
        select(LearnerCard).where(LearnerCard.id == card_id, LearnerCard.user_id == user_id)
    )


def rate_card(
    card: LearnerCard,
    rating: Rating,
    review_count: int,
    now: datetime,
    chosen: StudyPreferences,
    *,
    duration_ms: int | None = None,
    source: ReviewSource = ReviewSource.REVIEW,
) -> Review:
    """Rate the card if it still has `review_count` reviews; StaleReview if it has moved on.

    The caller must roll back on StaleReview and on IntegrityError (the unique key on the log,
    for a replay that slips past the conditional update).
    """
    if card.reps != review_count:
        raise StaleReview
    result = review(card.memory(), rating, now, chosen.scheduler)
    updated = db.session.execute(
        update(LearnerCard)
        .where(LearnerCard.id == card.id, LearnerCard.reps == review_count)
        .values(**LearnerCard.memory_columns(result.card))
    )
    if updated.rowcount != 1:
        raise StaleReview
    db.session.add(
        ReviewLog(
            learner_card_id=card.id,
            user_id=card.user_id,
            review_number=result.review_number,
            rating=int(result.rating),
            source=source,
            reviewed_at=result.reviewed_at,
            duration_ms=duration_ms,
            retrievability=result.retrievability,
            state_before=result.state_before,
            stability=result.card.stability,
            difficulty=result.card.difficulty,
            due=result.card.due,
        )
    )
    db.session.flush()
    return result


# --- the quiz bridge -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizOutcome:
    """How a learner did on one quiz question, as the flashcards need it."""

    fact_ids: tuple[str, ...]
    """The question's facts (may be empty for hand-written questions: then it is ignored)."""
    correct: bool
    """Full marks."""
    recall: bool
    """The answer was typed from memory (short text, number, year)."""


def record_quiz_outcomes(user_id: int, outcomes: Sequence[QuizOutcome], now: datetime) -> None:
    """Let a finished quiz attempt teach the flashcards; runs inside the caller's transaction.

    A missed question enrols the cards of its facts as new cards due now, or rates them Again if
    the learner has them. A correct recall answer rates the learner's cards Good. A correct choice
    answer changes nothing: recognising an answer among choices says little about recall. When one
    attempt touches a card twice, a miss wins over a correct answer, and the card is rated once.
    """
    verdicts: dict[str, tuple[Rating, bool]] = {}  # fact -> (rating, from a typed answer)
    for outcome in outcomes:
        if outcome.correct and not outcome.recall:
            continue
        verdict = (Rating.GOOD if outcome.correct else Rating.AGAIN, outcome.recall)
        for fact_id in outcome.fact_ids:
            # The lower rating wins; at equal ratings, a typed answer is the stronger evidence.
            earlier = verdicts.get(fact_id, verdict)
            verdicts[fact_id] = min(earlier, verdict, key=lambda each: (each[0], not each[1]))
    if not verdicts:
        return
    chosen = preferences(user_id)
    flashcards = db.session.execute(
        select(Flashcard.id, Flashcard.fact_id)
        .where(Flashcard.fact_id.in_(sorted(verdicts)), Flashcard.retired_at.is_(None))
        .order_by(Flashcard.id)
    ).all()
    owned = {
        card.flashcard_id: card
        for card in db.session.scalars(
            select(LearnerCard).where(
                LearnerCard.user_id == user_id,
                LearnerCard.flashcard_id.in_([flashcard_id for flashcard_id, _ in flashcards]),
            )
        )
    }
    missing = []
    for flashcard_id, fact_id in flashcards:
        verdict, typed = verdicts[fact_id]
        card = owned.get(flashcard_id)
        if card is None:
            if verdict is Rating.AGAIN:
                missing.append((flashcard_id, fact_id))
            continue
        # A missed choice is recognition failing: logged apart, so fitting leaves it out.
        source = ReviewSource.QUIZ if typed else ReviewSource.QUIZ_CHOICE
        try:
            rate_card(card, verdict, card.reps, now, chosen, source=source)
        except StaleReview:
            # The learner rated this card in the same instant; their review stands.
            continue
    _insert_new_cards(user_id, missing, now)


# --- listing --------------------------------------------------------------------------------------


def collection(user_id: int, deck: Deck | None = None) -> list[LearnerCard]:
    """The learner's live cards (in the deck), in the order they were added."""
    return list(
        db.session.scalars(
            select(LearnerCard)
            .join(LearnerCard.flashcard)
            .where(
                LearnerCard.user_id == user_id,
                LearnerCard.in_collection(),
                Flashcard.retired_at.is_(None),
                deck_filter(deck),
            )
            .order_by(LearnerCard.id)
        )
    )


def deck_flashcards(deck: Deck) -> list[Flashcard]:
    """The live cards of a deck, by id."""
    return list(
        db.session.scalars(
            select(Flashcard)
            .where(Flashcard.retired_at.is_(None), deck_filter(deck))
            .order_by(Flashcard.id)
        )
    )


def cards_by_flashcard(user_id: int, flashcard_ids: Iterable[str]) -> dict[str, LearnerCard]:
    ids = list(flashcard_ids)
    if not ids:
        return {}
    return {
        card.flashcard_id: card
        for card in db.session.scalars(
            select(LearnerCard).where(
                LearnerCard.user_id == user_id, LearnerCard.flashcard_id.in_(ids)
            )
        )
    }
