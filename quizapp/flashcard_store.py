"""Learners' flashcards in the database: decks, the review queue, ratings, and the quiz bridge.

Every function takes `now` (views pass the server clock) and none commits: the view, or the
transaction that finalises a quiz attempt, commits once. A rating counts once: it is a conditional
UPDATE on the card's review count, backed by a unique (card, review number) key on the log, which
hold on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload

from . import attempt_deck
from .domain.bank import Topic
from .domain.scheduling import CardState, Rating, Review, review
from .domain.study import (
    LEARN_AHEAD,
    Deck,
    DeckKey,
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
from .models import (
    Flashcard,
    LearnerCard,
    LearnerSettings,
    Question,
    QuestionSet,
    ReviewLog,
    ReviewSource,
    User,
    db,
)
from .models.bank import QUESTION_CARD_PREFIX
from .schedule_fitting.store import with_fitted_parameters

# --- preferences ---------------------------------------------------------------------------------


def preferences(user_id: int) -> StudyPreferences:
    """The learner's flashcard options (the defaults until they save their own), scheduling with
    the parameters fitted to them when a fit was kept."""
    time_zone = db.session.get(User, user_id).time_zone
    row = db.session.get(LearnerSettings, user_id)
    chosen = row.preferences(time_zone) if row else StudyPreferences(time_zone=time_zone)
    return with_fitted_parameters(user_id, chosen)


def save_preferences(user_id: int, chosen: StudyPreferences) -> None:
    row = db.session.get(LearnerSettings, user_id)
    if row is None:
        row = LearnerSettings(user_id=user_id)
        db.session.add(row)
    row.update_from(chosen)


# --- decks ---------------------------------------------------------------------------------------


class DeckSource(Protocol):
    """One kind of deck: which decks a learner may use, and which flashcards each one holds.

    Topic decks (bank cards) are open to everyone; set decks answer only for learners who may
    read the set. `find` is the authorisation: a deck it does not return does not exist.
    """

    kind: str

    def decks(self, user_id: int) -> list[Deck]: ...

    def find(self, user_id: int, key: str) -> Deck | None: ...

    def cards(self, deck: Deck) -> ColumnElement[bool]:
        """A condition on `Flashcard` selecting the deck's cards."""
        ...


_TOPIC_DECKS = {
    Topic.HISTORY: ("History", "Events, dates and agreements, from 1923 to the peace process."),
    Topic.ACTORS: ("Actors", "States, de facto authorities, forces, mediators and organisations."),
    Topic.FIGURES: ("Figures", "Leaders and officials on all sides, and who said what."),
}


class TopicDecks:
    kind = "topic"

    def decks(self, user_id: int) -> list[Deck]:
        return [
            Deck(DeckKey(self.kind, topic.value), title, description)
            for topic, (title, description) in _TOPIC_DECKS.items()
        ]

    def find(self, user_id: int, key: str) -> Deck | None:
        return next((deck for deck in self.decks(user_id) if deck.key.key == key), None)

    def cards(self, deck: Deck) -> ColumnElement[bool]:
        # Set cards carry a topic too, but belong to their set's deck only.
        return and_(Flashcard.fact_id.is_not(None), Flashcard.topic == deck.key.key)


# Set ids beyond this cannot exist (PostgreSQL integer), and would fail the query instead of 404.
_MAX_SET_ID = 2**31 - 1


class SetDecks:
    """A deck for each question set the learner may read, holding its live questions' cards."""

    kind = "set"

    def _readable(self, user_id: int) -> Select[tuple[QuestionSet]]:
        return (
            select(QuestionSet)
            .options(joinedload(QuestionSet.owner))
            .where(QuestionSet.readable_by(user_id))
        )

    def _deck(self, question_set: QuestionSet) -> Deck:
        byline = f"Question set by {question_set.owner.username}."
        description = question_set.description.strip()
        return Deck(
            DeckKey(self.kind, str(question_set.id)),
            question_set.title,
            f"{byline} {description}" if description else byline,
        )

    def decks(self, user_id: int) -> list[Deck]:
        sets = db.session.scalars(self._readable(user_id).order_by(QuestionSet.id))
        return [self._deck(question_set) for question_set in sets]

    def find(self, user_id: int, key: str) -> Deck | None:
        if not (key.isascii() and key.isdigit()) or int(key) > _MAX_SET_ID:
            return None
        question_set = db.session.scalar(self._readable(user_id).where(QuestionSet.id == int(key)))
        return self._deck(question_set) if question_set is not None else None

    def cards(self, deck: Deck) -> ColumnElement[bool]:
        return Flashcard.id.in_(
            select(literal(QUESTION_CARD_PREFIX) + Question.id).where(
                Question.set_id == int(deck.key.key)
            )
        )


DECK_SOURCES: dict[str, DeckSource] = {
    source.kind: source for source in (TopicDecks(), SetDecks(), attempt_deck.AttemptDecks())
}


def decks(user_id: int) -> list[Deck]:
    """Every deck the learner may study, source by source."""
    return [deck for source in DECK_SOURCES.values() for deck in source.decks(user_id)]


def find_deck(user_id: int, text: str | None) -> Deck | None:
    """The deck written `text` ("topic:history") if this learner may use it, else None."""
    try:
        key = DeckKey.parse(text or "")
    except ValueError:
        return None
    source = DECK_SOURCES.get(key.kind)
    return source.find(user_id, key.key) if source is not None else None


