"""The tax calculator on /skattepengar/ in a real Chromium, with and without JavaScript.

The calculator repeats the Python arithmetic in the browser; these tests type
every input of ``tests/fixtures/income-cases.json`` (the cases the unit tests run
against ``money.py`` and, in Node, against the script) into the real page and
compare every figure with ``styrmodell.money`` on the Karlskoga figures.
The server and the browser are the shared fixtures in ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, KARLSKOGA
from styrmodell import money
from styrmodell.formatting import kronor
from styrmodell.package import load_package
from styrmodell.views import money as money_views

pytestmark = pytest.mark.browser

CASES = json.loads((FIXTURES / "income-cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def receipt_page(browser, served_site):
    """The receipt page with JavaScript, opened once for every case (each case types its own income).

    Fails on any console error or request to another origin.
    """
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda req: None if req.url.startswith(served_site) else problems.append(req.url))
    page.goto(f"{served_site}/skattepengar/")
    yield page
    context.close()
    assert not problems, f"fel i konsolen eller anrop till andra webbplatser: {problems}"


@pytest.fixture(scope="module")
def basis():
    return money.receipt_basis(load_package(KARLSKOGA))


def _calculate(page, text: str) -> None:
    page.fill("#inkomst", text)
    page.click("button[type=submit]")


def _cells(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "td[data-field]",
        "cells => Object.fromEntries(cells.map(c => [(c.dataset.area || '') + ':' + c.dataset.field, c.textContent]))",
    )


def _expected_cells(basis, income: int) -> dict[str, str]:
    receipt = money.tax_receipt(income, basis.rate, basis.weights)
    cells = {":total-month": kronor(receipt.month), ":total-year": kronor(receipt.year)}
    for area, line in zip(basis.areas, receipt.lines, strict=True):
        cells[f"{area.area}:month"] = kronor(line.month)
        cells[f"{area.area}:year"] = kronor(line.year)
        cells[f"{area.area}:per_100"] = kronor(line.per_100)
    return cells


@pytest.mark.parametrize("case", CASES["good"], ids=[repr(c["input"]) for c in CASES["good"]])
def test_calculator_gives_the_same_kronor_as_python(receipt_page, basis, case):
    income = case["income"]
    _calculate(receipt_page, case["input"])
    assert _cells(receipt_page) == _expected_cells(basis, income)
    receipt = money.tax_receipt(income, basis.rate, basis.weights)
    expected = money_views.SUMMARY_TEMPLATE.format(
        income=kronor(income), month=kronor(receipt.month), year=kronor(receipt.year)
    )
    assert receipt_page.text_content("#kvitto-summa") == expected
    assert receipt_page.get_attribute("#kvitto-summa", "aria-live") == "polite"
    assert receipt_page.is_hidden("#inkomst-fel")


@pytest.mark.parametrize("case", CASES["bad"], ids=[repr(c["input"]) for c in CASES["bad"]])
def test_bad_input_gives_a_clear_message_and_no_nan(receipt_page, basis, case):
    before = _cells(receipt_page)
    _calculate(receipt_page, case["input"])
    assert receipt_page.is_visible("#inkomst-fel")
    assert receipt_page.text_content("#inkomst-fel") == money.INCOME_MESSAGES[case["error"]]
    assert receipt_page.get_attribute("#inkomst", "aria-invalid") == "true"
    body = receipt_page.text_content("main")
    assert "NaN" not in body
    assert "undefined" not in body
    assert _cells(receipt_page) == before, "a bad income must not change the receipt"
    _calculate(receipt_page, "30000")
    assert receipt_page.is_hidden("#inkomst-fel")
    assert receipt_page.get_attribute("#inkomst", "aria-invalid") is None


def test_page_without_javascript_shows_the_worked_example(browser, served_site, basis):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{served_site}/skattepengar/")
        assert _cells(page) == _expected_cells(basis, 30_000)
        assert page.is_visible("noscript p")
        assert page.text_content("noscript p") == (
            "Räknaren behöver JavaScript. Utan JavaScript visar sidan ett räkneexempel"
            " med en inkomst på 30\u00a0000\u00a0kr i månaden."
        )
        assert page.input_value("#inkomst") == "30000"
        assert "30\u00a0000\u00a0kr" in page.text_content("#kvitto-exempel")
        assert page.is_visible("table.receipt")
    finally:
        context.close()


def test_a_shared_link_opens_with_its_income(browser, served_site, basis):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served_site}/skattepengar/?inkomst=52000")
        assert _cells(page) == _expected_cells(basis, 52_000)
    finally:
        context.close()
