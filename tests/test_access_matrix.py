"""Who may use which teaching route: every route against every kind of visitor.

Visitors: anonymous, the student in the class, another student, the teacher who owns everything,
another teacher, and an admin. Others' ids and guessed ids are 404, never a glimpse.
"""

from __future__ import annotations

import pytest
from support import PASSWORD
from support_teach import World, build_world

ROLES = ("anonymous", "student", "other_student", "other_teacher", "admin", "teacher")
USERNAMES = {
    "student": "ani",
    "other_student": "ilkin",
    "teacher": "tamar",
    "other_teacher": "oscar",
    "admin": "ada",
}
GUESS = 987654

# Expected status by role for routes only a teacher may use, on the owner's objects.
OWNED = {"student": 403, "other_student": 403, "other_teacher": 404, "admin": 404}
# The same for teacher routes that own nothing (lists, new-item forms).
TEACHERS = {"student": 403, "other_student": 403, "other_teacher": 200, "admin": 200}
# Guessed ids: nobody finds anything.
GUESSED = {"student": 403, "other_student": 403, "other_teacher": 404, "admin": 404}


def others(student: int, outsider: int = 404) -> dict[str, int]:
    """The student side: `student` for the class member, `outsider` for everyone else."""
    return {
        "student": student,
        "other_student": outsider,
        "other_teacher": outsider,
        "admin": outsider,
    }


# (method, url template, expected by role, expected for the owning teacher)
ROUTES = [
    ("GET", "/teach/", TEACHERS, 200),
    ("GET", "/teach/sets/new", TEACHERS, 200),
    ("POST", "/teach/sets/new", {**TEACHERS, "other_teacher": 422, "admin": 422}, 422),
    ("GET", "/teach/sets/{set}", OWNED, 200),
    ("GET", "/teach/sets/{set}/edit", OWNED, 200),
    ("POST", "/teach/sets/{set}/edit", OWNED, 422),
    ("GET", "/teach/sets/{set}/questions/new", OWNED, 200),
    ("POST", "/teach/sets/{set}/questions/new", OWNED, 422),
    ("GET", "/teach/sets/{set}/questions/1", OWNED, 200),
    ("GET", "/teach/sets/{set}/questions/1/edit", OWNED, 200),
    ("POST", "/teach/sets/{set}/questions/1/edit", OWNED, 422),
    ("GET", "/teach/sets/{set}/import", OWNED, 200),
    ("POST", "/teach/sets/{set}/import", OWNED, 422),
    ("POST", "/teach/sets/{set}/import/confirm", OWNED, 302),
    ("GET", "/teach/sets/{set}/export/gift", OWNED, 200),
    ("GET", "/teach/sets/{set}/export/csv", OWNED, 200),
    ("GET", "/teach/sets/{set}/export/apkg", OWNED, 200),
    ("GET", "/teach/sets/{set}/export/exe", OWNED, 404),
    ("POST", "/teach/sets/{set}/questions/1/delete", OWNED, 302),
    ("POST", "/teach/sets/{set}/delete", OWNED, 302),
    ("GET", "/teach/quizzes/new", TEACHERS, 200),
    ("POST", "/teach/quizzes/new", {**TEACHERS, "other_teacher": 422, "admin": 422}, 422),
    ("GET", "/teach/quizzes/{quiz}/edit", OWNED, 200),
    ("POST", "/teach/quizzes/{quiz}/edit", OWNED, 422),
    ("GET", "/teach/classes/new", TEACHERS, 200),
    ("POST", "/teach/classes/new", {**TEACHERS, "other_teacher": 422, "admin": 422}, 422),
    ("GET", "/teach/classes/{cls}", OWNED, 200),
    ("POST", "/teach/classes/{cls}/assignments", OWNED, 422),
    ("POST", "/teach/classes/{cls}/students/{student}/extra-time", OWNED, 422),
    ("POST", "/teach/classes/{cls}/students/{other_student}/extra-time", OWNED, 404),
    ("GET", "/teach/classes/{cls}/gradebook", OWNED, 200),
    ("GET", "/teach/classes/{cls}/gradebook.csv", OWNED, 200),
    ("GET", "/teach/classes/{cls}/students/{student}", OWNED, 200),
    ("GET", "/teach/classes/{cls}/students/{other_student}", OWNED, 404),
    ("GET", "/teach/classes/{cls}/attempts/{attempt}", OWNED, 200),
    ("GET", "/teach/classes/{cls}/assignments/{assignment}/items", OWNED, 200),
    ("POST", "/teach/classes/{cls}/assignments/{assignment}/delete", OWNED, 302),
    ("GET", "/teach/sets/{guess}", GUESSED, 404),
    ("GET", "/teach/sets/{set}/questions/99", OWNED, 404),
    ("GET", "/teach/quizzes/{guess}/edit", GUESSED, 404),
    ("GET", "/teach/classes/{guess}", GUESSED, 404),
    ("GET", "/teach/classes/{cls}/attempts/{guess}", OWNED, 404),
    ("GET", "/teach/classes/{cls}/assignments/{guess}/items", OWNED, 404),
    ("GET", "/flags/", {**TEACHERS}, 200),
    ("POST", "/flags/{guess}/resolve", GUESSED, 404),
    # The student side: a class's page is for its members, an attempt for its owner.
    ("GET", "/classes", others(200, 200), 200),
    ("POST", "/classes/join", others(422, 422), 422),
    ("GET", "/classes/{cls}", others(200), 404),
    ("GET", "/classes/{guess}", others(404), 404),
    ("GET", "/sets/{set}", others(404), 200),
    ("GET", "/attempts/{attempt}", others(200), 404),
    ("GET", "/quizzes/{quiz}", others(200), 200),
    ("GET", "/quizzes/{guess}", others(404), 404),
    ("GET", "/attempts/{attempt}/summary", others(302), 404),
    ("POST", "/attempts/{attempt}/questions/1/flag", others(409), 404),
    ("POST", "/attempts/{attempt}/practice", others(302), 404),
    ("GET", "/flags/attempts/{attempt}/questions/1", others(200), 404),
    ("POST", "/flags/attempts/{attempt}/questions/1", others(422), 404),
    ("GET", "/flags/attempts/{attempt}/questions/9", others(404), 404),
]  # fmt: skip


def _url(template: str, world: World) -> str:
    return template.format(
        set=world.question_set.id,
        quiz=world.quiz.id,
        cls=world.school_class.id,
        student=world.student.id,
        other_student=world.other_student.id,
        attempt=world.attempt.id,
        assignment=world.assignment.id,
        guess=GUESS,
    )


@pytest.mark.parametrize(
    ("method", "template", "by_role", "owner"),
    ROUTES,
    ids=[f"{method} {template}" for method, template, _, _ in ROUTES],
)
def test_route_answers_each_visitor_as_it_should(app, method, template, by_role, owner):
    world = build_world()
    url = _url(template, world)
    expected = {"anonymous": 302, **by_role, "teacher": owner}
    seen = {}
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            login = client.post("/login", data={"username": USERNAMES[role], "password": PASSWORD})
            assert login.status_code == 302
        response = client.open(url, method=method, data={})
        seen[role] = response.status_code
        if role == "anonymous":
            assert "/login" in response.headers["Location"]
    assert seen == expected
