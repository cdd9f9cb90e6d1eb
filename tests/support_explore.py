"""Helpers for the explore tests: the real bank (periods and search index included) in the
database."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from flask import Flask
from support_quizzes import T0

from quizapp.bank_store import incoming_items, read_bank, sync_bank
from quizapp.domain.bank import BankLoad
from quizapp.explore.store import sync_explore
from quizapp.models import db

REAL_BANK = Path(__file__).resolve().parents[1] / "question_bank"


def load_real_bank(app: Flask) -> BankLoad:
    """Sync the real question bank, as `flask bank sync` does, and return what was read."""
    load = read_bank(REAL_BANK)
    assert load.ok, load.problems
    sync_bank(incoming_items(load, app.config["QUESTION_BANK_SEED"]), T0)
    sync_explore(load.periods)
    db.session.commit()
    return load


_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "dt", "dd", "td", "th", "caption", "option", "title",
    "figcaption", "label", "button", "blockquote", "section", "ul", "ol", "div", "nav", "main",
    "header", "footer", "text", "form",
}  # fmt: skip
_VOID = {"meta", "link", "input", "br", "img", "hr", "source"}


class _VoiceText(HTMLParser):
    """The text a page says in the app's own voice: everything outside elements marked
    `data-attributed` (quotes, evidence excerpts, source titles), in block-sized chunks."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._stack: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.chunks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = dict(attrs)
            if values.get("name") == "description" or values.get("property") == "og:description":
                self.chunks.append(values.get("content") or "")
        if tag in _VOID:
            return
        if tag in _BLOCKS:
            self._flush()
        self._stack.append(tag)
        if self._skip_depth or any(name == "data-attributed" for name, _ in attrs):
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._stack:
            return
        while self._stack:
            opened = self._stack.pop()
            if self._skip_depth:
                self._skip_depth -= 1
            if opened == tag:
                break
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth and self._stack and self._stack[-1] not in ("script", "style"):
            self._current.append(data)


def own_voice_chunks(html: str) -> list[str]:
    parser = _VoiceText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.chunks
