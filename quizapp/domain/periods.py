"""The bank's periods: named spans of time, defined in `question_bank/periods.toml`.

Every event falls in exactly one period: the one whose span holds the event's whole date (a date
known only to the year spans all of that year). An event dated too loosely to fit inside one
period (a war dated only "2020") is placed by hand: its period lists it under `events`. Period
names are headings in the app's own voice, so they follow the neutral-voice rules.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .bank import Bank, BankLoad, EventFact, Problem, parse_bank
from .dates import PartialDate, Period, first_day, last_day
from .dates import period_of as period_of  # re-exported: callers read periods from here
from .neutral_words import unattributed_uses

_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FIELDS = ("id", "name", "start", "end", "events")


def read_bank_files(files: Mapping[str, str]) -> BankLoad:
    """Parse the bank (see `bank.parse_bank`), then its periods, checked against its events."""
    load = parse_bank(files)
    periods, problems = parse_periods(files, load.bank)
    every_problem = sorted(
        (*load.problems, *problems),
        key=lambda problem: (problem.file, problem.line if problem.line is not None else 0),
    )
    return dataclasses.replace(load, periods=periods, problems=tuple(every_problem))


def _header_lines(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if re.match(r"\s*\[\[\s*period\s*\]\]", line)
    ]


def parse_periods(files: Mapping[str, str], bank: Bank) -> tuple[tuple[Period, ...], list[Problem]]:
    """The valid periods of every file (in file order) and the problems found with them."""
    periods: list[Period] = []
    located: dict[str, tuple[str, int | None]] = {}
    problems: list[Problem] = []
    last_file = ""
    for file_name in sorted(files):
        try:
            raw_periods = tomllib.loads(files[file_name]).get("period", [])
        except tomllib.TOMLDecodeError:
            continue  # parse_bank reports the syntax error
        if not isinstance(raw_periods, list):
            continue  # parse_bank reports a `period` that is not an array of tables
        lines = _header_lines(files[file_name])
        for index, raw in enumerate(raw_periods):
            line = lines[index] if index < len(lines) else None
            period, reasons = _read_period(raw, bank)
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            raw_id = raw_id if isinstance(raw_id, str) else None
            if period is not None and period.id in located:
                reasons.append(f"duplicate period id {period.id!r}")
            for reason in reasons:
                problems.append(Problem(file_name, raw_id, line, reason))
            if period is not None and not reasons:
                periods.append(period)
                located[period.id] = (file_name, line)
                last_file = file_name
    if periods:
        problems.extend(_check_order(periods, located))
        problems.extend(_check_events(periods, bank.events, last_file))
    return tuple(periods), problems


def _read_period(raw: object, bank: Bank) -> tuple[Period | None, list[str]]:
    if not isinstance(raw, dict):
        return None, ["each period must be a table, written [[period]]"]
    reasons = [f"unknown period field {name!r}" for name in raw if name not in _FIELDS]
    period_id, name = raw.get("id"), raw.get("name")
    if not isinstance(period_id, str) or not _ID_PATTERN.fullmatch(period_id):
        reasons.append("period 'id' must be lowercase letters and digits separated by '-'")
    if not isinstance(name, str) or not name.strip():
        reasons.append("period 'name' must be a non-empty string")
    else:
        reasons.extend(
            f"period name uses {use.word!r} outside an attributed quote or term"
            for use in unattributed_uses(name)
        )
    start = _date(raw, "start", reasons, required=True)
    end = _date(raw, "end", reasons, required=False)
    events = raw.get("events", [])
    if not isinstance(events, list) or not all(isinstance(item, str) for item in events):
        reasons.append("period 'events' must be a list of event ids")
        events = []
    for event_id in events:
        if event_id not in bank or not isinstance(bank.item(event_id), EventFact):
            reasons.append(f"period lists {event_id!r}, which is not an event in the bank")
    if start is not None and end is not None and first_day(end) < first_day(start):
        reasons.append(f"period ends ({end}) before it starts ({start})")
    if reasons or start is None:
        return None, reasons
    return Period(str(period_id), str(name).strip(), start, end, tuple(events)), reasons


def _date(raw: Mapping[str, Any], key: str, reasons: list[str], required: bool) -> Any:
    value = raw.get(key)
    if value is None:
        if required:
            reasons.append(f"period needs {key!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return PartialDate.parse(value)
    except ValueError:
        reasons.append(f"bad period {key} {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
        return None


def _check_order(
    periods: Sequence[Period], located: Mapping[str, tuple[str, int | None]]
) -> Iterable[Problem]:
    for before, after in itertools.pairwise(periods):
        if before.end is None or last_day(before.end) >= first_day(after.start):
            file_name, line = located[after.id]
            yield Problem(
                file_name,
                after.id,
                line,
                f"period starts ({after.start}) before the previous period {before.id!r} ends: "
                "periods run in date order without overlapping",
            )


def _check_events(
    periods: Sequence[Period], events: Iterable[EventFact], file_name: str
) -> Iterable[Problem]:
    for event in events:
        listed = [period.id for period in periods if event.id in period.events]
        spans = [period.id for period in periods if period.holds(event.date)]
        if len(listed) > 1:
            reason = f"is listed by more than one period: {', '.join(listed)}"
        elif listed and spans and spans != listed:
            reason = f"is listed by {listed[0]!r} but its date {event.date} lies in {spans[0]!r}"
        elif listed and not any(
            period.overlaps(event.date) for period in periods if period.id == listed[0]
        ):
            reason = f"is listed by {listed[0]!r}, which does not include its date {event.date}"
        elif not listed and not spans:
            overlapping = [period.id for period in periods if period.overlaps(event.date)]
            where = (
                f"spans periods {', '.join(overlapping)}: list it under one period's `events`"
                if overlapping
                else "falls in no period"
            )
            reason = f"dated {event.date}, {where}"
        else:
            continue
        yield Problem(file_name, event.id, None, f"event {reason}")
