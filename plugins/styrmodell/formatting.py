"""Swedish formatting of numbers, money, percentages and dates (Babel, sv_SE).

Numbers are stored with ``.`` decimals in the data; they become Swedish only
here, on the way into a page. Thousands are grouped with a no-break space, the
decimal sign is a comma, and a no-break space joins a number to its unit, so
"12 345 kr" never wraps between "12" and "345" or before "kr". Negative numbers
use the minus sign U+2212, as in the charts rendered by vl-convert.

Rounding is half up (away from zero), the rule taught in Swedish schools and
used by Excel: 2,5 → 3 and 45,25 → 45,3. It works on the number as written in
the data (``str(float)``), so 2.675 becomes 2,68 although the binary float is
slightly below it. A value that rounds to zero is written 0, never −0.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from .fulfilment import GoalStatus
from .grammar import full_stop, genitive
from .package.model import DEFAULT_UNITS

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"

#: How each built-in unit (``DEFAULT_UNITS``) is written after a number, keyed by its id.
UNIT_SUFFIX = {u.id: f"{NBSP}{u.symbol}" if u.symbol else "" for u in DEFAULT_UNITS.values()}


def unit_suffix(unit: str | None) -> str:
    """What follows a number: a built-in unit's id (``procent``) or a unit's own symbol (``kWh/m²``)."""
    if not unit:
        return ""
    return UNIT_SUFFIX.get(unit, f"{NBSP}{unit}")


MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


@functools.lru_cache(maxsize=1 << 16, typed=True)
def number(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` → ``1 234,5`` (with no-break spaces); ``None`` → an en dash.

    Remembered per value: a large site prints the same figures on many pages, and Babel is slow.
    """
    if value is None:
        return "–"
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "−0"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(rounded, format=pattern, locale=LOCALE)
    return text.replace("-", MINUS)


def percent(value: float | None, decimals: int = 0) -> str:
    """A value already in percent: ``45`` → ``45 %``."""
    if value is None:
        return "–"
    return f"{number(value, decimals)}{NBSP}%"


def kronor(value: float | None, decimals: int = 0) -> str:
    """``12345`` → ``12 345 kr``."""
    if value is None:
        return "–"
    return f"{number(value, decimals)}{NBSP}kr"


def mnkr(value: float | None, decimals: int = 1) -> str:
    """Millions of kronor: ``512.3`` → ``512,3 mnkr``."""
    if value is None:
        return "–"
    return f"{number(value, decimals)}{NBSP}mnkr"


def measure(value: float | None, unit: str | None, decimals: int = 0) -> str:
    """A value with its unit: ``(82, "procent")`` → ``82 %``; ``(93, "kWh/m²")`` → ``93 kWh/m²``.

    ``unit`` is a built-in unit's id or a symbol (``Indicator.unit_symbol``); None or empty writes the bare number.
    """
    if value is None:
        return "–"
    return number(value, decimals) + unit_suffix(unit)


def target_range(low: float | None, high: float | None, unit: str | None, decimals: int = 0) -> str:
    """A målnivå: ``minst 80 %``, ``högst 7 dagar`` or ``72–74``."""
    if low is not None and high is not None:
        if low == high:
            return measure(low, unit, decimals)
        if low < 0 or high < 0:  # "−5–−2" is hard to read: write "−5 till −2"
            return f"{number(low, decimals)} till {measure(high, unit, decimals)}"
        return f"{number(low, decimals)}–{measure(high, unit, decimals)}"
    if low is not None:
        return f"minst {measure(low, unit, decimals)}"
    if high is not None:
        return f"högst {measure(high, unit, decimals)}"
    return "–"


def long_date(value: date | None) -> str:
    """``date(2026, 11, 27)`` → ``27 november 2026``."""
    if value is None:
        return "–"
    return format_date(value, format="long", locale=LOCALE)


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def later_year(offset: int) -> str:
    """A planning year counted from the first: ``0`` → ``""``, ``1`` → ``året därpå``, ``2`` → ``två år senare``."""
    if offset <= 0:
        return ""
    return "året därpå" if offset == 1 else f"{integer_words(offset)} år senare"


def step_months(start_month: int, end_month: int, year_offset: int, end_offset: int) -> str:
    """When a planning step happens: ``oktober``, ``februari året därpå``, ``december–januari året därpå``."""
    first, last = month_name(start_month), month_name(end_month)
    start_year, end_year = later_year(year_offset), later_year(end_offset)
    if start_month == end_month and year_offset == end_offset:
        return f"{first} {start_year}".strip()
    if year_offset == end_offset:
        return f"{first}–{last} {end_year}".strip()
    return f"{first} {start_year}".strip() + f"–{last} {end_year}".rstrip()


def integer_words(value: int) -> str:
    """Small counts in words, as Swedish style guides prefer (0–12); larger ones as digits."""
    words = ("inga", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")
    return words[value] if 0 <= value < len(words) else number(value)


#: The Swedish alphabet's last letters come after z, in this order; accented letters sort with their base
#: letter (é as e, ü as y, as Svenska Akademiens ordlista does).
_SORT_MAP = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})  # { | } follow z in ASCII
_BASE_LETTER = str.maketrans("áàâéèêëíìîïóòôúùûý", "aaaeeeeiiiiooouuuy")


def swedish_sort_key(text: str) -> tuple[str, str]:
    """A key that sorts Swedish words as a Swedish dictionary does: a … z, å, ä, ö; case only breaks ties."""
    folded = text.casefold().translate(_BASE_LETTER).translate(_SORT_MAP)
    return (folded, text)


def count_phrase(count: int, singular: str, plural: str) -> str:
    """``(1, "mål", "mål")`` → ``1 mål``; the number as digits, the noun or adjective agreeing with it."""
    return f"{count}\u00a0{singular if count == 1 else plural}"


def goal_status_label(status: str) -> str:
    """The Swedish word for a goal status id, e.g. ``delvis`` → ``Delvis uppnått``."""
    return GoalStatus(status).label


FILTERS = {
    "goal_status_label": goal_status_label,
    "number": number,
    "percent": percent,
    "kronor": kronor,
    "mnkr": mnkr,
    "measure": measure,
    "target_range": target_range,
    "long_date": long_date,
    "month_name": month_name,
    "integer_words": integer_words,
    "genitive": genitive,
    "full_stop": full_stop,
}
