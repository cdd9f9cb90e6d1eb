"""Item analysis of a quiz's finished attempts: how hard each question was and how well it sorted.

For each question (a question id at one version) over the attempts that were asked it:

- facility: the mean score on the question, 0 (nobody) to 1 (everybody right);
- discrimination index: the mean score on the question in the upper group minus the mean in the
  lower group, the groups being the attempts with the highest and the lowest total scores
  (27% of the attempts each, at least one). From -1 to 1; near zero or negative means the question
  does not separate stronger from weaker students. None with fewer than two attempts;
- choice counts: how often each choice was picked (choice and true/false questions), and how often
  the question was left unanswered.

Pure Python: values in, values out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .generation import CHOICE_KINDS, QuestionKind

GROUP_FRACTION = 0.27


@dataclass(frozen=True)
class ItemKey:
    """One question as asked: its id and the version of its content."""

    question_id: str
    version: int


@dataclass(frozen=True)
class ItemResponse:
    """One attempt's response to one question and the score it earned."""

    key: ItemKey
    kind: QuestionKind
    response: Any
    score: float


@dataclass(frozen=True)
class AttemptRecord:
    """A finished attempt: its total score and its responses."""

    attempt_id: int
    total: float
    responses: tuple[ItemResponse, ...]


@dataclass(frozen=True)
class ItemStats:
    key: ItemKey
    kind: QuestionKind
    attempts: int
    facility: float
    discrimination: float | None
    choice_counts: tuple[tuple[str, int], ...]
    unanswered: int


def group_size(count: int) -> int:
    """How many attempts make the upper (and the lower) group."""
    if count < 2:
        return 0
    return max(1, min(count // 2, math.ceil(count * GROUP_FRACTION)))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def choice_counts(
    kind: QuestionKind, choices: Sequence[str], responses: Iterable[Any]
) -> tuple[tuple[str, int], ...]:
    """How often each choice was picked, in the order of `choices` (true/false: True, False)."""
    counter: Counter[str] = Counter()
    for response in responses:
        if response is None:
            continue
        if kind is QuestionKind.MULTIPLE_CHOICE:
            counter.update(str(item) for item in response)
        elif kind is QuestionKind.TRUE_FALSE:
            counter["True" if response else "False"] += 1
        elif kind in CHOICE_KINDS:
            counter[str(response)] += 1
    if kind is QuestionKind.TRUE_FALSE:
        labels: Sequence[str] = ("True", "False")
    elif kind in CHOICE_KINDS:
        labels = list(choices) + sorted(set(counter) - set(choices))
    else:
        return ()
    return tuple((label, counter[label]) for label in labels)


def item_statistics(
    attempts: Sequence[AttemptRecord], choices: Mapping[ItemKey, Sequence[str]]
) -> list[ItemStats]:
    """The statistics of every question asked in `attempts`, in order of first appearance.

    `choices` gives each question's choices (in its authored order) for the choice counts.
    """
    ranked = sorted(attempts, key=lambda record: (record.total, record.attempt_id))
    by_key: dict[ItemKey, list[tuple[int, ItemResponse]]] = {}
    for rank, record in enumerate(ranked):
        for item in record.responses:
            by_key.setdefault(item.key, []).append((rank, item))
    order = {key: index for index, key in enumerate(_first_seen(attempts))}
    stats = []
    for key in sorted(by_key, key=order.__getitem__):
        rows = sorted(by_key[key], key=lambda row: row[0])
        scores = [item.score for _, item in rows]
        size = group_size(len(rows))
        discrimination = _mean(scores[-size:]) - _mean(scores[:size]) if size else None
        kind = rows[0][1].kind
        stats.append(
            ItemStats(
                key=key,
                kind=kind,
                attempts=len(rows),
                facility=_mean(scores),
                discrimination=discrimination,
                choice_counts=choice_counts(
                    kind, choices.get(key, ()), (item.response for _, item in rows)
                ),
                unanswered=sum(1 for _, item in rows if item.response is None),
            )
        )
    return stats


def _first_seen(attempts: Sequence[AttemptRecord]) -> list[ItemKey]:
    seen: dict[ItemKey, None] = {}
    for record in attempts:
        for item in record.responses:
            seen.setdefault(item.key, None)
    return list(seen)
