"""Import previews kept on the server between the upload and the teacher's confirmation.

The preview page carries only a random id; the questions stay in `import_previews`, usable by
the teacher who uploaded them, for the set they chose, until confirmed or expired. Nothing here
commits: the view does, once.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from .domain.interchange import SetQuestion
from .models import ImportPreview, QuestionSet, User, db

PREVIEW_LIFETIME = timedelta(hours=1)
"""How long a preview can be confirmed after the upload."""


def keep_preview(
    owner: User,
    question_set: QuestionSet,
    filename: str,
    questions: Sequence[SetQuestion],
    skipped: int,
    now: datetime,
) -> ImportPreview:
    """A new preview of `questions` (the ones that read fine); expired previews are dropped."""
    db.session.execute(delete(ImportPreview).where(ImportPreview.expires_at <= now))
    preview = ImportPreview(
        id=secrets.token_urlsafe(32),
        owner_id=owner.id,
        set_id=question_set.id,
        filename=filename[:255],
        questions=[question.as_dict() for question in questions],
        skipped=skipped,
        created_at=now,
        expires_at=now + PREVIEW_LIFETIME,
    )
    db.session.add(preview)
    return preview


def usable_preview(
    preview_id: str, owner: User, question_set: QuestionSet, now: datetime
) -> ImportPreview | None:
    """The preview if it is this teacher's, for this set, and not expired; else None."""
    return db.session.scalar(
        select(ImportPreview).where(
            ImportPreview.id == preview_id,
            ImportPreview.owner_id == owner.id,
            ImportPreview.set_id == question_set.id,
            ImportPreview.expires_at > now,
        )
    )


def previewed_questions(preview: ImportPreview) -> list[SetQuestion]:
    return [SetQuestion.from_dict(data) for data in preview.questions]
