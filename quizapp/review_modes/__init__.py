"""Flashcard review modes besides flip-and-rate: type the answer, or choose it among options."""
