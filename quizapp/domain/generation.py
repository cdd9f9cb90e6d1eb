"""Quiz questions and flashcards generated from the bank's facts, deterministically.

Every fact yields several questions through templates; hand-written questions are passed through.
A question's randomness (distractor choice, shuffling, true or false) comes from its own
`random.Random(f"{seed}:{question_id}")`, so the same bank and seed always give the same questions,
and adding a fact of one kind leaves the questions about facts of other kinds untouched. A
template that cannot make a fair question from a fact (too few distractors, or a prompt that
would show its answer) makes none, and `skipped_questions` says why.

The shape of `Question.answer`, by kind:

- single_choice, who_said_it: the correct choice (str);
- multiple_choice: the correct choices (list[str]);
- true_false: bool;
- numeric, year: {"value": number, "tolerance": number, "unit": str | None} (year: tolerance 0);
- short_text: {"answer": str, "accept": list[str]} (every accepted spelling);
- ordering: the items in the correct order (list[str]); `choices` holds them shuffled;
- matching: the correct [left, right] pairs (list[list[str]]); `choices` holds the right sides
  shuffled.

`choices` is empty for year, numeric, short_text and true_false.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from quizapp.domain import distractors as kinds
from quizapp.domain.bank import (
    GENERATED_ID_PREFIX,
    MONTH_NAMES,
    ActorFact,
    AuthoredKind,
    AuthoredMatching,
    AuthoredMultipleChoice,
    AuthoredNumeric,
    AuthoredOrdering,
    AuthoredQuestion,
    AuthoredShortText,
    AuthoredSingleChoice,
    AuthoredTrueFalse,
    Bank,
    EventFact,
    Fact,
    FigureFact,
    NumberFact,
    PlaceFact,
    QuoteFact,
    Source,
    Topic,
    content_hash,
)
from quizapp.domain.questions import QuestionKind

CHOICE_KINDS = frozenset(
    {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.WHO_SAID_IT}
)
"""The kinds whose answer is picked among `choices`."""

AUTHORED_KINDS: Mapping[AuthoredKind, QuestionKind] = {
    kind: QuestionKind(kind.value) for kind in AuthoredKind
}


class Template(StrEnum):
    """The recipe a question came from; part of every generated question's id."""

    EVENT_YEAR = "event-year"
    EVENT_YEAR_CHOICE = "event-year-choice"
    EVENT_MONTH_CHOICE = "event-month-choice"
    EVENT_TRUE_FALSE = "event-true-false"
    EVENT_ORDER = "event-order"
    FIGURE_BY_ROLE = "figure-by-role"
    FIGURE_NAME = "figure-name"
    FIGURE_ROLE = "figure-role"
    FIGURE_TRUE_FALSE = "figure-true-false"
    FIGURE_MATCH = "figure-match"
    ACTOR_BY_DESCRIPTION = "actor-by-description"
    ACTOR_TRUE_FALSE = "actor-true-false"
    PLACE_BY_DESCRIPTION = "place-by-description"
    PLACE_NAME = "place-name"
    PLACE_TRUE_FALSE = "place-true-false"
    NUMBER_VALUE = "number-value"
    NUMBER_CHOICE = "number-choice"
    WHO_SAID_IT = "who-said-it"
    AUTHORED = "authored"


DISTRACTORS = 3
"""Wrong choices shown next to the right one in a generated choice question."""

ORDERING_EVENTS_PER_GROUP = (3, 4, 5)
ORDERING_ONE_IN = 3  # about one ordering question per this many events
MATCHING_FIGURES = 4
MATCHING_ONE_IN = 4  # about one matching question per this many figures

_YEAR_OFFSETS = tuple(offset for offset in range(-6, 7) if offset)
_FALSE_YEAR_OFFSETS = (-3, -2, -1, 1, 2, 3)
_MONTH_OFFSETS = (-12, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 12)


