"""Swedish formatting: what a resident reads must look like Swedish print, not like Python.

Conventions tested here (and relied on by every template):
- thousands are grouped with a no-break space (U+00A0), the decimal sign is a comma;
- a no-break space joins a number to its unit ("45 %", "12 345 kr"), so a line never
  breaks inside an amount;
- negative numbers use the minus sign U+2212 (as the charts from vl-convert do);
- rounding is half up, away from zero (2,5 → 3; −2,5 → −3), on the number as written;
- a missing value is an en dash "–";
- dates are written "27 november 2026" with ordinary spaces.
"""

from __future__ import annotations

from datetime import date

import pytest
from styrmodell import formatting
from styrmodell.formatting import (
    kronor,
    long_date,
    measure,
    mnkr,
    month_name,
    number,
    percent,
    target_range,
)

NBSP = "\u00a0"
MINUS = "\u2212"


def test_thousands_are_grouped_with_no_break_space_and_decimals_use_comma():
    assert number(1234.5, 1) == f"1{NBSP}234,5"
    assert number(1234567) == f"1{NBSP}234{NBSP}567"
    assert number(999) == "999"
    assert " " not in number(12345678.9, 1)  # an ordinary space would let the number wrap


def test_percent_kronor_and_mnkr_join_number_and_unit_with_no_break_space():
    assert percent(45) == f"45{NBSP}%"
    assert percent(45.25, 1) == f"45,3{NBSP}%"
    assert kronor(12345) == f"12{NBSP}345{NBSP}kr"
    assert mnkr(512.34) == f"512,3{NBSP}mnkr"


def test_negative_numbers_use_the_minus_sign():
    assert number(-1234.5, 1) == f"{MINUS}1{NBSP}234,5"
    assert mnkr(-3.2) == f"{MINUS}3,2{NBSP}mnkr"
    assert "-" not in kronor(-500)


def test_a_value_that_rounds_to_zero_has_no_sign():
    assert number(-0.4) == "0"
    assert number(-0.04, 1) == "0,0"
    assert number(-0.0) == "0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # half-even would give 2
        (-2.5, 0, f"{MINUS}3"),  # away from zero, like Excel's AVRUNDA
        (0.125, 2, "0,13"),  # half-even would give 0,12
        (2.675, 2, "2,68"),  # rounded as written in the data, not as the binary float 2.67499…
        (1.25, 1, "1,3"),
        (1.24, 1, "1,2"),
        (7, 1, "7,0"),  # the number of decimals is fixed, so columns line up
    ],
)
def test_rounding_is_half_up(value, decimals, expected):
    assert number(value, decimals) == expected


def test_missing_values_are_an_en_dash():
    for formatter in (number, percent, kronor, mnkr, long_date):
        assert formatter(None) == "–"
    assert measure(None, "procent") == "–"
    assert target_range(None, None, "procent") == "–"


def test_measure_writes_each_unit_of_the_data_package():
    assert measure(82, "procent") == f"82{NBSP}%"
    assert measure(104500, "kr/elev") == f"104{NBSP}500{NBSP}kr/elev"
    assert measure(12, "dagar") == f"12{NBSP}dagar"
    assert measure(3.5, "poang", 1) == f"3,5{NBSP}poäng"
    assert measure(1250, "antal") == f"1{NBSP}250"


def test_every_unit_suffix_starts_with_a_no_break_space():
    for unit, suffix in formatting.UNIT_SUFFIX.items():
        assert suffix == "" or suffix.startswith(NBSP), unit


def test_target_range_reads_as_swedish():
    assert target_range(80, None, "procent") == f"minst 80{NBSP}%"
    assert target_range(None, 7, "dagar") == f"högst 7{NBSP}dagar"
    assert target_range(72, 74, "index") == "72–74"  # en dash, no spaces
    assert target_range(90, 90, "procent") == f"90{NBSP}%"
    assert target_range(-5, -2, "procent") == f"{MINUS}5 till {MINUS}2{NBSP}%"


def test_long_date_and_month_names():
    assert long_date(date(2026, 11, 27)) == "27 november 2026"
    assert long_date(date(2025, 3, 7)) == "7 mars 2025"  # no leading zero
    assert month_name(1) == "januari"
    assert month_name(12) == "december"


def test_formatting_does_not_depend_on_the_system_locale(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert number(1234.5, 1) == f"1{NBSP}234,5"
    assert long_date(date(2026, 1, 31)) == "31 januari 2026"


def test_every_filter_is_registered_for_templates():
    assert sorted(formatting.FILTERS) == [
        "full_stop",
        "genitive",
        "goal_status_label",
        "integer_words",
        "kronor",
        "long_date",
        "measure",
        "mnkr",
        "month_name",
        "number",
        "percent",
        "target_range",
    ]
