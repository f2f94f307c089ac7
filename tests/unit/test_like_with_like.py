"""Like with like: a delår value against the same period a year before, the year's delår values kept in view,
the newest year a page shows, no status for a level that is never measured, one year per axis tick.

The packages are the mini fixture (tests/fixtures/mini) with a few rows added in a tmp folder. The
expectations follow docs/datapaketet.md ("Utvecklingen jämför lika med lika") and are written out by
hand: ``besok`` is a count where higher is better, measured at every period, with

    period   2021-08  2021-12  2022-08  2022-12
    value     4 125    6 850    4 480    7 010

so 4 480 by August 2022 is better than 4 125 by August 2021 (and worse than the 6 850 of the whole of
2021, a comparison the rule forbids), and 7 010 for 2022 is better than 6 850 for 2021.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import MINI
from styrmodell import snapshots, views
from styrmodell.charts import describe, specs, theme
from styrmodell.charts.render import Renderer
from styrmodell.fulfilment import GoalStatus, Trend, latest_trend
from styrmodell.package import load_package
from styrmodell.settings import Settings
from styrmodell.views.goals import target_passed_notice
from styrmodell.views.organs import organ_view
from styrmodell.views.pagemeta import indicator_detail

AUGUST_2021, DECEMBER_2021 = date(2021, 8, 31), date(2021, 12, 31)
AUGUST, DECEMBER = date(2022, 8, 31), date(2022, 12, 31)

BESOK = "besok,bun-3,Besök i biblioteket,Antal besök hittills under året.,antal,0,resultat,higher,per-period,,true,true,exempeldata,true,\n"
BESOK_RESULTS = (
    "besok,2021,2021-08,4125,false,false,exempeldata,true,\n"
    "besok,2021,2021-12,6850,false,false,exempeldata,true,\n"
    "besok,2022,2022-08,4480,false,false,exempeldata,true,\n"
    "besok,2022,2022-12,7010,false,false,exempeldata,true,\n"
)
AUGUST_2021_PERIOD = "2021-08,2021,Delårsrapport augusti 2021,delar,2021-08-31,,styrmodell,false\n"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def package(tmp: Path, **extra: str) -> Path:
    """The mini package copied to ``tmp`` with ``extra`` rows appended to ``<name>.csv``."""
    target = tmp / "mini"
    shutil.copytree(MINI, target)
    for name, text in extra.items():
        append(target / f"{name}.csv", text)
    return target


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    folder = package(
        tmp_path_factory.mktemp("likewithlike"),
        periods=AUGUST_2021_PERIOD,
        indicators=BESOK,
        results=BESOK_RESULTS,
    )
    return load_package(folder)


def table(view) -> list[tuple]:
    """The styrmått's table as the page prints it, newest first: (row, value, delår?, trend)."""
    return [(y.label, y.status.value, y.interim, y.trend) for y in view.rows_newest_first]


# A delår value is compared with the same period a year before ------------------------------------


def test_a_delar_value_is_compared_with_the_same_period_a_year_before(model):
    besok = model.indicator("besok")
    assert latest_trend(model, besok, 2022, AUGUST) is Trend.BETTER  # 4 480 after 4 125, not after 6 850
    assert latest_trend(model, besok, 2022, DECEMBER) is Trend.BETTER  # 7 010 after 6 850
    assert latest_trend(model, besok, 2021, AUGUST_2021) is Trend.NO_SAME_PERIOD  # no August 2020
    august = views.indicator_view(model, besok, 2022, Settings(), AUGUST)
    assert (august.current.value, august.trend) == (4480, Trend.BETTER)
    assert [(y.year, y.status.value, y.trend) for y in august.years] == [
        (2021, 6850, Trend.UNKNOWN),
        (2022, 4480, Trend.BETTER),
    ]


