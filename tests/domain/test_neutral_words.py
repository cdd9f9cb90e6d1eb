"""The loaded-words scan: a word passes only inside an attributed quote or term."""

from __future__ import annotations

import pytest

from quizapp.domain.neutral_words import unattributed_uses
from quizapp.domain.search_text import fold


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan called it an 'anti-terrorist' operation.",
        'Armenia accused Azerbaijan of "ethnic cleansing"; Azerbaijan rejected the charge.',
        "Armenians call the event the \u2018liberation of Shushi\u2019, Azerbaijanis the "
        "\u2018occupation of Shusha\u2019.",
        "The resolution, titled 'The situation in the occupied territories of Azerbaijan', "
        "was adopted.",
        "The Council adopted resolution 884, condemning what it called the occupation of the "
        "Zangilan district.",
        "Genocide Watch issued an alert.",
        "Azerbaijan's military offensive of 19-20 September 2023.",
    ],
)
def test_attributed_quotes_terms_and_names_pass(text: str):
    assert unattributed_uses(text, terms=["Genocide Watch"]) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The occupied territories were liberated in 2020.", ["occupied", "liberated"]),
        ("Separatist forces laid down their arms.", ["Separatist"]),
        ("The so-called republic was dissolved.", ["so-called"]),
        # Quotation marks alone are not attribution: the sentence must say who uses the word.
        ("The 'occupation' ended.", ["occupation"]),
        # An attribution in another sentence does not cover this one.
        ("Azerbaijan called it 'anti-terrorist'. The terrorist threat ended.", ["terrorist"]),
        ("Genocide Watch said the aggressor was known.", ["aggressor"]),
    ],
)
def test_the_apps_own_voice_is_caught(text: str, words: list[str]):
    found = unattributed_uses(text, terms=["Genocide Watch"])
    assert [use.word for use in found] == words


@pytest.mark.parametrize(
    ("text", "folded"),
    [("İlham Əliyev", "ilham əliyev"), ("Şuşa", "susa"), ("Ter-Petrossian", "ter-petrossian")],
)
def test_search_folds_accents_and_case(text: str, folded: str):
    assert fold(text) == folded
