"""How old the figures are: the build date from SOURCE_DATE_EPOCH, the line on every page, the warnings.

Behaviour on the mini fixture (latest period: Årsredovisning 2022, ending 31 December 2022).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import MINI
from styrmodell.dates import source_date
from styrmodell.package import load_package
from styrmodell.package.model import Period
from styrmodell.settings import Settings
from styrmodell.views import page_views, site_view
from styrmodell.views.goals import target_passed_notice
from styrmodell.views.site import age_phrase, age_text, months_between, stale_notice

DECEMBER_2026 = "1796083200"  # 2026-12-01 00:00 UTC
HELAR_2022 = Period(
    id="2022-12",
    year=2022,
    name="Årsredovisning 2022",
    kind="helar",
    end_date=date(2022, 12, 31),
    source="s",
    example=False,
)


# The build date ------------------------------------------------------------------------------------


def test_the_build_date_is_source_date_epoch_as_a_date_in_sweden():
    assert source_date({"SOURCE_DATE_EPOCH": DECEMBER_2026}) == date(2026, 12, 1)
    assert source_date({"SOURCE_DATE_EPOCH": " 1796083200\n"}) == date(2026, 12, 1)


def test_just_before_midnight_utc_is_already_the_next_day_in_sweden():
    # 2026-11-30 23:30 UTC is 1 December 00:30 in Stockholm (winter time, UTC+1) ...
    assert source_date({"SOURCE_DATE_EPOCH": str(1796083200 - 30 * 60)}) == date(2026, 12, 1)
    # ... and 2026-06-30 22:30 UTC is 1 July 00:30 (summer time, UTC+2); 21:30 UTC is still 30 June.
    assert source_date({"SOURCE_DATE_EPOCH": "1782858600"}) == date(2026, 7, 1)
    assert source_date({"SOURCE_DATE_EPOCH": "1782855000"}) == date(2026, 6, 30)


def test_without_source_date_epoch_the_build_date_is_the_latest_periods_end():
    assert source_date({}) is None
    assert source_date({"SOURCE_DATE_EPOCH": ""}) is None
    settings = Settings.from_mapping({}, environ={})
    assert settings.build_date is None
    assert settings.build_day(date(2022, 12, 31)) == date(2022, 12, 31)
    built = Settings.from_mapping({}, environ={"SOURCE_DATE_EPOCH": DECEMBER_2026})
    assert built.build_day(date(2022, 12, 31)) == date(2026, 12, 1)


@pytest.mark.parametrize("value", ["2026-12-01", "-5", "1.5", "soon", "99999999999999999999"])
def test_a_malformed_source_date_epoch_stops_the_build_in_swedish(value):
    with pytest.raises(ValueError, match="miljövariabeln SOURCE_DATE_EPOCH") as caught:
        Settings.from_mapping({}, environ={"SOURCE_DATE_EPOCH": value})
    assert "sekunder sedan 1 januari 1970" in str(caught.value)


def test_stale_after_months_is_checked_like_the_other_settings():
    assert Settings.from_mapping({}, environ={}).stale_after_months == 15
    assert Settings.from_mapping({"stale_after_months": 6}, environ={}).stale_after_months == 6
    for wrong in (0, 1.5, "15", True):
        with pytest.raises(ValueError, match="stale_after_months"):
            Settings.from_mapping({"stale_after_months": wrong}, environ={})
    with pytest.raises(ValueError, match="okänd inställning STYRMODELL\\['build_date'\\]"):
        Settings.from_mapping({"build_date": "2026-12-01"}, environ={})


# How old, in words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2022, 12, 31), date(2026, 12, 1), 47),
        (date(2022, 12, 31), date(2026, 12, 31), 48),
        (date(2022, 12, 31), date(2023, 1, 20), 0),
        (date(2022, 8, 31), date(2022, 12, 31), 4),
        (date(2022, 12, 31), date(2022, 6, 1), 0),
    ],
)
def test_months_between_counts_whole_months(start, end, months):
    assert months_between(start, end) == months


@pytest.mark.parametrize(
    ("months", "phrase"),
    [
        (1, "en månad"),
        (11, "elva månader"),
        (12, "ett år"),
        (16, "drygt ett år"),
        (18, "ett och ett halvt år"),
        (30, "två och ett halvt år"),
        (45, "nästan fyra år"),
        (47, "nästan fyra år"),
        (48, "fyra år"),
    ],
)
def test_age_phrase(months, phrase):
    assert age_phrase(months) == phrase


def test_the_frame_says_how_current_the_figures_are_and_when_the_site_was_built():
    assert age_text(HELAR_2022, date(2026, 12, 1)) == (
        "Siffrorna gäller till och med årsredovisning 2022 (31 december 2022). Webbplatsen byggdes 1 december 2026."
    )


def test_old_figures_say_how_old_they_are():
    assert stale_notice(HELAR_2022, date(2026, 12, 1), 15) == (
        "De senaste siffrorna är från årsredovisning 2022, som slutade 31 december 2022. "
        "När webbplatsen byggdes den 1 december 2026 var de nästan fyra år gamla. "
        "Det som står här kan ha ändrats sedan dess."
    )


def test_figures_are_old_only_after_the_configured_number_of_months():
    assert stale_notice(HELAR_2022, date(2023, 1, 20), 15) == ""
    assert stale_notice(HELAR_2022, date(2024, 3, 31), 15) == ""  # 15 months: not more than 15
    assert stale_notice(HELAR_2022, date(2024, 4, 30), 15).startswith("De senaste siffrorna")
    assert "sju månader gamla" in stale_notice(HELAR_2022, date(2023, 7, 31), 6)


def test_the_site_view_carries_the_build_date_and_both_texts():
    model = load_package(MINI)
    settings = Settings.from_mapping({}, environ={"SOURCE_DATE_EPOCH": DECEMBER_2026})
    site = site_view(model, settings, page_views(model, settings))
    assert site.build_date == date(2026, 12, 1)
    assert site.age_text.endswith("Webbplatsen byggdes 1 december 2026.")
    assert "nästan fyra år gamla" in site.stale_notice
    unset = Settings.from_mapping({}, environ={})
    site = site_view(model, unset, page_views(model, unset))
    assert site.build_date == date(2022, 12, 31)
    assert site.stale_notice == ""


# A goal whose målnivåer have run out, and review dates ----------------------------------------------


@pytest.fixture
def later_target(tmp_path: Path):
    """Mini with a 2024 målnivå for meritvärde (goal bun-1), after the figures, which end in 2022."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    with (target / "targets.csv").open("a", encoding="utf-8") as f:
        f.write("meritvarde,2024,230,,,exempeldata,true,\n")
    return load_package(target)


