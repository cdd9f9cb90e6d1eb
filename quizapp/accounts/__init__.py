"""Account settings that apply everywhere: the time zone every time is shown and read in."""
