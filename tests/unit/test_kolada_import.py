"""import-kolada against a local Kolada: exactly the expected rows, idempotent, and nothing written on failure."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from kolada_server import KoladaServer, item
from styrmodell.cli import main
from styrmodell.kolada.client import KoladaClient, KoladaError
from styrmodell.kolada.importer import import_kolada
from styrmodell.kolada.starter import init

FETCHED = date(2026, 12, 2)


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> Path:
    """A starter package for Karlskoga (1883) from the local Kolada, made once."""
    out = tmp_path_factory.mktemp("kolada") / "karlskoga"
    with KoladaServer() as server:
        init(
            "1883",
            out,
            KoladaClient(server.url, timeout=2, retries=0),
            fetched_on=date(2026, 12, 1),
            website="https://www.kommunen.se",
        )
    return out


@pytest.fixture
def package(started, tmp_path) -> Path:
    target = tmp_path / "package"
    shutil.copytree(started, target)
    return target


@pytest.fixture
def server():
    with KoladaServer() as running:
        yield running


def hashes(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def rows(directory: Path, name: str) -> list[dict[str, str]]:
    with (directory / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run(package: Path, server: KoladaServer, **kwargs):
    client = KoladaClient(server.url, timeout=0.5, retries=1, backoff=0.01)
    return import_kolada(package, client, fetched_on=FETCHED, out=lambda _: None, **kwargs)


def add_2023(server: KoladaServer) -> None:
    """Kolada publishes 2023 for the merit value: Karlskoga, Riket and both group members; a bortfall for U21468."""
    server.data += [
        item("N15507", "1883", 2023, 220.5),
        item("N15507", "0000", 2023, 229.0),
        item("N15507", "1862", 2023, 200.0),
        item("N15507", "1884", 2023, 210.0),
        item("U21468", "1883", 2023, None, status="Bortfall"),
    ]


def test_the_import_adds_exactly_the_new_rows(package, server):
    add_2023(server)
    before_results, before_comparisons = rows(package, "results"), rows(package, "comparisons")
    report = run(package, server)
    results, comparisons = rows(package, "results"), rows(package, "comparisons")
    new_results = [r for r in results if r not in before_results]
    new_comparisons = [r for r in comparisons if r not in before_comparisons]
    source = "kolada-n15507-2026-12-02"
    assert [(r["indicator"], r["year"], r["period"], r["value"], r["source"], r["origin"]) for r in new_results] == [
        ("n15507", "2023", "", "220.5", source, "kolada")
    ]
    assert sorted((r["area"], r["value"]) for r in new_comparisons) == [("lanets-kommuner", "205"), ("riket", "229")]
    assert len(results) == len(before_results) + 1
    assert report.changes["u21468"].missing == ["2023 (Bortfall)"]
    assert not any(r["indicator"] == "u21468" and r["year"] == "2023" for r in results)
    added = [s for s in rows(package, "sources") if s["id"] == source]
    assert [(s["publisher"], s["accessed"]) for s in added] == [("RKA (Kolada)", "2026-12-02")]


def test_a_second_run_changes_no_byte(package, server):
    add_2023(server)
    run(package, server)
    after_first = hashes(package)
    report = run(package, server)
    assert hashes(package) == after_first
    assert report.written == []
    assert not report.touched


def test_unchanged_values_keep_their_bytes(package, server):
    before = hashes(package)
    report = run(package, server)
    assert hashes(package) == before
    assert report.changes["n15507"].unchanged == 12  # four years, Karlskoga, Riket and the group


def test_dry_run_writes_nothing_and_says_what_would_change(package, server):
    add_2023(server)
    before = hashes(package)
    printed: list[str] = []
    client = KoladaClient(server.url, timeout=0.5, retries=0)
    import_kolada(package, client, fetched_on=FETCHED, dry_run=True, out=printed.append)
    assert hashes(package) == before
    text = printed[0]
    assert "n15507: 3 nya, 0 ändrade, 12 oförändrade" in text
    assert "  ny: 2023: 220.5" in text
    assert "inget värde i Kolada: 2023 (Bortfall)" in text
    assert text.endswith("Provkörning (--dry-run): ingenting skrevs.")


def test_a_revised_value_is_updated_and_listed(package, server):
    for d in server.data:
        if (d["kpi"], d["municipality"], d["period"]) == ("N15507", "1883", 2021):
            d["values"][0]["value"] = 216.0
    report = run(package, server)
    assert report.changes["n15507"].changed == ["2021: 215 → 216"]
    revised = next(r for r in rows(package, "results") if (r["indicator"], r["year"]) == ("n15507", "2021"))
    assert (revised["value"], revised["source"]) == ("216", "kolada-n15507-2026-12-02")


def test_a_row_entered_by_hand_is_never_overwritten(package, server):
    path = package / "results.csv"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("n15507,2021,"))
    path.write_text(
        text.replace(old, old.replace(",215,", ",999,").removesuffix(",kolada") + ",hand"), encoding="utf-8"
    )
    before = hashes(package)
    report = run(package, server)
    assert hashes(package) == before
    assert report.changes["n15507"].by_hand == ["2021 (paketet 999, Kolada 215)"]


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ([(500, {"e": 1})] * 2, "Kolada svarade 500"),
        ([("sleep", 0.7)] * 2, "inget svar inom"),
        ([(200, b"<html>not json</html>")], "inte giltig JSON"),
    ],
    ids=["server-down", "time-out", "malformed-json"],
)
def test_a_failing_server_leaves_every_file_untouched(package, server, script, message):
    server.script = list(script)
    before = hashes(package)
    with pytest.raises(KoladaError, match=message):
        run(package, server)
    assert hashes(package) == before


def test_a_result_that_does_not_validate_writes_nothing(package, server):
    server.data.append(item("N15507", "1883", 2021, -5.0))  # the merit value is revised below zero …
    path = package / "datapackage.json"  # … which a constraint in the package forbids
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    results = next(r for r in descriptor["resources"] if r["name"] == "results")
    next(f for f in results["schema"]["fields"] if f["name"] == "value")["constraints"]["minimum"] = 0
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    before = hashes(package)
    with pytest.raises(KoladaError, match="inte ett giltigt datapaket"):
        run(package, server)
    assert hashes(package) == before


def test_years_without_a_reporting_period_wait(package, server):
    server.data.append(item("N15507", "1883", 2025, 230.0))  # the package's last period is 2022-12
    before = hashes(package)
    report = run(package, server)
    assert report.changes["n15507"].later == [2025]
    assert "väntar på en uppföljningsperiod i periods.csv, hämtas inte ännu: 2025" in report.text(dry_run=False)
    assert hashes(package) == before


def test_the_command_says_why_in_swedish_and_exits_non_zero(package, server, capsys):
    server.script = [(500, {"e": 1})] * 4
    before = hashes(package)
    argv = ["import-kolada", str(package), "--base-url", server.url, "--years", "2022-2023", "--backoff", "0.01"]
    code = main(argv)
    assert code == 1
    assert hashes(package) == before
    err = capsys.readouterr().err
    assert err.startswith("import-kolada misslyckades, och ingen fil ändrades: Hämtningen från http://127.0.0.1")
    assert "Traceback" not in err


def test_a_package_without_the_origin_column_is_refused(mini_copy, server):
    before = hashes(mini_copy)
    with pytest.raises(KoladaError, match="saknar kolumnen origin"):
        run(mini_copy, server)
    assert hashes(mini_copy) == before


def test_the_command_takes_the_settings_that_name_the_package(package, server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02: the fetch day in sources.csv
    add_2023(server)
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(f"STYRMODELL = {{'package': {str(package)!r}}}\n", encoding="utf-8")
    by_folder = tmp_path / "by-folder"
    shutil.copytree(package, by_folder)
    before = hashes(package)
    common = ["--base-url", server.url, "--years", "2022-2023", "--backoff", "0.01"]
    assert main(["import-kolada", str(by_folder), *common]) == 0
    assert main(["import-kolada", str(settings), *common]) == 0
    assert capsys.readouterr().err == ""
    assert hashes(package) == hashes(by_folder) != before


def test_an_answer_without_the_municipality_is_a_warning_not_a_silent_nothing(package, server):
    server.data = [d for d in server.data if d["municipality"] != "1883"]
    before = hashes(package)
    printed: list[str] = []
    client = KoladaClient(server.url, timeout=0.5, retries=0)
    report = import_kolada(package, client, fetched_on=FETCHED, out=printed.append)
    assert hashes(package) == before
    assert report.warnings == [
        "Varning: Kolada gav inga värden alls för kommunen med koden 1883 (Karlskoga) för något av paketets "
        "nyckeltal. Så rättar du: kontrollera kommunkoden i municipality.csv och adressen i --base-url"
    ]
    assert printed[0].startswith(report.warnings[0] + "\n")
    assert "n15507: 0 nya, 0 ändrade, 8 oförändrade" in printed[0]
    assert "  varning: Kolada har inga värden för kommunen för nyckeltalet N15507" in printed[0]


def test_one_kpi_without_values_for_the_municipality_is_named(package, server):
    server.data = [d for d in server.data if (d["kpi"], d["municipality"]) != ("U07451", "1883")]
    report = run(package, server)
    assert report.warnings == []
    assert report.changes["u07451"].no_values
    assert not report.changes["n15507"].no_values
    assert "  varning: Kolada har inga värden för kommunen för nyckeltalet U07451" in report.text(dry_run=False)
