"""No import cycle among the app's modules, counting imports inside functions too.

A cycle dodged with a function-level import still ties two modules together: neither can be
understood, tested or moved without the other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from support_imports import cycles, import_graph

PACKAGE = Path(__file__).resolve().parents[1] / "quizapp"


def test_the_app_has_no_import_cycle():
    graph = import_graph(PACKAGE)
    assert len(graph) > 100, "the graph holds the app's modules"
    assert cycles(graph) == []


def test_a_function_level_import_that_closes_a_loop_is_a_cycle(tmp_path):
    copy = tmp_path / "quizapp"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("templates", "static", "*.pyc"))
    base = copy / "models" / "base.py"
    base.write_text(base.read_text() + "\n\ndef planted():\n    from ..models import User\n")
    [cycle] = cycles(import_graph(copy))
    # base.py -> models (the package) -> every model module -> base.py
    assert {"quizapp.models", "quizapp.models.base", "quizapp.models.quizzes"} <= set(cycle)
    assert all(name.startswith("quizapp.models") for name in cycle)


def test_cycles_are_found_through_relative_imports_of_every_level():
    graph = {
        "app": {"app.a"},
        "app.a": {"app.b.c"},
        "app.b": set(),
        "app.b.c": {"app.a", "app.b"},
        "app.d": {"app.d2"},
        "app.d2": set(),
    }
    assert cycles(graph) == [["app.a", "app.b.c"]]
