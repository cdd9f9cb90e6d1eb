"""Words the app never uses in its own voice, and a scan that finds them outside attribution.

The content rules allow these words only inside an attributed quote or term: the word sits within
quotation marks, and the same sentence names who uses it ("which Azerbaijan called an
'anti-terrorist' operation"). A name that contains one of them (an organisation's own name) is
that organisation's term and is passed in as allowed; "what it called the occupation" names the
speaker right before the word and counts as attributed too. Anything else is the app speaking, and
counts as a use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

LOADED_WORDS = re.compile(
    r"\b(?:"
    r"occup(?:y|ies|ied|ying|ation|ations|ier|iers)"
    r"|liberat(?:e|es|ed|ing|ion|or|ors)"
    r"|aggress(?:or|ors|ion|ive)"
    r"|(?:anti-)?terroris(?:t|ts|m)"
    r"|genocid(?:e|es|al)"
    r"|ethnic(?:ally)?\s+cleans(?:e|ed|ing)"
    r"|separatis(?:t|ts|m)"
    r"|puppets?"
    r"|so-called"
    r"|illegal\s+regimes?"
    r"|historical\s+lands?"
    r")\b",
    re.IGNORECASE,
)

# Quoted spans: double quotes, curly quotes, and single quotes that are not apostrophes (an
# apostrophe has a letter on its left, like "Azerbaijan's").
_QUOTED = re.compile(
    r"\"[^\"]+\"|\u201c[^\u201d]+\u201d|\u2018.+?\u2019(?!\w)|(?<!\w)'.+?'(?!\w)", re.DOTALL
)

# Verbs and phrases that name who uses a term, in the sentence that quotes it.
_ATTRIBUTION = re.compile(
    r"\b(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|term(?:s|ed)?|titled|entitled|name[sd]?"
    r"|sa(?:y|ys|id)|speak(?:s)?\s+of|accus(?:e|es|ed|ing)|according\s+to|consider(?:s|ed)?"
    r"|label(?:s|led|ed)?|charg(?:e|es|ed)|condemn(?:s|ed|ing)?|denounc(?:e|es|ed)"
    r"|refer(?:s|red)?\s+to|demand(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)

# "what it called the occupation of ...": the speaker's term, attributed without quotation marks.
_WHAT_THEY_CALLED = re.compile(
    r"\bwhat\s+\w+(?:\s+\w+)?\s+(?:call(?:s|ed)|describe[sd]\s+as|term(?:s|ed))\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u201c\u2018(A-Z])")


@dataclass(frozen=True)
class LoadedUse:
    """One use of a loaded word in the app's own voice: the word and its sentence."""

    word: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.word!r} in: {self.sentence}"


def sentences(text: str) -> list[str]:
    """The text split into sentences (roughly: at ., ! or ? followed by a capital or a quote)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _within(position: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    start, end = position
    return any(left <= start and end <= right for left, right in spans)


def _term_spans(sentence: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        if term:
            spans.extend(_spans(re.compile(re.escape(term), re.IGNORECASE), sentence))
    return spans


def unattributed_uses(text: str, terms: Iterable[str] = ()) -> list[LoadedUse]:
    """Every loaded word in `text` that is neither quoted with attribution nor inside a term.

    `terms` are names that may contain such words (e.g. an organisation's own name).
    """
    terms = tuple(terms)
    uses = []
    for sentence in sentences(text):
        attributed = bool(_ATTRIBUTION.search(sentence))
        quoted = _spans(_QUOTED, sentence) if attributed else []
        named = _term_spans(sentence, terms)
        for match in LOADED_WORDS.finditer(sentence):
            if _within(match.span(), quoted) or _within(match.span(), named):
                continue
            if _WHAT_THEY_CALLED.search(sentence[: match.start()]):
                continue
            uses.append(LoadedUse(match.group(0), sentence))
    return uses
