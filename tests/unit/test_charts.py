"""Charts without a site: specs, Swedish summaries, tables and CSV, accessible SVG, the render cache and pool."""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from dataclasses import replace

import pytest
from conftest import KARLSKOGA_2022, MINI
from styrmodell import fulfilment, views
from styrmodell.charts import describe, money_specs, site, specs, theme
from styrmodell.charts.chart import EXAMPLE_ALTERNATIVE, Chart
from styrmodell.charts.render import (
    MAX_WORKERS,
    Renderer,
    accessible_svg,
    chart_workers,
    renderer_from_settings,
)
from styrmodell.charts.specs import IndicatorSeries
from styrmodell.exports.tables import csv_text, rows_csv, whole_number
from styrmodell.formatting import MINUS, NBSP, kronor
from styrmodell.fulfilment import GoalStatus, Status
from styrmodell.package import load_package
from styrmodell.package.model import ROW_CLASSES, Styrmodell, Target
from styrmodell.settings import Settings
from styrmodell.views import money


@pytest.fixture(scope="module")
def mini():
    return load_package(MINI)


def changed(model: Styrmodell, **tables) -> Styrmodell:
    """A copy of ``model`` with some resources replaced (row tuples), indexes rebuilt."""
    rows = {name: getattr(model, name) for name in ROW_CLASSES if name != "municipality"}
    rows["municipality"] = (model.municipality,)
    rows.update(tables)
    return Styrmodell.from_rows(rows)


def series(model: Styrmodell, indicator_id: str) -> IndicatorSeries:
    """What the styrmått's chart draws: its page's view (with the default tolerance) and its comparisons."""
    view = views.indicator_view(model, model.indicator(indicator_id), model.latest_period().year, Settings())
    return specs.indicator_series(view, model.comparisons_of(indicator_id))


def render(draft, cache=None):
    return Renderer(cache).render_many([draft])[0]


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [])


def mark_type(layer: dict) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


# Theme and palette --------------------------------------------------------------------------------


def test_the_swedish_locale_travels_inside_every_spec(mini):
    spec = theme.to_spec(specs.indicator_spec(series(mini, "meritvarde")), validate=True)
    number = spec["config"]["locale"]["number"]
    assert number["decimal"] == ","
    assert number["thousands"] == NBSP  # the same grouping as Babel in formatting.py
    assert number["minus"] == MINUS  # the same minus as the page text
    months = spec["config"]["locale"]["time"]["months"]
    assert months[0] == "januari"
    assert months[9] == "oktober"


def test_rendered_numbers_use_decimal_comma_no_break_space_and_unicode_minus(tmp_path):
    rows = [money_specs.ReceiptRow("Skola", 12345.0, "s"), money_specs.ReceiptRow("Minus", -2500.0, "s")]
    chart = render(describe.receipt_draft(rows, 30000, path="x"), tmp_path)
    texts = re.findall(r">([^<]+)</text>", str(chart.svg))
    assert f"12{NBSP}345{NBSP}kr" in texts
    assert any(t.startswith(f"{MINUS}2{NBSP}500") for t in texts)
    assert not any(re.search(r"\d\.\d", t) for t in texts)


