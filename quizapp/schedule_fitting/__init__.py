"""A schedule fitted to each learner: FSRS parameters fitted to their own reviews, and kept only
when they predict the learner's later reviews better than the defaults."""
