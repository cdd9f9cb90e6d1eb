"""Where a student stands in an attempt, and what a finished attempt says: pure rules.

The navigator and the summary page show each question as answered or not, and flagged or not;
one-question-per-page attempts move between pages; the result adds points, time taken and a
breakdown by topic, and names the questions to practise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class QuestionStanding:
    """One question's place in the navigator: its number, and what the student has done."""

    position: int
    answered: bool
    flagged: bool

    @property
    def status(self) -> str:
        """The status in words, never by colour alone."""
        text = "answered" if self.answered else "not answered"
        return text + ", flagged for review" if self.flagged else text


@dataclass(frozen=True)
class Progress:
    """Every question's standing, in order."""

    questions: tuple[QuestionStanding, ...]

    @property
    def answered(self) -> int:
        return sum(q.answered for q in self.questions)

    @property
    def flagged(self) -> int:
        return sum(q.flagged for q in self.questions)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


def progress_of(standings: Iterable[tuple[int, bool, bool]]) -> Progress:
    """Progress from (position, answered, flagged) triples, ordered by position."""
    return Progress(tuple(QuestionStanding(*s) for s in sorted(standings)))


def page_of(requested: str | None, total: int) -> int:
    """The question a one-per-page attempt shows for a requested page: 1..total, else 1."""
    if requested is None or not (requested.isascii() and requested.isdigit()):
        return 1
    return min(max(int(requested), 1), max(total, 1))


@dataclass(frozen=True)
class TopicResult:
    topic: str
    points: float
    available: int

    @property
    def percent(self) -> float:
        return 100 * self.points / self.available if self.available else 0.0


@dataclass(frozen=True)
class Outcome:
    """What a finished attempt earned: points of the available, time taken, each topic's part."""

    points: float
    available: int
    time_taken: timedelta | None
    topics: tuple[TopicResult, ...]
    missed: tuple[int, ...]
    """Positions of the questions not fully right, to practise again."""

    @property
    def percent(self) -> float:
        return 100 * self.points / self.available if self.available else 0.0


def outcome_of(
    scored: Sequence[tuple[int, str, float]],
    started_at: datetime,
    finished_at: datetime | None,
) -> Outcome:
    """The outcome from (position, topic, score 0..1) per question and the attempt's times.

    Each question is worth one point; partial credit counts as its fraction.
    """
    by_topic: dict[str, list[float]] = {}
    for _, topic, score in scored:
        by_topic.setdefault(topic, []).append(score)
    topics = tuple(
        TopicResult(topic, sum(scores), len(scores)) for topic, scores in sorted(by_topic.items())
    )
    return Outcome(
        points=sum(score for _, _, score in scored),
        available=len(scored),
        time_taken=finished_at - started_at if finished_at is not None else None,
        topics=topics,
        missed=tuple(position for position, _, score in scored if score < 1.0),
    )


def duration_text(taken: timedelta) -> str:
    """A duration in words: "12 min 5 s", "10 min", "45 s", "1 h 3 min"."""
    seconds = max(0, int(taken.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    return f"{seconds} s"


def points_text(points: float) -> str:
    """Points without a needless decimal: 14, 13.5, 13.33."""
    return f"{round(points, 2):g}"
