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
    features = {f"quizapp/{name}/" for name in feature_packages()}
    assert packages - named - features == set()


def feature_packages() -> list[str]:
    """The names listed under `quizapp/<feature>/`, after its first colon, over as many lines as
    the entry takes."""
    text = (ROOT / "README.md").read_text().split("## Layout", 1)[1].split("```", 2)[1]
    entry = re.search(r"^quizapp/<feature>/.*?(?=^\S)", text, re.MULTILINE | re.DOTALL)
    assert entry is not None
    listed = entry.group(0).split(":", 1)[1]
    return [name.strip() for name in listed.split(",")]
