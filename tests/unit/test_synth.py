"""``python -m styrmodell synth``: Syntetkommun validates, is the same bytes for the same seed, and has the rows
its rules say (counts written by hand from the rules in ``styrmodell.synth``)."""

from __future__ import annotations

import csv
import io

import pytest
from styrmodell.cli import main
from styrmodell.package import load
from styrmodell.synth import SynthError, synth, tables

#: Data rows per file at scale 1 and 2: 5 + N nämnder, 4 + 25·N goals, 40·N styrmått with 60 values each, ...
ROWS = {
    1: {
        "goals.csv": 29, "indicators.csv": 40, "results.csv": 2400, "targets.csv": 200, "periods.csv": 60,
        "organisation.csv": 8, "assessments.csv": 36, "activities.csv": 6, "activity_status.csv": 12,
        "budget.csv": 240, "comparisons.csv": 25, "financial_results.csv": 20, "spending.csv": 5,
        "tax_rates.csv": 40, "population.csv": 40, "documents.csv": 1, "sources.csv": 1, "municipality.csv": 1,
        "levels.csv": 4, "perspectives.csv": 3, "planning.csv": 4,
    },
}  # fmt: skip
#: Scale 2 adds one nämnd (a row in organisation and activities, 2 in activity_status, 40 in budget), 25 goals (a
#: fullmäktigemål, 12 nämndmål, 12 förvaltningsmål) and doubles styrmått, results, målnivåer and assessments.
ROWS[2] = {**ROWS[1], "goals.csv": 54, "indicators.csv": 80, "results.csv": 4800, "targets.csv": 400,
           "organisation.csv": 9, "assessments.csv": 72, "activities.csv": 7, "activity_status.csv": 14,
           "budget.csv": 280}  # fmt: skip


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("scale", [1, 2])
def test_each_file_has_the_rows_the_rules_give(scale):
    files = tables(scale)
    assert {name: len(rows(text)) for name, text in files.items() if name.endswith(".csv")} == ROWS[scale]


def test_every_row_is_example_data_and_the_municipality_is_fictional():
    files = tables(1)
    for name, text in files.items():
        if name.endswith(".csv") and name != "sources.csv":
            assert {(r["source"], r["example"]) for r in rows(text)} == {("exempeldata", "true")}, name
    (municipality,) = rows(files["municipality.csv"])
    assert (municipality["name"], municipality["code"]) == ("Syntetkommun", "0000")
    assert '"name": "syntetkommun-styrmodell"' in files["datapackage.json"]


def test_the_delar_values_belong_to_styrmatt_followed_every_period():
    files = tables(1)
    per_period = {r["id"] for r in rows(files["indicators.csv"]) if r["frequency"] == "per-period"}
    delar = {r["indicator"] for r in rows(files["results.csv"]) if not r["period"].endswith("-12")}
    assert delar <= per_period
    assert {r["period"][5:] for r in rows(files["results.csv"])} == {"04", "08", "12"}


def test_the_written_package_validates(tmp_path):
    synth(1, tmp_path / "synt")
    model = load(tmp_path / "synt").model
    assert (len(model.goals), len(model.indicators), len(model.results), len(model.periods)) == (29, 40, 2400, 60)
    assert main(["validate", str(tmp_path / "synt")]) == 0


def test_same_seed_same_bytes_other_seed_other_figures(tmp_path):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        assert main(["synth", "--scale", "1", "--out", str(tmp_path / name), "--seed", str(seed)]) == 0
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (tmp_path / "a" / "results.csv").read_bytes() != (tmp_path / "c" / "results.csv").read_bytes()
    assert (tmp_path / "a" / "goals.csv").read_bytes() == (tmp_path / "c" / "goals.csv").read_bytes()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path, capsys):
    out = tmp_path / "full"
    out.mkdir()
    (out / "egen.txt").write_text("behåll", encoding="utf-8")
    assert main(["synth", "--scale", "1", "--out", str(out)]) == 1
    assert "finns redan och är inte tom" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["egen.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_an_empty_folder_is_filled_and_scale_zero_is_refused(tmp_path):
    (tmp_path / "tom").mkdir()
    synth(1, tmp_path / "tom")
    assert (tmp_path / "tom" / "datapackage.json").is_file()
    with pytest.raises(SynthError, match="--scale"):
        synth(0, tmp_path / "noll")
    assert not (tmp_path / "noll").exists()


def test_a_failure_while_writing_leaves_nothing(tmp_path, monkeypatch):
    from pathlib import Path

    def fail(self, *args, **kwargs):
        if self.name == "results.csv":
            raise OSError("disken är full")
        return original(self, *args, **kwargs)

    original = Path.write_text
    monkeypatch.setattr(Path, "write_text", fail)
    with pytest.raises(OSError, match="disken är full"):
        synth(1, tmp_path / "synt")
    assert list(tmp_path.iterdir()) == []
