"""Route guards by role: anonymous visitors are sent to log in, others without the role get 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def _requiring(has_role: Callable[[object], bool]):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not has_role(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


teacher_required = _requiring(lambda user: user.is_teacher)
"""Teachers and admins."""

admin_required = _requiring(lambda user: user.is_admin)
