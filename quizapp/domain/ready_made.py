"""The ready-made quizzes every student can take, drawn from the bank by topic."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadyMadeQuiz:
    slug: str
    title: str
    description: str
    topic: str | None
    question_count: int = 10
    time_limit_seconds: int = 10 * 60


READY_MADE_QUIZZES = (
    ReadyMadeQuiz(
        "history",
        "History of the conflict",
        "From the 1988 Karabakh movement to the peace process: events, dates and agreements.",
        "history",
    ),
    ReadyMadeQuiz(
        "actors",
        "Actors",
        "States, the region's de facto authorities, mediators, peacekeepers and organisations.",
        "actors",
    ),
    ReadyMadeQuiz(
        "figures",
        "Figures",
        "Leaders and officials on all sides, and who said what.",
        "figures",
    ),
    ReadyMadeQuiz(
        "mixed",
        "Mixed review",
        "Questions from every part of the course.",
        None,
        question_count=15,
        time_limit_seconds=15 * 60,
    ),
)
