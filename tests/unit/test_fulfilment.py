"""The status rules printed on "Så bedömer vi måluppfyllelse", boundary by boundary."""

from __future__ import annotations

import pytest
from styrmodell.fulfilment import (
    GoalStatus,
    Status,
    Trend,
    goal_status,
    indicator_status,
    latest_trend,
    rollup,
    status_for_year,
    trend,
)
from styrmodell.package import load_package

TOL = 0.05


@pytest.mark.parametrize(
    ("direction", "value", "low", "high", "expected"),
    [
        # higher is better: the result must reach min
        ("higher", 80, 80, None, Status.MET),  # exactly on the målnivå
        ("higher", 80.01, 80, None, Status.MET),
        ("higher", 76, 80, None, Status.NEAR),  # 4 short of 80: within 5 % of 80
        ("higher", 76.0, 80, None, Status.NEAR),  # boundary: exactly 5 %
        ("higher", 75.99, 80, None, Status.NOT_MET),  # just outside the tolerance
        ("higher", 95, 72, 74, Status.MET),  # a range with higher-is-better: above the range still meets it
        # lower is better: the result must stay at or under max
        ("lower", 7, None, 7, Status.MET),
        ("lower", 7.35, None, 7, Status.NEAR),  # 5 % of 7 is 0.35
        ("lower", 7.36, None, 7, Status.NOT_MET),
        ("lower", 2, None, 7, Status.MET),
        # band: inside [min, max]
        ("band", 3, 2, 4, Status.MET),
        ("band", 2, 2, 4, Status.MET),
        ("band", 4, 2, 4, Status.MET),
        ("band", 1.9, 2, 4, Status.NEAR),
        ("band", 4.2, 2, 4, Status.NEAR),
        ("band", 4.21, 2, 4, Status.NOT_MET),
        ("band", 1, 2, 4, Status.NOT_MET),
        # missing values
        ("higher", None, 80, None, Status.NOT_MEASURED),
        ("higher", 80, None, None, Status.NO_TARGET),
        ("lower", None, None, None, Status.NOT_MEASURED),
        # negative målnivåer (costs stored as negative numbers)
        ("higher", -105, -100, None, Status.NEAR),
        ("higher", -106, -100, None, Status.NOT_MET),
    ],
)
def test_indicator_status(direction, value, low, high, expected):
    assert indicator_status(direction, value, low, high, TOL) is expected


def test_zero_tolerance_has_no_near():
    assert indicator_status("higher", 79.99, 80, None, 0.0) is Status.NOT_MET


def test_target_of_zero_has_no_near():
    assert indicator_status("lower", 0.1, None, 0, TOL) is Status.NOT_MET


@pytest.mark.parametrize(
    ("direction", "previous", "current", "expected"),
    [
        ("higher", 70, 72, Trend.BETTER),
        ("higher", 72, 70, Trend.WORSE),
        ("lower", 72, 70, Trend.BETTER),
        ("lower", 70, 72, Trend.WORSE),
        ("higher", 70, 70, Trend.SAME),
        ("band", 3, 4, Trend.UNKNOWN),
        ("band", 3, 3, Trend.SAME),
        ("higher", None, 70, Trend.UNKNOWN),
        ("higher", 70, None, Trend.UNKNOWN),
    ],
)
def test_trend_is_direction_aware(direction, previous, current, expected):
    assert trend(direction, previous, current) is expected


def test_trend_arrows_and_words():
    assert (Trend.BETTER.arrow, Trend.BETTER.label) == ("↗", "bättre")
    assert (Trend.WORSE.arrow, Trend.WORSE.label) == ("↘", "sämre")
    assert Trend.SAME.arrow == "→"


MET, NEAR, MISS, NONE, NOTARGET = Status.MET, Status.NEAR, Status.NOT_MET, Status.NOT_MEASURED, Status.NO_TARGET


