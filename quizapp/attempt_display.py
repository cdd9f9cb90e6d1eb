"""What a student is shown of an attempt: questions without answers, and results when allowed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .attempt_store import contents_of, shown_question
from .domain.answer_feedback import answer_feedback
from .domain.generation import QuestionKind
from .domain.kinds import KINDS
from .domain.quiz_rules import Feedback, feedback_visible
from .domain.responses import ordering_hint
from .models import Assignment, Attempt, AttemptQuestion, AttemptState, db


@dataclass(frozen=True)
class Reveal:
    """The feedback on one question: shown only when the quiz's feedback rule allows it."""

    score: float
    correct_answer: str
    explanation: str
    answer_feedback: tuple[str, ...]
    """What the author wrote for the answer given (each chosen choice's, for multiple choice)."""
    source_title: str
    source_url: str | None
    evidence: str


@dataclass(frozen=True)
class QuestionView:
    position: int
    kind: QuestionKind
    prompt: str
    choices: tuple[str, ...]
    lefts: tuple[str, ...]
    response: Any
    response_text: str
    checked: bool
    reveal: Reveal | None
    markdown: bool = False
    """The prompt and explanation are authored Markdown (set questions), rendered sanitised."""
    ordering_hint: str = ""
    """Ordering only: how to number the items, in the direction the prompt asks for."""

    def as_public_dict(self) -> dict[str, Any]:
        """JSON for API clients: the same information the HTML page shows."""
        data: dict[str, Any] = {
            "position": self.position,
            "kind": self.kind.value,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "response": self.response,
            "checked": self.checked,
        }
        if self.lefts:
            data["lefts"] = list(self.lefts)
        if self.reveal is not None:
            data["feedback"] = {
                "score": self.reveal.score,
                "correct_answer": self.reveal.correct_answer,
                "explanation": self.reveal.explanation,
                "answer_feedback": list(self.reveal.answer_feedback),
                "source": {"title": self.reveal.source_title, "url": self.reveal.source_url},
                "evidence": self.reveal.evidence,
            }
        return data


SEED_SOURCE_TITLE = "Seed article (The Washington Post, September 2023)"


def describe(kind: QuestionKind, value: Any) -> str:
    """A response or a correct answer in words."""
    return "No answer" if value is None else KINDS[kind].describe(value)


def describe_answer(content: Mapping[str, Any]) -> str:
    """A question's correct answer in words, with the partial credit its weights give."""
    kind = QuestionKind(content["kind"])
    text = describe(kind, content["answer"])
    weights = content.get("weights") or {}
    if kind is QuestionKind.SINGLE_CHOICE or kind is QuestionKind.SHORT_TEXT:
        partial = [f"{key} earns {weight:g}%" for key, weight in weights.items() if weight > 0]
        text += f" (partial credit: {'; '.join(partial)})" if partial else ""
    elif kind is QuestionKind.MULTIPLE_CHOICE and weights:
        text += " (" + "; ".join(f"{key} {weight:+g}%" for key, weight in weights.items()) + ")"
    return text


def _reveal(question: AttemptQuestion, content: Mapping[str, Any]) -> Reveal:
    source = content["source"]
    return Reveal(
        score=question.score or 0.0,
        correct_answer=describe_answer(content),
        explanation=content["explanation"],
        answer_feedback=answer_feedback(content, question.response),
        source_title=SEED_SOURCE_TITLE if source["url"] is None else source["title"],
        source_url=source["url"],
        evidence=content["evidence"],
    )


def closing_time(attempt: Attempt) -> datetime | None:
    """When the quiz closes for this attempt: its class assignment's close time, else the quiz's."""
    if attempt.assignment_id is not None:
        assignment = db.session.get(Assignment, attempt.assignment_id)
        if assignment is not None:
            return assignment.closes_at
    return attempt.quiz.closes_at


def question_views(attempt: Attempt, now: datetime) -> list[QuestionView]:
    """Every question of the attempt as the student may see it now."""
    contents = contents_of(attempt)
    finished = attempt.state is AttemptState.FINISHED
    timing = Feedback(attempt.quiz.feedback_timing.value)
    closes_at = closing_time(attempt)
    views = []
    for question in attempt.questions:
        content = contents[question.position]
        shown = shown_question(question, content)
        visible = feedback_visible(timing, finished, question.checked, closes_at, now)
        views.append(
            QuestionView(
                position=question.position,
                kind=shown.kind,
                prompt=content["prompt"],
                choices=shown.choices,
                lefts=shown.lefts,
                response=question.response,
                response_text=describe(shown.kind, question.response),
                checked=question.checked,
                reveal=_reveal(question, content) if visible else None,
                markdown=bool(content.get("markdown")),
                ordering_hint=ordering_hint(content["prompt"])
                if shown.kind is QuestionKind.ORDERING
                else "",
            )
        )
    return views
