"""A report uses only what was known at its end: values per period, the latest earlier year, Ej uppföljd.

On the mini package (tests/fixtures/mini), whose styrmått ``delar-handlaggningstid``
(handläggningstid, lower is better, measured at every period, målnivå at most 30 days
in 2021 and 2022) has a delår value 28 (period 2022-08) and the year's value 33
(period 2022-12), and no value for 2021. ``meritvarde`` has 2020 (no period), 2021
(221,2 ≥ målnivå 220) and 2022 (period 2022-12). Expectations are written out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import MINI
from styrmodell.fulfilment import (
    GoalStatus,
    Status,
    goal_status,
    judge,
    known_results,
    latest_trend,
    status_for_year,
    status_in_report,
)
from styrmodell.package import load_package
from styrmodell.settings import Settings
from styrmodell.views import period_view

TOL = 0.05
AUGUST, DECEMBER = date(2022, 8, 31), date(2022, 12, 31)


@pytest.fixture(scope="module")
def model():
    return load_package(MINI)


def test_a_value_is_known_at_the_end_of_its_period_or_with_no_period_of_its_year(model):
    merit = model.indicator("meritvarde")
    assert [(r.year, r.period, model.known_on(r)) for r in model.results_of("meritvarde")] == [
        (2020, None, date(2020, 12, 31)),
        (2021, "2021-12", date(2021, 12, 31)),
        (2022, "2022-12", date(2022, 12, 31)),
    ]
    assert [r.year for r in known_results(model, merit, AUGUST)] == [2020, 2021]
    assert [r.year for r in known_results(model, merit, DECEMBER)] == [2020, 2021, 2022]
    assert known_results(model, merit, date(2020, 12, 30)) == ()


def test_the_delar_report_uses_the_delar_value_and_the_year_end_report_the_year_value(model):
    handling = model.indicator("delar-handlaggningstid")
    august = status_in_report(model, handling, 2022, AUGUST, TOL)
    assert (august.result.period, august.value, august.status) == ("2022-08", 28, Status.MET)
    december = status_in_report(model, handling, 2022, DECEMBER, TOL)
    assert (december.result.period, december.value, december.status) == ("2022-12", 33, Status.NOT_MET)  # > 30 + 5 %
    # once the year's value is known, it replaces the delår value
    assert [(r.year, r.period) for r in known_results(model, handling, DECEMBER)] == [(2022, "2022-12")]
    assert august.earlier_text == december.earlier_text == ""


def test_the_delar_report_of_an_annual_measure_uses_the_latest_completed_year(model):
    merit = model.indicator("meritvarde")
    august = status_in_report(model, merit, 2022, AUGUST, TOL)
    assert (august.year, august.measured_year, august.value) == (2022, 2021, 221.2)
    assert (august.target.year, august.target.min, august.status) == (2021, 220, Status.MET)
    assert august.earlier_text == "senaste mätning 2021"
    # kostnad per elev has only a 2022 value: nothing was known in August
    kostnad = status_in_report(model, model.indicator("kostnad-elev"), 2022, AUGUST, TOL)
    assert (kostnad.result, kostnad.status, kostnad.earlier_text) == (None, Status.NOT_MEASURED, "")
    assert latest_trend(model, merit, 2021, AUGUST).value == "battre"  # 221,2 after 215,5


def test_the_earlier_year_is_at_most_one_measuring_interval_back(model):
    merit = model.indicator("meritvarde")  # measured once a year; latest value 2022
    assert status_in_report(model, merit, 2023, date(2023, 8, 31), TOL).earlier_text == "senaste mätning 2022"
    too_old = status_in_report(model, merit, 2024, date(2024, 8, 31), TOL)
    assert (too_old.result, too_old.status) == (None, Status.NOT_MEASURED)


def test_a_target_whose_year_has_passed_without_a_result_is_not_followed_up(model):
    handling = model.indicator("delar-handlaggningstid")
    assert status_for_year(model, handling, 2021, TOL, DECEMBER).status is Status.NOT_FOLLOWED_UP
    # on the last day of 2021 the year has not passed yet
    assert status_for_year(model, handling, 2021, TOL, date(2021, 12, 31)).status is Status.NOT_MEASURED
    assert status_in_report(model, handling, 2021, date(2021, 12, 31), TOL).status is Status.NOT_MEASURED
    # a year with no målnivå and no result is simply not measured, however late
    assert status_for_year(model, model.indicator("meritvarde"), 2019, TOL, DECEMBER).status is Status.NOT_MEASURED
    assert judge(handling, None, None, TOL, passed=True) is Status.NOT_MEASURED


def test_goal_status_follows_the_report_date(model):
    # bun-3: handläggningstid 28 (uppnådd) and sjukfrånvaro not known in August
    assert goal_status(model, "bun-3", 2022, TOL, "majority", as_of=AUGUST).status is GoalStatus.MET
    # December: 33 over 30 and sjukfrånvaro 8,1 over 7, both ej uppnådd
    assert goal_status(model, "bun-3", 2022, TOL, "majority", as_of=DECEMBER).status is GoalStatus.NOT_MET
    # bun-1 in August rests on meritvärde 2021 only
    assert goal_status(model, "bun-1", 2022, TOL, "majority", as_of=AUGUST).status is GoalStatus.MET


def test_the_period_views_count_what_was_known_at_their_end(model):
    august = period_view(model, model.period("2022-08"), Settings())
    assert {s.value: n for s, n in august.indicator_counts.items() if n} == {
        "uppnadd": 2,  # meritvärde (senaste mätning 2021), handläggningstid 28
        "ej-matt": 2,  # kostnad per elev, sjukfrånvaro
    }
    assert august.earlier_count == 1
    assert august.earlier_sentence == (
        "1\u00a0styrmått hade inget värde för 2022 när perioden slutade. "
        "För det räknar vi med den senaste mätningen före perioden och målnivån för samma år."
    )
    assert {s.goal.id: s.computed for s in august.total.goals} == {
        "kf-1": GoalStatus.MET,
        "bun-1": GoalStatus.MET,
        "bun-3": GoalStatus.MET,
        "parent-bun": GoalStatus.NOT_ASSESSED,  # in force, with no styrmått and no delmål
    }
    december = period_view(model, model.period("2022-12"), Settings())
    assert {s.value: n for s, n in december.indicator_counts.items() if n} == {
        "uppnadd": 1,  # kostnad per elev
        "nara": 1,  # meritvärde
        "ej-uppnadd": 2,  # sjukfrånvaro, handläggningstid 33
    }
    assert december.earlier_count == 0
    assert december.earlier_sentence == ""
    assert {s.goal.id: s.computed for s in december.total.goals} == {
        "kf-1": GoalStatus.PARTLY,
        "bun-1": GoalStatus.PARTLY,
        "bun-3": GoalStatus.NOT_MET,
        "parent-bun": GoalStatus.NOT_ASSESSED,
    }
