"""Account writes shared by several views. Nothing here commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from ..models import ApiToken, db


def revoke_all_tokens(user_id: int, now: datetime) -> None:
    """End every API token of the user, as a password change or logging out everywhere must."""
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
