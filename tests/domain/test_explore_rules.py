"""Explore rules: who and what an event names, the timeline's filters, and selection facts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quizapp.domain.explore import (
    ExploreBank,
    Selection,
    SelectionKind,
    TimelineFilter,
    dossier,
    mentions,
    selection_facts,
    timeline,
)
from quizapp.domain.generation import QuestionKind
from quizapp.domain.periods import period_of, read_bank_files
from quizapp.domain.quiz_rules import Candidate, draw_questions
from quizapp.domain.quiz_rules import Selection as DrawSelection

REAL_BANK = Path(__file__).resolve().parents[2] / "question_bank"


@pytest.fixture(scope="module")
def bank() -> ExploreBank:
    files = {path.name: path.read_text("utf-8") for path in REAL_BANK.glob("*.toml")}
    load = read_bank_files(files)
    return ExploreBank(load.bank.facts, load.periods)


def test_mentions_match_whole_names_only():
    assert mentions("Ilham Aliyev signed.", ["Ilham Aliyev"])
    assert not mentions("Heydar Aliyev signed.", ["Ilham Aliyev"])
    assert mentions("in Stepanakert (Khankendi).", ["Khankendi"])
    assert not mentions("Stepanakerts", ["Stepanakert"])


def test_the_timeline_runs_in_date_order_inside_each_period(bank: ExploreBank):
    groups = timeline(bank)
    assert [group.period.id for group in groups] == [period.id for period in bank.periods]
    assert sum(len(group.events) for group in groups) == len(bank.events)
    for group in groups:
        keys = [event.date.sort_key for event in group.events]
        assert keys == sorted(keys)


def test_timeline_filters_by_period_topic_and_tag(bank: ExploreBank):
    (only,) = timeline(bank, TimelineFilter(period="second-war"))
    assert only.period.id == "second-war"
    assert all(period_of(e.id, e.date, bank.periods).id == "second-war" for e in only.events)
    tagged = [e for group in timeline(bank, TimelineFilter(tag="ceasefire")) for e in group.events]
    assert tagged and all("ceasefire" in event.tags for event in tagged)
    expected = [e.id for e in bank.events if "ceasefire" in e.tags]
    assert [event.id for event in tagged] == expected
    history = [e for g in timeline(bank, TimelineFilter(topic="history")) for e in g.events]
    every = [e for group in timeline(bank) for e in group.events]
    assert [e.id for e in history] == [e.id for e in every if e.topic.value == "history"]


def test_a_person_page_holds_the_figure_the_events_naming_them_and_their_quotes(
    bank: ExploreBank,
):
    page = dossier(bank, SelectionKind.PERSON, "figure.ilham-aliyev")
    assert page is not None
    assert page.events and all(
        "Ilham Aliyev" in event.statement or "Ilham Aliyev" in event.name for event in page.events
    )
    assert all(quote.speaker == "Ilham Aliyev" for quote in page.quotes)
    assert dossier(bank, SelectionKind.PERSON, "place.stepanakert") is None
    assert dossier(bank, SelectionKind.PLACE, "nothing") is None


def test_a_place_page_finds_events_by_either_name(bank: ExploreBank):
    page = dossier(bank, SelectionKind.PLACE, "place.stepanakert")
    assert page is not None
    names = ("Stepanakert", "Khankendi")
    expected = [e.id for e in bank.events if mentions(f"{e.name} {e.statement}", names)]
    assert [e.id for e in page.events] == expected
    assert any(mentions(e.statement, ["Khankendi"]) for e in page.events)


def test_selection_facts_are_what_the_page_shows(bank: ExploreBank):
    period = selection_facts(bank, Selection.parse("period:second-war"))
    (group,) = timeline(bank, TimelineFilter(period="second-war"))
    assert period == group.events
    person = selection_facts(bank, Selection.parse("person:figure.ilham-aliyev"))
    page = dossier(bank, SelectionKind.PERSON, "figure.ilham-aliyev")
    assert person == (page.subject, *page.events, *page.quotes)
    assert selection_facts(bank, Selection.parse("period:no-such-period")) is None


@pytest.mark.parametrize("text", ["", "period", "period:", "planet:mars", "x" * 300])
def test_a_malformed_selection_is_refused(text: str):
    with pytest.raises(ValueError):
        Selection.parse(text)


def test_a_fact_restricted_draw_takes_only_questions_made_wholly_from_those_facts():
    candidates = [
        Candidate("q1", QuestionKind.SINGLE_CHOICE, "history", (), fact_ids=("f1",)),
        Candidate("q2", QuestionKind.SINGLE_CHOICE, "history", (), fact_ids=("f2",)),
        Candidate("q3", QuestionKind.ORDERING, "history", (), fact_ids=("f1", "f3")),
        Candidate("q4", QuestionKind.ORDERING, "history", (), fact_ids=("f1", "f2")),
        Candidate("q5", QuestionKind.SINGLE_CHOICE, "history", (), fact_ids=()),
    ]
    chosen = draw_questions(
        candidates, DrawSelection(fact_ids=frozenset({"f1", "f2"})), 10, random.Random(1), False
    )
    assert chosen == ["q1", "q2", "q4"]
    everything = draw_questions(candidates, DrawSelection(), 10, random.Random(1), False)
    assert everything == ["q1", "q2", "q3", "q4", "q5"]
