"""The open-data pages of a built site: every download resolves to the package's rows, snapshots, changes, catalogue."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from conftest import MINI, build_site, read_html
from styrmodell import exports, snapshots
from styrmodell.package import load, load_package
from styrmodell.package.model import Period
from styrmodell.views.data import citation

ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """The mini package with 2021-12 and 2022-08 frozen, then one historical value revised (2022-12 is live)."""
    target = tmp_path_factory.mktemp("snapshots") / "mini"
    shutil.copytree(MINI, target)
    snapshots.freeze(target, "2021-12", frozen_on=date(2022, 4, 20))
    snapshots.freeze(target, "2022-08", frozen_on=date(2022, 10, 20), include_later=True)
    results = target / "results.csv"
    results.write_text(
        results.read_text(encoding="utf-8").replace("meritvarde,2021,2021-12,221.2", "meritvarde,2021,2021-12,221.9"),
        encoding="utf-8",
    )
    return target


@pytest.fixture(scope="module")
def site(package, tmp_path_factory) -> Path:
    return build_site(package, tmp_path_factory.mktemp("site") / "output")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def download_links(site: Path) -> dict[str, set[str]]:
    """Every link to a file (not a page) on any page of the site → the pages that link to it."""
    from bs4 import BeautifulSoup

    links: dict[str, set[str]] = {}
    for page in html_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"].split("#")[0]
            if not href.startswith("/") or href.endswith("/") or href.endswith(".html"):
                continue
            links.setdefault(href.lstrip("/"), set()).add(str(page.relative_to(site)))
    return links


@cache
def loaded(directory: Path):
    """The package as the build loads it, loaded once per test module (the checks below ask many times)."""
    return load(directory)


def package_files(directory: Path) -> tuple[dict, dict[str, bytes]]:
    """The package's descriptor and the bytes of its files, as the build loads them."""
    return loaded(directory).descriptor, loaded(directory).files


def package_rows(directory: Path) -> dict[str, list[dict]]:
    return {name: list(table.records) for name, table in loaded(directory).tables.items()}


def resource_rows(directory: Path, resource: dict) -> list[dict]:
    return list(loaded(directory).tables[resource["name"]].records)


def jsonable(row: dict) -> dict:
    return json.loads(json.dumps(row, default=lambda v: v.isoformat()))


# Checks per kind of file: each returns normally when the file equals the package rows ------------------


def check_canonical_csv(site: Path, url: str, package: Path) -> None:
    assert (site / url).read_bytes() == (package / Path(url).name).read_bytes()


def check_excel_csv(site: Path, url: str, package: Path) -> None:
    descriptor, _ = package_files(package)
    name = Path(url).name.removesuffix("-excel.csv")
    res = next(r for r in descriptor["resources"] if r["path"] == f"{name}.csv")
    data = (site / url).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))
    expected = resource_rows(package, res)
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        for field in res["schema"]["fields"]:
            value, wanted = got[field["name"]], want[field["name"]]
            if field["type"] == "number" and wanted is not None:
                assert float(value.replace(",", ".")) == wanted
            elif wanted is None:
                assert value == ""
            else:
                assert value.lstrip("'") == exports.tables._csv_value(wanted)


