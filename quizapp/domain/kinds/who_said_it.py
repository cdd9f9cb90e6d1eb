"""Who said a quoted line: asked, read and graded as a single choice among the speakers shown."""

from __future__ import annotations

from .single_choice import SingleChoice

RULES = SingleChoice()
