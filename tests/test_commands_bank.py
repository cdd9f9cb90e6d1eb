"""`flask bank check|sync|stats` on the real bank and on small fixture banks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.models import Fact, Flashcard, ItemType, ItemVersion, Question, db

GOOD_BANK = Path(__file__).parent / "data" / "bank" / "good"


def invoke(app, *args: str):
    return app.test_cli_runner().invoke(args=["bank", *args])


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_real_bank_passes_check(app):
    result = invoke(app, "check")
    assert result.exit_code == 0, result.stderr
    assert "is valid" in result.output


def test_the_real_bank_meets_the_size_targets(app):
    result = invoke(app, "stats", "--json")
    assert result.exit_code == 0, result.stderr
    stats = json.loads(result.output)
    assert stats["facts"] >= 200
    assert stats["questions"] >= 500
    assert stats["figures"] >= 20
    for topic in ("history", "actors", "figures"):
        assert stats["by_topic"][topic] >= 0.25 * stats["questions"], topic
    assert set(stats["by_kind"]) >= {
        "single_choice",
        "true_false",
        "year",
        "numeric",
        "ordering",
        "matching",
        "who_said_it",
    }


def test_check_lists_every_problem_with_file_line_and_id(app, tmp_path):
    (tmp_path / "broken.toml").write_text(
        '[[fact]]\nid = "event.x"\nkind = "event"\ntopic = "history"\ntags = []\n'
        'name = "a thing"\ndate = "1994-13-01"\nstatement = "It happened."\n'
        'explanation = "Because."\nsource = "seed"\nevidence = "words"\n'
        '\n[[fact]]\nid = "event.x"\nkind = "rumour"\n',
        encoding="utf-8",
    )
    (tmp_path / "syntax.toml").write_text('[[fact]]\nid = "a"\nkind = \n', encoding="utf-8")
    result = invoke(app, "check", "--dir", str(tmp_path))
    assert result.exit_code != 0
    errors = result.stderr
    assert "broken.toml:2: event.x:" in errors and "date" in errors
    assert "broken.toml:14: event.x:" in errors and "duplicate" in errors
    assert "syntax.toml:3:" in errors
    assert "problem(s) in the question bank" in errors


def test_sync_is_idempotent_and_counts_what_it_did(app, tmp_path):
    shutil.copytree(GOOD_BANK, tmp_path / "bank")
    first = invoke(app, "sync", "--dir", str(tmp_path / "bank"))
    assert first.exit_code == 0, first.stderr
    facts, questions = count(Fact), count(Question)
    assert facts > 0 and questions > 0 and count(Flashcard) == facts
    assert f"facts: {facts} added, 0 updated, 0 unchanged" in first.output
    versions_before = count(ItemVersion)

    second = invoke(app, "sync", "--dir", str(tmp_path / "bank"))
    assert second.exit_code == 0, second.stderr
    assert f"facts: 0 added, 0 updated, {facts} unchanged, 0 restored, 0 retired" in second.output
    assert f"questions: 0 added, 0 updated, {questions} unchanged" in second.output
    assert count(ItemVersion) == versions_before


def test_editing_an_item_bumps_its_version_and_keeps_the_old_one(app, tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, bank)
    invoke(app, "sync", "--dir", str(bank))
    fact = db.session.scalars(select(Fact).order_by(Fact.id)).first()
    old_explanation = fact.content["explanation"]
    path = next(p for p in bank.glob("*.toml") if f'"{fact.id}"' in p.read_text(encoding="utf-8"))
    path.write_text(
        path.read_text(encoding="utf-8").replace(old_explanation, old_explanation + " More."),
        encoding="utf-8",
    )
    result = invoke(app, "sync", "--dir", str(bank))
    assert "facts: 0 added, 1 updated" in result.output
    db.session.expire_all()
    fact = db.session.get(Fact, fact.id)
    assert fact.version == 2
    assert fact.content["explanation"] == old_explanation + " More."
    versions = db.session.scalars(
        select(ItemVersion)
        .where(ItemVersion.item_type == ItemType.FACT, ItemVersion.item_id == fact.id)
        .order_by(ItemVersion.version)
    ).all()
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].content["explanation"] == old_explanation


def test_a_removed_item_is_retired_not_deleted_and_comes_back(app, tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, bank)
    invoke(app, "sync", "--dir", str(bank))
    total = count(Fact)
    moved = sorted(bank.glob("*.toml"))[0]
    parked = tmp_path / moved.name
    moved.rename(parked)
    result = invoke(app, "sync", "--dir", str(bank))
    assert result.exit_code == 0, result.stderr
    retired = db.session.scalars(select(Fact).where(Fact.retired_at.is_not(None))).all()
    assert retired and count(Fact) == total
    parked.rename(moved)
    result = invoke(app, "sync", "--dir", str(bank))
    assert f"{len(retired)} restored" in result.output
    db.session.expire_all()
    assert db.session.scalars(select(Fact).where(Fact.retired_at.is_not(None))).all() == []


def test_sync_of_a_bank_with_problems_changes_nothing(app, tmp_path):
    shutil.copytree(GOOD_BANK, tmp_path / "bank")
    (tmp_path / "bank" / "zz_broken.toml").write_text("[[fact]\n", encoding="utf-8")
    result = invoke(app, "sync", "--dir", str(tmp_path / "bank"))
    assert result.exit_code != 0
    assert "zz_broken.toml:1" in result.stderr
    assert count(Fact) == 0 and count(Question) == 0


@pytest.mark.parametrize("command", ["check", "sync", "stats"])
def test_a_missing_folder_is_a_clear_error(app, tmp_path, command):
    result = invoke(app, command, "--dir", str(tmp_path / "nowhere"))
    assert result.exit_code != 0
    assert "no question bank folder at" in result.stderr


def test_lint_passes_the_real_bank_and_counts_each_rule(app):
    result = invoke(app, "lint")
    assert result.exit_code == 0, result.output
    assert "give-away (error): 0" in result.output
    assert "template-grammar (error): 0" in result.output
    assert "0 error(s)" in result.output


def test_lint_fails_on_an_error_and_names_the_file_and_line(app, tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, bank)
    (bank / "extra.toml").write_text(
        '[[fact]]\nid = "quote.babayan-again"\nkind = "quote"\ntopic = "figures"\ntags = []\n'
        'text = "Our people do not want to live as part of Azerbaijan"\n'
        'speaker = "David Babayan"\nspeaker_role = "adviser"\ndate = "2023-09-24"\n'
        'context = "to Reuters"\nexplanation = "Because."\nsource = "seed"\n'
        'evidence = "words"\n',
        encoding="utf-8",
    )
    result = invoke(app, "lint", "--dir", str(bank))
    assert result.exit_code == 1
    # Files are read by name: extra.toml comes first, so people.toml holds the repeat.
    assert "duplicate (error): 2" in result.output  # the quote, and its who-said-it question
    assert (
        "people.toml:64: error: duplicate: quote.babayan-leave (quote.babayan-leave): "
        "the same quote as quote.babayan-again"
    ) in result.output


def test_lint_lists_a_warning_until_it_is_accepted_with_a_reason(app, tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, bank)
    (bank / "extra.toml").write_text(
        '[[question]]\nid = "q.telling"\nkind = "single_choice"\ntopic = "history"\n'
        'tags = []\nprompt = "Which corridor linked the region to Armenia?"\n'
        'choices = ["the Lachin corridor", "the Kars road", "the Batumi line"]\n'
        'answer = "the Lachin corridor"\nexplanation = "Because."\nsource = "seed"\n'
        'evidence = "words"\n',
        encoding="utf-8",
    )
    first = invoke(app, "lint", "--dir", str(bank))
    assert first.exit_code == 0, first.output
    assert "telling-word (warning): 1" in first.output
    assert "extra.toml:2: warning: telling-word: q.telling" in first.output
    (bank / "lint").mkdir()
    (bank / "lint" / "accepted.toml").write_text(
        '[[accepted]]\nrule = "telling-word"\nitem = "q.telling"\n'
        'reason = "Every option is a route; the word names the kind."\n',
        encoding="utf-8",
    )
    second = invoke(app, "lint", "--dir", str(bank))
    assert "telling-word (warning): 0" in second.output
    assert "1 accepted" in second.output


def test_sample_prints_questions_for_review(app):
    result = invoke(app, "sample", "--n", "3", "--seed", "2027")
    assert result.exit_code == 0, result.output
    blocks = result.output.strip().split("\n\n")
    assert len(blocks) == 3
    for block in blocks:
        assert "   Q: " in block and "   Key: " in block and "   Source: " in block
    again = invoke(app, "sample", "--n", "3", "--seed", "2027")
    assert again.output == result.output
