"""Where an attempt's form sends the student after saving: another page, a flag, the summary.

Every move is a POST of the whole form, so answers are saved on the way without JavaScript.
"""

from __future__ import annotations

from flask import url_for

from ..domain.attempt_progress import page_of
from ..models import Attempt, QuizLayout
from .store import set_flag


def one_per_page(attempt: Attempt) -> bool:
    return attempt.quiz.layout is QuizLayout.ONE_PER_PAGE


def question_url(attempt: Attempt, position: int) -> str:
    """The attempt page showing question `position`: its own page, or its place on the one page."""
    if one_per_page(attempt):
        return url_for("quizzes.attempt", attempt_id=attempt.id, q=position)
    return url_for("quizzes.attempt", attempt_id=attempt.id, _anchor=f"q{position}-block")


def current_page(attempt: Attempt, requested: str | None) -> int | None:
    """The question a one-per-page attempt shows (None when all are on one page)."""
    return page_of(requested, len(attempt.questions)) if one_per_page(attempt) else None


def next_url(attempt: Attempt, action: str, page: str | None) -> str:
    """Apply a move or flag action (after the answers are saved) and say where to go next.

    "goto-N" opens question N, "flag-N" and "unflag-N" set question N's flag, "summary" opens the
    summary; any other action returns to the page the form came from.
    """
    verb, _, argument = action.partition("-")
    if verb in ("flag", "unflag") and argument.isascii() and argument.isdigit():
        set_flag(attempt, int(argument), verb == "flag")
        return question_url(attempt, int(argument))
    if verb == "goto" and argument.isdigit():
        return question_url(attempt, page_of(argument, len(attempt.questions)))
    if action == "summary":
        return url_for("taking.summary", attempt_id=attempt.id)
    here = current_page(attempt, page)
    if here is None:
        return url_for("quizzes.attempt", attempt_id=attempt.id)
    return url_for("quizzes.attempt", attempt_id=attempt.id, q=here)
