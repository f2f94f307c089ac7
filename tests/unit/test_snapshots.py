"""Frozen snapshots: what freeze writes, that a published snapshot never changes, and the change digest."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import MINI, ROOT
from styrmodell import snapshots
from styrmodell.cli import main
from styrmodell.fulfilment import GoalStatus, Trend
from styrmodell.package import load_package
from styrmodell.package.problems import PackageError
from styrmodell.views.data import snapshot_facts

COMMITTED = sorted(p for p in (ROOT / "data").glob("*/archive/*") if p.is_dir() and not p.name.startswith("."))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def digest(package: Path, old: str, new: str) -> snapshots.Digest:
    by_period = {s.period: s for s in snapshots.list_snapshots(package)}
    a, b = snapshots.load_snapshot(by_period[old]).model, snapshots.load_snapshot(by_period[new]).model
    return snapshots.diff(a, a.period(old), b, b.period(new), tolerance=0.05, rule="majority")


def test_freeze_with_later_rows_copies_the_package_byte_for_byte_with_hashes(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2022, 10, 20), include_later=True)
    assert snapshot.path == mini_copy / "archive" / "2022-08"
    descriptor = json.loads((snapshot.path / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        assert (snapshot.path / res["path"]).read_bytes() == (mini_copy / res["path"]).read_bytes()
        assert res["hash"].startswith("sha256:")
    recorded = {name for name, _, _ in snapshot.files}
    assert recorded == {"datapackage.json", *(r["path"] for r in descriptor["resources"])}
    assert snapshots.verify(snapshot) == []
    assert load_package(snapshot.path).latest_period().id == "2022-12"


def test_freeze_refuses_to_overwrite_a_snapshot(mini_copy):
    snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24))
    before = {p.name: p.read_bytes() for p in (mini_copy / "archive" / "2022-08").iterdir()}
    edit(mini_copy / "results.csv", "221.2", "221.9")
    with pytest.raises(snapshots.SnapshotError, match="ändras aldrig"):
        snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24))
    assert {p.name: p.read_bytes() for p in (mini_copy / "archive" / "2022-08").iterdir()} == before


def test_freeze_refuses_an_unknown_period(mini_copy):
    with pytest.raises(snapshots.SnapshotError, match=r"finns inte i periods\.csv"):
        snapshots.freeze(mini_copy, "2030-08", frozen_on=date(2023, 4, 24))
    assert not (mini_copy / "archive").exists()


@pytest.mark.parametrize("frozen_on", [date(2022, 8, 15), date(2022, 8, 31)])
def test_freeze_refuses_a_period_that_has_not_ended(mini_copy, frozen_on):
    with pytest.raises(snapshots.SnapshotError) as caught:
        snapshots.freeze(mini_copy, "2022-08", frozen_on=frozen_on)
    message = str(caught.value)
    assert "Delårsrapport augusti 2022 slutar den 31 augusti 2022" in message
    assert "tidigast den 1 september 2022" in message
    assert not (mini_copy / "archive").exists()


def test_cli_freeze_refuses_a_period_that_has_not_ended_and_writes_nothing(mini_copy, capsys):
    assert main(["freeze", "2022-12", "--package", str(mini_copy), "--frozen-on", "2022-12-20"]) == 1
    printed = capsys.readouterr().err
    assert "Årsredovisning 2022 slutar den 31 december 2022" in printed
    assert "Traceback" not in printed
    assert not (mini_copy / "archive").exists()


def test_freeze_validates_first_and_writes_nothing_for_bad_data(mini_copy):
    edit(mini_copy / "results.csv", "215.5", "215,5")
    with pytest.raises(PackageError):
        snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24))
    assert not (mini_copy / "archive").exists()


def test_cli_freeze(mini_copy, capsys):
    assert main(["freeze", "2022-12", "--package", str(mini_copy)]) == 0
    assert "Årsredovisning 2022" in capsys.readouterr().out
    assert main(["freeze", "2022-12", "--package", str(mini_copy)]) == 1
    assert "finns redan" in capsys.readouterr().err


def test_the_loader_ignores_the_archive_folder(mini_copy):
    snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24))
    (mini_copy / "archive" / "trasig.csv").write_text("inte;ett;paket\n", encoding="utf-8")
    assert load_package(mini_copy).municipality.id == "testkommun"


def test_verify_finds_a_changed_an_added_and_a_missing_file(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24))
    results = snapshot.path / "results.csv"
    os.chmod(results, 0o644)
    results.write_bytes(results.read_bytes().replace(b"215.5", b"215.6"))
    (snapshot.path / "extra.csv").write_text("a\n", encoding="utf-8")
    os.chmod(snapshot.path / "goals.csv", 0o644)
    (snapshot.path / "goals.csv").unlink()
    problems = snapshots.verify(snapshot)
    assert len(problems) == 3
    assert any("results.csv" in p and "ändrats" in p for p in problems)
    assert any("extra.csv" in p for p in problems)
    assert any("goals.csv" in p and "saknas" in p for p in problems)
    with pytest.raises(snapshots.SnapshotError, match=r"results\.csv"):
        snapshots.verify_all(mini_copy)


@pytest.mark.parametrize("path", COMMITTED, ids=[f"{p.parent.parent.name}/{p.name}" for p in COMMITTED])
def test_committed_snapshots_are_unchanged_since_they_were_frozen(path):
    """Fails as soon as anyone edits a published snapshot under data/<kommun>/archive/."""
    assert snapshots.verify(snapshots.read_snapshot(path)) == []


@pytest.mark.parametrize("path", COMMITTED, ids=[f"{p.parent.parent.name}/{p.name}" for p in COMMITTED])
def test_committed_snapshots_pass_frictionless_validate(path):
    run = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", str(path / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]


def test_freshly_frozen_snapshot_passes_frictionless_validate(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24))
    run = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", str(snapshot.path / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]


def digest_against_package(package: Path, period: str) -> snapshots.Digest:
    """The frozen ``period`` against the package as it is now, both at the end of ``period``."""
    old = snapshots.load_snapshot(next(s for s in snapshots.list_snapshots(package) if s.period == period)).model
    new = load_package(package)
    return snapshots.diff(old, old.period(period), new, new.period(period), tolerance=0.05, rule="majority")


def test_digest_of_one_changed_value_lists_exactly_that_change(mini_copy):
    snapshots.freeze(mini_copy, "2022-12", frozen_on=date(2023, 4, 24), include_later=True)
    edit(mini_copy / "results.csv", "meritvarde,2021,2021-12,221.2", "meritvarde,2021,2021-12,221.9")
    result = digest_against_package(mini_copy, "2022-12")
    assert [(r.indicator.id, r.old.year, r.old.value, r.new.value) for r in result.revised] == [
        ("meritvarde", 2021, 221.2, 221.9)
    ]
    assert result.new_results == ()
    assert result.target_changes == ()
    assert result.status_changes == ()
    assert result.new_goals == ()
    assert result.retired_goals == ()
    assert result.summary() == "Jämfört med Årsredovisning 2022: 1 reviderat värde."


def test_digest_of_an_unchanged_package_is_empty(mini_copy):
    snapshots.freeze(mini_copy, "2022-12", frozen_on=date(2023, 4, 24), include_later=True)
    result = digest_against_package(mini_copy, "2022-12")
    assert result.empty
    assert result.summary().startswith("Inga ändringar")


def test_digest_between_reports_lists_the_values_that_became_known_between_them(mini_copy):
    # The package does not change, but the 2022 values (period 2022-12) were not known on 31 August.
    snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24), include_later=True)
    snapshots.freeze(mini_copy, "2022-12", frozen_on=date(2023, 4, 24), include_later=True)
    result = digest(mini_copy, "2022-08", "2022-12")
    assert [
        (c.indicator.id, c.result.period, c.result.value, c.previous.value if c.previous else None, c.trend)
        for c in result.new_results
    ] == [
        ("delar-handlaggningstid", "2022-12", 33, None, Trend.UNKNOWN),  # the delår value is no earlier year
        ("kostnad-elev", "2022-12", 98000, None, Trend.UNKNOWN),
        ("meritvarde", "2022-12", 219.8, 221.2, Trend.WORSE),
        ("sjukfranvaro", "2022-12", 8.1, None, Trend.UNKNOWN),
    ]
    assert result.revised == ()
    # bun-1: meritvarde 2021 (met) in August; in December meritvarde 2022 is near and kostnad-elev met.
    # bun-3: handläggningstid 28 ≤ 30 in August; in December 33 and sjukfrånvaro 8,1 > 7, both not met.
    # kf-1 follows its two children: both met in August; delvis and ej uppnått in December.
    assert [(c.goal.id, c.kind, c.old, c.new) for c in result.status_changes] == [
        ("kf-1", "beraknad", GoalStatus.MET, GoalStatus.PARTLY),
        ("bun-1", "beraknad", GoalStatus.MET, GoalStatus.PARTLY),
        ("bun-3", "beraknad", GoalStatus.MET, GoalStatus.NOT_MET),
    ]
    assert result.summary() == (
        "Jämfört med Delårsrapport augusti 2022: 4 nya resultat, 1 styrmått blev sämre, 3 mål bytte status."
    )


def test_digest_lists_new_results_targets_goals_and_status_changes(mini_copy):
    # August: the 2022 results are not in yet, and bun-3 does not exist.
    original = {
        name: (mini_copy / name).read_text(encoding="utf-8")
        for name in ("results.csv", "targets.csv", "goals.csv", "indicators.csv")
    }
    edit(mini_copy / "results.csv", "meritvarde,2022,2022-12,219.8,false,false,kolada,false,\n", "")
    edit(mini_copy / "targets.csv", "meritvarde,2022,225,230", "meritvarde,2022,222,230")
    snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24), include_later=True)
    for name, text in original.items():
        (mini_copy / name).write_text(text, encoding="utf-8")
    snapshots.freeze(mini_copy, "2022-12", frozen_on=date(2023, 4, 24), include_later=True)
    result = digest(mini_copy, "2022-08", "2022-12")
    assert [(c.indicator.id, c.result.year, c.trend) for c in result.new_results] == [
        ("delar-handlaggningstid", 2022, Trend.UNKNOWN),
        ("kostnad-elev", 2022, Trend.UNKNOWN),
        ("meritvarde", 2022, Trend.WORSE),
        ("sjukfranvaro", 2022, Trend.UNKNOWN),
    ]
    assert [c.indicator.id for c in result.worsened] == ["meritvarde"]
    assert result.improved == ()
    assert [(c.indicator.id, c.year, c.old.min, c.new.min) for c in result.target_changes] == [
        ("meritvarde", 2022, 222, 225)
    ]
    assert result.revised == ()
    changed = {(c.goal.id, c.kind): (c.old, c.new) for c in result.status_changes}
    assert all(kind == "beraknad" for _, kind in changed)
    assert ("bun-1", "beraknad") in changed
    assert changed[("bun-1", "beraknad")][1] in tuple(GoalStatus)


def test_digest_lists_new_and_retired_goals(mini_copy):
    snapshots.freeze(mini_copy, "2021-12", frozen_on=date(2023, 4, 24), include_later=True)
    edit(
        mini_copy / "goals.csv",
        "kf-1,fullmaktigemal,vision,kf,medborgare,Invånarna är nöjda med servicen,,2020,,",
        "kf-1,fullmaktigemal,vision,kf,medborgare,Invånarna är nöjda med servicen,,2020,2021,",
    )
    with (mini_copy / "goals.csv").open("a", encoding="utf-8") as goals:
        goals.write("bun-4,namndmal,kf-1,bun,medborgare,Fler elever läser,,2022,,,,exempeldata,true,\n")
    snapshots.freeze(mini_copy, "2022-12", frozen_on=date(2023, 4, 24), include_later=True)
    result = digest(mini_copy, "2021-12", "2022-12")
    # bun-2 and parent-kf ended 2021 and kf-1 now ends 2021; bun-3 starts 2022 but was already in the package
    assert {g.id for g in result.retired_goals} == {"kf-1", "bun-2", "parent-kf"}
    assert [g.id for g in result.new_goals] == ["bun-4"]


# What a snapshot holds: only what was known when its period ended ----------------------------


def keys(path: Path, *columns: str) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [tuple(row[c] for c in columns) for row in csv.DictReader(f)]


def manifest(snapshot: snapshots.Snapshot) -> dict:
    return json.loads((snapshot.path / "snapshot.json").read_text(encoding="utf-8"))


def test_freeze_leaves_out_the_rows_that_belong_after_the_period(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2022, 10, 20))
    folder = snapshot.path
    assert keys(folder / "periods.csv", "id") == [("2021-12",), ("2022-08",)]
    # the 2022 annual results (period 2022-12) were not known in August; the delår value of 2022-08 was
    assert keys(folder / "results.csv", "indicator", "year", "period") == [
        ("meritvarde", "2020", ""),
        ("meritvarde", "2021", "2021-12"),
        ("delar-handlaggningstid", "2022", "2022-08"),
    ]
    # this year's budget was decided before the year; its outcome comes with the annual report
    assert keys(folder / "budget.csv", "organisation", "year", "kind") == [("bun", "2022", "budget")]
    assert keys(folder / "assessments.csv", "goal", "period") == []  # the only one is of 2022-12
    assert keys(folder / "activity_status.csv", "activity", "period") == []
    assert keys(folder / "population.csv", "year") == [("2021",)]
    assert keys(folder / "financial_results.csv", "year") == []
    assert keys(folder / "spending.csv", "year") == []
    assert keys(folder / "comparisons.csv", "year") == [("2021",)]
    # målnivåer are decided in advance and kept
    assert (folder / "targets.csv").read_bytes() == (mini_copy / "targets.csv").read_bytes()
    assert snapshot.left_out == (
        ("activity_status.csv", 1),
        ("assessments.csv", 1),
        ("budget.csv", 1),
        ("comparisons.csv", 1),
        ("financial_results.csv", 1),
        ("periods.csv", 1),
        ("population.csv", 1),
        ("results.csv", 4),
        ("spending.csv", 2),
    )
    recorded = manifest(snapshot)
    assert recorded["later_rows"] == "left_out"
    assert recorded["frozen_on"] == "2022-10-20"
    assert recorded["after_the_fact"] is False
    assert snapshots.verify(snapshot) == []
    assert load_package(snapshot.path).latest_period().id == "2022-08"


def test_freeze_leaves_out_a_later_goal_and_everything_that_refers_to_it(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2021-12", frozen_on=date(2022, 4, 20))
    goals = [g for (g,) in keys(snapshot.path / "goals.csv", "id")]
    assert "bun-3" not in goals  # valid from 2022
    assert set(goals) == {g for (g,) in keys(mini_copy / "goals.csv", "id")} - {"bun-3"}
    dropped = {i for (i,) in keys(mini_copy / "indicators.csv", "id")} - {
        i for (i,) in keys(snapshot.path / "indicators.csv", "id")
    }
    assert dropped == {"delar-handlaggningstid", "sjukfranvaro"}  # bun-3's styrmått, and with them their målnivåer
    assert {("sjukfranvaro",), ("delar-handlaggningstid",)}.isdisjoint(keys(snapshot.path / "targets.csv", "indicator"))
    assert dict(snapshot.left_out)["goals.csv"] == 1
    assert dict(snapshot.left_out)["targets.csv"] == 3  # sjukfranvaro's one, delar-handlaggningstid's two
    load_package(snapshot.path)  # still valid, foreign keys included


def test_freeze_with_include_later_keeps_every_row_and_says_so(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 1, 10), include_later=True)
    assert keys(snapshot.path / "periods.csv", "id") == [("2021-12",), ("2022-08",), ("2022-12",)]
    recorded = manifest(snapshot)
    assert recorded["later_rows"] == "included"
    assert recorded["left_out"] == {}
    assert snapshot.later_rows == "included"


def test_freeze_records_its_date_and_whether_it_was_after_the_fact(mini_copy):
    edit(mini_copy / "periods.csv", "2021-12-31,,", "2021-12-31,2022-04-25,")
    on_time = snapshots.freeze(mini_copy, "2021-12", frozen_on=date(2022, 4, 25), note="")
    assert (on_time.frozen_on, on_time.after_the_fact, on_time.published) == (
        date(2022, 4, 25),
        False,
        date(2022, 4, 25),
    )
    late = snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2024, 1, 2), note="Rättad i efterhand")
    assert (late.frozen_on, late.after_the_fact, late.note) == (date(2024, 1, 2), True, "Rättad i efterhand")


def test_cli_freeze_takes_its_date_from_the_option_then_source_date_epoch(mini_copy, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1666224000")  # 2022-10-20 00:00 UTC
    assert main(["freeze", "2022-08", "--package", str(mini_copy), "--frozen-on", "2022-11-02"]) == 0
    assert "frusen 2022-11-02, 13 rader från senare perioder utelämnade" in capsys.readouterr().out
    assert main(["freeze", "2021-12", "--package", str(mini_copy)]) == 0
    assert "frusen 2022-10-20" in capsys.readouterr().out
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert main(["freeze", "2022-12", "--package", str(mini_copy), "--frozen-on", "2023-04-24", "--include-later"]) == 0
    snapshot = snapshots.read_snapshot(mini_copy / "archive" / "2022-12")
    assert (snapshot.frozen_on, snapshot.later_rows) == (date(2023, 4, 24), "included")


def test_cli_freeze_refuses_a_bad_date_and_writes_nothing(mini_copy, capsys):
    assert main(["freeze", "2022-08", "--package", str(mini_copy), "--frozen-on", "20 oktober"]) == 1
    assert "ÅÅÅÅ-MM-DD" in capsys.readouterr().err
    assert not (mini_copy / "archive").exists()


def test_a_freeze_whose_snapshot_does_not_validate_writes_nothing(mini_copy, monkeypatch):
    real_load = snapshots.load

    def load_but_reject_the_snapshot(directory):
        if Path(directory).parent.name == "archive":
            raise snapshots.SnapshotError("ogiltig ögonblicksbild")
        return real_load(directory)

    monkeypatch.setattr(snapshots, "load", load_but_reject_the_snapshot)
    with pytest.raises(snapshots.SnapshotError, match="ogiltig"):
        snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2022, 10, 20))
    assert list((mini_copy / "archive").iterdir()) == []


def test_snapshot_page_says_when_it_was_frozen_and_what_it_holds(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2024, 1, 2), note="Gjord i efterhand")
    period = load_package(snapshot.path).period("2022-08")
    titles = {"results.csv": "Resultat", "spending.csv": "Nettokostnad", "periods.csv": "Perioder"}
    facts = snapshot_facts(snapshot, period, titles)
    assert facts == (
        "Publiceringsdatum saknas för delårsrapport augusti 2022.",
        "Ögonblicksbilden frystes i efterhand, den 2 januari 2024.",
        "Den innehåller bara det som var känt när perioden slutade den 31 augusti 2022. 13 rader som hör till "
        "senare perioder är utelämnade (activity_status.csv: 1, assessments.csv: 1, budget.csv: 1, "
        "comparisons.csv: 1, financial_results.csv: 1, perioder: 1, population.csv: 1, resultat: 4, nettokostnad: 2).",
        "Gjord i efterhand.",
    )
    included = snapshots.freeze(mini_copy, "2022-12", frozen_on=date(2023, 1, 5), include_later=True)
    facts = snapshot_facts(included, load_package(included.path).period("2022-12"), {})
    assert facts[1:] == (
        "Ögonblicksbilden frystes den 5 januari 2023.",
        "Den innehåller också rader som hör till senare perioder: allt som fanns i datapaketet när den frystes.",
    )


def test_the_committed_karlskoga_snapshot_holds_nothing_from_after_its_period():
    folder = ROOT / "data" / "karlskoga" / "archive" / "2022-12"
    snapshot = snapshots.read_snapshot(folder)
    assert snapshot.later_rows == "left_out"
    assert snapshot.after_the_fact is True
    for name in ("population.csv", "results.csv", "comparisons.csv", "budget.csv", "financial_results.csv"):
        assert all(int(year) <= 2022 for (year,) in keys(folder / name, "year")), name
    assert all(int(year) <= 2023 for (year,) in keys(folder / "tax_rates.csv", "year"))
    assert all(d <= "2022-12-31" for (d,) in keys(folder / "documents.csv", "decided") if d)


def test_a_status_change_says_which_status_changed_and_whose_assessment_it_is():
    goal = load_package(MINI).goal("bun-1")
    assessed = snapshots.StatusChange(goal, "namnd", GoalStatus.PARTLY, GoalStatus.MET, "Barn- och utbildningsnämnden")
    computed = snapshots.StatusChange(goal, "beraknad", GoalStatus.PARTLY, GoalStatus.MET)
    assert (assessed.basis_text, computed.basis_text) == (
        "Barn- och utbildningsnämndens bedömning",
        "Beräknad från styrmåtten",
    )


@pytest.mark.parametrize(
    ("owner", "expected"),
    [("Kommunfullmäktige", "Kommunfullmäktiges bedömning"), ("Exempel Energi AB", "Exempel Energi AB:s bedömning")],
)
def test_the_assessment_of_fullmaktige_or_a_bolag_is_not_the_namnds(owner, expected):
    goal = load_package(MINI).goal("kf-1")
    assert snapshots.StatusChange(goal, "namnd", GoalStatus.PARTLY, GoalStatus.MET, owner).basis_text == expected


def test_the_digest_names_the_owner_of_an_assessment(tmp_path):
    """A changed assessment of a goal that fullmäktige owns is fullmäktige's, not "Nämndens bedömning"."""
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINI, old_dir)
    shutil.copytree(MINI, new_dir)
    for folder, status in ((old_dir, "delvis"), (new_dir, "uppnatt")):
        (folder / "assessments.csv").write_text(
            f"goal,period,status,analysis,actions,source,example\nkf-1,2022-12,{status},,,exempeldata,true\n",
            encoding="utf-8",
        )
    old, new = load_package(old_dir), load_package(new_dir)
    result = snapshots.diff(old, old.period("2022-12"), new, new.period("2022-12"), tolerance=0.05, rule="majority")
    assert [c.basis_text for c in result.status_changes if c.kind == "namnd"] == ["Kommunfullmäktiges bedömning"]
