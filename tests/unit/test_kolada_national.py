"""init and import-kolada write every kommun's values and the chosen groups into the package.

The local Kolada answers from a folder in the shape of the national folder: the small one in
tests/fixtures/kolada-national, and the whole country from ../shared/data/kolada-national when it is there.
Every expected figure is read here from the folder's CSV and JSON files, not computed by the code under test.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from kolada_server import NATIONAL, NATIONAL_FIXTURE, KoladaServer
from styrmodell.kolada.client import KoladaClient, KoladaError
from styrmodell.kolada.importer import import_kolada
from styrmodell.kolada.starter import init
from styrmodell.package import load_package

SMALL, WHOLE = NATIONAL_FIXTURE, NATIONAL
STARTED, LATER = date(2026, 12, 1), date(2026, 12, 2)


def client(server: KoladaServer) -> KoladaClient:
    return KoladaClient(server.url, timeout=5, retries=0)


def started(folder: Path, out: Path, **server_options) -> tuple[Path, list[str]]:
    with KoladaServer(folder, **server_options) as server:
        init("1883", out, client(server), fetched_on=STARTED, website="https://kommun.example")
        return out, server.paths


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, list[str]]:
    return started(SMALL, tmp_path_factory.mktemp("small") / "karlskoga")


def rows(package: Path, name: str) -> list[dict[str, str]]:
    with (package / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def listed(folder: Path, name: str) -> list[dict]:
    return json.loads((folder / name).read_text(encoding="utf-8"))["values"]


def folder_values(folder: Path, kpi: str) -> dict[tuple[str, int], float]:
    """The folder's values of ``kpi`` for kommuner (type K), read straight from its CSV."""
    kommuner = {m["id"] for m in listed(folder, "municipality.json") if m["type"] == "K"}
    path = folder / "values" / f"{kpi}.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (r["municipality"], int(r["year"])): float(r["value"])
            for r in csv.DictReader(handle)
            if r["municipality"] in kommuner and r["value"] != ""
        }


def covered(package: Path) -> dict[str, set[int]]:
    """Per KPI, the years the package has a result for: the years its national values must cover."""
    kpi_of = {r["id"]: r["kolada_kpi"] for r in rows(package, "indicators") if r["kolada_kpi"]}
    years: dict[str, set[int]] = {}
    for result in rows(package, "results"):
        if result["indicator"] in kpi_of:
            years.setdefault(kpi_of[result["indicator"]], set()).add(int(result["year"]))
    return years


def expected_values(folder: Path, package: Path) -> dict[tuple[str, str, int], float]:
    return {
        (kpi, code, year): value
        for kpi, years in covered(package).items()
        for (code, year), value in folder_values(folder, kpi).items()
        if year in years
    }


def written_values(package: Path) -> dict[tuple[str, str, int], float]:
    return {(r["kpi"], r["municipality"], int(r["year"])): float(r["value"]) for r in rows(package, "kolada_values")}


def karlskoga_groups(folder: Path) -> dict[str, dict]:
    """Kolada's groups for Karlskoga: per area the newest "Liknande kommuner …, Karlskoga[, år]", and the county."""
    newest: dict[str, dict] = {}
    county = []
    for group in listed(folder, "municipality_groups.json"):
        title = group["title"]
        match = re.fullmatch(r"Liknande kommuner,? ?(.*?), Karlskoga(?:, (\d{4}))?", title)
        members = {m["member_id"] for m in group["members"]}
        if match:
            area = match[1]
            if area not in newest or (match[2] or "") > newest[area]["year"]:
                newest[area] = {"id": group["id"], "year": match[2] or "", "topic": area}
        elif title.endswith(" läns kommuner (ovägt medel)") and "1883" in members:
            county.append(group["id"])
    return {g["id"]: g for g in newest.values()} | {g: {"id": g, "topic": ""} for g in county}


def hashes(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()}


# init ------------------------------------------------------------------------------------------------------


def test_init_writes_every_kommuns_values_for_the_years_the_package_covers(small):
    package, _ = small
    expected = expected_values(SMALL, package)
    assert expected, "the small folder has values for the starter package's KPIs"
    assert written_values(package) == expected
    assert {r["source"] for r in rows(package, "kolada_values")} <= {r["id"] for r in rows(package, "sources")}
    assert not any(code in {"0000", "0018"} for (_, code, _) in written_values(package)), "only kommuner"


def test_init_asks_once_per_kpi_for_the_whole_country(small):
    package, paths = small
    national = [p for p in paths if re.match(r"/v3/data/kpi/[A-Z0-9]+/year/[0-9,]+\?per_page=5000$", p)]
    assert sorted(re.match(r"/v3/data/kpi/([A-Z0-9]+)/", p)[1] for p in national) == sorted(covered(package))


def test_init_chooses_karlskogas_similar_kommuner_and_its_county(small):
    package, _ = small
    expected = karlskoga_groups(SMALL)
    written = rows(package, "kolada_groups")
    assert {r["group"] for r in written} == set(expected) == {"G35959", "G37419", "G33625"}
    for row in written:
        assert row["topic"] == expected[row["group"]]["topic"]
        assert row["kind"] == ("county" if row["group"] == "G33625" else "similar")
    members = {g["id"]: {m["member_id"] for m in g["members"]} for g in listed(SMALL, "municipality_groups.json")}
    for group in expected:
        assert {r["member"] for r in written if r["group"] == group} == members[group]


