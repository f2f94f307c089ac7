"""Budgets in the package's own unit (budget.csv's column ``unit``: kr, tkr or mnkr), on packages built from mini.

The figures expected here are written out by hand from the rows each test writes: a budget in
tkr is shown in mnkr with enough decimals that an 18 tkr utfall is not 0, sums are exact, and a
table whose rounded rows do not add up to its Summa says so.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import MINI
from styrmodell import money
from styrmodell.charts.describe import budget_draft
from styrmodell.package import CONTRACT, load_package, validate_package
from styrmodell.settings import Settings
from styrmodell.views import money as money_views

NBSP = "\u00a0"
MINUS = "\u2212"
HEADER = "organisation,year,kind,period,net_cost,investments,carried_over,unit,source,example"


def budget_package(tmp_path: Path, rows: list[str], *, unit_column: bool = True) -> Path:
    """The mini package with ``rows`` (CSV lines after the header) as its budget.csv."""
    package = tmp_path / "paket"
    shutil.copytree(MINI, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    contract = {r["name"]: r for r in json.loads(CONTRACT.read_text(encoding="utf-8"))["resources"]}
    budget = next(r for r in descriptor["resources"] if r["name"] == "budget")
    header = HEADER
    if unit_column:
        budget["schema"] = contract["budget"]["schema"]
    else:
        header = header.replace(",unit", "")
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (package / "budget.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return package


def names(model) -> dict[str, str]:
    return {o.id: o.name for o in model.organisation}


# The arithmetic ----------------------------------------------------------------------------------


def test_amounts_become_exact_kronor_in_every_unit():
    assert money.in_kronor(312450, "tkr") == Decimal(312_450_000)
    assert money.in_kronor(0.1, "mnkr") == Decimal(100_000)
    assert money.in_kronor(18.5, "kr") == Decimal("18.5")
    assert money.in_kronor(None, "mnkr") is None
    assert money.exact_sum([0.1, 0.2, None]) == Decimal("0.3")
    assert money.exact_sum([None]) is None


def test_the_scale_is_the_largest_unit_that_keeps_the_largest_amount_at_1_or_more():
    mnkr, tkr, kr = (money.MONEY_UNITS[u] for u in ("mnkr", "tkr", "kr"))
    assert money.money_scale([Decimal(312_450_000)]) == money.MoneyScale(mnkr, 1)
    assert money.money_scale([Decimal(450_000)]) == money.MoneyScale(tkr, 0)
    assert money.money_scale([Decimal(450)]) == money.MoneyScale(kr, 0)
    assert money.money_scale([]) == money.MoneyScale(kr, 0)
    assert money.money_scale([Decimal(0)], mnkr) == money.MoneyScale(mnkr, 1)


def test_no_amount_other_than_0_is_shown_as_0():
    scale = money.money_scale([Decimal(312_450_000), Decimal(18_000), Decimal(0)])
    assert scale == money.MoneyScale(money.MONEY_UNITS["mnkr"], 2)
    assert scale.text(Decimal(18_000)) == f"0,02{NBSP}mnkr"
    assert scale.text(Decimal(312_450_000)) == f"312,45{NBSP}mnkr"
    assert scale.text(Decimal(0)) == f"0,00{NBSP}mnkr"
    assert scale.text(None) == "–"
    # A single krona in a table of millions: six decimals, the most mnkr gets.
    assert money.money_scale([Decimal(10**9), Decimal(1)]).decimals == 6
    assert money.money_scale([Decimal(10**9), Decimal(-1)]).text(Decimal(-1)) == f"{MINUS}0,000001{NBSP}mnkr"


def test_rounded_rows_that_miss_the_rounded_total_are_found():
    scale = money.MoneyScale(money.MONEY_UNITS["mnkr"], 1)
    rows = [Decimal(1_040_000)] * 3  # 1,0 + 1,0 + 1,0 = 3,0, but the sum is 3,12 → 3,1
    assert money.rounding_differs(scale, rows, money.exact_sum(rows))
    assert not money.rounding_differs(scale, [Decimal(1_000_000), Decimal(2_000_000)], Decimal(3_000_000))
    assert not money.rounding_differs(scale, [None], None)


# The economy page --------------------------------------------------------------------------------


def test_a_budget_in_tkr_is_shown_in_mnkr_and_an_18_tkr_utfall_is_not_0(tmp_path):
    package = budget_package(
        tmp_path,
        [
            "bun,2022,budget,,312450,,,tkr,exempeldata,true",
            "bun,2022,utfall,2022-12,312468,,,tkr,exempeldata,true",
            "ks,2022,budget,,20,,,tkr,exempeldata,true",
            "ks,2022,utfall,2022-12,18,,,tkr,exempeldata,true",
        ],
    )
    model = load_package(package)
    page = money_views.economy_page(model, Settings())
    assert page.budget_unit.name == "miljoner kronor"
    (year,) = page.budget_years
    text = {line.organisation.id: [year.scale.text(a) for a in line.amounts] for line in year.lines}
    # The smallest amount other than 0 is ks's deviation, 2 tkr: three decimals of mnkr show it.
    assert text == {
        "bun": [f"312,450{NBSP}mnkr", "–", f"312,468{NBSP}mnkr", f"{MINUS}0,018{NBSP}mnkr", "–", "–"],
        "ks": [f"0,020{NBSP}mnkr", "–", f"0,018{NBSP}mnkr", f"0,002{NBSP}mnkr", "–", "–"],
    }
    assert [year.scale.text(t) for t in year.totals] == [
        f"312,470{NBSP}mnkr",
        "–",
        f"312,486{NBSP}mnkr",
        f"{MINUS}0,016{NBSP}mnkr",
        "–",
        "–",
    ]
    assert year.rounding_note == ""  # every amount is exact with three decimals
    assert page.plan.scale.text(page.plan.totals[0]) == f"312,47{NBSP}mnkr"  # the plan has no deviations


def test_a_budget_in_kr_of_a_small_organ_is_shown_in_tkr(tmp_path):
    package = budget_package(
        tmp_path,
        [
            "ks,2022,budget,,450000,12500.5,,kr,exempeldata,true",
            "ks,2022,utfall,2022-12,449000.4,,,kr,exempeldata,true",
        ],
    )
    (year,) = money_views.budget_years(load_package(package))
    (line,) = year.lines
    assert [year.scale.text(a) for a in line.amounts] == [
        f"450{NBSP}tkr",
        "–",
        f"449{NBSP}tkr",
        f"1{NBSP}tkr",
        "–",
        "–",
    ]


def test_amounts_in_different_units_are_added_in_kronor(tmp_path):
    package = budget_package(
        tmp_path,
        ["bun,2022,budget,,500.5,,,mnkr,exempeldata,true", "ks,2022,budget,,1500,,,tkr,exempeldata,true"],
    )
    (year,) = money_views.budget_years(load_package(package))
    assert year.total_budget == Decimal(502_000_000)
    assert year.scale.text(year.total_budget) == f"502,0{NBSP}mnkr"


def test_a_table_whose_rounded_rows_miss_the_summa_says_so(tmp_path):
    package = budget_package(
        tmp_path,
        [
            "bun,2022,budget,,2.34,10.5,,mnkr,exempeldata,true",
            "ks,2022,budget,,1.01,1.5,,mnkr,exempeldata,true",
        ],
    )
    (year,) = money_views.budget_years(load_package(package))
    # Budget: 2,3 + 1,0 = 3,3 on the rows, but 2,34 + 1,01 = 3,35 → 3,4 in Summa; investments add up.
    assert year.scale.text(year.total_budget) == f"3,4{NBSP}mnkr"
    assert year.rounding_note == (
        "Beloppen är avrundade var för sig. Summan är räknad på de exakta beloppen, därför blir de avrundade "
        "beloppen i kolumnen Budget tillsammans inte exakt lika mycket som summan."
    )
    plan = money_views.budget_plan(load_package(package))
    assert "i kolumnen 2022 " in plan.rounding_note


def test_the_rounding_note_names_every_column_that_misses():
    scale = money.MoneyScale(money.MONEY_UNITS["mnkr"], 1)
    assert "i kolumnerna Budget, Utfall och Avvikelse tillsammans" in money_views.rounding_note(
        scale, ["Budget", "Utfall", "Avvikelse"]
    )
    assert money_views.rounding_note(scale, []) == ""


def test_a_package_without_the_unit_column_is_in_mnkr(tmp_path):
    package = budget_package(tmp_path, ["bun,2022,budget,,500.5,,,exempeldata,true"], unit_column=False)
    (row,) = load_package(package).budget
    assert row.unit == "mnkr"


def test_the_shipped_packages_say_their_budget_is_in_mnkr():
    root = Path(__file__).resolve().parents[2] / "data"
    for kommun in ("karlskoga", "exempelkommun"):
        header, *rows = (root / kommun / "budget.csv").read_text(encoding="utf-8").splitlines()
        column = header.split(",").index("unit")
        assert {r.split(",")[column] for r in rows} == {"mnkr"}, kommun


def test_an_unknown_unit_is_named_in_swedish_on_its_row(tmp_path):
    package = budget_package(
        tmp_path,
        ["bun,2022,budget,,500.5,,,mnkr,exempeldata,true", "bun,2022,utfall,2022-12,510,,,Mkr,exempeldata,true"],
    )
    problems = validate_package(package)
    assert [(p.file, p.row, p.column, p.type) for p in problems] == [("budget.csv", 3, "unit", "constraint-error")]
    assert "välj ett av: kr, tkr, mnkr" in str(problems[0])
    empty = budget_package(tmp_path / "tom", ["bun,2022,budget,,500.5,,,,exempeldata,true"])
    assert [(p.row, p.column, p.message) for p in validate_package(empty)] == [(2, "unit", "värde saknas")]


# The budget chart ----------------------------------------------------------------------------------


def test_the_budget_chart_of_a_tkr_package_shows_mnkr_with_enough_decimals(tmp_path):
    package = budget_package(
        tmp_path,
        ["bun,2022,budget,,312450,,,tkr,exempeldata,true", "ks,2022,utfall,2022-12,18,,,tkr,exempeldata,true"],
    )
    model = load_package(package)
    draft = budget_draft(model.budget, names(model))
    assert draft.title == "Nettokostnad per nämnd och år, miljoner kronor (mnkr)"
    assert draft.summary == f"Nettokostnad för alla nämnder 2022: budget 312,45{NBSP}mnkr, utfall 0,02{NBSP}mnkr."
    assert [row[2] for row in draft.table.rows] == [f"312,45{NBSP}mnkr", f"0,02{NBSP}mnkr"]
    assert draft.csv.splitlines() == [
        "organisation,namn,ar,slag,nettokostnad_mnkr,kalla,exempel",
        "bun,Barn- och utbildningsnämnden,2022,budget,312.45,exempeldata,true",
        "ks,Kommunstyrelsen,2022,utfall,0.018,exempeldata,true",
    ]
    spec = draft.recipe.build()
    records = json.dumps(spec, ensure_ascii=False)
    assert f'"label": "0,02{NBSP}mnkr"' in records
    assert '"net_cost": 0.018' in records


def test_the_budget_chart_adds_its_sums_exactly(tmp_path):
    # As floats 2.34 + 1.01 = 3.3499999999999996, which rounds to 3,3; the sum is 3,35 → 3,4.
    package = budget_package(
        tmp_path,
        ["bun,2022,budget,,2.34,,,mnkr,exempeldata,true", "ks,2022,budget,,1.01,,,mnkr,exempeldata,true"],
    )
    model = load_package(package)
    assert (
        budget_draft(model.budget, names(model)).summary == f"Nettokostnad för alla nämnder 2022: budget 3,4{NBSP}mnkr."
    )


@pytest.mark.parametrize("unit", ["kr", "tkr", "mnkr"])
def test_the_csv_keeps_the_amount_as_written_when_the_chart_shows_its_unit(tmp_path, unit):
    amount = {"kr": "450000", "tkr": "450", "mnkr": "450.5"}[unit]
    package = budget_package(tmp_path, [f"bun,2022,budget,,{amount},,,{unit},exempeldata,true"])
    model = load_package(package)
    csv = budget_draft(model.budget, names(model)).csv.splitlines()
    expected_unit = {"kr": "tkr", "tkr": "tkr", "mnkr": "mnkr"}[unit]
    assert csv[0].split(",")[4] == f"nettokostnad_{expected_unit}"
    assert csv[1].split(",")[4] == {"kr": "450", "tkr": "450", "mnkr": "450.5"}[unit]
