"""A question set written out: GIFT, Aiken, CSV, or an Anki package of study cards."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from . import set_store
from .attempt_display import describe
from .domain.aiken import export_aiken
from .domain.csv_format import export_csv
from .domain.generation import QuestionKind
from .domain.gift import export_gift
from .exports import ExportCard, to_apkg
from .models import QuestionSet

EXPORT_FORMATS = {
    "gift": ("GIFT (Moodle)", "text/plain", "gift"),
    "aiken": ("Aiken", "text/plain", "aiken"),
    "csv": ("CSV", "text/csv", "csv"),
    "apkg": ("Anki package", "application/octet-stream", "apkg"),
}
TEXT_EXPORTERS = {"gift": export_gift, "aiken": export_aiken, "csv": export_csv}


@dataclass(frozen=True)
class Exported:
    data: bytes
    mimetype: str
    filename: str


def file_stem(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower() or "question-set"


def export_set(question_set: QuestionSet, fmt: str, now: datetime) -> Exported:
    """The set's live questions in `fmt`; ValueError when the format cannot carry them."""
    _, mimetype, extension = EXPORT_FORMATS[fmt]
    filename = f"{file_stem(question_set.title)}.{extension}"
    if fmt == "apkg":
        data = to_apkg(question_set.title, study_cards(question_set), now)
        return Exported(data, mimetype, filename)
    questions = set_store.set_questions_for_export(question_set.id)
    return Exported(TEXT_EXPORTERS[fmt](questions).encode("utf-8"), mimetype, filename)


def study_cards(question_set: QuestionSet) -> list[ExportCard]:
    """One card per question: the prompt (with its choices) in front, the answer behind."""
    set_title = set_store.set_source_title(question_set)
    cards = []
    for row in set_store.ordered_questions(question_set.id):
        content = row.content
        kind = QuestionKind(content["kind"])
        front = content["prompt"]
        if content["choices"] and kind is not QuestionKind.MATCHING:
            front += " — " + " / ".join(content["choices"])
        back = describe(kind, content["answer"])
        if content["explanation"]:
            back += " — " + content["explanation"]
        cards.append(
            ExportCard(
                card_id=row.id,
                topic=row.topic,
                tags=(f"set-{question_set.id}",),
                front=front,
                back=back,
                source_title=content["source"]["title"] or set_title,
                source_url=content["source"]["url"] or "",
                evidence=content.get("evidence", ""),
            )
        )
    return cards
