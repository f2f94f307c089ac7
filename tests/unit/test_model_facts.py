"""The facts of a package's styrmodell that the generic pages print, and the open vocabulary behind them."""

from __future__ import annotations

import pytest
from conftest import EXEMPELKOMMUN, KARLSKOGA_2022, MINI
from styrmodell.charts.specs import planning_spec
from styrmodell.formatting import measure
from styrmodell.package import load_package
from styrmodell.package.model import DEFAULT_UNITS, PlanningStep
from styrmodell.views.model_facts import and_list, fill_facts, genitive, model_view, prose_facts, reporting_months


@pytest.fixture(scope="module")
def example():
    return load_package(EXEMPELKOMMUN)


def test_the_example_model_has_three_levels_four_perspectives_and_four_reports(example):
    view = model_view(example)
    assert view.levels_text == "tre nivåer: Målbild, Inriktningsmål och Effektmål"
    assert view.perspectives_text.startswith("fyra perspektiv: ")
    assert view.rhythm_text == "efter mars, juni, september och december"
    assert view.reports_per_year == 4
    assert [o.id for o in view.companies] == ["bb", "eb"]
    assert view.decision is not None
    assert view.decision.type == "styrmodell"
    assert view.example is True


def test_facts_follow_each_package():
    for directory in (MINI, KARLSKOGA_2022):
        model = load_package(directory)
        facts = prose_facts(model, model_view(model))
        assert facts["kommun"] == model.municipality.name
        assert facts["antal-nivaer"] in ("två", "tre", "fyra", "fem")
        assert all(isinstance(v, str) and v for v in facts.values())


def test_facts_are_escaped_and_unknown_names_are_reported():
    text, unknown = fill_facts("<p>{data:kommun} och {data:okand}</p>", {"kommun": "A &amp; B"})
    assert text == "<p>A &amp; B och {data:okand}</p>"
    assert unknown == ("okand",)


def test_swedish_lists_and_genitives():
    assert and_list(["a"]) == "a"
    assert and_list(["a", "b", "c"]) == "a, b och c"
    assert genitive("Exempelkommun") == "Exempelkommuns"
    assert genitive("Vännäs") == "Vännäs"


def test_the_rhythm_is_the_year_with_the_most_reports(example):
    assert reporting_months(example) == (3, 6, 9, 12)


def test_units_of_the_package_and_the_built_in_ones(example):
    kilos = next(i for i in example.indicators if i.unit == "kg-inv")
    assert (kilos.unit_name, kilos.unit_symbol) == ("kilogram per invånare", "kg/inv.")
    energy = next(i for i in example.indicators if i.unit == "kwh-m2")
    assert measure(114.2, energy.unit_symbol, 1) == "114,2\u00a0kWh/m²"
    assert energy.unit_title == "Kilowattimmar per kvadratmeter"
    assert measure(3, DEFAULT_UNITS["antal"].symbol) == "3"
    assert measure(82, "procent") == "82\u00a0%"


def test_an_unknown_unit_is_reported(mini_copy):
    from styrmodell.package import validate_package

    path = mini_copy / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",poang,1,", ",grader,1,", 1), encoding="utf-8")
    problems = validate_package(mini_copy)
    assert [(p.file, p.column, p.type) for p in problems] == [("indicators.csv", "unit", "unit-unknown")]
    assert "units.csv" in problems[0].fix


@pytest.mark.parametrize(
    ("start", "end", "offset", "first", "last"),
    [
        (11, 1, 0, 10, 13),  # november–januari: over the new year, never backwards
        (12, 1, 1, 23, 25),
        (3, 4, 3, 38, 40),  # three years after the first
        (6, 6, 0, 5, 6),
    ],
)
def test_planning_steps_are_drawn_forwards(start, end, offset, first, last):
    step = PlanningStep("s", 1, "Steg", start, end, offset, "ks", "s", False)
    assert (step.first_month, step.last_month) == (first, last)
    records = list(_records(planning_spec([step]).to_dict()))
    assert {(r["start"], r["end"]) for r in records} == {(first, last)}


def _records(node):
    """Every data row of a chart spec that has a start and an end (the steps' bars)."""
    if isinstance(node, dict):
        if "start" in node and "end" in node:
            yield node
        for value in node.values():
            yield from _records(value)
    elif isinstance(node, list):
        for value in node:
            yield from _records(value)