def _deck_filter(deck: Deck | None) -> ColumnElement[bool]:
    return DECK_SOURCES[deck.key.kind].cards(deck) if deck is not None else true()


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
        condition = and_(Flashcard.retired_at.is_(None), _deck_filter(deck))
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
        .where(Flashcard.retired_at.is_(None), _deck_filter(deck))
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
    deck_cards = select(Flashcard.id).where(Flashcard.retired_at.is_(None), _deck_filter(deck))
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


# --- the queue -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StudyDay:
    """Where today starts and ends for the learner, and what they have already done in it."""

    start: datetime
    end: datetime
    done: DoneToday
    buried: ColumnElement[bool]
    """True for cards not buried today."""


def _study_day(user_id: int, now: datetime, chosen: StudyPreferences) -> StudyDay:
    time_zone = chosen.zone
    today = study_day(now, time_zone)
    start = day_start(today, time_zone)
    end = day_start(today + timedelta(days=1), time_zone)
    # Quiz ratings do not use up the day's limits: the learner did not choose to study them.
    new_cards, reviews = db.session.execute(
        select(
            _count_where(ReviewLog.review_number == 1),
            _count_where(ReviewLog.state_before == CardState.REVIEW),
        ).where(
            ReviewLog.user_id == user_id,
            ReviewLog.reviewed_at >= start,
            ReviewLog.rated_on_review_page(),
        )
    ).one()
    reviewed = db.session.execute(
        select(LearnerCard.id, LearnerCard.fact_id)
        .join(ReviewLog, ReviewLog.learner_card_id == LearnerCard.id)
        .where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= start)
        .distinct()
    ).all()
    return StudyDay(
        start=start,
        end=end,
        done=DoneToday(new_cards=int(new_cards), reviews=int(reviews)),
        buried=_not_buried(buried_facts({(card_id, fact_id) for card_id, fact_id in reviewed})),
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


def _candidates(user_id: int, deck: Deck | None, day: StudyDay) -> Select[tuple[LearnerCard]]:
    return (
        select(LearnerCard)
        .join(LearnerCard.flashcard)
        .where(
            LearnerCard.user_id == user_id,
            LearnerCard.studied(),
            Flashcard.retired_at.is_(None),
            _deck_filter(deck),
            day.buried,
        )
    )


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
    user_id: int, now: datetime, chosen: StudyPreferences, deck: Deck | None = None
) -> QueuedCard | None:
    """The card to study now, or None when nothing is due (or the day's limits are reached)."""
    if deck is not None and deck.key.kind == attempt_deck.KIND:
        found = attempt_deck.next_card(user_id, deck, now, chosen.zone)
        return QueuedCard(*found) if found is not None else None
    day = _study_day(user_id, now, chosen)
    for queue in queue_order(allowance(chosen.limits, day.done)):
        card = db.session.scalar(
            _candidates(user_id, deck, day)
            .where(_queue_condition(queue, now, day))
            # A new card recognised among options comes back to be typed before other new ones.
            .order_by(LearnerCard.recognised_at.is_(None), LearnerCard.due, LearnerCard.id)
            .limit(1)
        )
        if card is not None:
            return QueuedCard(card, queue)
    return None


def due_counts(
    user_id: int, now: datetime, chosen: StudyPreferences, deck: Deck | None = None
) -> DueCounts:
    """Cards left to study today, by queue, within the daily limits."""
    if deck is not None and deck.key.kind == attempt_deck.KIND:
        return attempt_deck.due_counts(user_id, deck, now, chosen.zone)
    day = _study_day(user_id, now, chosen)
    new, learning, reviews = db.session.execute(
        select(
            _count_where(LearnerCard.reps == 0),
            _count_where(and_(LearnerCard.reps > 0, _IN_LEARNING)),
            _count_where(LearnerCard.state == CardState.REVIEW),
        )
        .select_from(LearnerCard)
        .join(LearnerCard.flashcard)
        .where(
            LearnerCard.user_id == user_id,
            LearnerCard.due < day.end,
            LearnerCard.studied(),
            Flashcard.retired_at.is_(None),
            _deck_filter(deck),
            day.buried,
        )
    ).one()
    return capped_due_counts(
        int(new or 0), int(learning or 0), int(reviews or 0), allowance(chosen.limits, day.done)
    )


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def next_due_at(user_id: int, deck: Deck | None = None) -> datetime | None:
    """When the learner's next card (in the deck) falls due, whatever the limits."""
    return db.session.scalar(
        select(func.min(LearnerCard.due))
        .join(LearnerCard.flashcard)
        .where(
            LearnerCard.user_id == user_id,
            LearnerCard.studied(),
            Flashcard.retired_at.is_(None),
            _deck_filter(deck),
        )
    )


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
    verdicts: dict[str, Rating] = {}
    for outcome in outcomes:
        if outcome.correct and not outcome.recall:
            continue
        rating = Rating.GOOD if outcome.correct else Rating.AGAIN
        for fact_id in outcome.fact_ids:
            verdicts[fact_id] = min(verdicts.get(fact_id, rating), rating)
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
        verdict = verdicts[fact_id]
        card = owned.get(flashcard_id)
        if card is None:
            if verdict is Rating.AGAIN:
                missing.append((flashcard_id, fact_id))
            continue
        try:
            rate_card(card, verdict, card.reps, now, chosen, source=ReviewSource.QUIZ)
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
                _deck_filter(deck),
            )
            .order_by(LearnerCard.id)
        )
    )


def deck_flashcards(deck: Deck) -> list[Flashcard]:
    """The live cards of a deck, by id."""
    return list(
        db.session.scalars(
            select(Flashcard)
            .where(Flashcard.retired_at.is_(None), _deck_filter(deck))
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
