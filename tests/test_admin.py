"""Administration: only admins change roles."""

from __future__ import annotations

import pytest
from support import create_user

from quizapp.models import Role, db


@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), (Role.STUDENT, 403), (Role.TEACHER, 403)]
)
def test_people_page_is_for_admins_only(client, auth, role, status):
    target = create_user("target")
    if role is not None:
        create_user("visitor", role)
        auth.login("visitor")
    assert client.get("/admin/users").status_code == status
    assert (
        client.post(f"/admin/users/{target.id}/role", data={"user-1-role": "admin"}).status_code
        == status
    )
    db.session.refresh(target)
    assert target.role is Role.STUDENT


def test_admin_changes_a_role(client, auth):
    create_user("boss", Role.ADMIN)
    target = create_user("ani")
    auth.login("boss")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "ani" in page and "boss" in page
    response = client.post(
        f"/admin/users/{target.id}/role",
        data={f"user-{target.id}-role": "teacher"},
        follow_redirects=True,
    )
    assert "ani is now teacher." in response.get_data(as_text=True)
    db.session.refresh(target)
    assert target.role is Role.TEACHER


def test_admin_role_change_rejects_an_unknown_role(client, auth):
    create_user("boss", Role.ADMIN)
    target = create_user("ani")
    auth.login("boss")
    response = client.post(
        f"/admin/users/{target.id}/role",
        data={f"user-{target.id}-role": "emperor"},
        follow_redirects=True,
    )
    assert "Role for ani not changed" in response.get_data(as_text=True)
    db.session.refresh(target)
    assert target.role is Role.STUDENT


def test_admin_cannot_demote_themself(client, auth):
    boss = create_user("boss", Role.ADMIN)
    auth.login("boss")
    response = client.post(
        f"/admin/users/{boss.id}/role",
        data={f"user-{boss.id}-role": "student"},
        follow_redirects=True,
    )
    assert "cannot remove your own admin role" in response.get_data(as_text=True)
    db.session.refresh(boss)
    assert boss.role is Role.ADMIN


def test_unknown_user_id_is_404(client, auth):
    create_user("boss", Role.ADMIN)
    auth.login("boss")
    response = client.post("/admin/users/999999/role", data={"user-999999-role": "teacher"})
    assert response.status_code == 404
