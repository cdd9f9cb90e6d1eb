"""Choosing a question set's format by file name or by content, and reading or writing it.

The formats are modules of their own (`gift`, `aiken`, `csv_format`) sharing the question model of
`interchange`; this module sits above them all and dispatches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import aiken, csv_format, gift
from .csv_format import HEADER
from .interchange import ImportResult, LineError, SetQuestion

_FORMATS: dict[
    str, tuple[Callable[[str], ImportResult], Callable[[Iterable[SetQuestion]], str]]
] = {
    "gift": (gift.parse_gift, gift.export_gift),
    "aiken": (aiken.parse_aiken, aiken.export_aiken),
    "csv": (csv_format.parse_csv, csv_format.export_csv),
}


FORMAT_NAMES = {"gift": "GIFT", "aiken": "Aiken", "csv": "CSV"}
"""The formats a set is read and written in, by key, with the name a teacher knows."""

EXTENSIONS = (".gift", ".aiken", ".txt", ".csv")
"""The file extensions `parse_by_extension` and `export_by_extension` know."""

_BY_EXTENSION = {".gift": "gift", ".aiken": "aiken", ".csv": "csv"}
# ".txt" names no format: the content decides.
_AIKEN_ANSWER = re.compile(r"^ANSWER:\s*[A-Z]\s*$", re.MULTILINE)
_GIFT_MARKS = re.compile(r"(?<!\\)\{[^{}]*(?<!\\)\}|^::|^\$CATEGORY:", re.MULTILINE)


@dataclass(frozen=True)
class Reading:
    """A file read in one format: the result, the format used and why that one."""

    result: ImportResult
    format: str
    reason: str


def detect_format(text: str) -> tuple[str, str]:
    """The format `text` is most likely in, and the reason, said for a teacher."""
    first = next((line for line in text.removeprefix("\ufeff").splitlines() if line.strip()), "")
    if first.strip().lower().replace(" ", "").startswith(",".join(HEADER[:3])):
        return "csv", "its first line is the CSV header (kind,name,prompt,...)"
    gift_marks = len(_GIFT_MARKS.findall(text))
    aiken_answers = len(_AIKEN_ANSWER.findall(text))
    if gift_marks and gift_marks >= aiken_answers:
        return "gift", f"it has GIFT answer lists in braces {{...}} or names ::...:: ({gift_marks})"
    if aiken_answers:
        return "aiken", f"it has Aiken ANSWER: lines ({aiken_answers})"
    return "gift", "nothing in it looks like GIFT, Aiken or CSV, so it was tried as GIFT"


def extension_of(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_set(filename: str, text: str, chosen: str | None = None) -> Reading:
    """`text` read in the `chosen` format, else the one its extension names, else its content's.

    An unknown extension is an error unless a format is chosen.
    """
    extension = extension_of(filename)
    if chosen in _FORMATS:
        fmt, reason = chosen, "you chose it"
    elif extension in _BY_EXTENSION:
        fmt, reason = _BY_EXTENSION[extension], f"the file name ends in {extension}"
    elif extension == ".txt":
        fmt, reason = detect_format(text)
        reason = f"{extension} names no format, and {reason}"
    else:
        shown = extension or "no extension"
        message = (
            f'"{filename}" has {shown}; question sets are read from '
            + ", ".join(EXTENSIONS)
            + " files"
        )
        return Reading(ImportResult(errors=(LineError(0, message),)), "", "")
    return Reading(_FORMATS[fmt][0](text), fmt, reason)


def parse_by_extension(filename: str, text: str) -> ImportResult:
    """`text` read in the format `filename`'s extension names (.gift, .aiken, .csv; .txt: by
    its content)."""
    return read_set(filename, text).result


def export_by_extension(filename: str, questions: Iterable[SetQuestion]) -> str:
    """`questions` written in the format `filename`'s extension names; ValueError if unknown.

    ".txt" is written as Aiken."""
    extension = extension_of(filename)
    fmt = _BY_EXTENSION.get(extension, "aiken" if extension == ".txt" else None)
    if fmt is None:
        raise ValueError(f'"{filename}": question sets are written as {", ".join(EXTENSIONS)}')
    return _FORMATS[fmt][1](questions)
