"""Moderating questions: find a question, read it with its key, suppress it or mark it reviewed.

Admins moderate the bank's questions; a teacher moderates the questions of their own sets.
"""
