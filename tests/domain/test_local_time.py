"""Reading and showing times in a person's zone, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from quizapp.domain.local_time import (
    NonexistentLocalTime,
    format_local,
    from_local,
    is_ambiguous,
    wall_time,
    zone,
)

LONDON = zone("Europe/London")
# 2026: clocks go forward at 01:00 GMT on 29 March, and back at 02:00 BST on 25 October.


def test_a_time_skipped_when_the_clocks_go_forward_is_refused():
    with pytest.raises(NonexistentLocalTime, match="2026-03-29 01:30 does not exist in"):
        from_local(datetime(2026, 3, 29, 1, 30), LONDON)
    assert from_local(datetime(2026, 3, 29, 0, 59), LONDON) == datetime(
        2026, 3, 29, 0, 59, tzinfo=UTC
    )
    assert from_local(datetime(2026, 3, 29, 2, 0), LONDON) == datetime(
        2026, 3, 29, 1, 0, tzinfo=UTC
    )


def test_a_time_that_occurs_twice_is_read_as_the_first_occurrence():
    typed = datetime(2026, 10, 25, 1, 30)
    assert is_ambiguous(typed, LONDON)
    # The first 01:30 is still summer time (UTC+1).
    assert from_local(typed, LONDON) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert not is_ambiguous(datetime(2026, 10, 25, 2, 30), LONDON)
    assert from_local(datetime(2026, 10, 25, 2, 30), LONDON) == datetime(
        2026, 10, 25, 2, 30, tzinfo=UTC
    )


def test_ordinary_times_round_trip_in_any_zone():
    for name in ("UTC", "Asia/Baku", "America/New_York", "Asia/Yerevan", "Australia/Lord_Howe"):
        typed = datetime(2026, 6, 1, 14, 0)
        assert wall_time(from_local(typed, zone(name)), zone(name)) == typed


def test_display_names_the_zone_and_follows_the_clock_change():
    before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    after = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert format_local(before, "Europe/London") == "2026-03-29 00:30 (Europe/London)"
    assert format_local(after, "Europe/London") == "2026-03-29 02:30 (Europe/London)"
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    # Both read 01:30 on the wall, an hour apart: the abbreviation tells them apart.
    assert format_local(first, "Europe/London") == "2026-10-25 01:30 BST (Europe/London)"
    assert format_local(second, "Europe/London") == "2026-10-25 01:30 GMT (Europe/London)"
    assert format_local(after, "Asia/Baku") == "2026-03-29 05:30 (Asia/Baku)"


def test_unknown_zones_and_aware_input_are_refused():
    with pytest.raises(ValueError, match="not a known time zone"):
        zone("Mars/Olympus")
    with pytest.raises(ValueError, match="naive"):
        from_local(datetime(2026, 1, 1, tzinfo=UTC), LONDON)
