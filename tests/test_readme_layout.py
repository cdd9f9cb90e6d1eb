"""The README's layout section names only paths that exist, and names every top-level package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def layout_paths() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Layout", 1)[1]
    block = section.split("```", 2)[1]
    return [match.group(1) for match in re.finditer(r"^(\S+)\s", block, re.MULTILINE)]


def test_every_path_in_the_layout_exists():
    named = [path for path in layout_paths() if not re.search(r"[<*]", path)]
    assert "quizapp/models/" in named
    assert [path for path in named if not (ROOT / path).exists()] == []


def test_the_layout_names_every_package_of_the_app():
    named = set(layout_paths())
    packages = {
        f"quizapp/{path.name}/"
        for path in (ROOT / "quizapp").iterdir()
        if (path / "__init__.py").exists()
    }
    feature_line = next(
        line
        for line in (ROOT / "README.md").read_text().splitlines()
        if "accounts, accommodations" in line
    )
    features = {f"quizapp/{name.strip()}/" for name in feature_line.split(",")}
    assert packages - named - features == set()
