"""WTForms classes: the shape of each form's input, nothing else."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp

from .models import Role

# \A and \Z: "$" would also match before a final newline, letting "ani\n" through.
USERNAME_RULE = Regexp(
    r"\A[A-Za-z0-9_.-]+\Z", message="Use only letters, digits, dots, dashes and underscores."
)


def stripped(value: object) -> object:
    """Surrounding white space (a pasted newline) is dropped before any rule sees the name."""
    return value.strip() if isinstance(value, str) else value


PASSWORD_LENGTH = Length(min=10, max=128, message="Use between 10 and 128 characters.")


class RegisterForm(FlaskForm):
    username = StringField(
        "Username",
        filters=[stripped],
        validators=[InputRequired(), Length(min=3, max=40), USERNAME_RULE],
    )
    password = PasswordField("Password", validators=[InputRequired(), PASSWORD_LENGTH])
    confirm = PasswordField(
        "Repeat password",
        validators=[InputRequired(), EqualTo("password", message="The passwords do not match.")],
    )
    submit = SubmitField("Create account")


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[InputRequired(), Length(max=40)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=128)])
    next = HiddenField()
    submit = SubmitField("Log in")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[InputRequired()])
    new_password = PasswordField("New password", validators=[InputRequired(), PASSWORD_LENGTH])
    confirm = PasswordField(
        "Repeat new password",
        validators=[
            InputRequired(),
            EqualTo("new_password", message="The passwords do not match."),
        ],
    )
    submit = SubmitField("Change password")


class RoleForm(FlaskForm):
    role = SelectField(
        "Role", choices=[SelectChoice(role.value, role.value.title()) for role in Role]
    )
    submit = SubmitField("Save role")


class TokenForm(FlaskForm):
    name = StringField(
        "Token name", validators=[InputRequired(), Length(max=80)], description="e.g. my laptop"
    )
    # A token acts as the account: whoever makes one must know the password, not only hold a
    # logged-in browser.
    password = PasswordField("Your current password", validators=[InputRequired()])
    submit = SubmitField("Create token")
