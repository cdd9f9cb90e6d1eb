"""Flashcard decks made from explore selections: one per selection a learner adds, holding the
cards of exactly the selection's facts as the bank has them now (so a deck follows the bank)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from ..domain.explore import Selection
from ..domain.study import DeckKey
from ..flashcard_decks import DECK_SOURCES, Deck
from ..models import Flashcard
from .store import deck_selections, described, explore_bank


def _parse(text: str) -> Selection | None:
    try:
        return Selection.parse(text)
    except ValueError:
        return None


class ExploreDecks:
    """A deck for each explore selection the learner added; `find` answers only for those."""

    kind = "explore"

    def _deck(self, selection_text: str) -> Deck | None:
        selection = _parse(selection_text)
        found = described(explore_bank(), selection) if selection is not None else None
        if found is None:
            return None
        title, facts = found
        return Deck(
            DeckKey(self.kind, selection_text),
            title,
            f"From the explore pages: the cards of {len(facts)} sourced facts.",
        )

    def decks(self, user_id: int) -> list[Deck]:
        decks = (self._deck(selection) for selection in deck_selections(user_id))
        return [deck for deck in decks if deck is not None]

    def find(self, user_id: int, key: str) -> Deck | None:
        return self._deck(key) if key in deck_selections(user_id) else None

    def cards(self, deck: Deck) -> ColumnElement[bool]:
        selection = _parse(deck.key.key)
        found = described(explore_bank(), selection) if selection is not None else None
        if found is None:
            return false()
        return Flashcard.fact_id.in_(sorted(fact.id for fact in found[1]))


def deck_key(selection: Selection) -> str:
    return str(DeckKey(ExploreDecks.kind, str(selection)))


DECK_SOURCES.setdefault(ExploreDecks.kind, ExploreDecks())
