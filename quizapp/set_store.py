"""Teachers' question sets in the database: questions written, edited, retired and imported.

A set question is a row of `questions` with `set_id`, its id `set.<set id>.<n>` (never reused),
its content in the same shape as a bank question's, so drawing, grading and result pages treat
both alike. Every change writes an `ItemVersion` snapshot and bumps the version, so attempts keep
the version they were asked. Nothing here commits: the view does, once.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select

from .domain.bank import Topic, content_hash
from .domain.generation import QuestionKind
from .domain.interchange import SetQuestion, normalised
from .domain.quiz_rules import matching_rights, unaligned
from .models import (
    ItemType,
    ItemVersion,
    Question,
    QuestionSet,
    SchoolClass,
    SetShare,
    User,
    db,
)
from .set_flashcards import sync_set_flashcards

DEFAULT_TOPIC = Topic.HISTORY


@dataclass(frozen=True)
class Sourcing:
    """Where a set question comes from, shown with its feedback."""

    title: str = ""
    url: str = ""
    evidence: str = ""


def set_source_title(question_set: QuestionSet) -> str:
    return f"Question set “{question_set.title}” by {question_set.owner.username}"


def content_of(
    question: SetQuestion, question_id: str, topic: str, sourcing: Sourcing, set_title: str
) -> dict[str, Any]:
    """A set question's stored content: a bank question's shape plus its authoring extras."""
    ready = normalised(question)
    choices = list(ready.choices)
    if ready.kind is QuestionKind.ORDERING:
        # Shown in a fixed scrambled order (each attempt shuffles again); never the answer order.
        choices = scrambled(ready.answer, question_id)
    elif ready.kind is QuestionKind.MATCHING:
        # Never a right side beside its own left side, even when choices are not shuffled.
        choices = unaligned(choices, matching_rights(ready.answer), random.Random(question_id))
    return {
        "id": question_id,
        "kind": ready.kind.value,
        "topic": topic,
        # A Moodle category path travels as a tag: the teacher chooses the topic.
        "tags": [ready.category] if ready.category else [],
        "prompt": ready.prompt,
        "choices": choices,
        "answer": ready.answer,
        "explanation": ready.explanation,
        # A set question always names a source title, so it is never taken for the seed article.
        "source": {"title": sourcing.title or set_title, "url": sourcing.url or ""},
        "evidence": sourcing.evidence,
        "fact_ids": [],
        "name": ready.name,
        "category": ready.category,
        "choice_feedback": dict(ready.choice_feedback),
        "weights": dict(ready.weights),
        "markdown": ready.markdown,
    }


def scrambled(items: list[str], seed: str) -> list[str]:
    """The items in an order that depends only on the seed and is not the given order."""
    order = list(items)
    if len(set(order)) < 2:
        return order
    rng = random.Random(seed)
    while order == list(items):
        rng.shuffle(order)
    return order


def set_question_of(content: dict[str, Any]) -> SetQuestion:
    """The interchange question a stored content describes (for editing and export)."""
    return SetQuestion.from_dict(
        {
            "name": content.get("name"),
            "kind": content["kind"],
            "prompt": content["prompt"],
            "choices": content["choices"],
            "answer": content["answer"],
            "explanation": content["explanation"],
            "choice_feedback": content.get("choice_feedback", {}),
            "weights": content.get("weights", {}),
            "category": content.get("category"),
            "markdown": content.get("markdown", True),
        }
    )


def sourcing_of(content: dict[str, Any], set_title: str) -> Sourcing:
    title = content["source"]["title"]
    return Sourcing(
        title="" if title == set_title else title,
        url=content["source"]["url"] or "",
        evidence=content.get("evidence", ""),
    )


def default_topic(questions: Sequence[SetQuestion]) -> str:
    """The topic offered for an import: the one most of its categories name, else History."""
    named = [(question.category or "").strip().lower().rsplit("/", 1)[-1] for question in questions]
    topics = [name for name in named if name in {topic.value for topic in Topic}]
    return max(topics, key=topics.count) if topics else DEFAULT_TOPIC.value


def add_question(
    question_set: QuestionSet,
    question: SetQuestion,
    topic: str,
    sourcing: Sourcing,
    now: datetime,
) -> Question:
    """A new question at the end of the set, at version 1."""
    return add_questions(question_set, [question], topic, sourcing, now)[0]


def add_questions(
    question_set: QuestionSet,
    questions: Sequence[SetQuestion],
    topic: str,
    sourcing: Sourcing,
    now: datetime,
) -> list[Question]:
    """New questions at the end of the set, at version 1, written in one batch."""
    used = db.session.scalar(select(func.count()).where(Question.set_id == question_set.id))
    set_title = set_source_title(question_set)
    values = []
    for number, question in enumerate(questions, start=used + 1):
        question_id = f"set.{question_set.id}.{number}"
        content = content_of(question, question_id, topic, sourcing, set_title)
        values.append(
            {
                "id": question_id,
                "set_id": question_set.id,
                "kind": content["kind"],
                "topic": topic,
                "tags": list(content["tags"]),
                "content": content,
                "content_hash": content_hash(content),
                "version": 1,
                "updated_at": now,
            }
        )
    # Bulk statements, not one ORM object per row: an import writes up to a thousand at once.
    db.session.execute(insert(Question), values)
    db.session.execute(
        insert(ItemVersion),
        [
            {
                "item_type": ItemType.QUESTION,
                "item_id": row["id"],
                "version": 1,
                "content_hash": row["content_hash"],
                "content": row["content"],
                "created_at": now,
            }
            for row in values
        ],
    )
    ids = [row["id"] for row in values]
    stored = {
        row.id: row for row in db.session.scalars(select(Question).where(Question.id.in_(ids)))
    }
    rows = [stored[question_id] for question_id in ids]
    sync_set_flashcards(question_set, now, rows)
    return rows


def edit_question(
    row: Question, question: SetQuestion, topic: str, sourcing: Sourcing, now: datetime
) -> bool:
    """Store new content as a new version; False (and nothing written) when nothing changed.

    What the question form does not show (the name, the category, the feedback on each answer)
    carries over from the stored version, for the answers that remain.
    """
    question_set = db.session.get(QuestionSet, row.set_id)
    stored = set_question_of(row.content)
    question = replace(
        question,
        name=question.name or stored.name,
        category=question.category or stored.category,
        choice_feedback={**stored.choice_feedback, **question.choice_feedback},
    )
    content = content_of(question, row.id, topic, sourcing, set_source_title(question_set))
    digest = content_hash(content)
    if digest == row.content_hash and topic == row.topic:
        return False
    row.version += 1
    row.content = content
    row.content_hash = digest
    row.kind = content["kind"]
    row.topic = topic
    row.tags = list(content["tags"])
    row.updated_at = now
    db.session.add(ItemVersion.of(ItemType.QUESTION, row, now))
    sync_set_flashcards(question_set, now, [row])
    return True


def retire_question(row: Question, now: datetime) -> None:
    row.retired_at = now
    sync_set_flashcards(db.session.get(QuestionSet, row.set_id), now, [row])


def delete_set(question_set: QuestionSet, now: datetime) -> None:
    """Hide the set and retire its questions; attempts keep their versions."""
    question_set.deleted_at = now
    for row in live_questions(question_set.id):
        row.retired_at = now
    sync_set_flashcards(question_set, now)


def import_questions(
    question_set: QuestionSet, questions: Sequence[SetQuestion], topic: str, now: datetime
) -> list[Question]:
    """Every question added to the set under `topic` (each one checked sound by the caller)."""
    sourcing = Sourcing(title=set_source_title(question_set))
    return add_questions(question_set, questions, topic, sourcing, now)


def live_questions(set_id: int) -> list[Question]:
    return list(
        db.session.scalars(
            select(Question)
            .where(Question.set_id == set_id, Question.retired_at.is_(None))
            .order_by(Question.updated_at, Question.id)
        )
    )


def ordered_questions(set_id: int) -> list[Question]:
    """The set's live questions in the order they were written (by their number)."""
    return sorted(live_questions(set_id), key=lambda row: int(row.id.rsplit(".", 1)[1]))


