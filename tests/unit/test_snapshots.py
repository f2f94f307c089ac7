"""Frozen snapshots: what freeze writes, that a published snapshot never changes, and the change digest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from styrmodell import snapshots
from styrmodell.cli import main
from styrmodell.fulfilment import GoalStatus, Trend
from styrmodell.package import load_package
from styrmodell.package.problems import PackageError

COMMITTED = sorted(p for p in (ROOT / "data").glob("*/archive/*") if p.is_dir() and not p.name.startswith("."))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def digest(package: Path, old: str, new: str) -> snapshots.Digest:
    by_period = {s.period: s for s in snapshots.list_snapshots(package)}
    a, b = snapshots.load_snapshot(by_period[old]).model, snapshots.load_snapshot(by_period[new]).model
    return snapshots.diff(a, a.period(old), b, b.period(new), tolerance=0.05, rule="majority")


def test_freeze_copies_the_package_byte_for_byte_with_hashes(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08")
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
    snapshots.freeze(mini_copy, "2022-08")
    before = {p.name: p.read_bytes() for p in (mini_copy / "archive" / "2022-08").iterdir()}
    edit(mini_copy / "results.csv", "221.2", "221.9")
    with pytest.raises(snapshots.SnapshotError, match="ändras aldrig"):
        snapshots.freeze(mini_copy, "2022-08")
    assert {p.name: p.read_bytes() for p in (mini_copy / "archive" / "2022-08").iterdir()} == before


def test_freeze_refuses_an_unknown_period(mini_copy):
    with pytest.raises(snapshots.SnapshotError, match=r"finns inte i periods\.csv"):
        snapshots.freeze(mini_copy, "2030-08")
    assert not (mini_copy / "archive").exists()


def test_freeze_validates_first_and_writes_nothing_for_bad_data(mini_copy):
    edit(mini_copy / "results.csv", "215.5", "215,5")
    with pytest.raises(PackageError):
        snapshots.freeze(mini_copy, "2022-08")
    assert not (mini_copy / "archive").exists()


def test_cli_freeze(mini_copy, capsys):
    assert main(["freeze", "2022-12", "--package", str(mini_copy)]) == 0
    assert "Årsredovisning 2022" in capsys.readouterr().out
    assert main(["freeze", "2022-12", "--package", str(mini_copy)]) == 1
    assert "finns redan" in capsys.readouterr().err


def test_the_loader_ignores_the_archive_folder(mini_copy):
    snapshots.freeze(mini_copy, "2022-08")
    (mini_copy / "archive" / "trasig.csv").write_text("inte;ett;paket\n", encoding="utf-8")
    assert load_package(mini_copy).municipality.id == "testkommun"


def test_verify_finds_a_changed_an_added_and_a_missing_file(mini_copy):
    snapshot = snapshots.freeze(mini_copy, "2022-08")
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
    snapshot = snapshots.freeze(mini_copy, "2022-08")
    run = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", str(snapshot.path / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]


def test_digest_of_one_changed_value_lists_exactly_that_change(mini_copy):
    snapshots.freeze(mini_copy, "2022-08")
    edit(mini_copy / "results.csv", "meritvarde,2021,2021-12,221.2", "meritvarde,2021,2021-12,221.9")
    snapshots.freeze(mini_copy, "2022-12")
    result = digest(mini_copy, "2022-08", "2022-12")
    assert [(r.indicator.id, r.old.year, r.old.value, r.new.value) for r in result.revised] == [
        ("meritvarde", 2021, 221.2, 221.9)
    ]
    assert result.new_results == ()
    assert result.target_changes == ()
    assert result.status_changes == ()
    assert result.new_goals == ()
    assert result.retired_goals == ()
    assert result.summary() == "Jämfört med Delårsrapport augusti 2022: 1 reviderat värde."


def test_digest_of_an_unchanged_package_is_empty(mini_copy):
    snapshots.freeze(mini_copy, "2022-08")
    snapshots.freeze(mini_copy, "2022-12")
    result = digest(mini_copy, "2022-08", "2022-12")
    assert result.empty
    assert result.summary().startswith("Inga ändringar")


def test_digest_lists_new_results_targets_goals_and_status_changes(mini_copy):
    # August: the 2022 results are not in yet, and bun-3 does not exist.
    original = {
        name: (mini_copy / name).read_text(encoding="utf-8")
        for name in ("results.csv", "targets.csv", "goals.csv", "indicators.csv")
    }
    edit(mini_copy / "results.csv", "meritvarde,2022,2022-12,219.8,false,false,kolada,false,\n", "")
    edit(mini_copy / "targets.csv", "meritvarde,2022,225,230", "meritvarde,2022,222,230")
    snapshots.freeze(mini_copy, "2022-08")
    for name, text in original.items():
        (mini_copy / name).write_text(text, encoding="utf-8")
    snapshots.freeze(mini_copy, "2022-12")
    result = digest(mini_copy, "2022-08", "2022-12")
    assert [(c.indicator.id, c.result.year, c.previous.value, c.trend) for c in result.new_results] == [
        ("meritvarde", 2022, 221.2, Trend.WORSE)
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
    snapshots.freeze(mini_copy, "2021-12")
    edit(
        mini_copy / "goals.csv",
        "kf-1,fullmaktigemal,vision,kf,medborgare,Invånarna är nöjda med servicen,,2020,,",
        "kf-1,fullmaktigemal,vision,kf,medborgare,Invånarna är nöjda med servicen,,2020,2021,",
    )
    with (mini_copy / "goals.csv").open("a", encoding="utf-8") as goals:
        goals.write("bun-4,namndmal,kf-1,bun,medborgare,Fler elever läser,,2022,,,,exempeldata,true,\n")
    snapshots.freeze(mini_copy, "2022-12")
    result = digest(mini_copy, "2021-12", "2022-12")
    # bun-2 and parent-kf ended 2021 and kf-1 now ends 2021; bun-3 starts 2022 but was already in the package
    assert {g.id for g in result.retired_goals} == {"kf-1", "bun-2", "parent-kf"}
    assert [g.id for g in result.new_goals] == ["bun-4"]
