"""Charts: specs, Swedish summaries, accessible SVG, the render cache, and the charts in the built site."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import KARLSKOGA, MINI, build_site, read_html
from styrmodell import charts, views
from styrmodell.formatting import MINUS, NBSP
from styrmodell.fulfilment import GOAL_STATUS_ORDER
from styrmodell.package import load_package
from styrmodell.package.model import ROW_CLASSES, Styrmodell, Target
from styrmodell.settings import Settings


@pytest.fixture(scope="module")
def mini():
    return load_package(MINI)


def changed(model: Styrmodell, **tables) -> Styrmodell:
    """A copy of ``model`` with some resources replaced (row tuples), indexes rebuilt."""
    rows = {name: getattr(model, name) for name in ROW_CLASSES if name != "municipality"}
    rows["municipality"] = (model.municipality,)
    rows.update(tables)
    return Styrmodell.from_rows(rows)


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [])


def mark_type(layer: dict) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


# Theme and palette --------------------------------------------------------------------------------


def test_the_swedish_locale_travels_inside_every_spec(mini):
    spec = charts.to_spec(charts.indicator_spec(mini, mini.indicator("meritvarde")), validate=True)
    number = spec["config"]["locale"]["number"]
    assert number["decimal"] == ","
    assert number["thousands"] == NBSP  # the same grouping as Babel in formatting.py
    assert number["minus"] == MINUS  # the same minus as the page text
    months = spec["config"]["locale"]["time"]["months"]
    assert months[0] == "januari"
    assert months[9] == "oktober"


def test_rendered_numbers_use_decimal_comma_no_break_space_and_unicode_minus(tmp_path):
    charts.configure(tmp_path)
    rows = [charts.ReceiptRow("Skola", 12345.0, "s"), charts.ReceiptRow("Minus", -2500.0, "s")]
    chart = charts.receipt_chart(rows, 30000, path="x")
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
    marks = [*charts.PALETTE, *charts.GOAL_STATUS_COLOURS.values(), *charts.KIND_COLOURS.values()]
    assert min(_contrast(c) for c in marks) >= 3
    assert _contrast(charts.TARGET_TEXT) >= 4.5
    assert _contrast(charts.MUTED) >= 4.5
    # white labels on the status bars
    assert min(_contrast(c) for c in charts.GOAL_STATUS_COLOURS.values()) >= 4.5


# The styrmått chart --------------------------------------------------------------------------------


def test_indicator_spec_has_results_target_comparison_and_an_explicit_year_domain(mini):
    spec = charts.indicator_spec(mini, mini.indicator("meritvarde")).to_dict()  # validates against Vega-Lite
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
    model = load_package(KARLSKOGA)
    indicator = model.indicator("invanare")
    spec = charts.indicator_spec(model, indicator).to_dict()
    tick = next(layer for layer in layers(spec) if mark_type(layer) == "tick")
    assert {"year": 2025, "series": "Målnivå", "value": 32000} in tick["data"]["values"]
    assert tick["encoding"]["x"]["scale"]["domain"][1] >= 2025
    # the country's population would flatten the municipality's line: not drawn for counts
    assert all(mark_type(layer) != "line" or "Riket" not in str(layer) for layer in layers(spec))
    text = [layer for layer in layers(spec) if mark_type(layer) == "text"]
    assert any(d.get("label") == "Målnivå 2025" for layer in text for d in layer["data"]["values"])
    assert "Målnivån för 2025 är minst 32\u00a0000." in charts.indicator_summary(model, indicator)


def test_years_without_result_are_marked_ej_matt_and_method_breaks_split_the_line(mini):
    results = tuple(r for r in mini.results if not (r.indicator == "meritvarde" and r.year == 2021))
    results = tuple(
        replace(r, method_break=True) if r.indicator == "meritvarde" and r.year == 2022 else r for r in results
    )
    model = changed(mini, results=results)
    spec = charts.indicator_spec(model, model.indicator("meritvarde")).to_dict()
    texts = [d for layer in layers(spec) if mark_type(layer) == "text" for d in layer["data"]["values"]]
    assert {"year": 2021, "label": "ej mätt"} in texts
    assert {"year": 2021.5, "label": "Nytt mätsätt"} in texts
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
    assert charts.indicator_summary(mini, mini.indicator(indicator)) == expected


def test_summary_without_target_and_without_result(mini):
    no_target = changed(mini, targets=tuple(t for t in mini.targets if t.indicator != "sjukfranvaro"))
    assert (
        charts.indicator_summary(no_target, no_target.indicator("sjukfranvaro"))
        == "År 2022 var resultatet 8,1\u00a0%. Det fanns ingen målnivå för 2022."
    )
    no_result = changed(mini, results=tuple(r for r in mini.results if r.indicator != "sjukfranvaro"))
    assert (
        charts.indicator_summary(no_result, no_result.indicator("sjukfranvaro"))
        == "Det finns inga resultat ännu. Målnivån för 2022 är högst 7,0\u00a0%."
    )
    nothing = changed(
        mini,
        results=tuple(r for r in mini.results if r.indicator != "sjukfranvaro"),
        targets=tuple(t for t in mini.targets if t.indicator != "sjukfranvaro"),
    )
    assert charts.indicator_summary(nothing, nothing.indicator("sjukfranvaro")) == "Det finns inga resultat ännu."
    # and the spec still builds and validates
    charts.indicator_spec(nothing, nothing.indicator("sjukfranvaro")).to_dict()


def test_a_band_target_with_both_bounds_equal_is_a_tick(mini):
    targets = (*mini.targets, Target("sjukfranvaro", 2021, "exempeldata", True, 6.0, 6.0))
    model = changed(mini, targets=targets)
    spec = charts.indicator_spec(model, model.indicator("sjukfranvaro")).to_dict()
    tick = next(layer for layer in layers(spec) if mark_type(layer) == "tick")
    assert {"year": 2021, "series": "Målnivå", "value": 6.0} in tick["data"]["values"]


def test_chart_csv_and_table_hold_the_data_rows_with_their_source(mini):
    chart = charts.indicator_chart(mini, mini.indicator("meritvarde"), "styrmatt/meritvarde/diagram")
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


# Accessible SVG and the cache ------------------------------------------------------------------------


def test_rendered_svg_is_an_image_with_swedish_title_and_description_and_no_style(mini, tmp_path):
    charts.configure(tmp_path)
    chart = charts.render(charts.indicator_chart(mini, mini.indicator("meritvarde"), "x"))
    for svg, key in ((str(chart.svg), chart.key), (str(chart.svg_narrow), f"{chart.key}-smal")):
        root = svg[: svg.index(">")]
        assert 'role="img"' in root
        assert f'aria-labelledby="{key}-titel"' in root
        assert f'aria-describedby="{key}-beskrivning"' in root
        assert f'<title id="{key}-titel">Meritvärde i årskurs 9</title>' in svg
        assert f'<desc id="{key}-beskrivning">{chart.summary}</desc>' in svg
        assert "style=" not in svg
        assert "aria-label=" not in svg
        assert "axis titled" not in svg.lower()
        assert svg.count('role="') == 1
        assert all(i.startswith(key) for i in re.findall(r'\sid="([^"]+)"', svg))
    assert chart.png.startswith(b"\x89PNG")


def test_style_attributes_become_presentation_attributes():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><g id="a" role="graphics-object" style="fill: red; opacity: 0.5"/></svg>'
    out = charts.accessible_svg(svg, "k", "T & <t>", "S")
    assert "style=" not in out
    assert 'fill="red" opacity="0.5"' in out
    assert 'id="k-a"' in out
    assert 'role="graphics-object"' not in out
    assert '<title id="k-titel">T &amp; &lt;t&gt;</title>' in out


def test_a_second_render_with_unchanged_data_comes_from_the_cache(mini, tmp_path):
    drafts = [charts.indicator_chart(mini, ind, f"styrmatt/{ind.id}/diagram") for ind in mini.indicators]
    first = charts.configure(tmp_path / "cache")
    rendered = charts.render_many(drafts)
    assert Counter(r.cached for r in first.records) == {False: 2 * len(drafts)}
    second = charts.configure(tmp_path / "cache")
    again = charts.render_many(drafts)
    assert Counter(r.cached for r in second.records) == {True: 2 * len(drafts)}
    assert [(c.svg, c.svg_narrow, c.png) for c in rendered] == [(c.svg, c.svg_narrow, c.png) for c in again]


def test_a_spawn_pool_renders_the_same_bytes_as_this_process(mini, tmp_path):
    drafts = [charts.indicator_chart(mini, ind, f"styrmatt/{ind.id}/diagram") for ind in mini.indicators]
    serial = charts.configure(None).render_many(drafts)
    pool = charts.Renderer(None, workers=2, min_batch=1).render_many(drafts)
    assert [c.svg for c in serial] == [c.svg for c in pool]


# Money and årshjul charts -------------------------------------------------------------------------------


def test_budget_and_receipt_charts_describe_their_rows(mini, tmp_path):
    charts.configure(tmp_path)
    names = {o.id: o.name for o in mini.organisation}
    budget = charts.budget_chart(mini.budget, names)
    assert budget.rendered
    assert budget.example
    assert ("Barn- och utbildningsnämnden 2022", "Utfall", "510,2\u00a0mnkr") in budget.table.rows
    spec = charts.budget_spec(list(mini.budget), names).to_dict()
    assert spec["facet"]["row"]["field"] == "name"
    receipt = charts.receipt_chart(
        [charts.ReceiptRow("Skola", 2000.0, "kolada"), charts.ReceiptRow("Politik", 80.0, "kolada")], 30000
    )
    assert receipt.table.rows == (("Skola", "2\u00a0000\u00a0kr"), ("Politik", "80\u00a0kr"))
    assert receipt.summary.startswith("Med en inkomst på 30\u00a0000\u00a0kr i månaden går 2\u00a0080\u00a0kr")


def test_arshjul_marks_the_month_of_the_latest_period_not_today(mini):
    spec = charts.planning_spec(mini.planning, 12).to_dict()
    rules = [layer for layer in layers(spec) if mark_type(layer) == "rule"]
    assert [d["x"] for layer in rules for d in layer["data"]["values"]] == [11.5]
    bars = next(layer for layer in layers(spec) if mark_type(layer) == "bar")
    assert [(d["start"], d["end"]) for d in bars["data"]["values"]] == [(1, 2), (5, 6)]


# In the built site ---------------------------------------------------------------------------------------


def test_indicator_page_shows_chart_summary_table_and_downloads(mini_site):
    page = read_html(mini_site, "/styrmatt/meritvarde/")
    figure = page.select_one("figure.chart")
    svg = figure.select_one(".chart-wide svg")
    assert svg["role"] == "img"
    assert page.find(id=svg["aria-labelledby"]).get_text() == "Meritvärde i årskurs 9"
    summary = figure.select_one(".chart-summary").get_text()
    assert page.find(id=svg["aria-describedby"]).get_text() == summary
    assert summary.startswith("År 2022 var resultatet 219,8")
    # the page's own table of the same numbers follows the figure, so the figure has none of its own
    assert figure.select_one("details") is None
    table = figure.find_next("table")
    assert [th.get_text() for th in table.select("thead th[scope=col]")][:3] == ["År", "Resultat", "Målnivå"]
    body = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    assert sorted(row[:2] for row in body) == [
        ["2020", "215,5\u00a0poäng"],
        ["2021", "221,2\u00a0poäng"],
        ["2022", "219,8\u00a0poäng"],
    ]
    links = [a["href"] for a in figure.select(".chart-downloads a")]
    assert links == [f"/styrmatt/meritvarde/diagram.{ext}" for ext in ("csv", "svg", "png")]
    for ext in ("csv", "svg", "png"):
        assert (mini_site / f"styrmatt/meritvarde/diagram.{ext}").stat().st_size > 0


def test_goal_page_has_one_chart_per_styrmatt_with_unique_ids(mini_site):
    page = read_html(mini_site, "/mal/bun-1/")
    keys = [f["id"] for f in page.select("figure.chart")]
    assert keys == ["diagram-meritvarde", "diagram-kostnad-elev"]
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_start_page_shows_the_rollup_and_the_planning_page_the_arshjul(mini_site):
    start = read_html(mini_site, "/")
    figure = start.select_one("figure#diagram-maluppfyllelse")
    assert figure.select_one("svg[role=img]")
    table = figure.select_one("details table")
    assert [th.get_text() for th in table.select("thead th[scope=col]")] == [
        "Grupp",
        "✔ Uppnått",
        "◐ Delvis uppnått",
        "✖ Ej uppnått",
        "○ Ej bedömt",
        "Totalt",
    ]
    view = views.period_view(load_package(MINI), load_package(MINI).latest_period(), Settings())
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    for level in view.by_level:
        expected = [str(level.counts[s]) for s in GOAL_STATUS_ORDER] + [str(level.total)]
        assert rows[f"Per nivå: {level.name}"] == expected
    assert (mini_site / "diagram-maluppfyllelse.csv").is_file()
    planning = read_html(mini_site, "/styrmodell/planeringsprocessen/")
    assert planning.select_one("figure#diagram-arshjul svg[role=img]")


def test_no_chart_has_style_attributes_scripts_or_other_origins(mini_site):
    svgs = list(mini_site.rglob("diagram*.svg"))
    assert svgs
    for path in svgs:
        text = path.read_text(encoding="utf-8")
        assert "style=" not in text
        assert "<script" not in text
        assert not re.search(r'(?:href|src)="(?:https?:)?//', text)
    for path in mini_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*(?:vega|//)", text, flags=re.IGNORECASE)
        for svg in re.findall(r"<svg.*?</svg>", text, flags=re.DOTALL):
            assert "style=" not in svg


def test_second_build_renders_nothing_and_gives_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRMODELL_CHART_CACHE", str(tmp_path / "cache"))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = build_site(MINI, tmp_path / "a" / "output")
    assert any(not r.cached for r in charts.current_renderer().records)
    second = build_site(MINI, tmp_path / "b" / "output")
    assert [r for r in charts.current_renderer().records if not r.cached] == []

    def chart_files(site: Path) -> dict[str, bytes]:
        return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("diagram*.*"))}

    assert chart_files(first) == chart_files(second)
    assert chart_files(first)
    for page in ("index.html", "styrmatt/meritvarde/index.html", "mal/bun-1/index.html"):
        assert (first / page).read_bytes() == (second / page).read_bytes()


def test_rollup_csv_says_which_counts_rest_on_example_data(mini_site):
    rows = list(csv.DictReader(io.StringIO((mini_site / "diagram-maluppfyllelse.csv").read_text(encoding="utf-8"))))
    model = load_package(MINI)
    view = views.period_view(model, model.latest_period(), Settings())
    expected = {
        (title, r.key): "true" if r.example else "false"
        for title, rollups in (("Per nivå", view.by_level), ("Per nämnd", view.by_owner))
        for r in rollups
    }
    found = {(row["gruppering"], row["id"]): row["exempel"] for row in rows}
    assert expected.items() <= found.items()
    assert set(found.values()) <= {"true", "false"}


def test_budget_chart_lists_namnder_in_swedish_order():
    rows = [
        replace(next(iter(load_package(MINI).budget)), organisation=o, year=2024, kind="budget")
        for o in ("ofn", "ks", "sbn")
    ]
    names = {"ofn": "Överförmyndarnämnd", "ks": "Kommunstyrelsen", "sbn": "Samhällsbyggnadsnämnden"}
    spec = charts.budget_spec(rows, names).to_dict()
    assert spec["facet"]["row"]["sort"] == ["Kommunstyrelsen", "Samhällsbyggnadsnämnden", "Överförmyndarnämnd"]
