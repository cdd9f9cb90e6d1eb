"""Item statistics: facility, discrimination and choice counts."""

from __future__ import annotations

from quizapp.domain.generation import QuestionKind
from quizapp.domain.item_stats import (
    AttemptRecord,
    ItemKey,
    ItemResponse,
    group_size,
    item_statistics,
)

EASY = ItemKey("q.easy", 1)
SORTER = ItemKey("q.sorter", 1)


def record(attempt_id: int, total: float, easy: str | None, sorter: bool | None) -> AttemptRecord:
    return AttemptRecord(
        attempt_id=attempt_id,
        total=total,
        responses=(
            ItemResponse(EASY, QuestionKind.SINGLE_CHOICE, easy, 1.0 if easy == "A" else 0.0),
            ItemResponse(SORTER, QuestionKind.TRUE_FALSE, sorter, 1.0 if sorter else 0.0),
        ),
    )


def test_facility_discrimination_and_choice_counts():
    attempts = [
        record(1, 1.0, "A", True),
        record(2, 1.0, "A", True),
        record(3, 0.5, "A", False),
        record(4, 0.0, "B", None),
    ]
    easy, sorter = item_statistics(attempts, {EASY: ("A", "B", "C"), SORTER: ()})
    assert easy.facility == 0.75
    assert easy.choice_counts == (("A", 3), ("B", 1), ("C", 0))
    assert easy.discrimination == 0.5  # groups of 2: (1 + 1) / 2 - (0 + 1) / 2
    assert sorter.facility == 0.5
    assert sorter.choice_counts == (("True", 2), ("False", 1))
    assert sorter.unanswered == 1
    assert sorter.discrimination == 1.0


def test_discrimination_needs_two_attempts_and_groups_are_27_percent():
    (only,) = item_statistics([record(1, 1.0, "A", True)], {})[:1]
    assert only.discrimination is None
    assert [group_size(n) for n in (1, 2, 3, 10, 100)] == [0, 1, 1, 3, 27]


def test_a_question_the_weak_get_right_discriminates_negatively():
    attempts = [record(1, 0.9, "B", True), record(2, 0.1, "A", False)]
    easy = item_statistics(attempts, {EASY: ("A", "B")})[0]
    assert easy.discrimination == -1.0