def _contrast(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_marks_have_3_to_1_and_text_4_5_to_1_contrast_against_white():
    marks = [*theme.PALETTE, *theme.GOAL_STATUS_COLOURS.values(), *theme.KIND_COLOURS.values()]
    assert min(_contrast(c) for c in marks) >= 3
    assert _contrast(theme.TARGET_TEXT) >= 4.5
    assert _contrast(theme.MUTED) >= 4.5
    # white labels on the status bars
    assert min(_contrast(c) for c in theme.GOAL_STATUS_COLOURS.values()) >= 4.5


# The styrmått chart --------------------------------------------------------------------------------


def test_indicator_spec_has_results_target_comparison_and_an_explicit_year_domain(mini):
    spec = specs.indicator_spec(series(mini, "meritvarde")).to_dict()  # validates against Vega-Lite
    kinds = [mark_type(layer) for layer in layers(spec)]
    assert "line" in kinds
    # 2021 has one bound (minst 220): a tick; 2022 a range (225–230): a bar from min to max
    assert "tick" in kinds
    band = next(layer for layer in layers(spec) if mark_type(layer) == "bar")
    assert band["encoding"]["y"]["field"] == "low"
    assert band["encoding"]["y2"]["field"] == "high"
    line = next(layer for layer in layers(spec) if mark_type(layer) == "line")
    assert line["encoding"]["color"]["scale"]["domain"] == ["Resultat", "Målnivå", "Riket"]
    assert line["encoding"]["x"]["scale"]["domain"] == [2019.5, 2022.5]


def test_population_chart_reaches_the_2025_target():
    model = load_package(KARLSKOGA_2022)
    spec = specs.indicator_spec(series(model, "invanare")).to_dict()
    tick = next(layer for layer in layers(spec) if mark_type(layer) == "tick")
    assert {"year": 2025, "series": "Målnivå", "value": 32000} in tick["data"]["values"]
    assert tick["encoding"]["x"]["scale"]["domain"][1] >= 2025
    # the country's population would flatten the municipality's line: not drawn for counts
    assert all(mark_type(layer) != "line" or "Riket" not in str(layer) for layer in layers(spec))
    text = [layer for layer in layers(spec) if mark_type(layer) == "text"]
    assert any(d.get("label") == "Målnivå 2025" for layer in text for d in layer["data"]["values"])
    assert "Målnivån för 2025 är minst 32\u00a0000." in describe.indicator_summary(series(model, "invanare"))


def test_years_without_result_are_marked_ej_matt_or_ej_uppfoljd_and_method_breaks_split_the_line(mini):
    results = tuple(r for r in mini.results if not (r.indicator == "meritvarde" and r.year == 2021))
    results = tuple(
        replace(r, method_break=True) if r.indicator == "meritvarde" and r.year == 2022 else r for r in results
    )
    model = changed(mini, results=results)
    spec = specs.indicator_spec(series(model, "meritvarde")).to_dict()
    texts = [d for layer in layers(spec) if mark_type(layer) == "text" for d in layer["data"]["values"]]
    # 2021 has a målnivå and its year had passed at the end of 2022: not followed up
    assert {"year": 2021, "label": "ej uppföljd"} in texts
    assert {"year": 2021.5, "label": "Nytt mätsätt"} in texts
    # without the målnivå, 2021 is a year between two results of a yearly measure: not measured
    targets = tuple(t for t in mini.targets if not (t.indicator == "meritvarde" and t.year == 2021))
    spec_without = specs.indicator_spec(series(changed(mini, results=results, targets=targets), "meritvarde"))
    texts = [
        d for layer in layers(spec_without.to_dict()) if mark_type(layer) == "text" for d in layer["data"]["values"]
    ]
    assert {"year": 2021, "label": "ej mätt"} in texts
    line = next(layer for layer in layers(spec) if mark_type(layer) == "line")
    segments = {d["segment"] for d in line["data"]["values"] if d["series"] == "Resultat"}
    assert segments == {"r0", "r1"}


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        # range target, missed by less than the tolerance; with the comparison
        (
            "meritvarde",
            "År 2022 var resultatet 219,8\u00a0poäng och målnivån 225,0–230,0\u00a0poäng: målet nåddes nästan. "
            "Riket: 230,1\u00a0poäng.",
        ),
        # lower is better, missed
        ("sjukfranvaro", "År 2022 var resultatet 8,1\u00a0% och målnivån högst 7,0\u00a0%: målet nåddes inte."),
        # lower is better, met
        (
            "kostnad-elev",
            "År 2022 var resultatet 98\u00a0000\u00a0kr/elev och målnivån högst 100\u00a0000\u00a0kr/elev: målet nåddes.",
        ),
    ],
)
def test_summary_sentences(mini, indicator, expected):
    assert describe.indicator_summary(series(mini, indicator)) == expected


def test_summary_without_target_and_without_result(mini):
    no_target = changed(mini, targets=tuple(t for t in mini.targets if t.indicator != "sjukfranvaro"))
    assert (
        describe.indicator_summary(series(no_target, "sjukfranvaro"))
        == "År 2022 var resultatet 8,1\u00a0%. Det fanns ingen målnivå för 2022."
    )
    no_result = changed(mini, results=tuple(r for r in mini.results if r.indicator != "sjukfranvaro"))
    assert (
        describe.indicator_summary(series(no_result, "sjukfranvaro"))
        == "Det finns inga resultat ännu. Målnivån för 2022 är högst 7,0\u00a0%."
    )
    nothing = changed(
        mini,
        results=tuple(r for r in mini.results if r.indicator != "sjukfranvaro"),
        targets=tuple(t for t in mini.targets if t.indicator != "sjukfranvaro"),
    )
    assert describe.indicator_summary(series(nothing, "sjukfranvaro")) == "Det finns inga resultat ännu."
    # and the spec still builds and validates
    specs.indicator_spec(series(nothing, "sjukfranvaro")).to_dict()


