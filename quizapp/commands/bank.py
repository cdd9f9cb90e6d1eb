"""`flask bank check|sync|stats|lint|sample`: the question bank from the command line."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from pathlib import Path

import click
from flask import current_app

from ..bank_store import incoming_items, read_bank, sync_bank
from ..domain.bank_lint import RULES, item_lines, lint_bank, read_accepted, unaccepted
from ..domain.bank_sample import readable, sample_questions
from ..domain.bank_stats import bank_stats
from ..domain.generation import generate_questions
from ..explore.store import sync_explore
from ..models import db, utcnow


@click.group("bank")
def bank_group() -> None:
    """Check, load and measure the question bank."""


def _bank_dir(directory: str | None) -> Path:
    return Path(directory or current_app.config["QUESTION_BANK_DIR"])


def _read_checked(directory: Path):
    if not directory.is_dir():
        raise click.ClickException(f"no question bank folder at {directory}")
    load = read_bank(directory)
    if not load.ok:
        for problem in load.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(load.problems)} problem(s) in the question bank at {directory}"
        )
    return load


def _generated(folder: Path):
    """The checked bank in the folder and every question generated from it."""
    load = _read_checked(folder)
    return load, generate_questions(load.bank, current_app.config["QUESTION_BANK_SEED"])


directory_option = click.option(
    "--dir", "directory", type=click.Path(file_okay=False), help="Bank folder (default: config)."
)


@bank_group.command("check")
@directory_option
def check(directory: str | None) -> None:
    """Validate every bank file; list each problem with file, line, id and reason."""
    folder = _bank_dir(directory)
    load, questions = _generated(folder)
    click.echo(
        f"The bank at {folder} is valid: {len(load.bank.facts)} facts, "
        f"{len(load.bank.questions)} hand-written questions, {len(questions)} questions in all."
    )


@bank_group.command("sync")
@directory_option
def sync(directory: str | None) -> None:
    """Load the bank into the database by stable id; a second run changes nothing."""
    load = _read_checked(_bank_dir(directory))
    items = incoming_items(load, current_app.config["QUESTION_BANK_SEED"])
    total = sum(len(group) for group in items.values())
    with click.progressbar(length=total, label="Syncing the question bank", file=None) as bar:
        plans = sync_bank(items, utcnow(), bar.update)
    sync_explore(load.periods)
    db.session.commit()
    for item_type, plan in plans.items():
        click.echo(
            f"{item_type.value}s: {len(plan.added)} added, {len(plan.updated)} updated, "
            f"{len(plan.unchanged)} unchanged, {len(plan.restored)} restored, "
            f"{len(plan.retired)} retired"
        )
    click.echo(f"periods: {len(load.periods)}; search index rebuilt")


@bank_group.command("stats")
@directory_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(directory: str | None, as_json: bool) -> None:
    """Sizes of the bank and of the questions generated from it."""
    load, questions = _generated(_bank_dir(directory))
    figures = bank_stats(load.bank, questions)
    if as_json:
        click.echo(json.dumps(figures, sort_keys=True))
        return
    for key, value in figures.items():
        click.echo(f"{key}: {value}")


ACCEPTED_FILE = "lint/accepted.toml"
"""Warnings kept on purpose, each with its reason (a subfolder: bank files are `*.toml`)."""


@bank_group.command("lint")
@directory_option
def lint(directory: str | None) -> None:
    """Quality rules on every generated question; exits non-zero on any error."""
    folder = _bank_dir(directory)
    load, questions = _generated(folder)
    accepted_path = folder / ACCEPTED_FILE
    accepted, problems = [], []
    if accepted_path.is_file():
        try:
            accepted, problems = read_accepted(tomllib.loads(accepted_path.read_text("utf-8")))
        except tomllib.TOMLDecodeError as error:
            problems = [str(error)]
    for problem in problems:
        click.echo(f"{ACCEPTED_FILE}: {problem}", err=True)
    findings = unaccepted(lint_bank(load.bank, questions), accepted)
    where = item_lines({path.name: path.read_text("utf-8") for path in folder.glob("*.toml")})
    counts = Counter(finding.rule for finding in findings)
    for rule in RULES:
        click.echo(f"{rule.id} ({rule.level.value}): {counts[rule.id]}")
    for finding in findings:
        file, line = where.get(finding.item_id, ("?", 0))
        click.echo(
            f"{file}:{line}: {finding.level.value}: {finding.rule}: {finding.item_id} "
            f"({finding.question_id}): {finding.message}"
        )
    errors = sum(1 for finding in findings if finding.level.value == "error")
    click.echo(f"{errors} error(s), {len(findings) - errors} warning(s), {len(accepted)} accepted")
    if errors or problems:
        raise SystemExit(1)


@bank_group.command("sample")
@directory_option
@click.option("--n", "count", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the sample.")
def sample(directory: str | None, count: int, seed: int) -> None:
    """N generated questions in readable form (prompt, options, key, explanation, source)."""
    _, questions = _generated(_bank_dir(directory))
    for number, question in enumerate(sample_questions(questions, count, seed), start=1):
        click.echo(readable(question, number))
        click.echo("")
