"""Roles are checked by the guards in `quizapp/access.py`, never by hand inside a view.

A view that tests `current_user.is_teacher` (or `is_admin`) and answers 403 itself is easy to get
subtly wrong (forgetting `login_required`, checking after a query); the decorators do it one way.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "quizapp"
ROLES = {"is_teacher", "is_admin"}


def _checks_a_role(test: ast.expr) -> bool:
    return any(
        isinstance(node, ast.Attribute)
        and node.attr in ROLES
        and isinstance(node.value, ast.Name)
        and node.value.id == "current_user"
        for node in ast.walk(test)
    )


def _refuses(body: list[ast.stmt]) -> bool:
    return any(
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "abort"
        and node.args
        and getattr(node.args[0], "value", None) == 403
        for statement in body
        for node in ast.walk(statement)
    )


def hand_made_role_checks(package_dir: Path) -> list[str]:
    """`file:line` of every `if <role of current_user>: abort(403)` under `package_dir`."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.If) and _checks_a_role(node.test) and _refuses(node.body):
                found.append(f"{path.relative_to(package_dir)}:{node.lineno}")
    return found


def test_views_check_roles_through_the_guards():
    assert hand_made_role_checks(PACKAGE) == []


def test_the_rule_catches_a_role_checked_by_hand(tmp_path):
    copy = tmp_path / "quizapp"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("templates", "static", "*.pyc"))
    flags = copy / "flags.py"
    lines = flags.read_text().splitlines()
    planted = len(lines) + 4
    lines += ["", "", "def planted():", "    if not current_user.is_admin:", "        abort(403)"]
    flags.write_text("\n".join(lines) + "\n")
    assert hand_made_role_checks(copy) == [f"flags.py:{planted}"]