def test_a_band_target_with_both_bounds_equal_is_a_tick(mini):
    targets = (*mini.targets, Target("sjukfranvaro", 2021, "exempeldata", True, 6.0, 6.0))
    model = changed(mini, targets=targets)
    spec = specs.indicator_spec(series(model, "sjukfranvaro")).to_dict()
    tick = next(layer for layer in layers(spec) if mark_type(layer) == "tick")
    assert {"year": 2021, "series": "Målnivå", "value": 6.0} in tick["data"]["values"]


def test_chart_csv_and_table_hold_the_data_rows_with_their_source(mini):
    chart = describe.indicator_draft(series(mini, "meritvarde"), "styrmatt/meritvarde/diagram")
    rows = list(csv.DictReader(io.StringIO(chart.csv)))
    assert [(r["ar"], r["resultat"], r["malniva_min"], r["malniva_max"], r["riket"]) for r in rows] == [
        ("2020", "215.5", "", "", ""),
        ("2021", "221.2", "220", "", "229.8"),
        ("2022", "219.8", "225", "230", "230.1"),
    ]
    assert all(r["kalla"] for r in rows)
    assert chart.table.columns == ("År", "Resultat", "Målnivå", "Status", "Riket")
    assert chart.table.rows[-1][:3] == ("2022", "219,8\u00a0poäng", "225,0–230,0\u00a0poäng")
    assert chart.example  # the targets are example data


def test_the_chart_prints_the_statuses_of_the_view_it_is_given(mini):
    drawn = series(mini, "meritvarde")
    years = tuple(
        replace(y, status=replace(y.status, status=Status.MET)) if y.year == 2022 else y for y in drawn.view.years
    )
    chart = describe.indicator_draft(replace(drawn, view=replace(drawn.view, years=years)), "x")
    # 219.8 against 225–230 is "Nära" by the rules; the chart says what the view says
    assert [r["status"] for r in csv.DictReader(io.StringIO(chart.csv))][-1] == "Uppnådd"
    assert chart.table.rows[-1][3] == "✔ Uppnådd"
    assert chart.summary.startswith(
        "År 2022 var resultatet 219,8\u00a0poäng och målnivån 225,0–230,0\u00a0poäng: målet nåddes."
    )


def test_a_comparison_in_a_year_without_result_or_target_is_drawn_and_not_measured(mini):
    model = changed(
        mini,
        results=tuple(r for r in mini.results if (r.indicator, r.year) != ("meritvarde", 2021)),
        targets=tuple(t for t in mini.targets if (t.indicator, t.year) != ("meritvarde", 2021)),
    )
    drawn = series(model, "meritvarde")
    assert [y.year for y in drawn.view.years] == [2020, 2022]  # the view has no 2021, the chart still has Riket's
    spec = specs.indicator_spec(drawn).to_dict()
    line = next(layer for layer in layers(spec) if mark_type(layer) == "line")
    assert {"year": 2021, "series": "Riket", "value": 229.8, "segment": "riket"} in line["data"]["values"]
    rows = list(csv.DictReader(io.StringIO(describe.indicator_draft(drawn, "x").csv)))
    assert [(r["ar"], r["resultat"], r["status"], r["riket"]) for r in rows] == [
        ("2020", "215.5", "Målnivå saknas", ""),
        ("2021", "", "Ej mätt", "229.8"),
        ("2022", "219.8", "Nära", "230.1"),
    ]


def test_counts_are_drawn_without_comparisons():
    model = load_package(KARLSKOGA_2022)
    assert model.comparisons_of("invanare")
    assert series(model, "invanare").comparisons == ()


def test_one_csv_writer_with_the_line_ends_and_numbers_each_file_has_always_had():
    rows = [(2022, 98000.0, 1e16, -0.0, None, True, "a, b")]
    page = csv_text(["ar", "a", "b", "c", "d", "e", "f"], rows)
    assert page == 'ar,a,b,c,d,e,f\r\n2022,98000,1e+16,-0,,true,"a, b"\r\n'
    chart = csv_text(["ar", "a", "b", "c", "d", "e", "f"], rows, line_end="\n", number=whole_number)
    assert chart == 'ar,a,b,c,d,e,f\n2022,98000,10000000000000000,0,,true,"a, b"\n'
    assert rows_csv(["a", "b"], [{"a": 1.5}]) == b"a,b\r\n1.5,\r\n"


