"""Routes for the flashcard tools; they sit beside the review pages under /flashcards."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, session, url_for
from flask_login import current_user, login_required

from .. import flashcard_store as store
from ..domain.generation import Flashcard as CardFace
from ..models import db
from . import undo
from .forms import UndoForm

bp = Blueprint("flashcard_tools", __name__, url_prefix="/flashcards")


@bp.app_context_processor
def undo_offer():
    """`undoable_rating()` in templates: the rating this session may undo, or None."""

    def undoable_rating() -> undo.LastRating | None:
        if not current_user.is_authenticated:
            return None
        return undo.last_rating(session, int(current_user.id))

    return {"undoable_rating": undoable_rating}


@bp.post("/undo")
@login_required
def undo_rating():
    """Undo this session's last rating (the button after a rating, or Ctrl+Z)."""
    form = UndoForm()
    deck = store.find_deck(int(current_user.id), form.deck.data) if form.deck.data else None
    deck_arg = str(deck.key) if deck is not None else None
    if not form.validate_on_submit():
        flash("The undo form had expired; nothing was undone. Please try again.", "error")
        return redirect(url_for("flashcards.review", deck=deck_arg))
    remembered = undo.last_rating(session, int(current_user.id))
    if remembered is None:
        flash(undo.NOTHING_TO_UNDO, "error")
        return redirect(url_for("flashcards.review", deck=deck_arg))
    try:
        card = undo.undo(remembered)
        db.session.commit()
    except undo.UndoRefused as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
    else:
        front = CardFace.from_dict(card.flashcard.content).front
        flash(f"Undone: {remembered.label} on “{front}”. The card is back as it was.", "success")
    undo.forget(session)
    return redirect(url_for("flashcards.review", deck=deck_arg))
