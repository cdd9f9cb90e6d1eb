"""The questions a quiz draws from, prepared once per question version instead of on every start.

Drawing compares every candidate's composition footprint, which is built from the question's
whole content. A class starting a quiz together would parse the same contents hundreds of times,
so each worker keeps what drawing needs of a question under its id, content hash, version, topic
and tags: a version of a question never changes, and an edit gives a new hash. Which questions
are live (not retired, not suppressed) and their columns are read afresh on every start, in one
statement; the contents are read only for rows this worker has not prepared yet.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Text, cast, or_, select

from .domain.composition import Footprint
from .domain.generation import QuestionKind
from .domain.quiz_rules import Candidate, matching_rights, unaligned
from .models import Question, QuestionReview, Quiz, db

# Well above any bank; past it the store starts afresh rather than grow without bound.
MAX_PREPARED = 50_000


@dataclass(frozen=True)
class PoolQuestion:
    """A live question a quiz may draw: what drawing compares, its version and its choices."""

    candidate: Candidate
    version: int
    choices: tuple[str, ...]
    """The choices before any shuffle (`offered_choices`)."""


# Questions prepared for drawing, by whether the quiz draws from explored facts and the row as
# `pool` reads it (id, content hash, version, kind, topic, tags).
_prepared: dict[tuple[Any, ...], PoolQuestion] = {}


def offered_choices(question_id: str, kind: str, content: dict[str, Any]) -> list[str]:
    """A question's choices before any shuffle. Matching questions stored before their choices
    were scrambled are scrambled here (seeded by id), so no answer sits beside its left side."""
    choices = content["choices"]
    if kind != QuestionKind.MATCHING:
        return list(choices)
    rights = matching_rights(content["answer"])
    return unaligned(choices, rights, random.Random(question_id))


def _prepare(row: Row[Any], explored: bool) -> PoolQuestion:
    content = row.content
    candidate = Candidate(
        row.id,
        QuestionKind(row.kind),
        row.topic,
        tuple(json.loads(row.tags)),
        Footprint.of(content),
        # which facts each question was made from, for a quiz drawn from explored facts
        fact_ids=tuple(content.get("fact_ids") or ()) if explored else (),
    )
    return PoolQuestion(candidate, row.version, tuple(offered_choices(row.id, row.kind, content)))


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
    # Columns as stored (the tags as their JSON text): a prepared row needs no decoding at all.
    live = select(
        Question.id,
        Question.content_hash,
        Question.version,
        Question.kind,
        Question.topic,
        cast(Question.tags, Text).label("tags"),
    ).where(
        Question.retired_at.is_(None),
        or_(*sources),
        Question.id.not_in(QuestionReview.suppressed_ids()),
    )
    explored = quiz.fact_ids is not None
    found = [_prepared.get((explored, *row)) for row in db.session.execute(live)]
    if None in found:
        # Read again with the contents: the rows of this read are the ones used.
        rows = db.session.execute(live.add_columns(Question.content)).all()
        if len(_prepared) + len(rows) > MAX_PREPARED:
            _prepared.clear()
        found = []
        for row in rows:
            key = (explored, *row[:-1])
            question = _prepared.get(key)
            if question is None:
                question = _prepared[key] = _prepare(row, explored)
            found.append(question)
    return {question.candidate.id: question for question in found if question is not None}