def test_a_goal_whose_last_target_year_has_passed_says_so(later_target):
    goal = later_target.goal("bun-1")
    assert target_passed_notice(later_target, goal, date(2026, 12, 1)) == (
        "Målets sista målnivå gällde 2024. Det året är slut, men siffrorna här går bara till och med 2022, "
        "så de visar inte om målnivån nåddes. Datapaketet har inga målnivåer för åren efter 2024."
    )
    assert target_passed_notice(later_target, goal, date(2024, 12, 31)) == ""  # 2024 is not over yet
    settings = Settings.from_mapping({}, environ={"SOURCE_DATE_EPOCH": DECEMBER_2026})
    assert (
        page_views(later_target, settings).goals["bun-1"].target_notice.startswith("Målets sista målnivå gällde 2024")
    )


def test_a_target_for_the_figures_own_year_needs_no_notice():
    model = load_package(MINI)  # every målnivå is for 2022 or earlier, and the figures go to 2022
    settings = Settings.from_mapping({}, environ={"SOURCE_DATE_EPOCH": DECEMBER_2026})
    assert [v.target_notice for v in page_views(model, settings).goals.values()] == [""] * len(model.goals)


def test_review_dates_are_judged_at_the_build_date(tmp_path: Path):
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    documents = target / "documents.csv"
    text = documents.read_text(encoding="utf-8")
    assert "2015-09-22,2018-05-31" in text
    documents.write_text(text.replace("2015-09-22,2018-05-31", "2015-09-22,2024-05-31"), encoding="utf-8")
    model = load_package(target)
    unset = Settings.from_mapping({}, environ={})
    assert [r.overdue for r in page_views(model, unset).documents.rows] == [False]  # at 31 December 2022
    built = Settings.from_mapping({}, environ={"SOURCE_DATE_EPOCH": DECEMBER_2026})
    view = page_views(model, built).documents
    assert [r.overdue for r in view.rows] == [True]
    assert view.judged_on == date(2026, 12, 1)
