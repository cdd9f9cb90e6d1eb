"""API tokens end with the password and the sessions, and need the password to be made."""

from __future__ import annotations

from sqlalchemy import select
from support import PASSWORD, create_user

from quizapp.api import token_hash
from quizapp.models import ApiToken, User, db

NEW_PASSWORD = "a brand new passphrase"


def token_for(username: str, secret: str) -> dict[str, str]:
    owner = db.session.scalar(select(User).where(User.username == username))
    db.session.add(ApiToken(user_id=owner.id, name=secret, token_hash=token_hash(secret)))
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_changing_the_password_revokes_every_token(app, client, auth):
    create_user("ani")
    create_user("bob")
    laptop, phone = token_for("ani", "tok-laptop"), token_for("ani", "tok-phone")
    bobs = token_for("bob", "tok-bob")
    auth.login("ani")
    page = client.get("/account/password").get_data(as_text=True)
    assert "revokes your API tokens" in page
    changed = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        follow_redirects=True,
    )
    assert "API tokens are revoked" in changed.get_data(as_text=True)
    other = app.test_client()
    assert other.get("/api/v1/quizzes", headers=laptop).status_code == 401
    assert other.get("/api/v1/quizzes", headers=phone).status_code == 401
    assert other.get("/api/v1/quizzes", headers=bobs).status_code == 200


def test_a_wrong_current_password_revokes_nothing(app, client, auth):
    create_user("ani")
    laptop = token_for("ani", "tok-laptop")
    auth.login("ani")
    refused = client.post(
        "/account/password",
        data={
            "current_password": "not it at all",
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    assert refused.status_code == 422
    assert app.test_client().get("/api/v1/quizzes", headers=laptop).status_code == 200


def test_logging_out_everywhere_revokes_every_token(app, client, auth):
    create_user("ani")
    laptop = token_for("ani", "tok-laptop")
    auth.login("ani")
    auth.logout()
    assert app.test_client().get("/api/v1/quizzes", headers=laptop).status_code == 401
    db.session.expire_all()
    assert db.session.scalar(select(ApiToken.revoked_at)) is not None


def test_creating_a_token_needs_the_current_password(app, client, auth):
    create_user("ani")
    auth.login("ani")
    page = client.get("/account/tokens").get_data(as_text=True)
    assert 'autocomplete="current-password"' in page
    wrong = client.post("/account/tokens", data={"name": "laptop", "password": "not it at all"})
    assert wrong.status_code == 422
    html = wrong.get_data(as_text=True)
    assert "That is not your current password." in html and 'value="laptop"' in html
    assert '<code class="token">' not in html
    assert db.session.scalar(select(ApiToken)) is None
    missing = client.post("/account/tokens", data={"name": "laptop"})
    assert missing.status_code == 422 and db.session.scalar(select(ApiToken)) is None
    created = client.post("/account/tokens", data={"name": "laptop", "password": PASSWORD})
    assert created.status_code == 201 and '<code class="token">' in created.get_data(as_text=True)
    assert db.session.scalar(select(ApiToken.name)) == "laptop"
