"""The pure rules of an attempt's progress and outcome."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.domain.attempt_progress import (
    duration_text,
    outcome_of,
    page_of,
    points_text,
    progress_of,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_progress_counts_and_words():
    progress = progress_of([(2, False, True), (1, True, False), (3, True, True)])
    assert [q.position for q in progress.questions] == [1, 2, 3]
    assert (progress.answered, progress.unanswered, progress.flagged) == (2, 1, 2)
    assert [q.status for q in progress.questions] == [
        "answered",
        "not answered, flagged for review",
        "answered, flagged for review",
    ]


@pytest.mark.parametrize(
    ("requested", "page"),
    [(None, 1), ("", 1), ("2", 2), ("0", 1), ("99", 4), ("-1", 1), ("x", 1), ("٣", 1)],
)
def test_page_of_stays_in_range(requested, page):
    assert page_of(requested, 4) == page


def test_outcome_adds_points_by_topic_and_names_the_missed():
    scored = [(1, "history", 1.0), (2, "figures", 0.5), (3, "history", 0.0), (4, "actors", 1.0)]
    outcome = outcome_of(scored, T0, T0 + timedelta(minutes=3, seconds=20))
    assert (outcome.points, outcome.available, outcome.percent) == (2.5, 4, 62.5)
    assert outcome.time_taken == timedelta(minutes=3, seconds=20)
    assert [(t.topic, t.points, t.available) for t in outcome.topics] == [
        ("actors", 1.0, 1),
        ("figures", 0.5, 1),
        ("history", 1.0, 2),
    ]
    assert outcome.missed == (2, 3)
    assert outcome_of([], T0, None).percent == 0.0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(45, "45 s"), (600, "10 min"), (200, "3 min 20 s"), (3780, "1 h 3 min"), (-5, "0 s")],
)
def test_duration_text(seconds, text):
    assert duration_text(timedelta(seconds=seconds)) == text


def test_points_text():
    assert [points_text(p) for p in (14.0, 13.5, 40 / 3)] == ["14", "13.5", "13.33"]
