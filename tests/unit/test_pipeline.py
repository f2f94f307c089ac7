"""The build's pipeline without Pelican: one load of the package, and the open-data step as a pure function."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import MINI
from styrmodell import build, snapshots, views
from styrmodell import settings as plugin_settings
from styrmodell.exports.files import File
from styrmodell.exports.opendata import merge, open_data
from styrmodell.package import PackageError, load, loader
from styrmodell.package.loader import cast
from styrmodell.settings import Settings
from styrmodell.views.data import Download

RESOURCES = (
    "sources",
    "municipality",
    "organisation",
    "levels",
    "perspectives",
    "periods",
    "goals",
    "indicators",
    "targets",
    "results",
    "comparisons",
    "assessments",
    "activities",
    "activity_status",
    "budget",
    "financial_results",
    "spending",
    "tax_rates",
    "population",
    "documents",
    "planning",
)
GOAL_IDS = ["vision", "kf-1", "bun-1", "bun-2", "bun-3", "parent-kf", "parent-bun"]
GOAL_PAGES = tuple(f"mal/{goal}/" for goal in GOAL_IDS)
INDICATOR_PAGES = (
    "styrmatt/meritvarde/",
    "styrmatt/kostnad-elev/",
    "styrmatt/sjukfranvaro/",
    "styrmatt/delar-handlaggningstid/",
)
ORGAN_PAGES = ("namnder/kf/", "namnder/ks/", "namnder/bun/")
PERIOD_PAGES = ("rapporter/2021-12/", "rapporter/2022-08/", "rapporter/2022-12/")
#: The pages that show no table (bun-2 has neither styrmått nor contributing goals; KS owns no goal) have JSON only.
JSON_ONLY = ("mal/bun-2/", "mal/parent-bun/", "namnder/ks/")


# One load ----------------------------------------------------------------------------------


def test_load_reads_every_file_of_the_package_once(monkeypatch):
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    package = load(MINI)
    assert sorted(reads) == sorted(f"{name}.csv" for name in RESOURCES)
    assert package.files["goals.csv"] == read_bytes(MINI / "goals.csv")


def test_package_holds_the_descriptor_the_typed_tables_and_the_model():
    package = load(MINI)
    assert package.directory == MINI
    assert package.name == "testkommun"
    assert [r["name"] for r in package.descriptor["resources"]] == list(RESOURCES)
    assert list(package.tables) == list(RESOURCES)
    assert [row.number for row in package.tables["goals"].rows] == [2, 3, 4, 5, 6, 7, 8]
    assert [g["id"] for g in package.tables["goals"].records] == GOAL_IDS
    result = package.tables["results"].records[0]
    assert (type(result["year"]), type(result["value"]), type(result["example"])) == (int, float, bool)
    assert package.tables["periods"].records[0]["end_date"] == date(2021, 12, 31)
    assert package.model.municipality.id == "testkommun"
    assert [g.id for g in package.model.goals] == GOAL_IDS


@pytest.mark.parametrize(
    ("value", "field", "expected"),
    [
        ("", {"type": "integer"}, None),
        ("2022", {"type": "integer"}, 2022),
        ("2022", {"type": "year"}, 2022),
        ("215.5", {"type": "number"}, 215.5),
        ("true", {"type": "boolean"}, True),
        ("false", {"type": "boolean"}, False),
        ("ja", {"type": "boolean", "trueValues": ["ja"]}, True),
        ("2022-12-31", {"type": "date"}, date(2022, 12, 31)),
        ("=1+1", {"type": "string"}, "=1+1"),
        ("text", {}, "text"),
    ],
)
def test_cast_gives_each_cell_its_schema_type(value, field, expected):
    got = cast(value, field)
    assert got == expected
    assert type(got) is type(expected)


def test_the_settings_name_the_package_relative_to_the_project_folder():
    project = MINI.parent
    settings = {"STYRMODELL": {"package": MINI.name}, "PATH": str(project / "content")}
    assert plugin_settings.package_directory(settings) == MINI
    assert (
        plugin_settings.package_directory({"STYRMODELL": {"package": str(MINI)}, "PATH": "/elsewhere/content"}) == MINI
    )


def test_load_package_and_validate_share_the_one_loader(monkeypatch):
    calls = []
    frictionless = loader.frictionless_problems

    def counting(directory, descriptor):
        calls.append(Path(directory))
        return frictionless(directory, descriptor)

    monkeypatch.setattr(loader, "frictionless_problems", counting)
    assert build.validate(MINI) == 0
    assert calls == [MINI]


# The open-data step ------------------------------------------------------------------------


def _step(directory: Path, base: str):
    package = load(directory)
    settings = Settings()
    return open_data(package, views.page_views(package.model, settings), settings, snapshots.load_all(directory), base)


@pytest.fixture(scope="module")
def mini_data():
    return _step(MINI, "https://kommun.example")


def test_open_data_lists_every_file_to_publish(mini_data):
    tables = {f"data/{name}.csv" for name in RESOURCES} | {f"data/excel/{name}-excel.csv" for name in RESOURCES}
    package = {"data/testkommun.zip", "data/datapackage.json", "data/testkommun.xlsx", "data/testkommun.sqlite"}
    pages = {f"{url}data.json" for url in (*GOAL_PAGES, *INDICATOR_PAGES, *ORGAN_PAGES, *PERIOD_PAGES)}
    pages |= {
        f"{url}data.csv" for url in (*GOAL_PAGES, *INDICATOR_PAGES, *ORGAN_PAGES, *PERIOD_PAGES) if url not in JSON_ONLY
    }
    catalogue_and_feed = {"data/dcat.ttl", "rapporter/uppfoljningar.atom"}
    assert set(mini_data.files) == tables | package | pages | catalogue_and_feed
    assert [d.url for d in mini_data.package_downloads] == [
        "data/testkommun.zip",
        "data/datapackage.json",
        "data/testkommun.xlsx",
        "data/testkommun.sqlite",
    ]
    assert mini_data.catalogue_download.url == "data/dcat.ttl"
    assert mini_data.feed_download.url == "rapporter/uppfoljningar.atom"


def test_open_data_download_entries_describe_the_files_they_point_at(mini_data):
    downloads = [*mini_data.package_downloads, mini_data.catalogue_download, mini_data.feed_download]
    downloads += [d for r in mini_data.resources for d in (r.csv, r.excel_csv)]
    downloads += [d for page in mini_data.page_data.values() for d in page.downloads]
    for download in downloads:
        assert download.size == len(mini_data.files[download.url]), download.url
    assert mini_data.files["data/goals.csv"] == (MINI / "goals.csv").read_bytes()


def test_open_data_counts_rows_and_example_rows_per_table(mini_data):
    counts = {r.name: (r.rows, r.example_rows) for r in mini_data.resources}
    assert counts["sources"] == (3, None)  # no example column
    assert counts["goals"] == (7, 4)
    assert counts["targets"] == (6, 6)
    assert counts["results"] == (7, 2)
    assert mini_data.example is True


def test_open_data_page_data_for_every_page_with_its_citation(mini_data):
    assert list(mini_data.page_data) == [*GOAL_PAGES, *INDICATOR_PAGES, *ORGAN_PAGES, *PERIOD_PAGES]
    vision = mini_data.page_data["mal/vision/"]
    assert [d.url for d in vision.downloads] == ["mal/vision/data.csv", "mal/vision/data.json"]
    assert vision.citation == (
        "Testprojektet (2022). En bra kommun att leva i. Data från årsredovisning 2022, publiceringsdatum saknas. "
        "https://kommun.example/mal/vision/. Hämtad [datum]."
    )
    assert [d.url for d in mini_data.page_data["namnder/ks/"].downloads] == ["namnder/ks/data.json"]
    assert [d.url for d in mini_data.page_data["rapporter/2022-12/"].downloads] == [
        "rapporter/2022-12/data.csv",
        "rapporter/2022-12/data.json",
    ]
    assert mini_data.citation == (
        "Testprojektet (2022). Mål och resultat. Data från årsredovisning 2022, publiceringsdatum saknas. "
        "https://kommun.example/data/. Hämtad [datum]. Källa: Kolada (RKA). Sidan innehåller exempeldata."
    )


def test_open_data_without_snapshots_has_one_dataset_and_no_changes(mini_data):
    assert mini_data.changes == {}
    assert mini_data.snapshot_views == ()
    assert [d.key for d in mini_data.catalogue.datasets] == ["https://kommun.example/data/dcat.ttl#datapaket"]
    assert mini_data.catalogue.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert mini_data.jsonld["@type"] == "Dataset"
    assert all(p.snapshot_url is None and p.changes_url is None for p in mini_data.page_data.values())


def test_open_data_with_two_snapshots_links_changes_snapshots_and_catalogue(mini_copy):
    snapshots.freeze(mini_copy, "2021-12", frozen_on=date(2023, 4, 24), include_later=True)
    snapshots.freeze(mini_copy, "2022-08", frozen_on=date(2023, 4, 24), include_later=True)
    data = _step(mini_copy, "")

    assert {period: (c.url, c.source_label) for period, c in data.changes.items()} == {
        "2022-08": ("rapporter/2022-08/andringar/", "ögonblicksbilden för delårsrapport augusti 2022"),
        "2022-12": ("rapporter/2022-12/andringar/", "det aktuella datapaketet"),
    }
    # Nothing in the package changed, but the 2022 values became known between the two reports.
    assert data.changes["2022-12"].digest.summary() == (
        "Jämfört med Delårsrapport augusti 2022: 4 nya resultat, 1 styrmått blev sämre, 3 mål bytte status."
    )
    views_ = [(v.period.id, v.changes_url, [d.url for d in v.downloads]) for v in data.snapshot_views]
    assert views_ == [
        ("2021-12", None, ["data/2021-12/testkommun-2021-12.zip"]),
        ("2022-08", "rapporter/2022-08/andringar/", ["data/2022-08/testkommun-2022-08.zip"]),
    ]
    assert [f.url for f in data.snapshot_views[0].files] == sorted(
        ["data/2021-12/datapackage.json", *(f"data/2021-12/{name}.csv" for name in RESOURCES)]
    )
    assert data.snapshot_views[0].jsonld["name"] == "Testkommun – liten testfixtur, årsredovisning 2021"
    assert [d.key for d in data.catalogue.datasets] == [
        "/data/dcat.ttl#datapaket",
        "/data/dcat.ttl#ogonblicksbild-2021-12",
        "/data/dcat.ttl#ogonblicksbild-2022-08",
    ]
    august = data.page_data["rapporter/2022-08/"]
    assert (august.snapshot_url, august.snapshot_name, august.changes_url) == (
        "data/2022-08/",
        "Delårsrapport augusti 2022",
        "rapporter/2022-08/andringar/",
    )
    assert august.citation == (
        "Testprojektet (2022). Delårsrapport augusti 2022. Data från delårsrapport augusti 2022, publiceringsdatum "
        "saknas. /rapporter/2022-08/ (ögonblicksbild: /data/2022-08/). Hämtad [datum]. Källa: Kolada (RKA). "
        "Sidan innehåller exempeldata."
    )
    assert data.page_data["mal/vision/"].changes_url == "rapporter/2022-12/andringar/"
    frozen_files = {p for p in data.files if p.startswith(("data/2021-12/", "data/2022-08/"))}
    assert len(frozen_files) == 2 * (len(RESOURCES) + 2)  # every CSV, datapackage.json and the zip


def test_open_data_is_the_same_for_the_same_inputs(mini_data):
    again = _step(MINI, "https://kommun.example")
    assert again.files == mini_data.files
    assert again.page_data == mini_data.page_data


def test_two_different_files_for_one_address_are_an_error():
    def one(data: bytes) -> File:
        return File(Download("mal/x/data.json", "Rader", "json", len(data), ""), data)

    assert merge([one(b"a"), one(b"a")]) == {"mal/x/data.json": b"a"}
    with pytest.raises(ValueError, match=r"Två olika filer skulle skrivas till mal/x/data\.json"):
        merge([one(b"a"), one(b"b")])


# The validation cache ----------------------------------------------------------------


def _count_frictionless(monkeypatch) -> list[Path]:
    calls: list[Path] = []
    frictionless = loader.frictionless_problems

    def counting(directory, descriptor):
        calls.append(Path(directory))
        return frictionless(directory, descriptor)

    monkeypatch.setattr(loader, "frictionless_problems", counting)
    return calls


def test_frictionless_runs_once_for_unchanged_files_and_again_when_a_byte_changes(mini_copy, tmp_path, monkeypatch):
    calls = _count_frictionless(monkeypatch)
    cache = tmp_path / "validation"
    first = load(mini_copy, cache=cache)
    second = load(mini_copy, cache=cache)
    assert calls == [mini_copy]
    assert second.model == first.model
    goals = mini_copy / "goals.csv"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("Eleverna lär sig mer", "Eleverna lär sig ännu mer"), encoding="utf-8"
    )
    assert load(mini_copy, cache=cache).model.goal("bun-1").title == "Eleverna lär sig ännu mer"
    assert calls == [mini_copy, mini_copy]
    assert load(mini_copy).model == load(mini_copy, cache=cache).model
    assert calls == [mini_copy, mini_copy, mini_copy]  # no cache given: always in full


def test_a_package_frictionless_rejects_is_never_remembered(mini_copy, tmp_path, monkeypatch):
    calls = _count_frictionless(monkeypatch)
    cache = tmp_path / "validation"
    results = mini_copy / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("221.2", "221,2"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackageError):
            load(mini_copy, cache=cache)
    assert calls == [mini_copy, mini_copy]
    assert not cache.exists() or list(cache.iterdir()) == []


def test_the_validation_key_depends_on_the_descriptor_and_every_file():
    package = load(MINI)
    key = loader.validation_key(package.descriptor, package.files)
    assert key == loader.validation_key(package.descriptor, dict(package.files))
    changed = {**package.files, "goals.csv": package.files["goals.csv"] + b"\n"}
    assert loader.validation_key(package.descriptor, changed) != key
    renamed = {**package.descriptor, "name": "annat-namn"}
    assert loader.validation_key(renamed, package.files) != key
