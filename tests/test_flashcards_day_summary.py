"""The end-of-session summary shown when nothing is left to review today."""

from __future__ import annotations

import re

import test_flashcards_undo
from test_flashcards_review import front_card_id, rate

# The same learner, with the history deck added, as in the undo tests.
clock = test_flashcards_undo.clock
learner = test_flashcards_undo.learner


def review_all(client, clock, first_rating: int, seconds: int) -> int:
    """Rate every card shown, `seconds` on each; the first `first_rating`, the rest Easy."""
    ratings = 0
    while True:
        page = client.get("/flashcards/review").data
        if b'name="rating"' not in page:
            return ratings
        card_id = front_card_id(page)
        count = int(re.search(rb'name="review_count" value="(\d+)"', page).group(1))
        shown_at = re.search(rb'name="shown_at" type="hidden" value="(\d+)"', page).group(1)
        clock.advance(seconds=seconds)
        rating = first_rating if ratings == 0 else 4
        assert rate(client, card_id, rating, count, shown_at=shown_at.decode()).status_code == 302
        ratings += 1


def test_the_summary_gives_cards_time_again_rate_and_next_due(client, learner, clock):
    assert "Today's session" not in client.get("/flashcards/review").get_data(as_text=True)
    ratings = review_all(client, clock, first_rating=1, seconds=30)
    assert ratings > 8  # the card rated Again came back

    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "Nothing to review right now" in page
    assert "Today's session" in page
    assert f"<dd>8 ({ratings} ratings)</dd>" in page
    assert f"<dd>{-(-ratings * 30 // 60)} min</dd>" in page
    again_rate = round(100 / ratings)
    assert f"<dd>{again_rate}% (1 of {ratings})</dd>" in page
    assert re.search(r"<dt>Next card due</dt><dd>in \d+ (minutes|hours|days)</dd>", page)


def test_yesterdays_reviews_are_not_in_todays_summary(client, learner, clock):
    review_all(client, clock, first_rating=4, seconds=10)
    assert "Today's session" in client.get("/flashcards/review").get_data(as_text=True)
    clock.advance(days=1)  # every card was rated Easy: none is due the next day
    page = client.get("/flashcards/review").get_data(as_text=True)
    assert "Nothing to review right now" in page
    assert "Today's session" not in page
