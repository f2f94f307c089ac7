"""The income field's cases (``tests/fixtures/income-cases.json``) against ``styrmodell.money``.

The same file drives the browser script's own arithmetic in Node
(``tests/unit/skattekvitto.test.mjs``, run by ``test_skattekvitto_js.py``) and
the real page in Chromium (``tests/browser/test_receipt.py``), so Python and
JavaScript are held to one list of inputs and one set of expected kronor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from styrmodell import money
from styrmodell.formatting import kronor
from styrmodell.money import IncomeError, parse_income, tax_receipt

CASES = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "income-cases.json").read_text(encoding="utf-8"))
GOOD = CASES["good"]
BAD = CASES["bad"]


def test_the_cases_use_the_messages_and_limit_of_the_code():
    assert CASES["messages"] == money.INCOME_MESSAGES
    assert CASES["max_income"] == money.MAX_MONTHLY_INCOME
    assert {case["error"] for case in BAD} == set(money.INCOME_MESSAGES), "every message has a case"


@pytest.mark.parametrize("case", GOOD, ids=[repr(c["input"]) for c in GOOD])
def test_good_income_gives_the_expected_kronor(case):
    income = parse_income(case["input"])
    assert income == case["income"]
    receipt = tax_receipt(income, case["rate_hundredths"], [int(w) for w in case["weights"]])
    assert (receipt.income, receipt.month, receipt.year) == (case["income"], case["month"], case["year"])
    assert [[line.month, line.year, line.per_100] for line in receipt.lines] == case["parts"]
    assert {"income": kronor(income), "month": kronor(receipt.month), "year": kronor(receipt.year)} == case["texts"]


@pytest.mark.parametrize("case", BAD, ids=[repr(c["input"]) for c in BAD])
def test_bad_income_gives_its_swedish_message(case):
    with pytest.raises(IncomeError) as error:
        parse_income(case["input"])
    assert error.value.code == case["error"]
    assert str(error.value) == CASES["messages"][case["error"]]
