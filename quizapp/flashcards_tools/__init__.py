"""Flashcard tools a learner reaches from the review page: undoing the last rating."""
