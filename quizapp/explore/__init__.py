"""Explore the bank: timeline, people, organisations and states, places, search."""
