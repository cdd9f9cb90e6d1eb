"""The real question bank: free of problems, true to the seed article, and big enough to teach.

These tests read `question_bank/*.toml` as it stands. While the content is being written they are
expected to fail; they are the definition of done for the bank, so do not loosen them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from quizapp.domain.bank import Bank, BankLoad, fact_from_content, parse_bank
from quizapp.domain.bank_stats import bank_stats
from quizapp.domain.generation import Question, generate_questions

REPO_ROOT = Path(__file__).resolve().parents[2]
QUESTION_BANK = REPO_ROOT / "question_bank"
SEED_ARTICLE = REPO_ROOT.parent / "shared" / "seed" / "000_e26d6aa20c766d9e.txt"
SEED = 20231

MIN_QUESTIONS = 500
MIN_FACTS = 200
MIN_FIGURES = 20
MIN_TOPIC_SHARE = 0.25

# Typography differs between the article and a TOML file; the words must not.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def comparable(text: str) -> str:
    """Text with whitespace collapsed and curly quotes, apostrophes and ellipses made plain."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


@cache
def load_bank() -> BankLoad:
    files = {
        path.name: path.read_text(encoding="utf-8") for path in sorted(QUESTION_BANK.glob("*.toml"))
    }
    return parse_bank(files)


@cache
def questions() -> tuple[Question, ...]:
    return generate_questions(load_bank().bank, SEED)


def bank() -> Bank:
    return load_bank().bank


def test_the_bank_has_files():
    assert sorted(QUESTION_BANK.glob("*.toml")), f"no *.toml files in {QUESTION_BANK}"


def test_the_bank_has_no_problems():
    problems = [str(problem) for problem in load_bank().problems]
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


def test_seed_evidence_appears_verbatim_in_the_seed_article():
    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article not present at {SEED_ARTICLE}")
    article = comparable(SEED_ARTICLE.read_text(encoding="utf-8"))
    items = [*bank().facts, *bank().questions]
    missing = [
        f"{item.id}: {item.evidence!r}"
        for item in items
        if item.source.is_seed and comparable(item.evidence) not in article
    ]
    assert missing == [], "seed evidence not found word for word in the article:\n" + "\n".join(
        missing
    )


def test_the_bank_is_big_enough():
    stats = bank_stats(bank(), questions())
    sizes = {key: stats[key] for key in ("questions", "facts", "figures")}
    assert sizes["questions"] >= MIN_QUESTIONS, sizes
    assert sizes["facts"] >= MIN_FACTS, sizes
    assert sizes["figures"] >= MIN_FIGURES, sizes


@pytest.mark.parametrize("topic", ["history", "actors", "figures"])
def test_each_topic_has_at_least_a_quarter_of_the_questions(topic: str):
    by_topic = bank_stats(bank(), questions())["by_topic"]
    total = sum(by_topic.values())
    assert total, "no questions at all"
    share = by_topic[topic] / total
    assert share >= MIN_TOPIC_SHARE, f"{topic}: {share:.0%} of {total} questions ({by_topic})"


# Words ../shared/CONTENT.md allows only inside an attributed quote or term.
LOADED_WORDS = re.compile(
    r"\b(occup\w*|liberat\w*|aggress\w*|terroris\w*|anti-terroris\w*|genocid\w*|ethnic cleansing"
    r"|separatis\w*|puppet|so-called|illegal regime|historical lands)\b",
    re.IGNORECASE,
)
QUOTED_TITLE = re.compile(r"^\u201c[^\u201d]+\u201d \(.+\)$")


def test_a_source_title_with_a_loaded_word_is_shown_as_the_outlets_own_quoted_title():
    """A learner reads such a title as the outlet's words: “Title” (Outlet), never the app's."""
    unquoted = sorted(
        {
            item.source.title
            for item in (*bank().facts, *bank().questions)
            if LOADED_WORDS.search(item.source.title) and not QUOTED_TITLE.match(item.source.title)
        }
    )
    assert unquoted == []


def test_every_fact_reads_back_from_its_stored_content():
    """The sync stores `as_dict`; pages and decks read facts back from it, absent fields and all."""
    unreadable = []
    for fact in bank().facts:
        try:
            assert fact_from_content(fact.as_dict()) == fact
        except (ValueError, AssertionError) as problem:
            unreadable.append(f"{fact.id}: {problem}")
    assert unreadable == []
