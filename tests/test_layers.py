"""The domain layer stays pure: no web or database library, and nothing of the app above it.

A domain module may import the standard library, pure libraries (fsrs, nh3 ...) and other domain
modules; never `models`, a store, a view, Flask, Werkzeug, WTForms or SQLAlchemy. Relative imports
count as what they resolve to, and imports inside functions count too.
"""

from __future__ import annotations

import ast
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


def html_view_modules(package_dir: Path) -> set[str]:
    """The modules that define an HTML blueprint (they import Flask's `Blueprint`)."""
    views = set()
    for name, path in module_names(package_dir).items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            is_flask = isinstance(node, ast.ImportFrom) and node.module == "flask"
            if is_flask and any(alias.name == "Blueprint" for alias in node.names):
                views.add(name)
    return views


def api_imports_of_html_views(package_dir: Path) -> dict[str, list[str]]:
    """Each API module that imports an HTML view module (the API shares stores, not views)."""
    modules = module_names(package_dir)
    views = html_view_modules(package_dir)
    api = package_dir.name + ".api"
    found = {}
    for name, path in modules.items():
        if name == api or name.startswith(api + "."):
            bad = sorted(imports_of(name, path, modules) & views)
            if bad:
                found[name] = bad
    return found


def test_the_api_imports_no_html_view_module():
    assert "quizapp.quizzes" in html_view_modules(PACKAGE)
    assert api_imports_of_html_views(PACKAGE) == {}


def test_the_api_rule_catches_a_query_helper_taken_from_a_view(tmp_path):
    copy = copy_of_the_package(tmp_path)
    api = copy / "api" / "quizzes.py"
    api.write_text(api.read_text() + "\n\ndef planted():\n    from ..quizzes import quiz_or_404\n")
    assert api_imports_of_html_views(copy) == {"quizapp.api.quizzes": ["quizapp.quizzes"]}
