"""One CSV value to one spreadsheet cell and back, so that the round trip gives the same bytes.

The package stores every value as text. A workbook shows numbers as numbers, so the
editor can sum and sort them, and everything else as text cells in columns formatted
as text (``@``), so that Excel does not turn ``2022-12`` into a date, ``007`` into 7
or ``=…`` into a formula.

The rule, per Table Schema type:

- ``integer``/``year``: a number cell when the text is the plain integer (``30278``),
  otherwise a text cell with the text unchanged (``007``).
- ``number``: a number cell when the text is a plain decimal; its number format keeps the
  count of decimals (``-2.0`` is ``-2`` shown as ``0.0``; ``22.50`` is ``22.5`` shown as ``0.00``), so
  the text comes back as it was. Anything else (``1e5``, more than 15 digits) stays text.
- ``boolean``, ``date``, ``string`` and every other type: a text cell with the text unchanged;
  formula-like text also gets Excel's "quote prefix", so that editing the cell keeps it text.

:func:`cell_value` and :func:`text_of` are inverse for every value :func:`cell_value` writes;
``tests/unit/test_xlsx.py`` checks it on the three packages and on hostile text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

TEXT_FORMAT = "@"
GENERAL = "General"
#: A double keeps 15 significant decimal digits exactly; longer numbers stay text.
MAX_DIGITS = 15

INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)\.([0-9]+)")
FORMAT_DECIMALS = re.compile(r"\.(0+)")
NUMERIC_TYPES = ("integer", "year", "number")


@dataclass(frozen=True, slots=True)
class CellValue:
    """What to write in a cell: a value, whether it is text, and its number format."""

    value: str | int | float
    text: bool
    number_format: str


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A cell whose content cannot become CSV text (a formula, an error value)."""

    message: str
    fix: str
    type: str


def _digits(text: str) -> int:
    return len(text.lstrip("-").replace(".", "").lstrip("0")) or 1


def cell_value(raw: str, field: Mapping) -> CellValue:
    """The cell for the CSV text ``raw`` of a column with Table Schema ``field`` (``raw`` is not empty)."""
    kind = field.get("type", "string")
    if kind in ("integer", "year") and INTEGER.fullmatch(raw) and _digits(raw) <= MAX_DIGITS:
        return CellValue(int(raw), text=False, number_format=GENERAL)
    if kind == "number" and _digits(raw) <= MAX_DIGITS:
        if INTEGER.fullmatch(raw):
            return CellValue(int(raw), text=False, number_format=GENERAL)
        match = DECIMAL.fullmatch(raw)
        if match:
            value = float(raw)
            number_format = "0." + "0" * len(match.group(2))
            if _number_text(value, number_format) == raw:
                return CellValue(value, text=False, number_format=number_format)
    return CellValue(raw, text=True, number_format=TEXT_FORMAT)


def _plain(value: float) -> str:
    """The shortest text that reads back as ``value``, without an exponent."""
    if value.is_integer():
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text


def _number_text(value: float, number_format: str) -> str:
    """A number cell's text: as many decimals as its format shows, unless that would round the value."""
    match = FORMAT_DECIMALS.search(number_format or "")
    if match:
        text = f"{value:.{len(match.group(1))}f}"
        if float(text) == value:
            return text
    return _plain(value)


def text_of(value: object, data_type: str, number_format: str, field: Mapping) -> str | CellProblem:  # noqa: PLR0911 - one return per kind of cell
    """The CSV text of one cell read back from a workbook (``None`` is the empty text)."""
    if value is None:
        return ""
    if data_type == "f":
        return CellProblem(
            message=f"cellen innehåller en formel ({str(value)[:40]})",
            fix="skriv in själva värdet i stället för formeln; text som ska börja med = skrivs inte i datapaketet",
            type="xlsx-formula",
        )
    if data_type == "e":
        return CellProblem(
            message=f"cellen innehåller felvärdet {value}",
            fix="skriv in ett värde eller töm cellen",
            type="xlsx-error-value",
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and field.get("type") != "number":
        return str(value)
    if isinstance(value, int | float):
        value = float(value)
        if not math.isfinite(value):
            return str(value)
        if field.get("type") in ("integer", "year") and value.is_integer():
            return str(int(value))
        return _number_text(value, number_format)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
