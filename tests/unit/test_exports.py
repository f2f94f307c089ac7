"""Downloads without Pelican: each format holds exactly the package's rows, and spreadsheets never run formulas."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import MINI
from styrmodell import exports
from styrmodell.package import load, read_tables, typed_rows


@pytest.fixture(scope="module")
def package():
    loaded = load(MINI)
    return loaded.descriptor, loaded.files


@pytest.fixture(scope="module")
def hostile_package(package):
    """The mini package with formula-like titles (the validator rejects these; the exports must still be safe)."""
    descriptor, files = package
    files = dict(files)
    goals = files["goals.csv"].decode("utf-8")
    goals = goals.replace("En bra kommun att leva i", '=HYPERLINK("http://example.org";"klicka")')
    goals = goals.replace("Eleverna lär sig mer", "@SUM(1;2)")
    goals = goals.replace("Lägre sjukfrånvaro", "-2+3")
    files["goals.csv"] = goals.encode("utf-8")
    return descriptor, files


def resource(descriptor, name):
    return next(r for r in descriptor["resources"] if r["name"] == name)


def records(res, data: bytes) -> list[dict]:
    """The typed rows of one resource file, as the loader casts them."""
    return [row.values for row in typed_rows(res, data)]


def test_published_descriptor_records_size_and_sha256_of_each_file(package, tmp_path):
    descriptor, files = package
    published = json.loads(exports.published_descriptor(descriptor, files))
    for res in published["resources"]:
        data = (MINI / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + exports.sha256(data)
    # frictionless checks the recorded hash: a changed file must fail validation
    from frictionless import Package

    for path, data in files.items():
        (tmp_path / path).write_bytes(data)
    (tmp_path / "datapackage.json").write_bytes(exports.published_descriptor(descriptor, files))
    assert Package(str(tmp_path / "datapackage.json")).validate().valid
    (tmp_path / "results.csv").write_bytes(files["results.csv"].replace(b"215.5", b"215.6"))
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    assert "hash-count" in {e.type for t in report.tasks for e in t.errors}


@pytest.mark.parametrize("text", ["=1+1", "+46", "-2+3", "@SUM(A1)", "\t=1", "＝1"])
def test_guard_formula_prefixes_formula_like_text(text):
    assert exports.guard_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["Årsredovisning 2022", "1+1", "e-post", ""])
def test_guard_formula_leaves_ordinary_text(text):
    assert exports.guard_formula(text) == text


def test_xlsx_has_every_row_typed_and_text_never_as_formula(hostile_package):
    from openpyxl import load_workbook

    descriptor, files = hostile_package
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(read_tables(descriptor, files))))
    assert workbook.sheetnames == [r["name"] for r in descriptor["resources"]]
    for res in descriptor["resources"]:
        sheet = workbook[res["name"]]
        rows = list(sheet.iter_rows(values_only=True))
        names = [f["name"] for f in res["schema"]["fields"]]
        assert list(rows[0]) == names
        expected = records(res, files[res["path"]])
        assert len(rows) - 1 == len(expected)
        for got, want in zip(rows[1:], expected, strict=True):
            for name, cell in zip(names, got, strict=True):
                wanted = want[name]
                if isinstance(wanted, bool):
                    wanted = "true" if wanted else "false"
                value = cell.date() if isinstance(wanted, date) else cell
                assert value == wanted, (res["name"], name)
    goals = workbook["goals"]
    formula_cells = [c for row in goals.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []
    title = next(c for c in goals[1] if c.value == "title").column
    guarded = {
        goals.cell(row=r, column=title).value: goals.cell(row=r, column=title) for r in range(2, goals.max_row + 1)
    }
    assert guarded["@SUM(1;2)"].data_type == "s"
    assert guarded["@SUM(1;2)"].quotePrefix
    assert not guarded["Invånarna är nöjda med servicen"].quotePrefix


def test_xlsx_numbers_are_numbers(package):
    from openpyxl import load_workbook

    descriptor, files = package
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(read_tables(descriptor, files))))["results"]
    values = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, int | float) for v in values)
    assert 215.5 in values


def test_excel_csv_is_swedish_excel_flavoured_and_guarded(hostile_package):
    descriptor, files = hostile_package
    data = exports.excel_csv(resource(descriptor, "results"), files["results.csv"])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    package_rows = records(resource(descriptor, "results"), files["results.csv"])
    assert [float(r["value"].replace(",", ".")) for r in rows] == [r["value"] for r in package_rows]
    assert "215,5" in {r["value"] for r in rows}
    goals = exports.excel_csv(resource(descriptor, "goals"), files["goals.csv"])[3:].decode("utf-8")
    titles = [r["title"] for r in csv.DictReader(io.StringIO(goals, newline=""), delimiter=";")]
    assert "'@SUM(1;2)" in titles
    assert "'-2+3" in titles
    assert "Invånarna är nöjda med servicen" in titles
    # numbers are never guarded, negative ones included
    budget = exports.excel_csv(resource(descriptor, "budget"), files["budget.csv"])[3:].decode("utf-8")
    assert "-9,7" in budget
    assert "'-9" not in budget


def test_sqlite_holds_every_row_with_types(package):
    descriptor, files = package
    data = exports.sqlite_bytes(read_tables(descriptor, files))
    assert data.startswith(b"SQLite format 3\x00")
    assert data == exports.sqlite_bytes(read_tables(descriptor, files)), "same package, same bytes"
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    for res in descriptor["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        got = connection.execute(f'SELECT * FROM "{res["name"]}"').fetchall()  # noqa: S608 - test on own schema
        want = [
            tuple(
                int(v) if isinstance(v, bool) else v.isoformat() if isinstance(v, date) else v
                for v in (row[n] for n in names)
            )
            for row in records(res, files[res["path"]])
        ]
        assert sorted(got, key=repr) == sorted(want, key=repr), res["name"]
    titles = dict(connection.execute("SELECT field, title FROM _fields WHERE resource = 'goals'").fetchall())
    assert titles == {f["name"]: f["title"] for f in resource(descriptor, "goals")["schema"]["fields"]}
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_zip_is_deterministic_and_holds_the_package(package):
    descriptor, files = package
    first = exports.package_zip(descriptor, files, "mini")
    assert first == exports.package_zip(descriptor, files, "mini")
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {exports.ZIP_EPOCH}
    for path, data in files.items():
        assert archive.read(f"mini/{path}") == data
    assert json.loads(archive.read("mini/datapackage.json"))["resources"][0]["hash"].startswith("sha256:")


def test_xlsx_is_deterministic(package):
    descriptor, files = package
    assert exports.xlsx_bytes(read_tables(descriptor, files)) == exports.xlsx_bytes(read_tables(descriptor, files))


def _catalogue(base: str) -> exports.CatalogueInfo:
    dist = exports.Distribution(f"{base}/data/dcat.ttl#fil-a", f"{base}/data/a.csv", 'Tabell "A"', "csv", 10, "ab" * 32)
    dataset = exports.DatasetInfo(
        key=f"{base}/data/dcat.ttl#datapaket",
        landing_page=f"{base}/data/",
        title_sv="Mål och resultat",
        title_en="Goals and results",
        description_sv="Beskrivning\nmed radbrytning",
        description_en="Description",
        issued=None,
        modified=date(2022, 12, 31),
        start_year=2020,
        end_year=2022,
        keywords=("mål",),
        distributions=(dist,),
    )
    return exports.CatalogueInfo(
        url=f"{base}/data/dcat.ttl#katalog",
        title_sv="Katalog",
        title_en="Catalogue",
        description_sv="Katalogen",
        description_en="The catalogue",
        publisher_name="Testkommun",
        publisher_url="https://example.org",
        contact_email="data@example.org",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        homepage=f"{base}/",
        modified=date(2022, 12, 31),
        datasets=(dataset,),
    )


@pytest.mark.parametrize("base", ["", "https://mal.example.org"])
def test_dcat_parses_with_both_languages_and_lists_the_distribution(base):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDF

    graph = Graph().parse(
        data=exports.dcat_turtle(_catalogue(base)), format="turtle", publicID="https://x.example/data/dcat.ttl"
    )
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    dataset = next(graph.objects(catalogues[0], DCAT.dataset))
    titles = {(t.language, str(t)) for t in graph.objects(dataset, DCTERMS.title)}
    assert titles == {("sv", "Mål och resultat"), ("en", "Goals and results")}
    assert Literal("Beskrivning\nmed radbrytning", lang="sv") in set(graph.objects(dataset, DCTERMS.description))
    urls = {str(u) for d in graph.objects(dataset, DCAT.distribution) for u in graph.objects(d, DCAT.downloadURL)}
    assert urls == {"https://x.example/data/a.csv" if not base else f"{base}/data/a.csv"}
    assert (None, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in graph


def test_dataset_jsonld_is_a_schema_org_dataset():
    catalogue = _catalogue("https://mal.example.org")
    value = exports.dataset_jsonld(catalogue.datasets[0], catalogue)
    assert value["@type"] == "Dataset"
    assert value["distribution"][0]["contentUrl"] == "https://mal.example.org/data/a.csv"
    assert value["temporalCoverage"] == "2020/2022"
    json.dumps(value)


def test_atom_feed_is_well_formed_and_newest_first():
    entries = [
        exports.FeedEntry("/r/a/", "/r/a/", "Årsredovisning 2021", date(2021, 12, 31), "3 nya resultat & 1 <rättad>"),
        exports.FeedEntry("/r/b/", "/r/b/", "Årsredovisning 2022", date(2022, 12, 31), "Inga ändringar."),
    ]
    data = exports.atom_feed(
        feed_id="/feed", self_url="/feed", site_url="/r/", title="Uppföljningar", author="Testkommun", entries=entries
    )
    root = ET.fromstring(data)  # noqa: S314 - our own output
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.find("a:updated", ns).text == "2022-12-31T00:00:00Z"
    titles = [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    assert titles == ["Årsredovisning 2022", "Årsredovisning 2021"]
    assert root.findall("a:entry", ns)[1].find("a:summary", ns).text == "3 nya resultat & 1 <rättad>"


def test_rows_csv_is_rfc4180_and_writes_values_as_in_the_package():
    data = exports.rows_csv(
        ["a", "b", "c", "d"], [{"a": 215.5, "b": 98000.0, "c": True, "d": 'med "citat", och komma'}]
    )
    assert data == b'a,b,c,d\r\n215.5,98000,true,"med ""citat"", och komma"\r\n'


LIBREOFFICE = shutil.which("soffice")


def _cells(fods: Path, sheet: str | None = None) -> list[list[tuple[str | None, str]]]:
    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    ns = {"table": table_ns, "office": office_ns, "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    office = f"{{{office_ns}}}"
    table = f"{{{table_ns}}}"
    root = ET.parse(fods).getroot()  # noqa: S314 - our own converted file
    tables = [t for t in root.iter(f"{table}table") if sheet is None or t.get(f"{table}name") == sheet]
    rows = []
    for row in tables[0].iter(f"{table}table-row"):
        cells = []
        for cell in row.findall("table:table-cell", ns):
            repeat = int(cell.get(f"{table}number-columns-repeated", "1"))
            value = cell.get(office + "value") or "".join(p.text or "" for p in cell.findall("text:p", ns))
            cells.extend([(cell.get(office + "value-type"), value)] * min(repeat, 50))
        rows.append(cells)
    return rows


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_xlsx_and_swedish_csv_with_aao_numbers_and_no_formulas(hostile_package, tmp_path):
    """The claim on /data/: XLSX opens right as is; the Swedish CSV with UTF-8, semicolon and Swedish settings."""
    descriptor, files = hostile_package
    (tmp_path / "paket.xlsx").write_bytes(exports.xlsx_bytes(read_tables(descriptor, files)))
    (tmp_path / "goals.csv").write_bytes(exports.excel_csv(resource(descriptor, "goals"), files["goals.csv"]))
    (tmp_path / "results.csv").write_bytes(exports.excel_csv(resource(descriptor, "results"), files["results.csv"]))
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    convert = [LIBREOFFICE, "--headless", "--convert-to", "fods", "--outdir", str(tmp_path / "out")]
    subprocess.run([*convert, str(tmp_path / "paket.xlsx")], check=True, capture_output=True, env=env, timeout=120)
    swedish_csv = "--infilter=CSV:59,34,76,1,,1053"  # semicolon, double quote, UTF-8, first line 1, Swedish
    for name in ("goals.csv", "results.csv"):
        subprocess.run(
            [*convert[:2], swedish_csv, *convert[2:], str(tmp_path / name)],
            check=True,
            capture_output=True,
            env=env,
            timeout=120,
        )
    xlsx = tmp_path / "out" / "paket.fods"
    assert "table:formula" not in xlsx.read_text(encoding="utf-8")
    goal_rows = _cells(xlsx, "goals")
    titles = {v for t, v in (row[5] for row in goal_rows[1:] if len(row) > 5)}
    assert {"Invånarna är nöjda med servicen", "@SUM(1;2)", "-2+3"} <= titles
    result_rows = _cells(xlsx, "results")
    assert ("float", "215.5") in [row[3] for row in result_rows[1:] if len(row) > 3]
    csv_results = _cells(tmp_path / "out" / "results.fods")
    assert ("float", "215.5") in [row[3] for row in csv_results[1:] if len(row) > 3]
    csv_goals = tmp_path / "out" / "goals.fods"
    assert "table:formula" not in csv_goals.read_text(encoding="utf-8")
    assert ("string", "Invånarna är nöjda med servicen") in [row[5] for row in _cells(csv_goals)[1:] if len(row) > 5]