def set_questions_for_export(set_id: int) -> list[SetQuestion]:
    return [set_question_of(row.content) for row in ordered_questions(set_id)]


def own_sets(owner: User) -> list[QuestionSet]:
    return list(
        db.session.scalars(
            select(QuestionSet)
            .where(QuestionSet.owner_id == owner.id, QuestionSet.deleted_at.is_(None))
            .order_by(QuestionSet.id)
        )
    )


def usable_sets(teacher: User) -> list[QuestionSet]:
    """Sets a teacher may build quizzes from: their own and other teachers' public ones."""
    return list(
        db.session.scalars(
            select(QuestionSet)
            .where(
                QuestionSet.deleted_at.is_(None),
                or_(QuestionSet.owner_id == teacher.id, QuestionSet.is_public.is_(True)),
            )
            .order_by(QuestionSet.id)
        )
    )


def readable_set(set_id: int, user: User) -> QuestionSet | None:
    """The set if `user` may study it (see `QuestionSet.readable_by`)."""
    return db.session.scalar(
        select(QuestionSet).where(QuestionSet.id == set_id, QuestionSet.readable_by(user.id))
    )


def shared_sets(class_id: int) -> list[QuestionSet]:
    return list(
        db.session.scalars(
            select(QuestionSet)
            .join(SetShare, SetShare.set_id == QuestionSet.id)
            .where(SetShare.class_id == class_id, QuestionSet.deleted_at.is_(None))
            .order_by(QuestionSet.id)
        )
    )


def share_targets(owner: User) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass).where(SchoolClass.owner_id == owner.id).order_by(SchoolClass.id)
        )
    )


def shared_class_ids(set_id: int) -> set[int]:
    return set(db.session.scalars(select(SetShare.class_id).where(SetShare.set_id == set_id)))


def set_shares(question_set: QuestionSet, class_ids: Iterable[int]) -> None:
    """Share the set with exactly these classes (all the owner's)."""
    wanted = set(class_ids)
    current = shared_class_ids(question_set.id)
    for class_id in wanted - current:
        db.session.add(SetShare(set_id=question_set.id, class_id=class_id))
    for class_id in current - wanted:
        share = db.session.get(SetShare, (question_set.id, class_id))
        if share is not None:
            db.session.delete(share)
