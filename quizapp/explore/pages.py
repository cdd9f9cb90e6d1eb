"""What the explore templates need besides the facts: the three subject sections, links from
search hits, and small display helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_login import current_user

from ..domain.bank import EventFact, FigureFact, PartialDate, PlaceFact, QuoteFact
from ..domain.explore import ExploreBank, SelectionKind, event_end, mentions
from ..domain.periods import period_of
from .store import SearchHit, deck_selections


@dataclass(frozen=True)
class SubjectPage:
    section: str
    kind: SelectionKind
    title: str
    description: str
    subjects: Callable[[ExploreBank], list[Any]]


SUBJECT_PAGES = {
    "people": SubjectPage(
        "people",
        SelectionKind.PERSON,
        "People",
        "Leaders and officials on all sides: other spellings, offices with dates, the events "
        "they appear in, their attributed quotes and the sources.",
        lambda bank: bank.figures,
    ),
    "actors": SubjectPage(
        "actors",
        SelectionKind.ACTOR,
        "Organisations and states",
        "States, de facto authorities, forces, mediators and organisations, with the events "
        "they appear in and the sources.",
        lambda bank: bank.actors,
    ),
    "places": SubjectPage(
        "places",
        SelectionKind.PLACE,
        "Places",
        "Cities, towns, districts and roads, by every name they go by, with the events that "
        "happened there and the sources.",
        lambda bank: bank.places,
    ),
}


def section_of(kind: SelectionKind) -> str:
    return next(page.section for page in SUBJECT_PAGES.values() if page.kind is kind)


_SECTION_OF_KIND = {"figure": "people", "actor": "actors", "place": "places"}


def hit_link(hit: SearchHit, bank: ExploreBank) -> str | None:
    """Where a search hit is read: its own page, its speaker's, or its place on the timeline."""
    if hit.kind in _SECTION_OF_KIND:
        return url_for("explore.subject", section=_SECTION_OF_KIND[hit.kind], fact_id=hit.fact_id)
    if hit.kind == "event":
        return url_for("explore.timeline_page") + f"#{hit.fact_id}"
    if hit.kind == "quote":
        quote = bank.fact(hit.fact_id, QuoteFact)
        speaker = next(
            (f for f in bank.figures if quote is not None and quote.speaker in f.names), None
        )
        if speaker is not None:
            return url_for("explore.subject", section="people", fact_id=speaker.id)
    return None


def precision(when: PartialDate) -> str:
    """How precisely the sources date something."""
    if when.month is None:
        return "year only"
    return "month only" if when.day is None else "day"


def when(event: EventFact) -> str:
    """The event's date in words, with its last day where the bank gives a span."""
    end = event_end(event)
    return f"{event.date.display} \u2013 {end.display}" if end is not None else event.date.display


def places_in(event: EventFact, places: list[PlaceFact]) -> list[PlaceFact]:
    """The bank's places an event names (by any of their names)."""
    return [place for place in places if mentions(f"{event.name} {event.statement}", place.names)]


def page_context() -> dict[str, Any]:
    """Helpers every explore template uses, and the learner's explore decks."""
    decks = deck_selections(current_user.id) if current_user.is_authenticated else []
    return {
        "precision": precision,
        "when": when,
        "places_in": places_in,
        "my_decks": set(decks),
        "FigureFact": FigureFact,
        "PlaceFact": PlaceFact,
        "period_of": period_of,
    }