# Accessible SVG and the cache ------------------------------------------------------------------------


def test_rendered_svg_is_an_image_with_swedish_title_and_description_and_no_style(mini, tmp_path):
    chart = render(describe.indicator_draft(series(mini, "meritvarde"), "x"), tmp_path)
    for svg, key in ((str(chart.svg), chart.key), (str(chart.svg_narrow), f"{chart.key}-smal")):
        root = svg[: svg.index(">")]
        assert 'role="img"' in root
        assert f'aria-labelledby="{key}-titel"' in root
        assert f'aria-describedby="{key}-beskrivning"' in root
        assert f'<title id="{key}-titel">Meritvärde i årskurs 9 (exempeldata)</title>' in svg  # example targets
        assert f'<desc id="{key}-beskrivning">{chart.summary} {EXAMPLE_ALTERNATIVE}</desc>' in svg
        assert "style=" not in svg
        assert "aria-label=" not in svg
        assert "axis titled" not in svg.lower()
        assert svg.count('role="') == 1
        assert all(i.startswith(key) for i in re.findall(r'\sid="([^"]+)"', svg))
    assert chart.png.startswith(b"\x89PNG")


def test_style_attributes_become_presentation_attributes():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><g id="a" role="graphics-object" style="fill: red; opacity: 0.5"/></svg>'
    out = accessible_svg(svg, "k", "T & <t>", "S")
    assert "style=" not in out
    assert 'fill="red" opacity="0.5"' in out
    assert 'id="k-a"' in out
    assert 'role="graphics-object"' not in out
    assert '<title id="k-titel">T &amp; &lt;t&gt;</title>' in out


def test_a_second_render_with_unchanged_data_comes_from_the_cache(mini, tmp_path):
    drafts = [describe.indicator_draft(series(mini, ind.id), f"styrmatt/{ind.id}/diagram") for ind in mini.indicators]
    first = Renderer(tmp_path / "cache")
    rendered = first.render_many(drafts)
    assert Counter(r.cached for r in first.records) == {False: 2 * len(drafts)}
    second = Renderer(tmp_path / "cache")
    again = second.render_many(drafts)
    assert Counter(r.cached for r in second.records) == {True: 2 * len(drafts)}
    assert [(c.svg, c.svg_narrow, c.png) for c in rendered] == [(c.svg, c.svg_narrow, c.png) for c in again]


def test_a_spawn_pool_renders_the_same_bytes_as_this_process(mini, tmp_path):
    drafts = [describe.indicator_draft(series(mini, ind.id), f"styrmatt/{ind.id}/diagram") for ind in mini.indicators]
    serial = Renderer(None).render_many(drafts)
    pool = Renderer(None, workers=2, min_batch=1).render_many(drafts)
    assert [c.svg for c in serial] == [c.svg for c in pool]


# Money and årshjul charts -------------------------------------------------------------------------------


def test_budget_and_receipt_charts_describe_their_rows(mini, tmp_path):
    names = {o.id: o.name for o in mini.organisation}
    budget = render(describe.budget_draft(mini.budget, names), tmp_path)
    assert isinstance(budget, Chart)
    assert budget.svg.startswith("<svg")
    assert budget.example
    assert ("Barn- och utbildningsnämnden 2022", "Utfall", "510,2\u00a0mnkr") in budget.table.rows
    spec = money_specs.budget_spec(list(mini.budget), names).to_dict()
    assert spec["facet"]["row"]["field"] == "name"
    receipt = describe.receipt_draft(
        [money_specs.ReceiptRow("Skola", 2000.0, "kolada"), money_specs.ReceiptRow("Politik", 80.0, "kolada")], 30000
    )
    assert receipt.table.rows == (("Skola", "2\u00a0000\u00a0kr"), ("Politik", "80\u00a0kr"))
    assert receipt.summary.startswith("Med en inkomst på 30\u00a0000\u00a0kr i månaden går 2\u00a0080\u00a0kr")


