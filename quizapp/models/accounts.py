"""Accounts: people, their roles, and API tokens."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.local_time import DEFAULT_TIME_ZONE
from .base import db, string_enum, utcnow

if TYPE_CHECKING:
    from .flashcards import LearnerSettings
    from .schedule_fitting import ScheduleFit


class Role(enum.StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(string_enum(Role, length=16), default=Role.STUDENT)
    # Bumped at logout and password change: every session cookie carries the version it was
    # issued under, and the loader rejects stale ones, so other sessions end too.
    session_version: Mapped[int] = mapped_column(default=1)
    # An account-wide accommodation only an admin sets: it multiplies the time limit of every
    # quiz (ready-made ones included) and is the least extra time a class assignment gives.
    # Teachers set extra time per class membership and per assignment instead.
    extra_time_factor: Mapped[float] = mapped_column(default=1.0, server_default="1")
    # Every time the person reads is shown in this zone, and times they type are read in it.
    time_zone: Mapped[str] = mapped_column(
        String(64), default=DEFAULT_TIME_ZONE, server_default=DEFAULT_TIME_ZONE
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None until the learner saves flashcard options of their own.
    learner_settings: Mapped[LearnerSettings | None] = relationship(passive_deletes=True)
    # None until a schedule fit has run for the learner.
    schedule_fit: Mapped[ScheduleFit | None] = relationship(passive_deletes=True)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_teacher(self) -> bool:
        return self.role in (Role.TEACHER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role.value}>"


class ApiToken(db.Model):
    """A bearer token for non-browser clients of the JSON API. Only its hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