def test_a_delar_value_with_no_same_period_a_year_before_has_nothing_to_compare_with(model):
    # handläggningstid: 28 days by August 2022, and no value for August 2021 (only the period exists)
    handling = model.indicator("delar-handlaggningstid")
    view = views.indicator_view(model, handling, 2022, Settings(), AUGUST)
    assert (view.current.value, view.trend) == (28, Trend.NO_SAME_PERIOD)
    assert Trend.NO_SAME_PERIOD.note == "inget att jämföra med"
    assert Trend.NO_SAME_PERIOD.arrow == ""
    assert Trend.UNKNOWN.note == ""


def test_the_changes_between_reports_compare_like_with_like(model):
    digest = snapshots.diff(
        model, model.period("2021-12"), model, model.period("2022-08"), tolerance=0.05, rule="majority"
    )
    assert [
        (c.indicator.id, c.result.period, c.result.value, c.previous.value if c.previous else None, c.trend)
        for c in digest.new_results
    ] == [
        ("besok", "2022-08", 4480, 4125, Trend.BETTER),
        ("delar-handlaggningstid", "2022-08", 28, None, Trend.NO_SAME_PERIOD),
    ]
    assert digest.worsened == ()


# The year's delår values stay in view ---------------------------------------------------------------


def test_the_styrmatt_table_keeps_the_years_delar_values_after_the_arsredovisning(model):
    view = views.indicator_view(model, model.indicator("besok"), 2022, Settings(), DECEMBER)
    assert table(view) == [
        ("2022", 7010, False, Trend.BETTER),
        ("Delårsrapport augusti 2022", 4480, True, Trend.BETTER),
        ("2021", 6850, False, Trend.UNKNOWN),
        ("Delårsrapport augusti 2021", 4125, True, Trend.NO_SAME_PERIOD),
    ]
    # the chart keeps one value per year: the year's value
    assert [(y.year, y.status.value) for y in view.years] == [(2021, 6850), (2022, 7010)]


def test_the_table_shows_only_what_was_known_on_its_day(model):
    view = views.indicator_view(model, model.indicator("besok"), 2022, Settings(), AUGUST)
    assert table(view) == [
        ("2022", 4480, True, Trend.BETTER),  # the year is not over: the year's row is the delår value
        ("2021", 6850, False, Trend.UNKNOWN),
        ("Delårsrapport augusti 2021", 4125, True, Trend.NO_SAME_PERIOD),
    ]


def test_the_delar_report_page_lists_its_delar_values_and_the_arsredovisning_none(model):
    august = views.period_view(model, model.period("2022-08"), Settings())
    assert [
        (r.indicator.id, r.result.value, r.previous.value if r.previous else None, r.trend) for r in august.interim
    ] == [
        ("delar-handlaggningstid", 28, None, Trend.NO_SAME_PERIOD),  # goal by goal, in the package's order
        ("besok", 4480, 4125, Trend.BETTER),
    ]
    assert views.period_view(model, model.period("2022-12"), Settings()).interim == ()


# How far the figures go: the newest year on the page ------------------------------------------------


@pytest.fixture(scope="module")
def later_year(tmp_path_factory):
    """meritvärde has a 2023 value with no period (known when 2023 ended) and a målnivå for 2024;
    the latest period is still årsredovisning 2022."""
    folder = package(
        tmp_path_factory.mktemp("later-year"),
        results="meritvarde,2023,,223.4,false,false,kolada,false,\n",
        targets="meritvarde,2024,232,,,exempeldata,true,\n",
    )
    return load_package(folder)


def test_the_headline_and_share_card_say_the_year_of_the_newest_row(later_year):
    built = date(2025, 6, 1)
    view = views.indicator_view(later_year, later_year.indicator("meritvarde"), 2022, Settings(), built)
    newest = next(y for y in view.rows_newest_first if y.status.result is not None)
    assert newest.year == 2023
    assert (view.current.year, view.current.value) == (2023, 223.4)
    assert indicator_detail(view).startswith("2023: 223,4")
    assert view.trend is Trend.BETTER  # 223,4 after 219,8 in 2022
    # before the 2023 value was known, the page and its card said 2022
    earlier = views.indicator_view(later_year, later_year.indicator("meritvarde"), 2022, Settings(), DECEMBER)
    assert (earlier.current.year, earlier.current.value) == (2022, 219.8)


