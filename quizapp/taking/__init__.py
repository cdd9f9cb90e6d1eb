"""Around an attempt: the start page, the navigator and flags, the summary, practice runs."""
