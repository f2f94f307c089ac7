"""The tax receipt's arithmetic and the money aggregations, from the loaded packages (no site build).

The expected figures are written out here from the CSV files, or computed with
exact fractions, so a mistake in ``money.py`` cannot hide behind itself. The
income field's cases are in ``test_income_cases.py``; the pages in
``tests/site/test_money.py``.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import KARLSKOGA, KARLSKOGA_2022, MINI
from styrmodell import money
from styrmodell.fulfilment import Status
from styrmodell.money import IncomeError, apportion, municipal_tax, tax_receipt
from styrmodell.package import load_package
from styrmodell.settings import Settings
from styrmodell.views import money as money_views
from styrmodell.views import period_view

# Arithmetic ------------------------------------------------------------------------------------


def test_municipal_tax_is_income_times_rate_in_whole_kronor():
    assert municipal_tax(30_000, 2200) == 6600
    assert municipal_tax(30_000, 2200, months=12) == 79_200
    assert municipal_tax(12_345, 2142) == 2644  # 2644.299 rounds down
    assert municipal_tax(25, 2200) == 6  # 5.5: a half krona rounds up
    assert municipal_tax(0, 2200) == 0


def test_largest_remainder_gives_the_left_over_kronor_to_the_largest_remainders():
    assert apportion(10, [1, 1, 1]) == (4, 3, 3)  # a tie goes to the first part
    assert apportion(10, [1, 2, 2]) == (2, 4, 4)
    assert apportion(100, [3, 3, 3, 1]) == (30, 30, 30, 10)
    assert apportion(7, [0, 5]) == (0, 7)
    assert apportion(0, [5, 3]) == (0, 0)


def test_apportion_refuses_what_it_cannot_split():
    with pytest.raises(ValueError, match="negativt"):
        apportion(-1, [1])
    with pytest.raises(ValueError, match="Vikterna"):
        apportion(10, [0, 0])


@pytest.mark.parametrize("income", [0, 1, 99, 12_345, 30_000, 45_678, 1_000_003, money.MAX_MONTHLY_INCOME])
def test_receipt_parts_add_up_exactly_and_stay_within_a_krona_of_the_exact_share(income):
    basis = money.receipt_basis(load_package(KARLSKOGA))
    receipt = tax_receipt(income, basis.rate, basis.weights)
    assert sum(line.month for line in receipt.lines) == receipt.month
    assert sum(line.year for line in receipt.lines) == receipt.year
    assert sum(line.per_100 for line in receipt.lines) == 100
    total_weight = sum(basis.weights)
    for line, weight in zip(receipt.lines, basis.weights, strict=True):
        assert abs(line.month - Fraction(receipt.month * weight, total_weight)) < 1
        assert abs(line.year - Fraction(receipt.year * weight, total_weight)) < 1
        assert abs(line.per_100 - Fraction(100 * weight, total_weight)) < 1


def test_random_incomes_add_up():
    rng = random.Random(1883)  # noqa: S311 - test data, not security; fixed seed: the same cases every run
    weights = [rng.randint(1, 10**11) for _ in range(11)]
    for _ in range(500):
        income = rng.randint(0, money.MAX_MONTHLY_INCOME)
        receipt = tax_receipt(income, rng.randint(1500, 2500), weights)
        assert sum(line.month for line in receipt.lines) == receipt.month
        assert sum(line.year for line in receipt.lines) == receipt.year


def test_zero_income_gives_zero_tax_everywhere_but_still_splits_100_kr():
    receipt = tax_receipt(0, 2200, [3, 1])
    assert (receipt.month, receipt.year) == (0, 0)
    assert [(line.month, line.year) for line in receipt.lines] == [(0, 0), (0, 0)]
    assert [line.per_100 for line in receipt.lines] == [75, 25]


def test_very_large_income_is_exact_and_above_the_limit_is_refused():
    receipt = tax_receipt(money.MAX_MONTHLY_INCOME, 2200, [1])
    assert receipt.month == 22_000_000
    assert receipt.year == 264_000_000
    with pytest.raises(IncomeError) as error:
        tax_receipt(money.MAX_MONTHLY_INCOME + 1, 2200, [1])
    assert error.value.code == "too-large"
    with pytest.raises(IncomeError):
        tax_receipt(-1, 2200, [1])


def test_weights_and_rates_are_read_exactly_from_the_data():
    assert money.integer_weights([1.5, 2]) == (15, 20)
    assert money.integer_weights([21712.959905, 708.798468]) == (21712959905, 708798468)
    assert money.rate_hundredths(22.0) == 2200
    assert money.rate_hundredths(21.42) == 2142
    with pytest.raises(ValueError, match="två decimaler"):
        money.rate_hundredths(22.005)


# Economy aggregations --------------------------------------------------------------------------


def test_budget_deviation_is_exact_budget_minus_outcome():
    model = load_package(MINI)
    (year,) = money_views.budget_years(model)
    (line,) = year.lines
    assert year.year == 2022
    assert year.closed
    assert line.deviation == Decimal("-9.7") * 1_000_000  # 500.5 − 510.2 mnkr in kronor, with no float noise
    assert line.carried_over == Decimal("-9.7") * 1_000_000
    assert year.example


def test_financial_goal_is_met_when_the_share_reaches_the_goal():
    model = load_package(MINI)
    (row,) = money_views.financial_goal_years(model, tolerance=0.05)
    assert row.status == Status.MET
    karlskoga = {f.row.year: f.status for f in money_views.financial_goal_years(load_package(KARLSKOGA_2022), 0.05)}
    assert karlskoga[2016] == Status.MET  # 7.2 % against 2.0 %
    assert karlskoga[2022] == Status.NO_TARGET  # the sources give no goal for 2022


def test_karlskoga_receipt_uses_2022_costs_and_the_2022_rate():
    model = load_package(KARLSKOGA_2022)
    basis = money.receipt_basis(model)
    assert basis.year == 2022
    assert basis.tax.year == 2022
    assert basis.rate == 2200
    assert {a.unit for a in basis.areas} == {"kr/inv"}
    assert not any(a.example for a in basis.areas)


#: Each receipt row of Karlskoga 2022, largest net cost first (spending.csv): the area, its nämnd, and the
#: styrmått shown on the row. First the styrmått with the area's own Kolada KPI, then the nämnd's styrmått
#: whose name or definition is about the area (Socialnämnden's väntetid till särskilt boende belongs to
#: äldreomsorgen, not to individ- och familjeomsorg); no styrmått on two rows.
KARLSKOGA_RECEIPT_ROWS = [
    ("forskola-skola", "bun", ["meritvarde-ak9", "nojdhet-gymnasiet-ar2"]),
    ("aldre-funktionsnedsattning", "sn", ["nettokostnad-aldre-funktionsnedsattning", "vantetid-sarskilt-boende"]),
    ("individ-familj", "sn", ["nettokostnad-ifo"]),
    ("infrastruktur", "sbn", ["nettokostnad-infrastruktur"]),
    ("fritid", "kfn", ["nettokostnad-fritid", "nojdhet-idrott-fritid"]),
    ("kultur", "kfn", ["nettokostnad-kultur", "nojdhet-bibliotek-kultur"]),
    ("arbetsmarknad", "ttn", []),
    ("politisk-verksamhet", "ks", []),
]


def test_receipt_rows_show_the_owners_goals_and_styrmatt_about_their_own_area():
    model = load_package(KARLSKOGA_2022)
    settings = Settings()
    page = money_views.receipt_page(model, period_view(model, model.latest_period(), settings), settings)
    rows = [(row.area.area, row.owner.id, [k.indicator.id for k in row.key_indicators]) for row in page.rows]
    assert rows == KARLSKOGA_RECEIPT_ROWS
    assert [row.rollup.key for row in page.rows] == [owner for _, owner, _ in KARLSKOGA_RECEIPT_ROWS]


@pytest.mark.parametrize(
    ("indicator", "area", "related"),
    [
        ("nojdhet-idrott-fritid", "fritid", True),  # "fritidsverksamhet" starts with "fritid"
        ("nettokostnad-ifo", "individ-familj", True),  # "individ- och familjeomsorg" in the name
        ("meritvarde-ak9", "forskola-skola", True),  # "oavsett var de går i skola" in the definition
        ("nojdhet-bibliotek-kultur", "kultur", True),  # "kulturliv"
        ("nojdhet-bibliotek-kultur", "fritid", False),
        ("vantetid-sarskilt-boende", "aldre-funktionsnedsattning", True),  # "äldreomsorg"
        ("vantetid-sarskilt-boende", "individ-familj", False),
    ],
)
def test_a_styrmatt_relates_to_an_area_by_the_words_of_its_name(indicator, area, related):
    model = load_package(KARLSKOGA_2022)
    spending = next(s for s in model.spending if s.year == 2022 and s.unit == "kr/inv" and s.area == area)
    assert money_views.relates_to_area(model.indicator(indicator), spending) is related


def test_a_styrmatt_already_shown_gives_way_to_another():
    model = load_package(KARLSKOGA_2022)
    settings = Settings()
    view = period_view(model, model.latest_period(), settings)
    kultur = next(s for s in money.receipt_basis(model).areas if s.area == "kultur")
    rollup = next(r for r in view.by_owner if r.key == kultur.owner)
    year = view.period.year
    (first,) = money_views.key_indicators(model, kultur, rollup, year, settings, count=1)
    assert first.indicator.id == "nettokostnad-kultur"
    (other,) = money_views.key_indicators(
        model, kultur, rollup, year, settings, count=1, taken=frozenset({first.indicator.id})
    )
    assert other.indicator.id == "nojdhet-bibliotek-kultur"
    # With nothing else to show, a styrmått already shown is shown again rather than nothing.
    both = money_views.key_indicators(
        model, kultur, rollup, year, settings, taken=frozenset({"nojdhet-bibliotek-kultur"})
    )
    assert [k.indicator.id for k in both] == ["nettokostnad-kultur", "nojdhet-bibliotek-kultur"]


def test_the_receipts_statuses_are_of_the_spending_year_not_of_a_later_report():
    """Spending of 2022 beside the statuses of årsredovisning 2022, even when a report of 2023 is the latest."""
    model = load_package(KARLSKOGA_2022)
    settings = Settings()
    views_by_period = {p.id: period_view(model, p, settings) for p in model.periods}
    latest = views_by_period[model.latest_period().id]
    later = replace(
        latest,
        period=replace(latest.period, id="2023-12", year=2023, name="Årsredovisning 2023", end_date=date(2023, 12, 31)),
    )
    page = money_views.receipt_page(model, later, settings, {**views_by_period, "2023-12": later})
    assert page.basis.year == 2022
    assert page.period_name == "Årsredovisning 2022"
    assert money_views.report_of_year(views_by_period, 2031, later) is later
