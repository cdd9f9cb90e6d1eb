"""The bank's periods: every event falls in exactly one, and each mistake is reported in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.domain.bank import PartialDate
from quizapp.domain.periods import Period, period_of, read_bank_files

REAL_BANK = Path(__file__).resolve().parents[2] / "question_bank"

EVENT = """
[[fact]]
id = "{id}"
kind = "event"
topic = "history"
tags = ["test"]
name = "an event"
date = "{date}"
statement = "Something happened."
explanation = "Why it mattered."
source = {{ title = "A reference", url = "https://example.org/a" }}
evidence = "Something happened."
"""

TWO_PERIODS = """
[[period]]
id = "first"
name = "The first period"
start = "1988"
end = "1994-05-12"

[[period]]
id = "second"
name = "The second period"
start = "1994-05-13"
"""


def bank_files(periods: str, **dates: str) -> dict[str, str]:
    events = "".join(EVENT.format(id=event_id, date=date) for event_id, date in dates.items())
    return {"events.toml": events, "periods.toml": periods}


def reasons(files: dict[str, str]) -> list[str]:
    return [str(problem) for problem in read_bank_files(files).problems]


def test_the_real_bank_places_every_event_in_exactly_one_period():
    files = {path.name: path.read_text("utf-8") for path in REAL_BANK.glob("*.toml")}
    load = read_bank_files(files)
    assert load.ok, [str(problem) for problem in load.problems]
    assert len(load.periods) >= 5
    for event in load.bank.events:
        assert period_of(event.id, event.date, load.periods) is not None, event.id


def test_an_event_goes_to_the_period_holding_its_whole_date():
    load = read_bank_files(
        bank_files(TWO_PERIODS, **{"e.a": "1994-05-12", "e.b": "1994-05-13", "e.c": "1992"})
    )
    assert load.ok, load.problems
    placed = {e.id: period_of(e.id, e.date, load.periods).id for e in load.bank.events}
    assert placed == {"e.a": "first", "e.b": "second", "e.c": "first"}


def test_an_event_dated_across_a_boundary_must_be_placed_by_hand():
    problems = reasons(bank_files(TWO_PERIODS, **{"e.loose": "1994"}))
    assert problems == [
        "periods.toml: e.loose: event dated 1994, spans periods first, second: "
        "list it under one period's `events`"
    ]
    placed_by_hand = TWO_PERIODS.replace(
        'end = "1994-05-12"', 'end = "1994-05-12"\nevents = ["e.loose"]'
    )
    load = read_bank_files(bank_files(placed_by_hand, **{"e.loose": "1994"}))
    assert load.ok, load.problems
    assert period_of("e.loose", PartialDate(1994), load.periods).id == "first"


def test_an_event_before_every_period_is_reported():
    assert reasons(bank_files(TWO_PERIODS, **{"e.early": "1923-07-07"})) == [
        "periods.toml: e.early: event dated 1923-07-07, falls in no period"
    ]


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (
            TWO_PERIODS.replace('start = "1994-05-13"', 'start = "1994-05-01"'),
            "periods.toml:8: second: period starts (1994-05-01) before the previous period "
            "'first' ends: periods run in date order without overlapping",
        ),
        (
            TWO_PERIODS.replace("The second period", "The liberation"),
            "periods.toml:8: second: period name uses 'liberation' outside an attributed "
            "quote or term",
        ),
        (
            TWO_PERIODS.replace('start = "1994-05-13"', 'start = "1994-13"'),
            "periods.toml:8: second: bad period start '1994-13': write YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            TWO_PERIODS.replace('id = "second"', 'id = "second"\nevents = ["e.none"]'),
            "periods.toml:8: second: period lists 'e.none', which is not an event in the bank",
        ),
        (
            TWO_PERIODS.replace('id = "second"', 'id = "second"\ncolour = "red"'),
            "periods.toml:8: second: unknown period field 'colour'",
        ),
        (
            TWO_PERIODS.replace('end = "1994-05-12"', 'end = "1987"'),
            "periods.toml:2: first: period ends (1987) before it starts (1988)",
        ),
    ],
)
def test_period_mistakes_are_reported_with_file_line_and_id(periods: str, expected: str):
    assert expected in reasons(bank_files(periods, **{"e.a": "1990"}))


def test_an_event_listed_by_a_period_that_does_not_hold_its_date_is_reported():
    listed = TWO_PERIODS.replace('id = "second"', 'id = "second"\nevents = ["e.a"]')
    assert reasons(bank_files(listed, **{"e.a": "1990"})) == [
        "periods.toml: e.a: event is listed by 'second' but its date 1990 lies in 'first'"
    ]


def test_a_bank_without_periods_needs_none():
    assert read_bank_files(bank_files("", **{"e.a": "1990"})).ok


def test_period_dates_read_in_words():
    period = Period("p", "A period", PartialDate(1988), PartialDate(1994, 5, 12))
    assert period.dates == "1988 \u2013 12 May 1994"
    assert Period("q", "Open", PartialDate(2023, 9)).dates == "since September 2023"
    assert Period.from_dict(period.as_dict()) == period