def test_budget_chart_lists_namnder_in_swedish_order(mini):
    rows = [replace(next(iter(mini.budget)), organisation=o, year=2024, kind="budget") for o in ("ofn", "ks", "sbn")]
    names = {"ofn": "Överförmyndarnämnd", "ks": "Kommunstyrelsen", "sbn": "Samhällsbyggnadsnämnden"}
    spec = money_specs.budget_spec(rows, names).to_dict()
    assert spec["facet"]["row"]["sort"] == ["Kommunstyrelsen", "Samhällsbyggnadsnämnden", "Överförmyndarnämnd"]


def test_the_money_pages_charts_are_rendered_together_and_left_out_without_data(mini, tmp_path):
    settings = Settings()
    page = money.receipt_page(mini, views.period_view(mini, mini.latest_period(), settings), settings)
    renderer = Renderer(tmp_path)
    both = site.money_charts(page, mini, renderer, receipt_path="s/kvitto", budget_path="e/budget")
    assert [(c.key, c.path) for c in both.all()] == [("diagram-kvitto", "s/kvitto"), ("diagram-budget", "e/budget")]
    assert both.receipt.table.rows == tuple(
        (row.area.name, kronor(row.line.month)) for row in sorted(page.rows, key=lambda r: (-r.line.month, r.area.name))
    )
    no_budget = site.money_charts(page, changed(mini, budget=()), renderer, receipt_path="s/kvitto", budget_path="e/b")
    assert (no_budget.receipt.svg, no_budget.budget) == (both.receipt.svg, None)
    assert {r.path for r in renderer.records} == {"s/kvitto", "e/budget"}


def test_arshjul_marks_the_month_of_the_latest_period_not_today(mini):
    spec = specs.planning_spec(mini.planning, 12).to_dict()
    rules = [layer for layer in layers(spec) if mark_type(layer) == "rule"]
    assert [d["x"] for layer in rules for d in layer["data"]["values"]] == [11.5]
    bars = next(layer for layer in layers(spec) if mark_type(layer) == "bar")
    assert [(d["start"], d["end"]) for d in bars["data"]["values"]] == [(1, 2), (5, 6)]


# The build's renderer ------------------------------------------------------------------------------------


def test_the_renderer_comes_from_the_settings(tmp_path):
    project = {"PATH": str(tmp_path / "content")}  # the project folder is the parent of PATH
    default = renderer_from_settings(project)
    cores = len(os.sched_getaffinity(0))
    assert (default.cache_dir, default.workers) == (tmp_path / ".cache" / "charts", min(cores, MAX_WORKERS))
    assert renderer_from_settings(project | {"STYRMODELL_CACHE": "c"}).cache_dir == tmp_path / "c" / "charts"
    assert chart_workers({"STYRMODELL_CHART_WORKERS": "1"}) == 1
    relative = renderer_from_settings(project | {"STYRMODELL_CHART_CACHE": "diagramcache"})
    assert relative.cache_dir == tmp_path / "diagramcache"
    off = renderer_from_settings(project | {"STYRMODELL_CHART_CACHE": None, "STYRMODELL_CHART_WORKERS": 2})
    assert (off.cache_dir, off.workers) == (None, 2)


def test_the_budget_chart_sums_money_exactly_as_the_economy_page_does(mini):
    """0.05 + 2.3 is 2.3499999999999996 in floats, which rounds to 2,3; the exact sum 2.35 rounds to 2,4."""
    first = next(iter(mini.budget))
    rows = [
        replace(first, organisation=o, year=2030, kind="budget", net_cost=v) for o, v in (("ks", 0.05), ("kf", 2.3))
    ]
    summary = describe.budget_draft(rows, {"ks": "KS", "kf": "KF"}).summary
    assert "budget 2,4\u00a0mnkr" in summary


def test_the_rollup_summary_is_singular_after_one():
    from styrmodell.views.periods import Rollup

    counts = dict.fromkeys(fulfilment.GOAL_STATUS_ORDER, 0) | {
        GoalStatus.MET: 1,
        GoalStatus.PARTLY: 1,
        GoalStatus.NOT_MET: 2,
    }
    draft = describe.rollup_draft([("Alla", [Rollup("alla", "Alla mål", counts, ())])], "Måluppfyllelse", "x")
    assert draft.summary.startswith("Av 4 mål är 1 uppnått, 1 delvis uppnått och 2 inte uppnådda; 0 kunde inte")
