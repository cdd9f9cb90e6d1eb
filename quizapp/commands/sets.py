"""`flask sets ...`: import a question set from a file, export one to a file."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select

from ..clock import now as clock_now
from ..domain.set_formats import parse_by_extension
from ..models import QuestionSet, User, db
from ..set_export import EXPORT_FORMATS, export_set
from ..set_store import default_topic, import_questions


@click.group("sets")
def sets_group() -> None:
    """Import and export teachers' question sets."""


@sets_group.command("import")
@click.option("--owner", required=True, help="Username of the teacher who will own the set.")
@click.option("--title", default=None, help="Title of the new set (default: the file name).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(owner: str, title: str | None, file: Path) -> None:
    """Create a set from FILE (.gift, .aiken or .txt, .csv); saves nothing if any line is wrong."""
    user = db.session.scalar(select(User).where(User.username == owner))
    if user is None:
        raise click.ClickException(f"no user named {owner!r}")
    if not user.is_teacher:
        raise click.ClickException(f"{owner} is not a teacher")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not UTF-8 text") from None
    result = parse_by_extension(file.name, text)
    if not result.ok:
        for error in result.errors:
            click.echo(f"{file}:{error.line}: {error.message}", err=True)
        raise click.ClickException(f"{len(result.errors)} error(s); nothing was imported")
    if not result.questions:
        raise click.ClickException(f"{file}: no questions found; nothing was imported")
    now = clock_now()
    question_set = QuestionSet(owner_id=user.id, title=title or file.stem, created_at=now)
    db.session.add(question_set)
    db.session.flush()
    import_questions(question_set, result.questions, default_topic(result.questions), now)
    db.session.commit()
    click.echo(f"Imported {len(result.questions)} question(s) into set {question_set.id}.")


@sets_group.command("export")
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), required=True)
@click.argument("set_id", type=int)
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
def export_command(fmt: str, set_id: int, output: Path) -> None:
    """Write set SET_ID to OUTPUT in the given format."""
    question_set = db.session.get(QuestionSet, set_id)
    if question_set is None or question_set.deleted_at is not None:
        raise click.ClickException(f"no question set {set_id}")
    try:
        exported = export_set(question_set, fmt, clock_now())
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    output.write_bytes(exported.data)
    click.echo(f"Wrote set {set_id} to {output} ({fmt}).")
