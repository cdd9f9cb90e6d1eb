"""Pure-Python rules of quizapp: the question bank, generation, grading, timing and scheduling."""