@pytest.mark.parametrize(
    ("rule", "statuses", "expected"),
    [
        ("majority", [MET, MET, MISS], GoalStatus.MET),
        ("majority", [MET, MISS], GoalStatus.PARTLY),  # exactly half is not more than half
        ("majority", [MISS, MISS, MET], GoalStatus.NOT_MET),
        ("majority", [MET, NEAR, MISS], GoalStatus.PARTLY),
        ("majority", [MET, NONE, NOTARGET], GoalStatus.MET),  # unmeasured styrmått do not count
        ("majority", [NONE, NOTARGET], GoalStatus.NOT_ASSESSED),
        ("majority", [], GoalStatus.NOT_ASSESSED),
        ("all", [MET, MET], GoalStatus.MET),
        ("all", [MET, NEAR], GoalStatus.PARTLY),
        ("all", [MISS, MISS], GoalStatus.NOT_MET),
        ("all", [NEAR, MISS], GoalStatus.PARTLY),
        ("worst", [MET, MET], GoalStatus.MET),
        ("worst", [MET, NEAR], GoalStatus.PARTLY),
        ("worst", [MET, MET, MISS], GoalStatus.NOT_MET),
    ],
)
def test_rollup_rules(rule, statuses, expected):
    assert rollup(statuses, rule) is expected


def test_unknown_rollup_rule_says_what_to_choose():
    with pytest.raises(ValueError, match="majority, all, worst"):
        rollup([MET], "average")


def test_status_words_and_symbols_never_rely_on_colour():
    assert {s.name: (s.label, s.symbol) for s in Status} == {
        "MET": ("Uppnådd", "✔"),
        "NEAR": ("Nära", "◐"),
        "NOT_MET": ("Ej uppnådd", "✖"),
        "NOT_MEASURED": ("Ej mätt", "○"),
        "NOT_FOLLOWED_UP": ("Ej uppföljd", "⊘"),
        "NO_TARGET": ("Målnivå saknas", "–"),
    }
    assert {s.name: (s.label, s.symbol) for s in GoalStatus} == {
        "MET": ("Uppnått", "✔"),
        "PARTLY": ("Delvis uppnått", "◐"),
        "NOT_MET": ("Ej uppnått", "✖"),
        "NOT_ASSESSED": ("Ej bedömt", "○"),
    }


# On the mini package ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model():
    from conftest import MINI

    return load_package(MINI)


def test_status_for_year_from_the_package(model):
    merit = model.indicator("meritvarde")
    assert status_for_year(model, merit, 2021, TOL).status is Status.MET  # 221.2 ≥ 220
    assert status_for_year(model, merit, 2022, TOL).status is Status.NEAR  # 219.8 vs 225: 2.3 % short
    assert status_for_year(model, merit, 2020, TOL).status is Status.NO_TARGET
    assert status_for_year(model, merit, 2019, TOL).status is Status.NOT_MEASURED


def test_latest_trend_compares_with_previous_measurement(model):
    assert latest_trend(model, model.indicator("meritvarde"), 2022) is Trend.WORSE
    assert latest_trend(model, model.indicator("meritvarde"), 2021) is Trend.BETTER
    assert latest_trend(model, model.indicator("sjukfranvaro"), 2022) is Trend.UNKNOWN


def test_goal_status_rolls_up_indicators_and_children(model):
    # bun-1: meritvärde nära, kostnad per elev uppnådd → one of two met: delvis under "majority"
    assert goal_status(model, "bun-1", 2022, TOL, "majority").status is GoalStatus.PARTLY
    assert goal_status(model, "bun-1", 2022, TOL, "worst").status is GoalStatus.PARTLY
    # kf-1 has no styrmått of its own: its children bun-1 (delvis) and bun-3 (ej uppnått; bun-2 retired)
    result = goal_status(model, "kf-1", 2022, TOL, "majority")
    assert {cid: r.status for cid, r in result.children} == {"bun-1": GoalStatus.PARTLY, "bun-3": GoalStatus.NOT_MET}
    assert result.status is GoalStatus.PARTLY
    # the children are example goals, so the computed status rests on example data
    assert result.example is True


def test_a_status_from_real_results_and_no_example_targets_is_not_example(model):
    merit = model.indicator("meritvarde")
    assert status_for_year(model, merit, 2020, TOL).example is False  # real result, no target
    assert status_for_year(model, merit, 2022, TOL).example is True  # example målnivå
