"""Helpers for the explore tests: the real bank (periods and search index included) in the
database."""

from __future__ import annotations

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
