"""Place among all kommuner and the fitting group's mean, against the national folders' own CSV and JSON files.

The expected figures are worked out here from the rows by sorting and summing, not by the code under test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from kolada_server import NATIONAL, NATIONAL_FIXTURE
from styrmodell.national import fitting_area, group_mean, place


def kommun_values(folder: Path, kpi: str, year: int) -> dict[str, float]:
    kommuner = {
        m["id"] for m in json.loads((folder / "municipality.json").read_text("utf-8"))["values"] if m["type"] == "K"
    }
    with (folder / "values" / f"{kpi}.csv").open(encoding="utf-8", newline="") as handle:
        return {
            r["municipality"]: float(r["value"])
            for r in csv.DictReader(handle)
            if r["municipality"] in kommuner and int(r["year"]) == year and r["value"] != ""
        }


def members(folder: Path, group_id: str) -> list[SimpleNamespace]:
    (group,) = [
        g for g in json.loads((folder / "municipality_groups.json").read_text("utf-8"))["values"] if g["id"] == group_id
    ]
    return [
        SimpleNamespace(
            group=group_id, title=group["title"], member=m["member_id"], member_name=m["member_title"], source="kolada"
        )
        for m in group["members"]
    ]


@pytest.mark.parametrize(
    "folder",
    [
        NATIONAL_FIXTURE,
        pytest.param(
            NATIONAL, marks=pytest.mark.skipif(not NATIONAL.is_dir(), reason="../shared/data/kolada-national is absent")
        ),
    ],
)
def test_karlskogas_merit_value_place_in_2022(folder):
    values = kommun_values(folder, "N15507", 2022)
    ordered = sorted(values.values(), reverse=True)
    expected = ordered.index(values["1883"]) + 1  # the first position of its value: ties share the best place
    found = place(values, "1883", "higher")
    assert (found.place, found.of) == (expected, len(values))
    assert found.text.startswith(f"plats {expected} av {len(values)}")
    assert found.fifth == (expected - 1) * 5 // len(values) + 1


def test_lower_is_better_turns_the_order_and_ties_share_the_best_place():
    values = {"0001": 3.0, "0002": 1.0, "0003": 1.0, "0004": 2.0}
    assert place(values, "0003", "lower").place == 1
    assert place(values, "0002", "lower").tied == 2
    assert place(values, "0004", "lower").place == 3
    assert place(values, "0001", "higher").place == 1
    assert place(values, "0002", "lower").text == "plats 1 av 4, delad med 1 annan"


def test_no_place_for_a_band_an_unknown_direction_or_no_value():
    values = {"0001": 1.0}
    assert place(values, "0001", "band") is None
    assert place(values, "0001", None) is None
    assert place(values, "0002", "higher") is None


def test_the_group_that_fits_the_kpi():
    topics = ["övergripande", "grundskola", "äldreomsorg"]
    assert fitting_area("Grundskola åk 0-9 inkl förskoleklass", topics) == "grundskola"
    assert fitting_area("Äldre och funktionshinder", topics) == "äldreomsorg"
    assert fitting_area("Kommunen, övergripande", topics) == "övergripande"
    assert fitting_area("Gymnasieskola åk 1-3", topics) == "övergripande"
    assert fitting_area("Grundskola åk 0-9", ["grundskola"]) == "grundskola"
    assert fitting_area("Befolkning", ["grundskola"]) is None


@pytest.mark.parametrize(
    "folder",
    [
        NATIONAL_FIXTURE,
        pytest.param(
            NATIONAL, marks=pytest.mark.skipif(not NATIONAL.is_dir(), reason="../shared/data/kolada-national is absent")
        ),
    ],
)
def test_the_grundskola_group_mean_counts_the_members_with_a_value(folder):
    values = kommun_values(folder, "N15507", 2022)
    group = members(folder, "G35959")
    with_value = [values[m.member] for m in group if m.member in values]
    found = group_mean(group, values)
    assert (found.with_value, found.members) == (len(with_value), 7)
    assert found.mean == pytest.approx(sum(with_value) / len(with_value))
    assert [code for code, _, _ in found.values] == sorted(m.member for m in group)
