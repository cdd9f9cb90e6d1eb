"""Accounts: signing in, the limits that protect it, and settings that apply everywhere."""
