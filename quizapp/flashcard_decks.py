"""The decks a learner can study: topic decks of the bank's cards, and question-set decks."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, Select, and_, literal, select, true
from sqlalchemy.orm import joinedload

from . import attempt_deck
from .domain.bank import Topic
from .domain.study import Deck, DeckKey
from .models import Flashcard, Question, QuestionSet, db
from .models.bank import QUESTION_CARD_PREFIX


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


def deck_filter(deck: Deck | None) -> ColumnElement[bool]:
    return DECK_SOURCES[deck.key.kind].cards(deck) if deck is not None else true()