def test_the_notice_on_passed_targets_names_the_newest_year_the_page_shows(later_year):
    notice = target_passed_notice(later_year, later_year.goal("bun-1"), date(2025, 6, 1))
    assert "siffrorna här går bara till och med 2023," in notice
    assert "2022" not in notice


def test_no_notice_when_the_page_has_figures_for_the_last_target_year(tmp_path_factory):
    folder = package(
        tmp_path_factory.mktemp("target-reached"),
        results="meritvarde,2023,,223.4,false,false,kolada,false,\n",
        targets="meritvarde,2023,232,,,exempeldata,true,\n",
    )
    model = load_package(folder)
    assert target_passed_notice(model, model.goal("bun-1"), date(2025, 6, 1)) == ""


# A level that is never measured ------------------------------------------------------------------------


def test_a_goal_on_a_level_that_is_never_measured_gets_no_computed_status_on_its_organs_page():
    model = load_package(MINI)
    view = organ_view(model, model.organ("kf"), model.latest_period(), Settings())
    vision = next(s for s in view.summaries if s.goal.id == "vision")
    assert (vision.computed, vision.status_text) == (GoalStatus.NOT_ASSESSED, "Följs upp genom sina delmål")
    measured = next(s for s in view.summaries if s.goal.id == "kf-1")
    assert measured.status_text == ""
    assert measured.computed is not GoalStatus.NOT_ASSESSED
    assert view.rollup.total == 1  # kf-1: parent-kf ended in 2021, and the vision is not counted


# One year per axis tick ---------------------------------------------------------------------------------


def year_axis(spec: dict) -> dict:
    layer = next(layer for layer in spec["layer"] if "x" in layer.get("encoding", {}))
    return layer["encoding"]["x"]


def axis_labels(svg: str) -> list[str]:
    """The year labels under the x axis of a rendered chart (four-digit numbers in their own text element)."""
    return re.findall(r">((?:19|20)\d\d)</text>", svg)


@pytest.mark.parametrize(
    ("indicator", "years"),
    [("sjukfranvaro", [2022]), ("delar-handlaggningstid", [2021, 2022]), ("meritvarde", [2020, 2021, 2022])],
)
def test_a_chart_has_one_tick_per_year_and_no_label_twice(indicator, years):
    model = load_package(MINI)
    view = views.indicator_view(model, model.indicator(indicator), 2022, Settings())
    series = specs.indicator_series(view, model.comparisons_of(indicator))
    x = year_axis(theme.to_spec(specs.indicator_spec(series)))
    assert x["axis"]["values"] == years
    draft = describe.indicator_draft(series, f"styrmatt/{indicator}/diagram")
    svg = str(Renderer(None).render_many([draft])[0].svg)
    labels = axis_labels(svg)
    assert sorted(set(labels)) == [str(y) for y in years]
    assert len(labels) == len(set(labels)), labels


def test_a_long_series_keeps_round_years_each_labelled_once():
    from conftest import KARLSKOGA_2022

    model = load_package(KARLSKOGA_2022)  # invånare: 1994–2022 and the målnivå for 2025
    view = views.indicator_view(model, model.indicator("invanare"), 2022, Settings())
    series = specs.indicator_series(view, model.comparisons_of("invanare"))
    assert "values" not in year_axis(theme.to_spec(specs.indicator_spec(series)))["axis"]
    chart = Renderer(None).render_many([describe.indicator_draft(series, "styrmatt/invanare/diagram")])[0]
    for svg in (str(chart.svg), str(chart.svg_narrow)):
        labels = axis_labels(svg)
        assert len(labels) == len(set(labels)) > 2, labels
