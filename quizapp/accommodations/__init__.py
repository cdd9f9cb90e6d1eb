"""Extra time: a teacher's per class and per assignment, and an admin's account-wide one."""
