"""Reading the bank as history: the timeline by period, who and what each event mentions, and
which facts an explore selection (a period, a person, an organisation, a place) is made of.

A selection's facts are exactly what its page shows, so "Quiz me on this" and "Add to my
flashcards" practise what the learner just read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .bank import ActorFact, EventFact, Fact, FigureFact, PartialDate, PlaceFact, QuoteFact
from .periods import Period, period_of


class SelectionKind(StrEnum):
    PERIOD = "period"
    PERSON = "person"
    ACTOR = "actor"
    PLACE = "place"


@dataclass(frozen=True)
class Selection:
    """What an explore page shows, written "kind:key" ("period:second-war",
    "person:figure.ilham-aliyev")."""

    kind: SelectionKind
    key: str

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.key}"

    @classmethod
    def parse(cls, text: str) -> Selection:
        """The selection written `text`; ValueError for anything else."""
        kind, separator, key = text.partition(":")
        if not separator or not key or len(text) > 200:
            raise ValueError(f"{text!r} is not an explore selection")
        return cls(SelectionKind(kind), key)


@dataclass(frozen=True)
class ExploreBank:
    """The live facts and the periods, as the explore pages read them."""

    facts: tuple[Fact, ...]
    periods: tuple[Period, ...]

    def _of(self, fact_type: type) -> list:
        return [fact for fact in self.facts if isinstance(fact, fact_type)]

    @property
    def events(self) -> list[EventFact]:
        """Every event, earliest first (ties in id order)."""
        return sorted(self._of(EventFact), key=lambda event: (event.date.sort_key, event.id))

    @property
    def figures(self) -> list[FigureFact]:
        return sorted(self._of(FigureFact), key=lambda figure: figure.name)

    @property
    def actors(self) -> list[ActorFact]:
        return sorted(self._of(ActorFact), key=lambda actor: actor.name)

    @property
    def places(self) -> list[PlaceFact]:
        return sorted(self._of(PlaceFact), key=lambda place: place.name)

    @property
    def quotes(self) -> list[QuoteFact]:
        return sorted(self._of(QuoteFact), key=lambda quote: (quote.date.sort_key, quote.id))

    def fact(self, fact_id: str, fact_type: type) -> Fact | None:
        found = next((fact for fact in self.facts if fact.id == fact_id), None)
        return found if isinstance(found, fact_type) else None

    def period(self, period_id: str) -> Period | None:
        return next((period for period in self.periods if period.id == period_id), None)


def event_end(event: EventFact) -> PartialDate | None:
    """The last day of an event that spans days, where the bank gives one."""
    end = getattr(event, "end", None)
    return end if isinstance(end, PartialDate) else None


def mentions(text: str, names: Iterable[str]) -> bool:
    """Whether `text` names any of `names` as a whole word (case as written)."""
    # The substring test first: it rules out almost every pair cheaply.
    return any(
        name in text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        for name in names
        if name
    )


def events_mentioning(events: Iterable[EventFact], names: Sequence[str]) -> list[EventFact]:
    """The events whose name or statement names one of `names`."""
    return [
        event for event in events if mentions(event.statement, names) or mentions(event.name, names)
    ]


def quotes_by(quotes: Iterable[QuoteFact], names: Sequence[str]) -> list[QuoteFact]:
    return [quote for quote in quotes if quote.speaker in names]


@dataclass(frozen=True)
class PeriodGroup:
    period: Period
    events: tuple[EventFact, ...]


@dataclass(frozen=True)
class TimelineFilter:
    """Which events the timeline shows: every field None or empty means all."""

    period: str | None = None
    topic: str | None = None
    tag: str | None = None

    def admits(self, event: EventFact, period: Period | None) -> bool:
        return (
            (self.period is None or (period is not None and period.id == self.period))
            and (self.topic is None or event.topic.value == self.topic)
            and (self.tag is None or self.tag in event.tags)
        )


def timeline(bank: ExploreBank, chosen: TimelineFilter = TimelineFilter()) -> list[PeriodGroup]:
    """The chosen events by period, in date order; periods with no chosen event are left out."""
    by_period: dict[str, list[EventFact]] = {period.id: [] for period in bank.periods}
    for event in bank.events:
        period = period_of(event.id, event.date, bank.periods)
        if period is not None and chosen.admits(event, period):
            by_period[period.id].append(event)
    return [
        PeriodGroup(period, tuple(by_period[period.id]))
        for period in bank.periods
        if by_period[period.id]
    ]


@dataclass(frozen=True)
class Dossier:
    """Everything a person, organisation or place page shows: the fact itself, the events it
    appears in, and (for a person) their attributed quotes."""

    subject: FigureFact | ActorFact | PlaceFact
    events: tuple[EventFact, ...]
    quotes: tuple[QuoteFact, ...] = ()

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.subject, *self.events, *self.quotes)


_SUBJECT_TYPES: dict[SelectionKind, type] = {
    SelectionKind.PERSON: FigureFact,
    SelectionKind.ACTOR: ActorFact,
    SelectionKind.PLACE: PlaceFact,
}


def dossier(bank: ExploreBank, kind: SelectionKind, fact_id: str) -> Dossier | None:
    """The page of a person, organisation or place; None if the bank has no such fact."""
    subject = bank.fact(fact_id, _SUBJECT_TYPES[kind])
    if not isinstance(subject, FigureFact | ActorFact | PlaceFact):
        return None
    names = subject.names if isinstance(subject, FigureFact | PlaceFact) else (subject.name,)
    quotes = quotes_by(bank.quotes, names) if isinstance(subject, FigureFact) else []
    return Dossier(subject, tuple(events_mentioning(bank.events, names)), tuple(quotes))


def selection_facts(bank: ExploreBank, selection: Selection) -> tuple[Fact, ...] | None:
    """Exactly the facts the selection's page shows; None if the selection names nothing."""
    if selection.kind is SelectionKind.PERIOD:
        if bank.period(selection.key) is None:
            return None
        groups = timeline(bank, TimelineFilter(period=selection.key))
        return tuple(event for group in groups for event in group.events)
    found = dossier(bank, selection.kind, selection.key)
    return found.facts if found is not None else None


def selection_title(bank: ExploreBank, selection: Selection) -> str | None:
    """A short title for the selection, e.g. "The Second Nagorno-Karabakh War"."""
    if selection.kind is SelectionKind.PERIOD:
        period = bank.period(selection.key)
        return period.name if period is not None else None
    subject = bank.fact(selection.key, _SUBJECT_TYPES[selection.kind])
    if isinstance(subject, PlaceFact):
        return subject.display_name
    return subject.name if isinstance(subject, FigureFact | ActorFact) else None
