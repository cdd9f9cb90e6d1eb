"""The questions a quiz draws from, prepared once per question version instead of on every start.

Drawing compares every candidate's composition footprint, which is built from the question's
whole content. A class starting a quiz together would parse the same contents hundreds of times,
so each worker keeps what drawing needs of a question under its id and content hash: a version of
a question never changes, and an edit gives a new hash. What can change at any moment (which
questions are live, retired or suppressed, their topic and tags) is read afresh on every start,
in one statement; the contents are read only for versions this worker has not prepared yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from .domain.composition import Footprint
from .domain.generation import QuestionKind
from .domain.quiz_rules import Candidate, matching_rights, unaligned
from .models import Question, QuestionReview, Quiz, db

# Well above any bank; past it the store starts afresh rather than grow without bound.
MAX_PREPARED = 50_000


@dataclass(frozen=True)
class Prepared:
    """What drawing and starting an attempt need of one version of a question."""

    footprint: Footprint
    fact_ids: tuple[str, ...]
    choices: tuple[str, ...]
    """The choices before any shuffle (`offered_choices`)."""


@dataclass(frozen=True)
class PoolQuestion:
    """A live question a quiz may draw, with its current version."""

    candidate: Candidate
    version: int
    prepared: Prepared


_prepared: dict[tuple[str, str], Prepared] = {}


def offered_choices(question_id: str, content: dict[str, Any]) -> list[str]:
    """A question's choices before any shuffle. Matching questions stored before their choices
    were scrambled are scrambled here (seeded by id), so no answer sits beside its left side."""
    choices = content["choices"]
    if content.get("kind") != QuestionKind.MATCHING:
        return list(choices)
    rights = matching_rights(content["answer"])
    return unaligned(choices, rights, random.Random(question_id))


def prepare(question_id: str, content: dict[str, Any]) -> Prepared:
    return Prepared(
        footprint=Footprint.of(content),
        fact_ids=tuple(content.get("fact_ids") or ()),
        choices=tuple(offered_choices(question_id, content)),
    )


def _sources(quiz: Quiz) -> list[ColumnElement[bool]]:
    sources = []
    if quiz.include_bank:
        sources.append(Question.set_id.is_(None))
    if quiz.set_ids:
        sources.append(Question.set_id.in_(quiz.set_ids))
    return sources


def pool(quiz: Quiz) -> dict[str, PoolQuestion]:
    """By id, the live, unsuppressed questions the quiz draws from: the bank's, its sets', or both.

    One statement while every version is prepared; one more to read the contents of the others.
    """
    sources = _sources(quiz)
    if not sources:
        return {}
    live = select(Question.id, Question.kind, Question.topic, Question.tags).where(
        Question.retired_at.is_(None),
        or_(*sources),
        Question.id.not_in(QuestionReview.suppressed_ids()),
    )
    rows = db.session.execute(live.add_columns(Question.content_hash, Question.version)).all()
    found = {row.id: _prepared.get((row.id, row.content_hash)) for row in rows}
    if None in found.values():
        # Read again with the contents: the rows of this read are the ones used.
        rows = db.session.execute(
            live.add_columns(Question.content_hash, Question.version, Question.content)
        ).all()
        found = {row.id: _prepared.get((row.id, row.content_hash)) for row in rows}
        if len(_prepared) + len(rows) > MAX_PREPARED:
            _prepared.clear()
        for row in rows:
            if found[row.id] is None:
                found[row.id] = _prepared[(row.id, row.content_hash)] = prepare(row.id, row.content)
    explored = quiz.fact_ids is not None
    questions = {}
    for row in rows:
        prepared = found[row.id]
        assert prepared is not None
        candidate = Candidate(
            row.id,
            QuestionKind(row.kind),
            row.topic,
            tuple(row.tags),
            prepared.footprint,
            # which facts each question was made from, for a quiz drawn from explored facts
            fact_ids=prepared.fact_ids if explored else (),
        )
        questions[row.id] = PoolQuestion(candidate, row.version, prepared)
    return questions
