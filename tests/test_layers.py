"""The domain layer stays pure: no web or database library, and nothing of the app above it.

A domain module may import the standard library, pure libraries (fsrs, nh3 ...) and other domain
modules; never `models`, a store, a view, Flask, Werkzeug, WTForms or SQLAlchemy. Relative imports
count as what they resolve to, and imports inside functions count too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from support_imports import imports_of, module_names

PACKAGE = Path(__file__).resolve().parents[1] / "quizapp"
FORBIDDEN_LIBRARIES = ("flask", "werkzeug", "wtforms", "sqlalchemy", "flask_sqlalchemy")


def is_forbidden(module: str) -> bool:
    top = module.split(".")[0]
    if top == "quizapp":
        return not (module == "quizapp.domain" or module.startswith("quizapp.domain."))
    return top in FORBIDDEN_LIBRARIES or top.startswith("flask_")


def domain_violations(package_dir: Path) -> dict[str, list[str]]:
    """Each domain module of the package under `package_dir` that imports what it must not."""
    modules = module_names(package_dir)
    domain = package_dir.name + ".domain"
    found = {}
    for name, path in modules.items():
        if name == domain or name.startswith(domain + "."):
            bad = sorted(filter(is_forbidden, imports_of(name, path, modules)))
            if bad:
                found[name] = bad
    return found


def test_domain_modules_import_no_web_or_database_library_and_nothing_above_them():
    assert len(module_names(PACKAGE / "domain")) > 20, "the domain package has modules"
    assert domain_violations(PACKAGE) == {}


def copy_of_the_package(tmp_path: Path) -> Path:
    copy = tmp_path / "quizapp"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("templates", "static", "*.pyc"))
    return copy


def test_the_rule_catches_a_relative_import_of_the_models_and_of_a_view(tmp_path):
    copy = copy_of_the_package(tmp_path)
    planted = copy / "domain" / "planted.py"
    planted.write_text(
        "from ..models import db\n"
        "from .. import teach\n"
        "from .timing import seconds_left\n"
        "import re\n"
    )
    assert domain_violations(copy) == {
        "quizapp.domain.planted": ["quizapp.models", "quizapp.teach"]
    }


def test_the_rule_catches_web_and_database_libraries_even_inside_a_function(tmp_path):
    copy = copy_of_the_package(tmp_path)
    timing = copy / "domain" / "timing.py"
    timing.write_text(
        timing.read_text()
        + "\n\ndef planted():\n"
        + "    import flask\n"
        + "    from werkzeug.exceptions import NotFound\n"
        + "    from wtforms import Form\n"
        + "    from sqlalchemy.orm import Session\n"
        + "    from flask_login import current_user\n"
    )
    assert domain_violations(copy) == {
        "quizapp.domain.timing": [
            "flask",
            "flask_login",
            "sqlalchemy.orm",
            "werkzeug.exceptions",
            "wtforms",
        ]
    }
