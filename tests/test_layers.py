"""The domain layer stays pure: no web or database library inside it."""

from __future__ import annotations

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[1] / "quizapp" / "domain"
FORBIDDEN = ("flask", "werkzeug", "wtforms", "sqlalchemy", "flask_")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def is_forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return top in FORBIDDEN or top.startswith("flask_")


def test_domain_modules_import_no_web_or_database_library():
    modules = sorted(DOMAIN.rglob("*.py"))
    assert modules, "the domain package has modules"
    offenders = {
        str(path.relative_to(DOMAIN)): sorted(filter(is_forbidden, imported_modules(path)))
        for path in modules
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_rule_catches_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom flask_login import current_user\nimport sqlalchemy.orm\n")
    assert sorted(filter(is_forbidden, imported_modules(bad))) == ["flask_login", "sqlalchemy.orm"]