def check_xlsx(site: Path, url: str, package: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(site / url)
    expected = package_rows(package)
    assert workbook.sheetnames == list(expected)
    for name, rows in expected.items():
        sheet = list(workbook[name].iter_rows(values_only=True))
        header = sheet[0]
        assert len(sheet) - 1 == len(rows)
        for got, want in zip(sheet[1:], rows, strict=True):
            for column, cell in zip(header, got, strict=True):
                wanted = want[column]
                if isinstance(wanted, bool):
                    wanted = "true" if wanted else "false"
                value = cell.date() if isinstance(wanted, date) else cell
                assert value == wanted, (name, column)


def check_sqlite(site: Path, url: str, package: Path) -> None:
    connection = sqlite3.connect(site / url)
    connection.row_factory = sqlite3.Row
    for name, rows in package_rows(package).items():
        got = [dict(r) for r in connection.execute(f'SELECT * FROM "{name}"')]  # noqa: S608 - own schema
        want = [
            {k: int(v) if isinstance(v, bool) else v.isoformat() if isinstance(v, date) else v for k, v in r.items()}
            for r in rows
        ]
        assert sorted(got, key=repr) == sorted(want, key=repr), name
    connection.close()


def check_package_zip(site: Path, url: str, package: Path) -> None:
    archive = zipfile.ZipFile(site / url)
    folder = Path(url).stem
    descriptor, files = package_files(package)
    assert sorted(archive.namelist()) == sorted([f"{folder}/datapackage.json", *(f"{folder}/{p}" for p in files)])
    for path, data in files.items():
        assert archive.read(f"{folder}/{path}") == data
    assert archive.read(f"{folder}/datapackage.json") == exports.published_descriptor(descriptor, files)


def check_published_descriptor(site: Path, url: str, package: Path) -> None:
    descriptor = json.loads((site / url).read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        data = (site / Path(url).parent / res["path"]).read_bytes()
        assert data == (package / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + exports.sha256(data)


def check_snapshot_file(site: Path, url: str, package: Path) -> None:
    period, name = url.split("/")[1:3]
    archived = package / "archive" / period
    if name.endswith(".zip"):
        archive = zipfile.ZipFile(site / url)
        snapshot = snapshots.read_snapshot(archived)
        assert sorted(archive.namelist()) == sorted(f"{Path(name).stem}/{n}" for n, _, _ in snapshot.files)
        for member, _, digest in snapshot.files:
            assert exports.sha256(archive.read(f"{Path(name).stem}/{member}")) == digest
    else:
        assert (site / url).read_bytes() == (archived / name).read_bytes()


def check_page_csv(site: Path, url: str, package: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / url).read_text(encoding="utf-8"), newline="")))
    tables = package_rows(package)
    results = {(r["indicator"], r["year"]): r for r in tables["results"]}
    targets = {(r["indicator"], r["year"]): r for r in tables["targets"]}
    comparisons = {(r["indicator"], r["year"], r["area"]): r for r in tables["comparisons"]}
    goals = {r["id"]: r for r in tables["goals"]}
    assessments = {(r["goal"], r["period"]): r for r in tables["assessments"]}
    assert rows, f"{url} is empty"
    for row in rows:
        if "resource" not in row:  # a nämnd's goal list
            goal = goals[row["goal"]]
            assert row["title"] == goal["title"]
            assert row["source"] == goal["source"]
            if row["assessment_period"]:
                assert row["assessment_status"] == assessments[(row["goal"], row["assessment_period"])]["status"]
            continue
        key = (row["indicator"], int(row["year"]))
        if row["resource"] == "results":
            assert float(row["value"]) == results[key]["value"]
            assert row["source"] == results[key]["source"]
        elif row["resource"] == "targets":
            target = targets[key]
            assert (float(row["min"]) if row["min"] else None) == target["min"]
            assert (float(row["max"]) if row["max"] else None) == target["max"]
        else:
            assert float(row["value"]) == comparisons[(*key, row["area"])]["value"]
        assert row["example"] in ("true", "false")


def check_page_json(site: Path, url: str, package: Path) -> None:
    document = json.loads((site / url).read_text(encoding="utf-8"))
    tables = {name: [jsonable(r) for r in rows] for name, rows in package_rows(package).items()}
    assert document["resources"], url
    for name, rows in document["resources"].items():
        for row in rows:
            assert row in tables[name], (url, name, row)


def check_turtle(site: Path, url: str, package: Path) -> None:
    from rdflib import Graph

    Graph().parse(site / url, format="turtle", publicID=f"https://example.org/{url}")