@dataclass(frozen=True, kw_only=True)
class Question:
    """One question, ready to store and to ask; see the module docstring for `answer`."""

    id: str
    kind: QuestionKind
    topic: Topic
    tags: tuple[str, ...]
    prompt: str
    choices: tuple[str, ...]
    answer: Any
    explanation: str
    source: Source
    evidence: str
    fact_ids: tuple[str, ...]
    template: str

    def __hash__(self) -> int:
        # `answer` may be a list or dict; equal questions always share an id.
        return hash(self.id)

    def as_dict(self) -> dict[str, Any]:
        """The question's full content as a JSON-able dict."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "topic": self.topic.value,
            "tags": list(self.tags),
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": self.answer,
            "explanation": self.explanation,
            "source": self.source.as_dict(),
            "evidence": self.evidence,
            "fact_ids": list(self.fact_ids),
            "template": str(self.template),
        }

    @property
    def content_hash(self) -> str:
        """A stable sha256 of the question's content."""
        return content_hash(self.as_dict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Question:
        """The question `as_dict` described."""
        return cls(
            id=data["id"],
            kind=QuestionKind(data["kind"]),
            topic=Topic(data["topic"]),
            tags=tuple(data["tags"]),
            prompt=data["prompt"],
            choices=tuple(data["choices"]),
            answer=data["answer"],
            explanation=data["explanation"],
            source=Source(data["source"]["title"], data["source"]["url"]),
            evidence=data["evidence"],
            fact_ids=tuple(data["fact_ids"]),
            template=data["template"],
        )


@dataclass(frozen=True, kw_only=True)
class Flashcard:
    """One card per fact: a cue on the front, the fact's statement on the back.

    Cards made from teachers' set questions share the shape, with no fact (`fact_id` None).
    """

    id: str
    fact_id: str | None
    topic: Topic
    tags: tuple[str, ...]
    front: str
    back: str
    source: Source
    evidence: str

    def as_dict(self) -> dict[str, Any]:
        """The card's full content as a JSON-able dict."""
        return {
            "id": self.id,
            "fact_id": self.fact_id,
            "topic": self.topic.value,
            "tags": list(self.tags),
            "front": self.front,
            "back": self.back,
            "source": self.source.as_dict(),
            "evidence": self.evidence,
        }

    @property
    def content_hash(self) -> str:
        """A stable sha256 of the card's content."""
        return content_hash(self.as_dict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Flashcard:
        """The card `as_dict` described."""
        return cls(
            id=data["id"],
            fact_id=data["fact_id"],
            topic=Topic(data["topic"]),
            tags=tuple(data["tags"]),
            front=data["front"],
            back=data["back"],
            source=Source(data["source"]["title"], data["source"]["url"]),
            evidence=data["evidence"],
        )


@dataclass(frozen=True)
class SkippedQuestion:
    """A question a template could not make fairly from a fact, and why (for content writers)."""

    id: str
    fact_id: str
    template: str
    reason: str

    def __str__(self) -> str:
        return f"{self.fact_id}: no {self.template} question: {self.reason}"


def question_id(template: Template, fact_id: str) -> str:
    """The stable id of the question a template makes from a fact (or an anchor fact)."""
    return f"{GENERATED_ID_PREFIX}{template.value}.{fact_id}"


def flashcard_id(fact_id: str) -> str:
    """The stable id of a fact's flashcard."""
    return f"card.{fact_id}"


# --- text helpers --------------------------------------------------------------------------------


def normalised(text: str) -> str:
    """Text as a reader compares it: case, surrounding and repeated whitespace ignored."""
    return " ".join(text.split()).casefold()


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _phrase(text: str) -> str:
    """A noun phrase ready to sit inside a sentence: no full stop of its own."""
    return text.rstrip(" .")


def _name_parts(text: str) -> list[str]:
    return [part for part in re.findall(r"[^\W_]+", text) if len(part) >= 4]


# Forms a name word takes in running text: Armenia -> Armenian, Azerbaijan -> Azerbaijani,
# Aliyev -> Aliyev's. A longer word that merely starts alike ("Armen" in "Armenia") is not one.
_INFLECTIONS = r"(?:s|es|'s|\u2019s|n|an|i)?"


def _giveaway(fact_text: str, answers: Iterable[str]) -> str | None:
    """The answer, or a word of it with 4+ letters, that a fact's text would show in a prompt.

    Words match case-insensitively, as whole words or inflected forms of them. Only the text a
    fact puts into the prompt counts: a template's own wording ("Which office did...") is the
    same for every choice and gives nothing away.
    """
    folded = normalised(fact_text)
    for answer in answers:
        if re.search(rf"(?<!\w){re.escape(normalised(answer))}(?!\w)", folded):
            return answer
        for part in _name_parts(answer):
            if re.search(rf"(?<!\w){re.escape(part.casefold())}{_INFLECTIONS}(?!\w)", folded):
                return part
    return None


def _number_giveaway(fact_text: str, value: float) -> str | None:
    """The number, if a fact's text states it (with or without thousands separators)."""
    plain = re.sub(r"(?<=\d),(?=\d{3})", "", fact_text)
    digits = _format_number(value).replace(",", "")
    found = re.search(rf"(?<![\d.]){re.escape(digits)}(?![\d])", plain)
    return digits if found else None


def _format_number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _month_year(absolute_month: int) -> str:
    year, month_index = divmod(absolute_month, 12)
    return f"{MONTH_NAMES[month_index]} {year}"


# --- randomness ----------------------------------------------------------------------------------


def _rng(seed: int, question: str) -> random.Random:
    return random.Random(f"{seed}:{question}")


def _by_id(facts: Iterable[Any]) -> list[Any]:
    return sorted(facts, key=lambda fact: fact.id)


def _pick(
    rng: random.Random, tiers: Sequence[Sequence[str]], taken: Iterable[str], count: int
) -> list[str]:
    """Up to `count` values, earlier tiers first, each distinct from `taken` and from each other.

    Within a tier the order is the rng's; fewer than `count` when there are not enough.
    """
    seen = {normalised(value) for value in taken}
    picked: list[str] = []
    for tier in tiers:
        candidates = list(tier)
        rng.shuffle(candidates)
        for candidate in candidates:
            key = normalised(candidate)
            if len(picked) < count and key not in seen:
                seen.add(key)
                picked.append(candidate)
    return picked


def _shuffled_unlike(rng: random.Random, items: Sequence[Any]) -> list[Any]:
    """The items shuffled, never left in their original order (when they have two or more)."""
    shuffled = list(items)
    rng.shuffle(shuffled)
    if shuffled == list(items) and len(items) > 1:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def _is_anchor(fact_id: str, one_in: int) -> bool:
    """Whether a fact anchors a group question: stable per fact, about one fact in `one_in`."""
    return int(hashlib.sha256(fact_id.encode("utf-8")).hexdigest()[:8], 16) % one_in == 0


# --- the bank as the templates see it ------------------------------------------------------------


@dataclass(frozen=True)
class _Pool:
    """The facts, sorted by id so that file order never matters, and what templates look up."""

    seed: int
    events: list[EventFact]
    figures: list[FigureFact]
    actors: list[ActorFact]
    places: list[PlaceFact]
    quotes: list[QuoteFact]
    latest_month: int  # year * 12 + month index of the latest date in the bank
    roles_by_name: Mapping[str, frozenset[str]]
    affiliation_by_name: Mapping[str, str]
    eras: Mapping[str, tuple[int, int] | None]  # by figure id
    common_office_words: frozenset[str]  # words in many offices or affiliations: name nobody

    @classmethod
    def of(cls, bank: Bank, seed: int) -> _Pool:
        dates = [fact.date for fact in (*bank.events, *bank.quotes)]
        latest = max(
            (date.year * 12 + (date.month or 12) - 1 for date in dates), default=10_000 * 12
        )
        roles: dict[str, set[str]] = {}
        affiliations: dict[str, str] = {}
        for figure in _by_id(bank.figures):
            # One person may appear in several entries: every office of every entry is theirs.
            key = normalised(figure.name)
            roles.setdefault(key, set()).update(
                normalised(role) for role in (figure.role, *figure.also)
            )
            affiliations.setdefault(key, figure.affiliation)
        word_counts: dict[str, int] = {}
        for role in {role for held in roles.values() for role in held}:
            for word in set(role.split()):
                word_counts[word] = word_counts.get(word, 0) + 1
        common = {word for word, count in word_counts.items() if count >= 3}
        common |= {
            word.casefold() for figure in bank.figures for word in figure.affiliation.split()
        }
        latest_year = latest // 12
        return cls(
            seed=seed,
            events=_by_id(bank.events),
            figures=_by_id(bank.figures),
            actors=_by_id(bank.actors),
            places=_by_id(bank.places),
            quotes=_by_id(bank.quotes),
            latest_month=latest,
            roles_by_name={name: frozenset(held) for name, held in roles.items()},
            affiliation_by_name=affiliations,
            eras={f.id: kinds.office_era(f.period, latest_year) for f in bank.figures},
            common_office_words=frozenset(common),
        )

    @property
    def latest_year(self) -> int:
        return self.latest_month // 12

    def era(self, figure: FigureFact) -> tuple[int, int] | None:
        """The years a figure held the office asked about."""
        return self.eras[figure.id]

    def office_words(self, quote: QuoteFact) -> list[str]:
        """Words of the speaker's offices that would name them inside the quote (e.g. "UNHCR")."""
        speaker = normalised(quote.speaker)
        return [
            word
            for figure in self.figures
            if normalised(figure.name) == speaker
            for role in (figure.role, *figure.also)
            for word in kinds.office_words(role, ignore=self.common_office_words)
        ]

    def held_office(self, name: str, role: str) -> bool:
        """Whether the person held this office, as its full or acting holder or under another
        name of the same post."""
        return any(kinds.same_office(held, role) for held in self.roles_of(name))

    def roles_of(self, name: str) -> frozenset[str]:
        """Every office (normalised) that the person of this name held in any entry."""
        return self.roles_by_name.get(normalised(name), frozenset())


def _question(
    fact: Fact,
    template: Template,
    kind: QuestionKind,
    prompt: str,
    answer: Any,
    choices: Sequence[str] = (),
    explanation: str | None = None,
) -> Question:
    return Question(
        id=question_id(template, fact.id),
        kind=kind,
        topic=fact.topic,
        tags=fact.tags,
        prompt=prompt,
        choices=tuple(choices),
        answer=answer,
        explanation=fact.explanation if explanation is None else explanation,
        source=fact.source,
        evidence=fact.evidence,
        fact_ids=(fact.id,),
        template=template.value,
    )


def _choice_question(
    fact: Fact,
    template: Template,
    prompt: str,
    answer: str,
    distractors: Sequence[str],
    rng: random.Random,
    kind: QuestionKind = QuestionKind.SINGLE_CHOICE,
) -> Question:
    choices = [answer, *distractors]
    rng.shuffle(choices)
    return _question(fact, template, kind, prompt, answer, choices)


def _true_false(fact: Fact, template: Template, prompt: str, correct: bool, truth: str) -> Question:
    # A learner who answered a false statement needs to read what is true instead.
    explanation = f"{truth} {fact.explanation}" if truth else fact.explanation
    return _question(fact, template, QuestionKind.TRUE_FALSE, prompt, correct, (), explanation)


def _skip(template: Template, fact: Fact, reason: str) -> SkippedQuestion:
    return SkippedQuestion(question_id(template, fact.id), fact.id, template.value, reason)


def _gives_away(template: Template, fact: Fact, shown: str) -> SkippedQuestion:
    return _skip(template, fact, f"the prompt would give the answer away ({shown!r})")


def _too_few(template: Template, fact: Fact, found: int) -> SkippedQuestion:
    return _skip(template, fact, f"too few distractors ({found} of {DISTRACTORS})")


# A template makes a question, reports why it could not make a fair one, or (None) does not
# apply to the fact at all.
_Made = Question | SkippedQuestion | None


# --- events --------------------------------------------------------------------------------------


def _event_questions(event: EventFact, pool: _Pool) -> Iterator[_Made]:
    yield _event_year(event)
    yield _event_year_choice(event, pool)
    yield _event_month_choice(event, pool)
    yield _event_true_false(event, pool)


def _when(event: EventFact, asked: bool) -> str:
    """The event in a date question: asked ("did X take place") or stated ("X took place").

    An event that lasted is asked by when it began; a thing (a checkpoint, a deadline) "was".
    A name with a clause of its own ("X, widely described as Y") comes last, after "this".
    """
    name = _phrase(event.name)
    if event.lasts:
        verb = ("did {} begin", "{} began")
    elif kinds.head_noun(event.name) in kinds.THING_NOUNS:
        verb = ("was {}", "{} was")
    else:
        verb = ("did {} take place", "{} took place")
    if "," in name:
        return f"{verb[0 if asked else 1].format('this')}: {name}"
    return verb[0 if asked else 1].format(name)


def _event_year(event: EventFact) -> _Made:
    shown = _number_giveaway(event.name, event.date.year)
    if shown:
        return _gives_away(Template.EVENT_YEAR, event, shown)
    prompt = f"In which year {_when(event, asked=True)}?"
    answer = {"value": event.date.year, "tolerance": 0, "unit": None}
    return _question(event, Template.EVENT_YEAR, QuestionKind.YEAR, prompt, answer)


def _defensible_years(event: EventFact, pool: _Pool) -> set[int]:
    """Years a learner could defend as the answer: never offered as wrong ones.

    The years other sources give, the years next to a date known only to the year, and the
    years of near-duplicate events in the bank.
    """
    years = {date.year for date in event.also_dated}
    if event.date.month is None:
        years |= {event.date.year - 1, event.date.year + 1}
    years |= {other.date.year for other in kinds.related_events(event, pool.events)}
    years.discard(event.date.year)
    return years


def _event_year_choice(event: EventFact, pool: _Pool) -> _Made:
    template = Template.EVENT_YEAR_CHOICE
    year = event.date.year
    shown = _number_giveaway(event.name, year)
    if shown:
        return _gives_away(template, event, shown)
    rng = _rng(pool.seed, question_id(template, event.id))
    defensible = _defensible_years(event, pool)
    # Years after the bank's latest date would be absurd choices.
    nearby = [
        str(year + offset)
        for offset in _YEAR_OFFSETS
        if 1 <= year + offset <= pool.latest_year and year + offset not in defensible
    ]
    distractors = _pick(rng, [nearby], [str(year)], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, event, len(distractors))
    prompt = f"When {_when(event, asked=True)}?"
    return _choice_question(event, template, prompt, str(year), distractors, rng)


def _event_month_choice(event: EventFact, pool: _Pool) -> _Made:
    if event.date.month is None:
        return None
    template = Template.EVENT_MONTH_CHOICE
    month = event.date.year * 12 + event.date.month - 1
    answer = _month_year(month)
    shown = _giveaway(event.name, [answer])
    if shown:
        return _gives_away(template, event, shown)
    rng = _rng(pool.seed, question_id(template, event.id))
    defensible = {
        _month_year(other.date.year * 12 + other.date.month - 1)
        for other in kinds.related_events(event, pool.events)
        if other.date.month is not None
    }
    nearby = [
        _month_year(month + offset)
        for offset in _MONTH_OFFSETS
        if 12 <= month + offset <= pool.latest_month
        and _month_year(month + offset) not in defensible
    ]
    distractors = _pick(rng, [nearby], [answer], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, event, len(distractors))
    prompt = f"In which month {_when(event, asked=True)}?"
    return _choice_question(event, template, prompt, answer, distractors, rng)


def _event_true_false(event: EventFact, pool: _Pool) -> _Made:
    template = Template.EVENT_TRUE_FALSE
    year = event.date.year
    shown = _number_giveaway(event.name, year)
    if shown:
        return _gives_away(template, event, shown)
    rng = _rng(pool.seed, question_id(template, event.id))
    defensible = _defensible_years(event, pool)
    wrong_years = [
        year + offset
        for offset in _FALSE_YEAR_OFFSETS
        if 1 <= year + offset <= pool.latest_year and year + offset not in defensible
    ]
    correct = rng.random() < 0.5 or not wrong_years
    stated = year if correct else rng.choice(wrong_years)
    when = _when(event, asked=False)
    if ": " in when:
        said, name = when.split(": ", 1)
        prompt = f"True or false: {said} in {stated}: {name}."
    else:
        prompt = f"True or false: {when} in {stated}."
    return _true_false(event, template, prompt, correct, event.statement)


def _orderable_events(pool: _Pool) -> list[EventFact]:
    """Events whose names carry no year (which would give the order away), names distinct."""
    seen: set[str] = set()
    orderable = []
    for event in pool.events:
        key = normalised(event.name)
        if key not in seen and not re.search(r"\b\d{4}\b", event.name):
            seen.add(key)
            orderable.append(event)
    return orderable


def _event_orderings(pool: _Pool) -> Iterator[Question]:
    """Chronological ordering questions of 3-5 events with distinct years, one per anchor event."""
    events = _orderable_events(pool)
    anchors = [event for event in events if _is_anchor(event.id, ORDERING_ONE_IN)]
    if not anchors and len(events) >= min(ORDERING_EVENTS_PER_GROUP):
        anchors = events[:1]
    groups_seen: set[frozenset[str]] = set()
    for anchor in anchors:
        qid = question_id(Template.EVENT_ORDER, anchor.id)
        rng = _rng(pool.seed, qid)
        size = rng.choice(ORDERING_EVENTS_PER_GROUP)
        members = [anchor]
        years = {anchor.date.year}
        others = [event for event in events if event.id != anchor.id]
        rng.shuffle(others)
        for event in others:
            if len(members) < size and event.date.year not in years:
                members.append(event)
                years.add(event.date.year)
        group = frozenset(event.id for event in members)
        if len(members) < min(ORDERING_EVENTS_PER_GROUP) or group in groups_seen:
            continue
        groups_seen.add(group)
        in_order = sorted(members, key=lambda event: event.date.sort_key)
        answer = [_capitalised(_phrase(event.name)) for event in in_order]
        explanation = "; ".join(
            f"{_capitalised(_phrase(event.name))} ({event.date.display})" for event in in_order
        )
        yield _group_question(
            qid,
            Template.EVENT_ORDER,
            QuestionKind.ORDERING,
            anchor,
            in_order,
            prompt="Put these events in chronological order, earliest first.",
            choices=_shuffled_unlike(rng, answer),
            answer=answer,
            explanation=f"In order: {explanation}.",
        )


def _group_question(
    qid: str,
    template: Template,
    kind: QuestionKind,
    anchor: Fact,
    members: Sequence[Fact],
    *,
    prompt: str,
    choices: Sequence[str],
    answer: Any,
    explanation: str,
) -> Question:
    sources = list(dict.fromkeys(member.source for member in members))
    if len(sources) == 1:
        source = sources[0]
    else:
        # One question, several references: name them all; no single url fits.
        source = Source("; ".join(dict.fromkeys(source.display for source in sources)))
    return Question(
        id=qid,
        kind=kind,
        topic=anchor.topic,
        tags=tuple(sorted({tag for member in members for tag in member.tags})),
        prompt=prompt,
        choices=tuple(choices),
        answer=answer,
        explanation=explanation,
        source=source,
        evidence=" / ".join(dict.fromkeys(member.evidence for member in members)),
        fact_ids=tuple(member.id for member in members),
        template=template.value,
    )


# --- figures -------------------------------------------------------------------------------------


def _figure_questions(figure: FigureFact, pool: _Pool) -> Iterator[_Made]:
    yield _figure_by_role(figure, pool)
    yield _figure_name(figure, pool)
    yield _figure_role(figure, pool)
    yield _figure_true_false(figure, pool)


def _figure_name(figure: FigureFact, pool: _Pool) -> _Made:
    """Recall, not recognition: type the name of the office holder."""
    template = Template.FIGURE_NAME
    shown = _giveaway(f"{figure.role} ({figure.period})", list(figure.names))
    if shown:
        return _gives_away(template, figure, shown)
    era = pool.era(figure)
    rival = next(
        (
            other
            for other in pool.figures
            if normalised(other.name) != normalised(figure.name)
            and kinds.same_office(other.role, figure.role)
            and era is not None
            and pool.era(other) == era
        ),
        None,
    )
    if rival is not None:
        # The period alone would not tell the two holders apart (an acting and a full holder).
        return _skip(template, figure, f"{rival.name} held the office in the same period")
    accept = list(figure.names)
    # A surname alone is accepted only when no other figure in the bank shares it.
    surname = figure.name.split()[-1]
    if sum(1 for other in pool.figures if other.name.split()[-1] == surname) == 1:
        accept.append(surname)
    prompt = f"Type the name of the person who held this office: {figure.role} ({figure.period})."
    answer = {"answer": figure.name, "accept": accept}
    return _question(figure, template, QuestionKind.SHORT_TEXT, prompt, answer)


def _figure_by_role(figure: FigureFact, pool: _Pool) -> _Made:
    """Wrong options: people of the same state or body, in office in an overlapping era."""
    template = Template.FIGURE_BY_ROLE
    shown = _giveaway(f"{figure.role} ({figure.period})", [figure.name])
    if shown:
        return _gives_away(template, figure, shown)
    affiliation = normalised(figure.affiliation)
    era = pool.era(figure)
    # Anyone who also held this office, even acting, would be a second right answer.
    peers = [
        other
        for other in pool.figures
        if normalised(other.affiliation) == affiliation
        and not pool.held_office(other.name, figure.role)
        and kinds.eras_overlap(era, pool.era(other))
    ]
    category = normalised(figure.category)
    same_category = [other.name for other in peers if normalised(other.category) == category]
    rng = _rng(pool.seed, question_id(template, figure.id))
    tiers = [same_category, [other.name for other in peers]]
    distractors = _pick(rng, tiers, [figure.name], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, figure, len(distractors))
    prompt = f"Who held this office: {_phrase(figure.role)} ({figure.period})?"
    return _choice_question(figure, template, prompt, figure.name, distractors, rng)


def _other_offices(figure: FigureFact, pool: _Pool) -> tuple[list[str], ...]:
    """Offices of the same state or body that this person never held: of the same kind and
    era first, then of the same era, then any."""
    affiliation = normalised(figure.affiliation)
    era = pool.era(figure)
    others = [
        other
        for other in pool.figures
        if normalised(other.affiliation) == affiliation
        and not pool.held_office(figure.name, other.role)
        and not kinds.same_office(other.role, figure.role)
    ]
    same_era = [other for other in others if kinds.eras_overlap(era, pool.era(other))]
    category = normalised(figure.category)
    alike = [other.role for other in same_era if normalised(other.category) == category]
    return alike, [other.role for other in same_era], [other.role for other in others]


def _figure_role(figure: FigureFact, pool: _Pool) -> _Made:
    template = Template.FIGURE_ROLE
    shown = _giveaway(f"{figure.name} ({figure.period})", [figure.role])
    if shown:
        return _gives_away(template, figure, shown)
    rng = _rng(pool.seed, question_id(template, figure.id))
    distractors = _pick(rng, _other_offices(figure, pool), [figure.role], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, figure, len(distractors))
    prompt = f"Which office did {figure.name} hold ({figure.period})?"
    return _choice_question(figure, template, prompt, figure.role, distractors, rng)


def _figure_true_false(figure: FigureFact, pool: _Pool) -> _Made:
    template = Template.FIGURE_TRUE_FALSE
    rng = _rng(pool.seed, question_id(template, figure.id))
    # A false statement names an office of the same kind and era only: "a general served as
    # President" is false at a glance and teaches nothing. Without one, the statement is true.
    alike, _, _ = _other_offices(figure, pool)
    wrong = _pick(rng, [alike], [figure.role], 1)
    correct = rng.random() < 0.5 or not wrong
    stated = figure.role if correct else wrong[0]
    prompt = f"True or false: {figure.name} served as {_phrase(stated)}."
    return _true_false(figure, template, prompt, correct, figure.statement)


def _figure_matchings(pool: _Pool) -> Iterator[Question]:
    """Match 4 people to their offices, one question per anchor figure.

    Within a group the names and offices are distinct and nobody held another member's office,
    so exactly one matching is right.
    """
    figures = pool.figures
    anchors = [figure for figure in figures if _is_anchor(figure.id, MATCHING_ONE_IN)]
    if not anchors and len(figures) >= MATCHING_FIGURES:
        anchors = figures[:1]
    groups_seen: set[frozenset[str]] = set()
    for anchor in anchors:
        qid = question_id(Template.FIGURE_MATCH, anchor.id)
        rng = _rng(pool.seed, qid)
        members = [anchor]
        others = [figure for figure in figures if figure.id != anchor.id]
        rng.shuffle(others)
        for figure in others:
            if len(members) < MATCHING_FIGURES and all(
                _can_match_together(figure, member, pool) for member in members
            ):
                members.append(figure)
        group = frozenset(figure.id for figure in members)
        if len(members) < MATCHING_FIGURES or group in groups_seen:
            continue
        groups_seen.add(group)
        members.sort(key=lambda figure: normalised(figure.name))
        answer = [[figure.name, figure.role] for figure in members]
        explanation = "; ".join(f"{f.name}: {f.role} ({f.period})" for f in members)
        yield _group_question(
            qid,
            Template.FIGURE_MATCH,
            QuestionKind.MATCHING,
            anchor,
            members,
            prompt="Match each person to the office they held.",
            choices=_shuffled_unlike(rng, [figure.role for figure in members]),
            answer=answer,
            explanation=f"{explanation}.",
        )


def _can_match_together(first: FigureFact, second: FigureFact, pool: _Pool) -> bool:
    return (
        normalised(first.name) != normalised(second.name)
        and normalised(first.role) != normalised(second.role)
        and normalised(first.role) not in pool.roles_of(second.name)
        and normalised(second.role) not in pool.roles_of(first.name)
    )


# --- actors and places ---------------------------------------------------------------------------


def _actor_questions(actor: ActorFact, pool: _Pool) -> Iterator[_Made]:
    yield _actor_by_description(actor, pool)
    yield _actor_true_false(actor, pool)


def _same_category_first(fact: ActorFact | PlaceFact, others: Sequence[Any]) -> list[list[Any]]:
    """Others of the same category, then of the same kind: never a town for a state."""
    category = normalised(fact.category)
    same = [other for other in others if normalised(other.category) == category]
    alike = [other for other in others if kinds.same_kind(other.category, fact.category)]
    return [same, alike]


def _false_descriptions(fact: ActorFact | PlaceFact, others: Sequence[Any]) -> list[list[str]]:
    """Descriptions of others of the same kind that do not name the fact itself.

    "Armenia is the state ... with both Armenia and Azerbaijan" would contradict itself.
    """
    names = fact.names if isinstance(fact, PlaceFact) else (fact.name,)
    return [
        [other.description for other in tier if not _giveaway(other.description, names)]
        for tier in _same_category_first(fact, others)
    ]


def _other_actors(actor: ActorFact, pool: _Pool) -> list[ActorFact]:
    # An actor described identically would be a second right answer.
    return [
        other
        for other in pool.actors
        if normalised(other.name) != normalised(actor.name)
        and normalised(other.description) != normalised(actor.description)
    ]


def _actor_by_description(actor: ActorFact, pool: _Pool) -> _Made:
    template = Template.ACTOR_BY_DESCRIPTION
    shown = _giveaway(actor.description, [actor.name])
    if shown:
        return _gives_away(template, actor, shown)
    rng = _rng(pool.seed, question_id(template, actor.id))
    tiers = _same_category_first(actor, _other_actors(actor, pool))
    names = [[other.name for other in tier] for tier in tiers]
    distractors = _pick(rng, names, [actor.name], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, actor, len(distractors))
    prompt = f"Which of these is {_phrase(actor.description)}?"
    return _choice_question(actor, template, prompt, actor.name, distractors, rng)


def _actor_true_false(actor: ActorFact, pool: _Pool) -> _Made:
    template = Template.ACTOR_TRUE_FALSE
    rng = _rng(pool.seed, question_id(template, actor.id))
    descriptions = _false_descriptions(actor, _other_actors(actor, pool))
    wrong = _pick(rng, descriptions, [actor.description], 1)
    correct = rng.random() < 0.5 or not wrong
    stated = actor.description if correct else wrong[0]
    prompt = f"True or false: {actor.name} is {_phrase(stated)}."
    return _true_false(actor, template, prompt, correct, actor.statement)


def _place_questions(place: PlaceFact, pool: _Pool) -> Iterator[_Made]:
    yield _place_by_description(place, pool)
    yield _place_name(place)
    yield _place_true_false(place, pool)


def _other_places(place: PlaceFact, pool: _Pool) -> list[PlaceFact]:
    # A place sharing any name, or described identically, would be a second right answer.
    names = {normalised(name) for name in place.names}
    return [
        other
        for other in pool.places
        if not names & {normalised(name) for name in other.names}
        and normalised(other.description) != normalised(place.description)
    ]


def _place_by_description(place: PlaceFact, pool: _Pool) -> _Made:
    template = Template.PLACE_BY_DESCRIPTION
    shown = _giveaway(place.description, place.names)
    if shown:
        return _gives_away(template, place, shown)
    rng = _rng(pool.seed, question_id(template, place.id))
    tiers = _same_category_first(place, _other_places(place, pool))
    names = [[other.display_name for other in tier] for tier in tiers]
    distractors = _pick(rng, names, [place.display_name], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, place, len(distractors))
    prompt = f"Which place is {_phrase(place.description)}?"
    return _choice_question(place, template, prompt, place.display_name, distractors, rng)


def _place_name(place: PlaceFact) -> _Made:
    shown = _giveaway(place.description, place.names)
    if shown:
        return _gives_away(Template.PLACE_NAME, place, shown)
    prompt = f"What is the name of {_phrase(place.description)}?"
    answer = {"answer": place.name, "accept": list(place.names)}
    return _question(place, Template.PLACE_NAME, QuestionKind.SHORT_TEXT, prompt, answer)


def _place_true_false(place: PlaceFact, pool: _Pool) -> _Made:
    template = Template.PLACE_TRUE_FALSE
    rng = _rng(pool.seed, question_id(template, place.id))
    descriptions = _false_descriptions(place, _other_places(place, pool))
    wrong = _pick(rng, descriptions, [place.description], 1)
    correct = rng.random() < 0.5 or not wrong
    stated = place.description if correct else wrong[0]
    prompt = f"True or false: {place.display_name} is {_phrase(stated)}."
    return _true_false(place, template, prompt, correct, place.statement)


# --- numbers and quotes --------------------------------------------------------------------------


def _number_questions(number: NumberFact, pool: _Pool) -> Iterator[_Made]:
    frame = kinds.bound_frame(number.question)
    shown = _number_giveaway(number.question, number.value)
    for template in (Template.NUMBER_VALUE, Template.NUMBER_CHOICE):
        if frame:
            # "More than how many...": every smaller wrong answer would be true as well.
            yield _skip(template, number, f"the question asks for a bound ({frame!r})")
        elif shown:
            yield _gives_away(template, number, shown)
        elif template is Template.NUMBER_VALUE:
            answer = {"value": number.value, "tolerance": number.tolerance, "unit": number.unit}
            yield _question(number, template, QuestionKind.NUMERIC, number.question, answer)
        else:
            yield _number_choice(number, pool)


def _number_choice(number: NumberFact, pool: _Pool) -> _Made:
    """Wrong values keep the answer's unit, magnitude and rounding, so none stands out."""
    template = Template.NUMBER_CHOICE
    rng = _rng(pool.seed, question_id(template, number.id))
    answer = f"{kinds.format_like(number.value, number.value)} {number.unit}"
    wrong_values = [
        f"{kinds.format_like(value, number.value)} {number.unit}"
        for value in kinds.plausible_numbers(number.value, number.unit, number.tolerance)
    ]
    distractors = _pick(rng, [wrong_values], [answer], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, number, len(distractors))
    return _choice_question(number, template, number.question, answer, distractors, rng)


def _quoted(quote: QuoteFact) -> str:
    """The quote as a learner sees it: the words, then where and when they were said."""
    return f"\u201c{quote.text}\u201d ({_phrase(quote.context)}, {quote.date.display})"


def _quote_questions(quote: QuoteFact, pool: _Pool) -> Iterator[_Made]:
    yield _who_said_it(quote, pool)


def _who_said_it(quote: QuoteFact, pool: _Pool) -> _Made:
    """The words and their date only: the context often names or describes the speaker.

    Wrong options are other people who spoke on the conflict, or held office, at that time.
    """
    template = Template.WHO_SAID_IT
    said = f"\u201c{quote.text}\u201d ({quote.date.display})"
    shown = _giveaway(said, [quote.speaker]) or _giveaway(quote.text, pool.office_words(quote))
    if shown:
        return _gives_away(template, quote, shown)
    speaker = normalised(quote.speaker)
    era = (quote.date.year, quote.date.year)
    speakers = [
        other.speaker
        for other in pool.quotes
        if normalised(other.speaker) != speaker
        and abs(other.date.year - quote.date.year) <= kinds.ERA_SLACK
        and normalised(other.text) != normalised(quote.text)
    ]
    in_office = [
        figure.name
        for figure in pool.figures
        if normalised(figure.name) != speaker and kinds.eras_overlap(era, pool.era(figure), slack=1)
    ]
    rng = _rng(pool.seed, question_id(template, quote.id))
    distractors = _pick(rng, [speakers, in_office], [quote.speaker], DISTRACTORS)
    if len(distractors) < DISTRACTORS:
        return _too_few(template, quote, len(distractors))
    prompt = f"Who said this? {said}"
    kind = QuestionKind.WHO_SAID_IT
    explanation = f"{quote.speaker}, {quote.speaker_role}: {_phrase(quote.context)}. "
    question = _choice_question(quote, template, prompt, quote.speaker, distractors, rng, kind)
    return replace(question, explanation=explanation + quote.explanation)


# --- hand-written questions ----------------------------------------------------------------------


def _authored_question(item: AuthoredQuestion, seed: int) -> Question:
    """A hand-written question as written; only the order of its choices is the rng's."""
    rng = _rng(seed, item.id)
    choices: list[str] = []
    answer: Any
    if isinstance(item, AuthoredSingleChoice):
        choices, answer = list(item.choices), item.answer
        rng.shuffle(choices)
    elif isinstance(item, AuthoredMultipleChoice):
        choices, answer = list(item.choices), list(item.answers)
        rng.shuffle(choices)
    elif isinstance(item, AuthoredTrueFalse):
        answer = item.correct
    elif isinstance(item, AuthoredNumeric):
        answer = {"value": item.value, "tolerance": item.tolerance, "unit": item.unit}
    elif isinstance(item, AuthoredShortText):
        answer = {"answer": item.answer, "accept": list(dict.fromkeys((item.answer, *item.accept)))}
    elif isinstance(item, AuthoredOrdering):
        answer = list(item.items)
        choices = _shuffled_unlike(rng, answer)
    elif isinstance(item, AuthoredMatching):
        answer = [list(pair) for pair in item.pairs]
        choices = _shuffled_unlike(rng, [right for _, right in item.pairs])
    else:
        raise TypeError(f"unknown hand-written question type {type(item).__name__}")
    return Question(
        id=item.id,
        kind=AUTHORED_KINDS[item.kind],
        topic=item.topic,
        tags=item.tags,
        prompt=item.prompt,
        choices=tuple(choices),
        answer=answer,
        explanation=item.explanation,
        source=item.source,
        evidence=item.evidence,
        fact_ids=(),
        template=Template.AUTHORED.value,
    )


# --- entry points --------------------------------------------------------------------------------

_FACT_TEMPLATES: Mapping[type[Fact], Callable[[Any, _Pool], Iterator[_Made]]] = {
    EventFact: _event_questions,
    FigureFact: _figure_questions,
    ActorFact: _actor_questions,
    PlaceFact: _place_questions,
    NumberFact: _number_questions,
    QuoteFact: _quote_questions,
}


def generate_questions(bank: Bank, seed: int) -> tuple[Question, ...]:
    """Every question of the bank: those generated from its facts, then the hand-written ones.

    Deterministic for a given bank and seed. A template that cannot make a fair question (too few
    distractors, or a prompt that would give its answer away) makes none; `skipped_questions`
    says which and why.
    """
    return _generate(bank, seed)[0]


def skipped_questions(bank: Bank, seed: int) -> tuple[SkippedQuestion, ...]:
    """The questions templates could not make fairly from the bank's facts, with the reason."""
    return _generate(bank, seed)[1]


def _generate(bank: Bank, seed: int) -> tuple[tuple[Question, ...], tuple[SkippedQuestion, ...]]:
    pool = _Pool.of(bank, seed)
    questions: list[Question] = []
    skipped: list[SkippedQuestion] = []
    for fact in bank.facts:
        for made in _FACT_TEMPLATES[type(fact)](fact, pool):
            if isinstance(made, Question):
                questions.append(made)
            elif isinstance(made, SkippedQuestion):
                skipped.append(made)
    questions.extend(_event_orderings(pool))
    questions.extend(_figure_matchings(pool))
    questions.extend(_authored_question(item, seed) for item in bank.questions)
    return tuple(questions), tuple(skipped)


def generate_flashcards(bank: Bank) -> tuple[Flashcard, ...]:
    """One flashcard per fact, in bank order."""
    return tuple(_flashcard(fact) for fact in bank.facts)


def _flashcard(fact: Fact) -> Flashcard:
    front, back = _card_faces(fact)
    return Flashcard(
        id=flashcard_id(fact.id),
        fact_id=fact.id,
        topic=fact.topic,
        tags=fact.tags,
        front=front,
        back=back,
        source=fact.source,
        evidence=fact.evidence,
    )


def _card_faces(fact: Fact) -> tuple[str, str]:
    if isinstance(fact, EventFact):
        return f"{_capitalised(_phrase(fact.name))}: when, and what happened?", fact.statement
    if isinstance(fact, FigureFact):
        return f"Who is {fact.name}?", fact.statement
    if isinstance(fact, ActorFact):
        return f"What is {fact.name}?", fact.statement
    if isinstance(fact, PlaceFact):
        statement = normalised(fact.statement)
        back = fact.statement
        if not all(normalised(name) in statement for name in fact.names):
            back = f"{fact.statement} Names: {' / '.join(fact.names)}."
        return f"What is {fact.display_name}?", back
    if isinstance(fact, NumberFact):
        return fact.question, fact.statement
    if isinstance(fact, QuoteFact):
        front = f"Who said this? {_quoted(fact)}"
        return front, f"{fact.speaker}, {fact.speaker_role}."
    raise TypeError(f"unknown fact type {type(fact).__name__}")
