"""Text as search compares it: accents removed and case folded, in Python, for the stored words
and the query alike, so "İlham Əliyev" and "ilham əliyev" meet whatever the database's locale."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """The text without combining accents, case-folded ("İlham Şuşa" -> "ilham susa")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