def check_atom(site: Path, url: str, package: Path) -> None:
    ET.fromstring((site / url).read_bytes())  # noqa: S314 - our own file


CHECKS = [
    (lambda u: u.startswith("data/excel/"), check_excel_csv),
    (lambda u: u.count("/") == 2 and u.startswith("data/") and u.split("/")[1][:4].isdigit(), check_snapshot_file),
    (lambda u: u == "data/datapackage.json", check_published_descriptor),
    (lambda u: u.startswith("data/") and u.count("/") == 1 and u.endswith(".csv"), check_canonical_csv),
    (lambda u: u.endswith(".xlsx"), check_xlsx),
    (lambda u: u.endswith(".sqlite"), check_sqlite),
    (lambda u: u.startswith("data/") and u.count("/") == 1 and u.endswith(".zip"), check_package_zip),
    (lambda u: u.endswith("/data.csv"), check_page_csv),
    (lambda u: u.endswith("/data.json"), check_page_json),
    (lambda u: u.endswith(".ttl"), check_turtle),
    (lambda u: u.endswith(".atom"), check_atom),
]


def is_chart_file(url: str) -> bool:
    """Chart renders and their data (charts.py and its tests own their content)."""
    return Path(url).name.startswith("diagram") and Path(url).suffix in (".csv", ".svg", ".png")


def test_every_download_link_resolves_to_a_file_with_the_package_rows(site, package):
    links = download_links(site)
    assert len(links) > 50
    unchecked = []
    for url, pages in sorted(links.items()):
        assert (site / url).is_file(), f"{url} (linked from {sorted(pages)[:3]}) does not exist"
        if url.startswith("theme/") or is_chart_file(url):
            continue
        check = next((check for matches, check in CHECKS if matches(url)), None)
        if check is None:
            unchecked.append(url)
            continue
        check(site, url, package)
    assert unchecked == [], "every download needs a check that its content equals the package rows"


def test_goal_styrmatt_and_namnd_pages_link_their_own_csv_and_json(site):
    for url in ("mal/bun-1/", "styrmatt/meritvarde/", "namnder/bun/"):
        hrefs = {a["href"] for a in read_html(site, url).select(".page-data a[href]")}
        assert f"/{url}data.csv" in hrefs
        assert f"/{url}data.json" in hrefs


def test_page_csv_holds_exactly_the_rows_the_page_shows(site, package):
    rows = list(csv.DictReader(io.StringIO((site / "styrmatt/meritvarde/data.csv").read_text(encoding="utf-8"))))
    tables = package_rows(package)
    assert {(r["resource"], int(r["year"])) for r in rows} == {
        *(("results", r["year"]) for r in tables["results"] if r["indicator"] == "meritvarde"),
        *(("targets", r["year"]) for r in tables["targets"] if r["indicator"] == "meritvarde"),
        *(("comparisons", r["year"]) for r in tables["comparisons"] if r["indicator"] == "meritvarde"),
    }
    # the page's table shows the same years and values
    table = read_html(site, "styrmatt/meritvarde/").select_one("table.indicator-table")
    years = {int(th.get_text()) for th in table.select("tbody th[scope=row]")}
    assert years == {int(r["year"]) for r in rows if r["resource"] != "comparisons"}
    goal_rows = list(csv.DictReader(io.StringIO((site / "namnder/bun/data.csv").read_text(encoding="utf-8"))))
    assert sorted(r["goal"] for r in goal_rows) == sorted(g["id"] for g in tables["goals"] if g["owner"] == "bun")


def frictionless_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_frictionless_validate_passes_on_the_published_package_and_each_snapshot(site):
    descriptors = [site / "data" / "datapackage.json", *sorted(site.glob("data/*/datapackage.json"))]
    assert len(descriptors) == 3
    for descriptor in descriptors:
        run = frictionless_validate(descriptor)
        assert run.returncode == 0, f"{descriptor}: {run.stdout[-2000:]}"


