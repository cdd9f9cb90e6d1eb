"""Quiz rules that do not depend on time: drawing questions, shuffling, and combining grades."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .composition import Footprint, clash
from .generation import QuestionKind


class Grading(StrEnum):
    """How a quiz combines a student's finished attempts into one grade."""

    HIGHEST = "highest"
    LAST = "last"
    AVERAGE = "average"


@dataclass(frozen=True)
class Candidate:
    """A question a quiz may draw: just what drawing needs to know."""

    id: str
    kind: QuestionKind
    topic: str
    tags: tuple[str, ...]
    footprint: Footprint | None = None
    """What the question shows and asks; None when composition need not be checked."""
    fact_ids: tuple[str, ...] = ()
    """The facts the question was made from (none for hand-written and set questions)."""


@dataclass(frozen=True)
class Selection:
    """Which questions a quiz draws from."""

    topic: str | None = None
    tags: tuple[str, ...] = ()
    kinds: tuple[QuestionKind, ...] = ()
    fact_ids: frozenset[str] | None = None
    """When set, only questions made wholly from these facts (a practice quiz's selection)."""

    def admits(self, candidate: Candidate) -> bool:
        """Whether the candidate matches the topic, has every tag, is of an allowed kind, and
        (when the selection names facts) was made from those facts only."""
        return (
            (self.topic is None or candidate.topic == self.topic)
            and all(tag in candidate.tags for tag in self.tags)
            and (not self.kinds or candidate.kind in self.kinds)
            and (
                self.fact_ids is None
                or (bool(candidate.fact_ids) and set(candidate.fact_ids) <= self.fact_ids)
            )
        )


def draw_questions(
    candidates: Sequence[Candidate],
    selection: Selection,
    count: int,
    rng: random.Random,
    shuffle: bool,
) -> list[str]:
    """Ids of up to `count` eligible questions: a random sample, kept in bank order unless shuffled.

    The candidates are sorted by id first, so the draw depends only on the bank and the rng.
    Candidates with footprints are sampled so that no two clash (the same fact, or one giving
    the other's answer away): in random order, each kept unless it clashes with one kept. A quiz
    that asks for its whole pool gets the whole pool: its author chose every question.
    """
    eligible = sorted((c for c in candidates if selection.admits(c)), key=lambda c: c.id)
    if count < len(eligible) and any(c.footprint is not None for c in eligible):
        chosen = _compatible_sample(eligible, count, rng)
    else:
        chosen = rng.sample(eligible, min(count, len(eligible)))
    if not shuffle:
        chosen.sort(key=lambda c: c.id)
    return [c.id for c in chosen]


def _compatible_sample(
    eligible: Sequence[Candidate], count: int, rng: random.Random
) -> list[Candidate]:
    chosen: list[Candidate] = []
    for candidate in rng.sample(eligible, len(eligible)):
        if len(chosen) == count:
            break
        if candidate.footprint is None or not any(
            other.footprint is not None and clash(candidate.footprint, other.footprint)
            for other in chosen
        ):
            chosen.append(candidate)
    return chosen


def shown_choices(choices: Sequence[str], rng: random.Random, shuffle: bool) -> list[str]:
    """The order a student sees a question's choices in (fixed for the attempt)."""
    order = list(choices)
    if shuffle:
        rng.shuffle(order)
    return order


UNALIGN_TRIES = 100


def unaligned(choices: Sequence[str], rights: Sequence[str], rng: random.Random) -> list[str]:
    """A matching question's choices in an order where no right side sits at its left's index.

    Shown unshuffled, choices in the order of the pairs would put each answer beside its left
    side. An order that already avoids that is kept; otherwise `rng` shuffles until one does
    (with two or more distinct right sides about one shuffle in three does; a question whose
    right sides repeat may never, and keeps its last shuffle).
    """
    order = list(choices)

    def is_aligned(candidate: list[str]) -> bool:
        return any(i < len(candidate) and candidate[i] == right for i, right in enumerate(rights))

    for _ in range(UNALIGN_TRIES):
        if not is_aligned(order):
            break
        rng.shuffle(order)
    return order


def attempt_seed(quiz_id: int, user_id: int, attempt_number: int) -> str:
    """The seed of one attempt's draw and shuffles: the same on every reload and device."""
    return f"quiz:{quiz_id}:user:{user_id}:attempt:{attempt_number}"


def combined_grade(method: Grading, scores_in_order: Sequence[float]) -> float | None:
    """The grade from finished attempts' scores (oldest first), or None before any."""
    if not scores_in_order:
        return None
    match method:
        case Grading.HIGHEST:
            return max(scores_in_order)
        case Grading.LAST:
            return scores_in_order[-1]
        case Grading.AVERAGE:
            return sum(scores_in_order) / len(scores_in_order)
    raise ValueError(f"unknown grading method {method!r}")


def attempt_score(question_scores: Sequence[float | None]) -> float:
    """An attempt's score: the mean of its questions' scores (unanswered counts as 0)."""
    if not question_scores:
        return 0.0
    return sum(score or 0.0 for score in question_scores) / len(question_scores)


class Feedback(StrEnum):
    """When a quiz shows correct answers and explanations."""

    AFTER_EACH = "after_each"
    AT_END = "at_end"
    AFTER_CLOSE = "after_close"


def feedback_visible(
    timing: Feedback,
    attempt_finished: bool,
    question_checked: bool,
    closes_at: datetime | None,
    now: datetime,
) -> bool:
    """Whether a question's correct answer and explanation may be shown now.

    Never before the attempt is finished, except a question the student has checked (and so
    locked) in a quiz that gives feedback after each question. "After the quiz closes" with no
    close time means never: classmates may still be taking it.
    """
    if timing is Feedback.AFTER_EACH and question_checked:
        return True
    if not attempt_finished:
        return False
    if timing is Feedback.AFTER_CLOSE:
        return closes_at is not None and now >= closes_at
    return True


@dataclass(frozen=True)
class ScorePoint:
    """One finished attempt on a chart of scores over time."""

    finished_at: datetime
    score: float
    label: str


@dataclass(frozen=True)
class ScoreChart:
    """Scores over time laid out on a `width` x `height` SVG canvas (y grows downwards)."""

    width: int
    height: int
    points: tuple[tuple[float, float, ScorePoint], ...]

    @property
    def polyline(self) -> str:
        """The `points` attribute of an SVG polyline through every score."""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


def score_chart(
    scores: Sequence[ScorePoint], width: int = 600, height: int = 200, margin: int = 20
) -> ScoreChart:
    """Place scores evenly left to right in time order, 0% at the bottom and 100% at the top."""
    ordered = sorted(scores, key=lambda point: point.finished_at)
    usable_w, usable_h = width - 2 * margin, height - 2 * margin
    step = usable_w / (len(ordered) - 1) if len(ordered) > 1 else 0
    placed = tuple(
        (
            margin + (index * step if len(ordered) > 1 else usable_w / 2),
            margin + (1 - point.score) * usable_h,
            point,
        )
        for index, point in enumerate(ordered)
    )
    return ScoreChart(width=width, height=height, points=placed)


def matching_rights(pairs: Sequence[Sequence[str]]) -> list[str]:
    """The right sides of a matching question's [left, right] pairs, in the lefts' order."""
    return [right for _, right in pairs]
