"""Money: the arithmetic of the tax receipt ("vad får jag för skattepengarna?").

Pure functions; no Pelican, no I/O. The pages that show the receipt and the
economy tables are built in :mod:`styrmodell.views.money`. All money arithmetic uses
:class:`~decimal.Decimal` or integers, never floats, so the same income gives the
same kronor here and in the browser (``theme/static/js/skattekvitto.js`` repeats
the integer arithmetic below with ``BigInt``; a browser test compares the two).

The tax receipt, and what it leaves out
---------------------------------------
*Municipal tax* is the monthly income times the municipal tax rate of the chosen
year, rounded to whole kronor (half up). The yearly figure is computed on twelve
months of income, not as twelve rounded months.

The income is treated as taxable income. Grundavdrag and jobbskatteavdrag are
ignored on purpose: both depend on age, on the prisbasbelopp of the year and on
the whole year's income, and the data package holds none of that. The receipt
therefore shows more tax than most people actually pay; the split between the
areas (the share of every 100 kr) does not depend on this. The regional tax,
fees, state grants and the burial and church fees are not part of the receipt.

The tax is split across verksamhetsområden in proportion to their net cost per
inhabitant (``spending`` rows with unit ``kr/inv``) in the same year. The parts
are rounded to whole kronor with the largest-remainder method, so they always
add up exactly to the total.

Amounts of money in budget.csv
------------------------------
``budget.csv`` says in its column ``unit`` whether its amounts are in kronor (``kr``),
thousands (``tkr``) or millions (``mnkr``). :func:`in_kronor` turns each amount into
exact kronor, :func:`exact_sum` adds them, and :func:`money_scale` chooses the unit
a table shows (the largest that keeps its largest amount at 1 or more) and enough
decimals that no amount other than 0 is shown as 0. :func:`rounding_differs` says
when a column's rounded rows do not add up to its rounded total, so the table can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .formatting import NBSP, number
from .package.model import Spending, Styrmodell, TaxRate

#: The largest monthly income the calculator accepts, in kronor.
MAX_MONTHLY_INCOME = 100_000_000

#: Messages for bad input in the income field; the browser script shows the same texts.
INCOME_MESSAGES = {
    "empty": "Skriv din inkomst per månad före skatt, i hela kronor. Till exempel 30000.",
    "negative": "Inkomsten kan inte vara mindre än 0 kronor. Skriv beloppet utan minustecken.",
    "decimals": "Skriv inkomsten i hela kronor, utan komma eller punkt. Till exempel 30000.",
    "not-a-number": "Skriv bara siffror, utan bokstäver. Till exempel 30000.",
    "too-large": "Beloppet är för stort. Räknaren klarar inkomster upp till 100\u00a0000\u00a0000 kronor i månaden.",
}

#: The spaces a resident types or pastes between digits; the same list as skattekvitto.js (not ``\s``,
#: which means different characters in Python and in JavaScript).
_SPACES = re.compile("[ \t\n\r\f\v\u00a0\u2009\u202f]+")
_DIGITS = re.compile(r"^[0-9]+$")
_NEGATIVE = re.compile(r"^[-\u2212][0-9.,]*[0-9][0-9.,]*$")
_DECIMALS = re.compile(r"^[0-9]+[.,][0-9]*$|^[.,][0-9]+$")
_EXPONENT = re.compile(r"^[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]+$")
_KRONOR_SUFFIX = re.compile(r"(?:kr|kronor|:-)$", re.IGNORECASE)


class IncomeError(ValueError):
    """Bad input in the income field. ``code`` is a key of :data:`INCOME_MESSAGES`."""

    def __init__(self, code: str) -> None:
        super().__init__(INCOME_MESSAGES[code])
        self.code = code


def parse_income(text: str) -> int:
    """Read a monthly income typed by a resident: ``"30 000"``, ``"30000 kr"`` → ``30000``.

    Spaces (also no-break and thin spaces) are ignored, and a trailing ``kr`` is
    allowed. Raises :class:`IncomeError` for an empty field, a negative number,
    öre, letters, or more than :data:`MAX_MONTHLY_INCOME`.
    """
    cleaned = _KRONOR_SUFFIX.sub("", _SPACES.sub("", text))
    if not cleaned:
        raise IncomeError("empty")
    if _NEGATIVE.match(cleaned):
        raise IncomeError("negative")
    if _EXPONENT.match(cleaned):
        raise IncomeError("too-large" if _exponent_form_exceeds(cleaned, MAX_MONTHLY_INCOME) else "not-a-number")
    if _DECIMALS.match(cleaned):
        raise IncomeError("decimals")
    if not _DIGITS.match(cleaned):
        raise IncomeError("not-a-number")
    value = int(cleaned)
    if value > MAX_MONTHLY_INCOME:
        raise IncomeError("too-large")
    return value


def _exponent_form_exceeds(text: str, limit: int) -> bool:
    """Whether ``"1,5e9"`` (digits, an optional decimal part, an exponent) is more than ``limit``, exactly.

    Integers only, so that skattekvitto.js (with BigInt) gives the same answer for every input.
    """
    mantissa, exponent = re.split("[eE]", text)
    whole, _, decimals = mantissa.replace(",", ".").partition(".")
    digits = (whole + decimals).lstrip("0")
    if not digits:
        return False
    shift = int(exponent.lstrip("+")) - len(decimals)  # the value is int(digits) * 10**shift
    if len(digits) + shift > len(str(limit)):
        return True
    if shift >= 0:
        return int(digits) * 10**shift > limit
    return int(digits) > limit * 10**-shift


# Arithmetic -------------------------------------------------------------------------------------


def exact(value: float | int | Decimal) -> Decimal:
    """The decimal a data value was written as: ``21712.959905`` → ``Decimal("21712.959905")``."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def exact_sum(values: Iterable[float | int | Decimal | None]) -> Decimal | None:
    """The exact sum of amounts of money (:func:`exact` each), or None when there are none: the one money sum."""
    amounts = [exact(v) for v in values if v is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def integer_weights(values: Sequence[float]) -> tuple[int, ...]:
    """Scale decimal weights to integers with the same ratios: ``(1.5, 2)`` → ``(15, 20)``."""
    decimals = [exact(v) for v in values]
    places = max((max(0, -d.as_tuple().exponent) for d in decimals), default=0)
    return tuple(int(d.scaleb(places)) for d in decimals)


def rate_hundredths(rate: float) -> int:
    """A tax rate in percent as an integer number of hundredths: ``22.0`` → ``2200``."""
    hundredths = exact(rate) * 100
    if hundredths != hundredths.to_integral_value():
        msg = f"Skattesatsen {rate} har fler än två decimaler; skriv den med högst två decimaler i tax_rates.csv."
        raise ValueError(msg)
    return int(hundredths)


def municipal_tax(income: int, rate_in_hundredths: int, months: int = 1) -> int:
    """Municipal tax on ``months`` months of ``income``, in whole kronor, rounded half up."""
    if income < 0:
        raise IncomeError("negative")
    tax = Decimal(income * months * rate_in_hundredths) / Decimal(10_000)
    return int(tax.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def apportion(total: int, weights: Sequence[int]) -> tuple[int, ...]:
    """Split ``total`` whole kronor in proportion to ``weights`` so the parts add up to ``total``.

    Largest-remainder method: every part gets the whole kronor of its exact
    share, and the kronor left over go, one each, to the parts with the largest
    remainders (ties go to the part listed first).
    """
    if total < 0:
        msg = f"Kan inte dela upp ett negativt belopp: {total}"
        raise ValueError(msg)
    weight_sum = sum(weights)
    if weight_sum <= 0 or any(w < 0 for w in weights):
        msg = f"Vikterna måste vara 0 eller större och minst en större än 0, inte {list(weights)}"
        raise ValueError(msg)
    floors = [total * w // weight_sum for w in weights]
    remainders = [total * w % weight_sum for w in weights]
    left = total - sum(floors)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return tuple(floors)


@dataclass(frozen=True)
class ReceiptLine:
    month: int
    year: int
    per_100: int


@dataclass(frozen=True)
class Receipt:
    """One income's municipal tax, in total and per area (in the order of the weights)."""

    income: int
    month: int
    year: int
    lines: tuple[ReceiptLine, ...]


def tax_receipt(income: int, rate_in_hundredths: int, weights: Sequence[int]) -> Receipt:
    """The tax receipt for a monthly ``income`` in whole kronor."""
    if not 0 <= income <= MAX_MONTHLY_INCOME:
        raise IncomeError("negative" if income < 0 else "too-large")
    month = municipal_tax(income, rate_in_hundredths)
    year = municipal_tax(income, rate_in_hundredths, months=12)
    lines = tuple(
        ReceiptLine(m, y, p)
        for m, y, p in zip(apportion(month, weights), apportion(year, weights), apportion(100, weights), strict=True)
    )
    return Receipt(income, month, year, lines)


# Amounts of money --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyUnit:
    """A unit of amounts of money: its id in budget.csv, kronor per unit, its name and symbol on the page."""

    id: str
    kronor: int
    name: str
    #: The decimals the unit is shown with when every amount stays above 0 with them, and the most it gets.
    decimals: int
    max_decimals: int

    @property
    def symbol(self) -> str:
        return self.id


#: The units budget.csv may use (its column ``unit``), smallest first.
MONEY_UNITS = {
    "kr": MoneyUnit("kr", 1, "kronor", 0, 2),
    "tkr": MoneyUnit("tkr", 1_000, "tusental kronor", 0, 3),
    "mnkr": MoneyUnit("mnkr", 1_000_000, "miljoner kronor", 1, 6),
}


def in_kronor(value: float | Decimal | None, unit: str) -> Decimal | None:
    """An amount written in ``unit`` as exact kronor: ``(312.45, "mnkr")`` → ``Decimal("312450000.00")``."""
    if value is None:
        return None
    amount = value if isinstance(value, Decimal) else exact(value)
    return amount * MONEY_UNITS[unit].kronor


@dataclass(frozen=True)
class MoneyScale:
    """How a table shows amounts of money: in ``unit``, with ``decimals`` decimals."""

    unit: MoneyUnit
    decimals: int

    def value(self, kronor: Decimal | None) -> Decimal | None:
        """An amount in kronor in the scale's unit, exactly."""
        return None if kronor is None else kronor / self.unit.kronor

    def rounded(self, kronor: Decimal | None) -> Decimal | None:
        """An amount in kronor in the scale's unit, rounded half up to the scale's decimals."""
        value = self.value(kronor)
        if value is None:
            return None
        return value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)

    def number(self, kronor: Decimal | None) -> str:
        """``Decimal(312450000)`` in mnkr with one decimal → ``312,5``; ``None`` → an en dash."""
        return number(self.value(kronor), self.decimals)

    def text(self, kronor: Decimal | None) -> str:
        """The amount with the unit's symbol: ``312,5 mnkr``; ``None`` → an en dash."""
        return "–" if kronor is None else f"{self.number(kronor)}{NBSP}{self.unit.symbol}"

    @property
    def heading(self) -> str:
        """The unit as a table's caption or column says it: ``miljoner kronor (mnkr)``."""
        return f"{self.unit.name} ({self.unit.symbol})"


def money_scale(amounts: Iterable[Decimal | None], unit: MoneyUnit | None = None) -> MoneyScale:
    """The scale for a table of ``amounts`` in kronor.

    The unit is ``unit``, or else the largest of :data:`MONEY_UNITS` in which the largest amount is
    at least 1 (kronor for a table of öre); the decimals are the unit's usual ones, or more, up to its most,
    until every amount other than 0 is shown as something other than 0.
    """
    amounts = [a for a in amounts if a is not None]
    largest = max((abs(a) for a in amounts), default=Decimal(0))
    units = list(MONEY_UNITS.values())
    unit = unit or next((u for u in reversed(units) if largest >= u.kronor), units[0])
    decimals = unit.decimals
    smallest = min((abs(a) for a in amounts if a), default=None)
    while smallest is not None and decimals < unit.max_decimals:
        if MoneyScale(unit, decimals).rounded(smallest):
            break
        decimals += 1
    return MoneyScale(unit, decimals)


def rounding_differs(scale: MoneyScale, rows: Iterable[Decimal | None], total: Decimal | None) -> bool:
    """Whether the rounded ``rows`` (kronor) do not add up to the rounded ``total``, in ``scale``."""
    if total is None:
        return False
    shown = exact_sum(scale.rounded(r) for r in rows)
    return shown is not None and shown != scale.rounded(total)


# What the receipt is computed from -------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptBasis:
    """The figures the receipt is computed from: one year's net costs and that year's tax rate."""

    year: int
    tax: TaxRate
    areas: tuple[Spending, ...]
    weights: tuple[int, ...]
    rate: int  # hundredths of a percent


def receipt_basis(model: Styrmodell) -> ReceiptBasis | None:
    """The latest year that has both net costs per inhabitant and a municipal tax rate."""
    rates = {t.year: t for t in model.tax_rates if t.scope == "kommun"}
    years = sorted({s.year for s in model.spending if s.unit == "kr/inv" and s.year in rates}, reverse=True)
    if not years:
        return None
    year = years[0]
    areas = tuple(
        sorted(
            (s for s in model.spending if s.year == year and s.unit == "kr/inv"),
            key=lambda s: (-exact(s.value), s.area),
        )
    )
    return ReceiptBasis(
        year=year,
        tax=rates[year],
        areas=areas,
        weights=integer_weights([a.value for a in areas]),
        rate=rate_hundredths(rates[year].rate),
    )