def test_dcat_parses_and_lists_every_distribution(site):
    from rdflib import Graph
    from rdflib.namespace import DCAT, DCTERMS, RDF

    base = "https://mal.example.org/"
    graph = Graph().parse(site / "data" / "dcat.ttl", format="turtle", publicID=f"{base}data/dcat.ttl")
    assert len(list(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 3  # the live package and two snapshots
    for dataset in datasets:
        assert {t.language for t in graph.objects(dataset, DCTERMS.title)} == {"sv", "en"}
        assert {t.language for t in graph.objects(dataset, DCTERMS.description)} == {"sv", "en"}
        assert next(graph.objects(dataset, DCTERMS.publisher), None) is not None
    downloads = {str(u).removeprefix(base) for u in graph.objects(None, DCAT.downloadURL)}
    for url in downloads:
        assert (site / url).is_file(), url
    listed = {
        url
        for url, pages in download_links(site).items()
        if {"data/index.html"} & pages or any(p.startswith("data/2") for p in pages)
    }
    listed -= {"data/dcat.ttl", "rapporter/uppfoljningar.atom"}
    listed = {u for u in listed if not u.startswith("data/excel/")}
    assert listed <= downloads, sorted(listed - downloads)
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        assert next(graph.objects(distribution, DCAT.accessURL), None) is not None
        assert next(graph.objects(distribution, DCTERMS.license), None) is not None


def test_data_page_and_snapshot_pages_carry_schema_org_dataset(site):
    for url in ("data/", "data/2021-12/", "data/2022-08/"):
        script = read_html(site, url).find("script", type="application/ld+json")
        value = json.loads(script.string)
        assert value["@type"] == "Dataset"
        assert value["distribution"]


def test_data_dictionary_lists_every_resource_and_field_with_swedish_title(site, package):
    soup = read_html(site, "data/")
    text = soup.get_text(" ")
    descriptor, _ = package_files(package)
    for res in descriptor["resources"]:
        section = soup.find(id=f"tabell-{res['name']}").find_parent("section")
        codes = [c.get_text() for c in section.select("tbody th code")]
        assert codes == [f["name"] for f in res["schema"]["fields"]]
        for field in res["schema"]["fields"]:
            assert field["title"] in section.get_text(" ")
    assert "CC-BY-4.0" in text
    assert "LibreOffice" in text
    assert soup.find(id="kallor") is not None, "the data page lists the package's sources"


def test_period_page_links_to_its_snapshot_and_its_changes(site):
    hrefs = {a["href"] for a in read_html(site, "rapporter/2022-08/").select("a[href]")}
    assert "/data/2022-08/" in hrefs
    hrefs = {a["href"] for a in read_html(site, "rapporter/2021-12/").select("a[href]")}
    assert "/data/2021-12/" in hrefs
    hrefs = {a["href"] for a in read_html(site, "rapporter/2022-12/").select("a[href]")}
    assert "/rapporter/2022-12/andringar/" in hrefs
    assert not any(h.startswith("/data/2022-12") for h in hrefs), "2022-12 is not frozen"


def test_changes_page_flags_the_revised_value(site):
    soup = read_html(site, "rapporter/2022-12/andringar/")
    text = soup.get_text(" ")
    assert "1 reviderat värde" in text
    revised = soup.find(id="reviderat").find_parent("section")
    row = revised.select_one("tbody tr").get_text(" ")
    assert "Meritvärde i årskurs 9" in row
    assert "Rättad" in row
    assert "221,2" in row
    assert "221,9" in row
    # the 2022 values (period 2022-12) were not known when the 2022-08 report ended: new in December
    new = soup.find(id="nya-resultat").find_parent("section").get_text(" ")
    assert all(name in new for name in ("Handläggningstid för ansökningar", "Kostnad per elev", "Sjukfrånvaro"))
    # 2021-12 → 2022-08: a new year, so goals change status and bun-2 (valid to 2021) has ended
    earlier = read_html(site, "rapporter/2022-08/andringar/")
    assert "bun-2" in {a["href"].split("/")[2] for a in earlier.find(id="mal").find_parent("section").select("a")}
    assert earlier.find(id="reviderat") is None


def test_atom_feed_has_one_entry_per_period_with_the_digest(site):
    root = ET.fromstring((site / "rapporter" / "uppfoljningar.atom").read_bytes())  # noqa: S314 - own file
    entries = root.findall("a:entry", ATOM)
    assert [e.find("a:title", ATOM).text for e in entries] == [
        "Årsredovisning 2022",
        "Delårsrapport augusti 2022",
        "Årsredovisning 2021",
    ]
    assert "1 reviderat värde" in entries[0].find("a:summary", ATOM).text
    assert entries[0].find("a:link", ATOM).get("href") == "/rapporter/2022-12/andringar/"


def test_citation_uses_the_period_and_leaves_the_date_to_the_reader(site):
    citation = read_html(site, "mal/bun-1/").select_one(".page-data .citation").get_text()
    assert citation.startswith(
        "Testprojektet (2022). Eleverna lär sig mer. Data från årsredovisning 2022, publiceringsdatum saknas."
    )
    # bun-1 shows Kolada figures and is an example goal
    assert citation.endswith("Hämtad [datum]. Källa: Kolada (RKA). Sidan innehåller exempeldata.")
    assert date.today().isoformat() not in citation  # noqa: DTZ011 - asserting the build date is absent
    snapshot = read_html(site, "data/2022-08/").select_one(".citation").get_text()
    assert "delårsrapport augusti 2022" in snapshot


def _period(name: str = "Årsredovisning 2022") -> Period:
    return Period(
        id="2022-12", year=2022, name=name, kind="helar", end_date=date(2022, 12, 31), source="s", example=False
    )


def test_citation_has_one_full_stop_after_a_title_that_ends_a_sentence():
    text = citation("Kommunen", "Fler barn och unga.", _period(), "https://k.example/mal/x/", None)
    assert text.startswith(
        "Kommunen (2022). Fler barn och unga. Data från årsredovisning 2022, publiceringsdatum saknas. https://k.example/"
    )
    assert ".." not in text
    assert citation("Kommunen", "Vad gör vi?", _period(), "/mal/x/", None).startswith(
        "Kommunen (2022). Vad gör vi? Data"
    )
    plain = citation("Kommunen", "Fler barn och unga", _period(), "/mal/x/", None)
    assert plain == (
        "Kommunen (2022). Fler barn och unga. Data från årsredovisning 2022, publiceringsdatum saknas. /mal/x/. "
        "Hämtad [datum]."
    )
    published = dataclasses.replace(_period(), published=date(2023, 4, 24))
    assert citation("Kommunen", "Mål", published, "/mal/x/", None, credits=("Källa: Kolada (RKA).",)) == (
        "Kommunen (2022). Mål. Data från årsredovisning 2022, publicerad 24 april 2023. /mal/x/. Hämtad [datum]. "
        "Källa: Kolada (RKA)."
    )


def test_citation_of_example_data_says_so():
    real = citation("Kommunen", "Fler barn och unga.", _period(), "/mal/x/", None)
    invented = citation("Kommunen", "Fler barn och unga.", _period(), "/mal/x/", None, example=True)
    assert "exempeldata" not in real
    assert invented == f"{real} Sidan innehåller exempeldata."


def test_citation_says_example_data_exactly_on_pages_with_the_example_notice(site):
    """No page lets invented rows be cited as the municipality's, and no real page is marked as invented."""
    seen = {True: [], False: []}
    for path in html_pages(site):
        soup = read_html(site, str(path.relative_to(site)))
        cite = soup.select_one(".citation")
        if cite is None:
            continue
        notice = soup.select_one(".notice-example") is not None
        assert ("Sidan innehåller exempeldata." in cite.get_text()) == notice, path.relative_to(site)
        seen[notice].append(path)
    assert seen[True], "the mini package has example goals, so some pages show them"
    assert seen[False], "the vision and the nämnder without example goals show real rows only"


def test_data_page_counts_rows_and_example_rows_per_table(mini_site):
    model = load_package(MINI)
    soup = read_html(mini_site, "data/")
    overview = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in soup.find(id="tabeller").find_parent("section").select("tbody tr")
    }
    descriptor, _ = package_files(MINI)
    for res in descriptor["resources"]:
        rows = getattr(model, res["name"]) if res["name"] != "municipality" else (model.municipality,)
        examples = sum(1 for r in rows if r.example) if hasattr(rows[0], "example") else None
        cells = overview[res["title"]]
        assert cells[1] == str(len(rows)), res["name"]
        assert cells[2] == ("–" if examples is None else str(examples)), res["name"]
        section = soup.find(id=f"tabell-{res['name']}").find_parent("section")
        said = "1 rad" if len(rows) == 1 else f"{len(rows)} rader"
        if examples is not None:
            said += f", varav {examples} exempeldata" if examples else ", inga exempeldata"
        assert f"Tabellen har {said}." in section.get_text(" "), res["name"]
    assert overview["Mål"][1:3] == ["7", "4"]  # tests/fixtures/mini/goals.csv: 7 goals, 4 of them examples


def test_data_page_promises_a_changes_page_only_when_there_is_one(mini_site, site):
    """Without a later follow-up after a snapshot there is nothing to compare, so no page is promised."""
    without = read_html(mini_site, "data/")
    text = without.find(id="ogonblicksbilder").find_parent("section").get_text(" ")
    assert "Än så länge finns ingen sådan sida." in text
    assert "först när en ny uppföljning har kommit efter den första ögonblicksbilden" in text
    assert not [a for a in without.select("a[href]") if a["href"].endswith("/andringar/")]
    with_changes = read_html(site, "data/")
    text = with_changes.find(id="ogonblicksbilder").find_parent("section").get_text(" ")
    assert "Än så länge finns ingen sådan sida." not in text
    hrefs = {a["href"] for a in with_changes.select("a[href]")}
    assert {"/rapporter/2022-08/andringar/", "/rapporter/2022-12/andringar/"} <= hrefs
    for href in hrefs:
        if href.endswith("/andringar/"):
            assert (site / href.strip("/") / "index.html").is_file(), href


def test_data_page_explains_the_swedish_column_names_of_chart_csvs(mini_site):
    text = read_html(mini_site, "data/").find(id="ladda-ned").find_parent("section").get_text(" ")
    assert "svenska namn" in text
    assert "engelska kolumnnamn" in text
    for name in ("ar", "kalla", "exempel"):  # the names the page gives as examples are really in a chart CSV
        assert f" {name} " in text
    header = (mini_site / "styrmatt" / "meritvarde" / "diagram.csv").read_text(encoding="utf-8").splitlines()[0]
    assert {"ar", "kalla", "exempel"} <= set(header.split(","))


def test_example_notice_on_data_pages_showing_example_rows(site):
    assert read_html(site, "data/").select_one(".notice-example") is not None
    # the revised row is real, but the new handläggningstid value (known in December) is an example row
    assert read_html(site, "rapporter/2022-12/andringar/").select_one(".notice-example") is not None


def test_snapshot_pages_list_hashes_recorded_at_freeze_time(site, package):
    soup = read_html(site, "data/2022-08/")
    shown = {code.get_text() for code in soup.select("code.hash")}
    snapshot = snapshots.read_snapshot(package / "archive" / "2022-08")
    assert shown == {digest for _, _, digest in snapshot.files}


def test_site_without_snapshots_builds_its_data_page(mini_site):
    text = read_html(mini_site, "data/").get_text(" ")
    assert "inga frysta ögonblicksbilder" in text
    assert (mini_site / "mal" / "bun-1" / "data.csv").is_file()
