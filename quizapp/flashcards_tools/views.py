"""Routes for the flashcard tools; they sit beside the review pages under /flashcards."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required

from .. import clock
from .. import flashcard_store as store
from ..domain.generation import Flashcard as CardFace
from ..models import LearnerCard, db
from . import suspension, undo
from .forms import CardActionForm, NoteForm, UndoForm

bp = Blueprint("flashcard_tools", __name__, url_prefix="/flashcards")


@bp.app_context_processor
def review_page_helpers():
    """`undoable_rating()`: the rating this session may undo; `has_suspended_cards()`."""

    def undoable_rating() -> undo.LastRating | None:
        if not current_user.is_authenticated:
            return None
        return undo.last_rating(session, int(current_user.id))

    def has_suspended_cards() -> bool:
        return current_user.is_authenticated and suspension.has_suspended(int(current_user.id))

    return {"undoable_rating": undoable_rating, "has_suspended_cards": has_suspended_cards}


@bp.post("/undo")
@login_required
def undo_rating():
    """Undo this session's last rating (the button after a rating, or Ctrl+Z)."""
    form = UndoForm()
    deck_arg = _deck_arg(form.deck.data)
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
        flash(
            f"Undone: {remembered.label} on “{_front(card)}”. The card is back as it was.",
            "success",
        )
    undo.forget(session)
    return redirect(url_for("flashcards.review", deck=deck_arg))


def _user_id() -> int:
    return int(current_user.id)


def _deck_arg(text: str | None) -> str | None:
    """The deck to return to, if the form named one this learner may use."""
    deck = store.find_deck(_user_id(), text) if text else None
    return str(deck.key) if deck is not None else None


def _front(card: LearnerCard) -> str:
    return CardFace.from_dict(card.flashcard.content).front


# --- suspending ----------------------------------------------------------------------------------


@bp.post("/cards/<int:card_id>/suspend")
@login_required
def suspend(card_id: int):
    card = store.learner_card(_user_id(), card_id) or abort(404)
    form = CardActionForm()
    if form.validate_on_submit() and suspension.suspend(card, clock.now()):
        db.session.commit()
        flash(
            f"Suspended “{_front(card)}”: it will not be shown until you unsuspend it "
            "(Suspended, in the menu above).",
            "success",
        )
    else:
        flash("That card was already suspended; nothing changed.", "info")
    return redirect(url_for("flashcards.review", deck=_deck_arg(form.deck.data)))


@bp.post("/cards/<int:card_id>/unsuspend")
@login_required
def unsuspend(card_id: int):
    card = store.learner_card(_user_id(), card_id) or abort(404)
    if CardActionForm().validate_on_submit() and suspension.unsuspend(card):
        db.session.commit()
        flash(f"“{_front(card)}” is back in your reviews, on its old schedule.", "success")
    else:
        flash("That card was not suspended; nothing changed.", "info")
    return redirect(url_for(".suspended"))


@bp.get("/suspended")
@login_required
def suspended():
    cards = suspension.suspended_cards(_user_id())
    return render_template(
        "flashcards/suspended.html",
        cards=[(card, _front(card)) for card in cards],
        form=CardActionForm(formdata=None),
    )


# --- removing a deck -----------------------------------------------------------------------------


@bp.route("/decks/<deck_key>/remove", methods=["GET", "POST"])
@login_required
def remove_deck(deck_key: str):
    """Ask, then take the deck's cards out of the collection; their history is kept."""
    deck = store.find_deck(_user_id(), deck_key) or abort(404)
    form = CardActionForm()
    if form.validate_on_submit():
        removed = store.remove_deck(_user_id(), deck, clock.now())
        db.session.commit()
        flash(
            f"Removed {deck.title} from your collection ({removed} card"
            f"{'' if removed == 1 else 's'}). Your reviews are kept: add the deck again to "
            "pick up where you left off.",
            "success",
        )
        return redirect(url_for("flashcards.index"))
    in_collection = len(store.collection(_user_id(), deck))
    return render_template(
        "flashcards/remove_deck.html", deck=deck, in_collection=in_collection, form=form
    )


# --- notes ---------------------------------------------------------------------------------------


@bp.route("/cards/<int:card_id>/note", methods=["GET", "POST"])
@login_required
def note(card_id: int):
    """The learner's own note on a card, shown with the answer; the bank's text never changes."""
    card = store.learner_card(_user_id(), card_id) or abort(404)
    form = NoteForm(data={"note": card.note or "", "deck": request.args.get("deck", "")})
    if form.validate_on_submit():
        card.note = form.note.data or None
        db.session.commit()
        flash("Your note is saved." if card.note else "Your note is deleted.", "success")
        return redirect(
            url_for("flashcards.answer", card_id=card.id, deck=_deck_arg(form.deck.data))
        )
    status = 422 if form.errors else 200
    page = render_template(
        "flashcards/note.html",
        card=card,
        face=CardFace.from_dict(card.flashcard.content),
        form=form,
        deck_arg=_deck_arg(form.deck.data),
    )
    return page, status