def test_init_lists_every_kommun_with_its_county(small):
    package, _ = small
    kommuner = {m["id"]: m["title"] for m in listed(SMALL, "municipality.json") if m["type"] == "K"}
    written = rows(package, "kolada_municipalities")
    assert {r["code"]: r["name"] for r in written} == kommuner
    assert {r["county"] for r in written if r["code"].startswith("18")} == {"Örebro län"}


def test_the_model_of_the_started_package_holds_the_national_records(small):
    package, _ = small
    model = load_package(package)
    meritvarde = {v.municipality: v.value for v in model.national_values("N15507", 2022)}
    assert meritvarde == {code: value for (code, year), value in folder_values(SMALL, "N15507").items() if year == 2022}


def test_paging_with_relative_links_gives_the_same_package(small, tmp_path):
    package, _ = small
    with KoladaServer(SMALL, links="relative") as server:
        server.per_page = 7
        init("1883", tmp_path / "paged", client(server), fetched_on=STARTED, website="https://kommun.example")
        assert any("page=2" in p for p in server.paths)
    paged, whole = hashes(tmp_path / "paged"), hashes(package)
    assert {k: v for k, v in paged.items() if k != "sources.csv"} == {
        k: v for k, v in whole.items() if k != "sources.csv"
    }
    assert "kolada_values.csv" in paged


# import-kolada ---------------------------------------------------------------------------------------------


@pytest.fixture
def package(small, tmp_path) -> Path:
    target = tmp_path / "package"
    shutil.copytree(small[0], target)
    return target


def run(package: Path, **options):
    with KoladaServer(SMALL) as server:
        return import_kolada(package, client(server), fetched_on=LATER, out=lambda _: None, **options)


def test_a_second_import_with_the_same_answers_changes_no_byte(package):
    before = hashes(package)
    run(package)
    assert hashes(package) == before


def test_chosen_groups_replace_the_defaults_and_are_kept_next_time(package):
    run(package, groups=["G33625"])
    assert {r["group"] for r in rows(package, "kolada_groups")} == {"G33625"}
    before = hashes(package)
    run(package)
    assert hashes(package) == before, "without --groups the package's own groups are kept"


def test_the_default_groups_follow_the_code_not_the_packages_spelling_of_the_name(package):
    municipality = (package / "municipality.csv").read_text(encoding="utf-8")
    (package / "municipality.csv").write_text(municipality.replace(",Karlskoga,", ",Karlskoga kommun,"), "utf-8")
    groups = (package / "kolada_groups.csv").read_text(encoding="utf-8")
    (package / "kolada_groups.csv").write_text(groups.splitlines()[0] + "\n", "utf-8")
    run(package)
    assert {r["group"] for r in rows(package, "kolada_groups")} == set(karlskoga_groups(SMALL))


def test_an_unknown_group_writes_nothing(package):
    before = hashes(package)
    with pytest.raises(KoladaError, match="G1"):
        run(package, groups=["G1"])
    assert hashes(package) == before


def test_a_package_without_the_resources_gets_them_with_their_source(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if not r["name"].startswith("kolada_")]
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", "utf-8")
    for name in ("kolada_values", "kolada_groups", "kolada_municipalities"):
        (package / f"{name}.csv").unlink()
    run(package)
    assert written_values(package) == expected_values(SMALL, package)
    sources = {r["id"]: r for r in rows(package, "sources")}
    for row in rows(package, "kolada_groups") + rows(package, "kolada_municipalities"):
        assert "Kolada (RKA)" in sources[row["source"]]["note"]
        assert row["source"].endswith(LATER.isoformat())


def test_the_command_line_takes_groups(package, capsys):
    from styrmodell.cli import main

    with KoladaServer(SMALL) as server:
        code = main(["import-kolada", str(package), "--base-url", server.url, "--groups", "G35959"])
        assert code == 0
        assert {r["group"] for r in rows(package, "kolada_groups")} == {"G35959"}
        assert main(["import-kolada", str(package), "--base-url", server.url, "--groups", "35959"]) == 1
    assert "--groups" in capsys.readouterr().err


# The whole country -----------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not WHOLE.is_dir(), reason="../shared/data/kolada-national (Kolada for the whole country) is absent"
)
def test_init_over_the_whole_country(tmp_path):
    package, paths = started(WHOLE, tmp_path / "karlskoga")
    assert written_values(package) == expected_values(WHOLE, package)
    assert len(rows(package, "kolada_municipalities")) == 290
    expected = karlskoga_groups(WHOLE)
    assert len(expected) == 13
    assert {r["group"] for r in rows(package, "kolada_groups")} == set(expected)
    first_pages = [p for p in paths if re.match(r"/v3/data/kpi/[A-Z0-9]+/year/[0-9,]+\?per_page=5000$", p)]
    assert len(first_pages) == len(covered(package)), "one paged query per KPI"
    size = sum(
        (package / f"{n}.csv").stat().st_size for n in ("kolada_values", "kolada_groups", "kolada_municipalities")
    )
    assert size < 3_000_000, f"the national resources take {size} bytes"  # 2.5 MB for 13 KPIs, 1994–2022
