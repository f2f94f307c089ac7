"""The Excel route: export → import is byte-identical, and a bad workbook changes nothing.

A workbook is broken one way at a time with openpyxl, as an editor would break it in
Excel, and the exact sheet, row, column and type of each problem are asserted; every
file of the package is hashed before and after.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXEMPELKOMMUN, FIXTURES, KARLSKOGA, MINI, ROOT
from openpyxl import Workbook, load_workbook
from styrmodell.cli import main
from styrmodell.package import CONTRACT, load
from styrmodell.package.units import DEFAULT_UNITS
from styrmodell.xlsx.cells import cell_value, text_of
from styrmodell.xlsx.export import INSTRUCTIONS, workbook_bytes
from styrmodell.xlsx.importer import WorkbookProblems, import_workbook

HOSTILE = FIXTURES / "hostile"
PACKAGES = {"mini": MINI, "hostile": HOSTILE, "karlskoga": KARLSKOGA, "exempelkommun": EXEMPELKOMMUN}


def hashes(directory: Path) -> dict[str, str]:
    """sha256 of every file under ``directory`` (and the names of its neighbours, to catch stray folders)."""
    found = {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }
    found["neighbours"] = ",".join(sorted(p.name for p in directory.parent.iterdir()))
    return found


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    made = {}
    for name, package in PACKAGES.items():
        made[name] = folder / f"{name}.xlsx"
        made[name].write_bytes(workbook_bytes(load(package)))
    return made


def copy_of(package: Path, tmp_path: Path) -> Path:
    target = tmp_path / "pkg" / package.name
    shutil.copytree(package, target)
    return target


# Round trip -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_export_then_import_gives_the_same_bytes(name, workbooks, tmp_path):
    package = copy_of(PACKAGES[name], tmp_path)
    before = hashes(package)
    assert import_workbook(workbooks[name], package) == []
    assert hashes(package) == before


@pytest.mark.parametrize("name", ["mini", "hostile"])
def test_import_into_a_package_without_csv_files_writes_the_same_bytes(name, workbooks, tmp_path):
    """The CSV writer itself reproduces the files: nothing is kept from the old ones."""
    empty = tmp_path / "pkg" / name
    empty.mkdir(parents=True)
    shutil.copy(PACKAGES[name] / "datapackage.json", empty)
    written = import_workbook(workbooks[name], empty)
    assert len(written) == len(load(PACKAGES[name]).files)
    for path in written:
        assert (empty / path).read_bytes() == (PACKAGES[name] / path).read_bytes(), path


def test_the_workbook_is_the_same_bytes_every_time(workbooks):
    again = workbook_bytes(load(MINI))
    assert again == workbooks["mini"].read_bytes()
    with zipfile.ZipFile(workbooks["mini"]) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "1980-01-01T00:00:00Z" in core


def test_an_edit_changes_only_the_edited_row(workbooks, tmp_path):
    package = copy_of(MINI, tmp_path)
    workbook = load_workbook(workbooks["mini"])
    assert workbook["results"]["D1"].value == "Värde"
    old_text = (package / "results.csv").read_text(encoding="utf-8").splitlines()
    workbook["results"]["D2"] = 99.5
    workbook.save(tmp_path / "edited.xlsx")
    assert import_workbook(tmp_path / "edited.xlsx", package) == ["results.csv"]
    new_text = (package / "results.csv").read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old_text, new_text, strict=True)) if a != b]
    assert changed == [1]
    assert new_text[1].split(",")[3] == "99.5"
    assert load(package).tables["results"].rows[0].values["value"] == 99.5


# The workbook --------------------------------------------------------------------------------------


def test_one_sheet_per_resource_after_the_instructions_with_swedish_headings(workbooks):
    workbook = load_workbook(workbooks["karlskoga"])
    descriptor = load(KARLSKOGA).descriptor
    visible = [s.title for s in workbook.worksheets if s.sheet_state == "visible"]
    assert visible == [INSTRUCTIONS] + [r["name"] for r in descriptor["resources"]]
    goals = workbook["goals"]
    assert [c.value for c in goals[1]][:3] == ["Id", "Nivå", "Överordnat mål"]
    spending = [c.value for c in workbook["spending"][1]]
    assert spending[1:3] == ["Verksamhet (area)", "Verksamhet (name)"]  # two columns share a title
    names = {row[3].value for row in workbook[INSTRUCTIONS].iter_rows() if len(row) > 3}
    assert {"parent", "kolada_kpi", "year_offset"} <= names  # every column's name is on the instructions sheet


def test_lists_for_allowed_values_booleans_and_foreign_keys(workbooks):
    workbook = load_workbook(workbooks["mini"])
    lists = {(str(v.sqref), v.formula1, v.errorStyle) for v in workbook["indicators"].data_validations.dataValidation}
    units = '"procent,kr/inv,kr/elev,kr/barn,kronor,mnkr,antal,index,dagar,minuter,poang,ton,kwh-m2"'
    assert ("E2:E1048576", units, "warning") in lists  # the known units; a package may add its own
    assert ("K2:K1048576", '"true,false"', "stop") in lists
    assert ("B2:B1048576", "'goals'!$A$2:$A$1048576", "warning") in lists
    goal_lists = {str(v.sqref): v.formula1 for v in workbook["goals"].data_validations.dataValidation}
    assert goal_lists["C2:C1048576"] == "'goals'!$A$2:$A$1048576"  # the parent goal, in the same sheet


HOSTILE_TEXT = [
    '=HYPERLINK("https://example.org","klicka")',
    "+46 70 123",
    "-5",
    "@SUM(A1)",
    "007",
    "2022-12",
    "1e5",
    " mellanslag först",
    "rad ett\nrad två",
    "true",
]


def test_text_stays_text_and_never_becomes_a_formula(tmp_path):
    string = {"name": "t", "type": "string"}
    workbook = Workbook()
    sheet = workbook.active
    for row, text in enumerate(HOSTILE_TEXT, start=1):
        value = cell_value(text, string)
        cell = sheet.cell(row=row, column=1, value=value.value)
        cell.data_type = "s"
        cell.number_format = value.number_format
    workbook.save(tmp_path / "t.xlsx")
    with zipfile.ZipFile(tmp_path / "t.xlsx") as archive:
        xml = archive.read(next(n for n in archive.namelist() if n.endswith("sheet1.xml"))).decode()
    assert "<f>" not in xml
    back = load_workbook(tmp_path / "t.xlsx").active
    assert [text_of(c.value, c.data_type, c.number_format, string) for (c,) in back.iter_rows()] == HOSTILE_TEXT
    assert {c.data_type for (c,) in back.iter_rows()} == {"s"}


@pytest.mark.parametrize(
    ("raw", "kind", "value", "number_format"),
    [
        ("30278", "integer", 30278, "General"),
        ("007", "integer", "007", "@"),
        ("22.5", "number", 22.5, "0.0"),
        ("22.50", "number", 22.5, "0.00"),
        ("-2.0", "number", -2.0, "0.0"),
        ("12", "number", 12, "General"),
        ("1e5", "number", "1e5", "@"),
        ("3.926839", "number", 3.926839, "0.000000"),
        ("2022-12-31", "date", "2022-12-31", "@"),
        ("false", "boolean", "false", "@"),
    ],
)
def test_numbers_keep_their_text(raw, kind, value, number_format):
    cell = cell_value(raw, {"type": kind})
    assert (cell.value, cell.number_format) == (value, number_format)
    assert text_of(cell.value, "s" if cell.text else "n", cell.number_format, {"type": kind}) == raw


def test_a_number_typed_with_more_decimals_than_its_format_shows_keeps_them():
    assert text_of(2.25, "n", "0.0", {"type": "number"}) == "2.25"
    assert text_of(2.5, "n", "0.0", {"type": "number"}) == "2.5"
    assert text_of(30.0, "n", "General", {"type": "integer"}) == "30"


# Bad workbooks -------------------------------------------------------------------------------------


def _foreign_key(workbook):
    workbook["goals"]["C3"] = "finns-inte"


def _bad_number(workbook):
    workbook["results"]["D2"] = "tolv"


def _missing_sheet(workbook):
    del workbook["levels"]


def _renamed_column(workbook):
    workbook["goals"]["F1"] = "Rubrik"


def _extra_sheet(workbook):
    workbook.create_sheet("Blad1")["A1"] = "anteckningar"


def _formula(workbook):
    workbook["targets"]["C3"] = "=1+2"


def _blank_row_before_an_error(workbook):
    sheet = workbook["goals"]
    sheet.insert_rows(3)  # the CSV's row 3 is now the sheet's row 4
    sheet["C4"] = "finns-inte"


def _formula_like_text(workbook):
    workbook["goals"]["G2"] = '=HYPERLINK("https://example.org")'
    workbook["goals"]["G2"].data_type = "s"


BREAKS = {
    "foreign-key": (_foreign_key, [("bladet goals", 3, "C (Överordnat mål)", "foreign-key")]),
    "bad-number": (_bad_number, [("bladet results", 2, "D (Värde)", "type-error")]),
    "missing-sheet": (_missing_sheet, [("arbetsboken", None, None, "xlsx-missing-sheet")]),
    "renamed-column": (
        _renamed_column,
        [("bladet goals", 1, None, "xlsx-missing-column"), ("bladet goals", 1, "F", "xlsx-unknown-heading")],
    ),
    "extra-sheet": (_extra_sheet, [("arbetsboken", None, None, "xlsx-extra-sheet")]),
    "formula": (_formula, [("bladet targets", 3, "C (Lägsta nivå)", "xlsx-formula")]),
    "blank-row": (_blank_row_before_an_error, [("bladet goals", 4, "C (Överordnat mål)", "foreign-key")]),
    "formula-like-text": (_formula_like_text, [("bladet goals", 2, "G (Beskrivning)", "formula-like-text")]),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_a_bad_workbook_is_refused_with_sheet_row_and_column_and_nothing_is_written(case, workbooks, tmp_path):
    breaker, expected = BREAKS[case]
    workbook = load_workbook(workbooks["mini"])
    breaker(workbook)
    workbook.save(tmp_path / "bad.xlsx")
    package = copy_of(MINI, tmp_path)
    before = hashes(package)
    with pytest.raises(WorkbookProblems) as caught:
        import_workbook(tmp_path / "bad.xlsx", package)
    assert [(p.file, p.row, p.column, p.type) for p in caught.value.problems] == expected
    assert hashes(package) == before


def test_problems_in_cells_and_in_the_package_are_reported_together(workbooks, tmp_path):
    workbook = load_workbook(workbooks["mini"])
    _foreign_key(workbook)
    _bad_number(workbook)
    _formula(workbook)
    workbook.save(tmp_path / "bad.xlsx")
    package = copy_of(MINI, tmp_path)
    with pytest.raises(WorkbookProblems) as caught:
        import_workbook(tmp_path / "bad.xlsx", package)
    assert [(p.file, p.row, p.type) for p in caught.value.problems] == [
        ("bladet goals", 3, "foreign-key"),
        ("bladet results", 2, "type-error"),
        ("bladet targets", 3, "xlsx-formula"),
    ]
    assert "finns inte i bladet goals" in caught.value.problems[0].message  # not "goals.csv"


def test_a_recorded_hash_in_the_descriptor_is_updated_with_the_file(workbooks, tmp_path):
    package = copy_of(MINI, tmp_path)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    results = next(r for r in descriptor["resources"] if r["name"] == "results")
    data = (package / "results.csv").read_bytes()
    results["bytes"] = len(data)
    results["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    workbook = load_workbook(workbooks["mini"])
    workbook["results"]["D2"] = 99.5
    workbook.save(tmp_path / "edited.xlsx")
    assert import_workbook(tmp_path / "edited.xlsx", package) == ["results.csv", "datapackage.json"]
    loaded = load(package)
    entry = next(r for r in loaded.descriptor["resources"] if r["name"] == "results")
    assert entry["hash"] == f"sha256:{hashlib.sha256(loaded.files['results.csv']).hexdigest()}"


# The commands ---------------------------------------------------------------------------------------


def test_the_commands_speak_swedish_and_exit_non_zero_on_a_bad_workbook(workbooks, tmp_path, capsys):
    package = copy_of(MINI, tmp_path)
    assert main(["export-xlsx", str(package), str(tmp_path / "ut.xlsx")]) == 0
    assert "Arbetsboken" in capsys.readouterr().out
    workbook = load_workbook(tmp_path / "ut.xlsx")
    _foreign_key(workbook)
    workbook.save(tmp_path / "bad.xlsx")
    before = hashes(package)
    assert main(["import-xlsx", str(tmp_path / "bad.xlsx"), str(package)]) == 1
    error = capsys.readouterr().err
    assert "bladet goals, rad 3, kolumn C (Överordnat mål): " in error
    assert "Så rättar du:" in error
    assert "Ingenting har ändrats i datapaketet." in error
    assert hashes(package) == before
    assert main(["import-xlsx", str(tmp_path / "finns-inte.xlsx"), str(package)]) == 1
    assert "finns inte" in capsys.readouterr().err


def test_no_traceback_from_the_command_line(tmp_path):
    (tmp_path / "trasig.xlsx").write_bytes(b"inte en arbetsbok")
    package = copy_of(MINI, tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "styrmodell", "import-xlsx", str(tmp_path / "trasig.xlsx"), str(package)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": ""},
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "ingen giltig Excel-arbetsbok" in done.stderr


def test_the_unit_list_offers_the_packages_own_units_after_the_built_in_ones(workbooks):
    workbook = load_workbook(workbooks["exempelkommun"])
    own = [row.values["id"] for row in load(EXEMPELKOMMUN).tables["units"].rows]
    unit = next(v for v in workbook["indicators"].data_validations.dataValidation if str(v.sqref) == "E2:E1048576")
    assert own
    assert unit.errorStyle == "warning"
    assert unit.formula1.strip('"').split(",") == [*DEFAULT_UNITS, *(u for u in own if u not in DEFAULT_UNITS)]


def test_a_list_too_long_for_excel_goes_on_a_hidden_sheet(tmp_path):
    """Forty units of the package's own make the unit list too long for Excel's inline list."""
    package = copy_of(MINI, tmp_path)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    contract = json.loads(CONTRACT.read_text(encoding="utf-8"))
    descriptor["resources"].append(next(r for r in contract["resources"] if r["name"] == "units"))
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    own = [f"enhet-nummer-{n:02d}" for n in range(40)]
    rows = "".join(f"{u},enhet {u},st,exempeldata,true,\n" for u in own)
    (package / "units.csv").write_text("id,name,symbol,source,example,note\n" + rows, encoding="utf-8")
    (tmp_path / "lang.xlsx").write_bytes(workbook_bytes(load(package)))
    workbook = load_workbook(tmp_path / "lang.xlsx")
    assert workbook["listor"].sheet_state == "hidden"
    known = [*DEFAULT_UNITS, *own]
    assert [c.value for (c,) in workbook["listor"].iter_rows()] == ["indicators.unit", *known]
    lists = {str(v.sqref): (v.formula1, v.errorStyle) for v in workbook["indicators"].data_validations.dataValidation}
    assert lists["E2:E1048576"] == (f"'listor'!$A$2:$A${len(known) + 1}", "warning")
    before = hashes(package)
    assert import_workbook(tmp_path / "lang.xlsx", package) == []  # the hidden sheet is not read back
    assert hashes(package) == before
