"""Accounts: signing in, and the limits that protect it."""
