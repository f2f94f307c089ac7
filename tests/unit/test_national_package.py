"""The optional kolada_* resources: typed, frozen records in the model, and checks with Swedish messages."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from styrmodell.package import load_package, validate_package
from styrmodell.package.read import CONTRACT

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
NATIONAL = ("kolada_municipalities", "kolada_values", "kolada_groups")

ROWS = {
    "kolada_municipalities": [
        "code,name,county,source",
        "1883,Karlskoga,Örebro län,kolada",
        "1884,Nora,Örebro län,kolada",
        "9999,Testkommun,,kolada",
    ],
    "kolada_values": [
        "kpi,municipality,year,value,source",
        "N15507,1883,2021,219.9,kolada",
        "N15507,1884,2021,218.7,kolada",
        "N15507,9999,2021,230,kolada",
    ],
    "kolada_groups": [
        "group,title,kind,topic,member,member_name,source",
        '"G35959","Liknande kommuner grundskola, Testkommun, 2024",similar,grundskola,1883,Karlskoga,kolada',
        '"G35959","Liknande kommuner grundskola, Testkommun, 2024",similar,grundskola,1884,Nora,kolada',
        "G33625,Testläns kommuner (ovägt medel),county,,9999,Testkommun,kolada",
    ],
}


def with_national(tmp_path: Path, rows: dict[str, list[str]] | None = None, names=NATIONAL) -> Path:
    """The mini package with the national resources named, their schemas copied from the contract."""
    package = tmp_path / "mini"
    shutil.copytree(MINI, package)
    contract = {r["name"]: r for r in json.loads(CONTRACT.read_text(encoding="utf-8"))["resources"]}
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for name in names:
        descriptor["resources"].append(contract[name])
        lines = (rows or ROWS)[name]
        (package / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return package


def problems_of(package: Path) -> list:
    return validate_package(package)


def test_a_package_without_the_national_resources_stays_valid():
    model = load_package(MINI)
    assert (model.kolada_values, model.kolada_groups, model.kolada_municipalities) == ((), (), ())


def test_the_rows_are_typed_frozen_records(tmp_path):
    model = load_package(with_national(tmp_path))
    values = model.national_values("N15507", 2021)
    assert [(v.municipality, v.value) for v in values] == [("1883", 219.9), ("1884", 218.7), ("9999", 230.0)]
    assert isinstance(values[0].year, int)
    with pytest.raises(dataclasses.FrozenInstanceError):
        values[0].value = 1.0  # type: ignore[misc]
    group = model.kolada_group("G35959")
    assert [(m.member, m.kind, m.topic) for m in group] == [
        ("1883", "similar", "grundskola"),
        ("1884", "similar", "grundskola"),
    ]
    county = model.kolada_group("G33625")[0]
    assert (county.kind, county.topic) == ("county", None)
    assert model.index["kolada_municipality"]["1883"].county == "Örebro län"


def changed(table: str, old: str, new: str) -> dict[str, list[str]]:
    rows = {name: list(lines) for name, lines in ROWS.items()}
    rows[table] = [line.replace(old, new) for line in rows[table]]
    return rows


@pytest.mark.parametrize(
    ("rows", "file", "row", "column", "words"),
    [
        (changed("kolada_values", "N15507,1884", "N01951,1884"), "kolada_values.csv", 3, "kpi", "N01951"),
        (changed("kolada_values", "N15507,1884", "N15507,0884"), "kolada_values.csv", 3, "municipality", "0884"),
        (changed("kolada_values", "N15507,9999,2021", "N15507,9999,2029"), "kolada_values.csv", 4, "year", "2029"),
        (changed("kolada_groups", "grundskola,1884", "förskola,1884"), "kolada_groups.csv", 3, "topic", "G35959"),
        (changed("kolada_groups", "similar,grundskola,", "similar,,"), "kolada_groups.csv", 2, "topic", "område"),
        (changed("kolada_groups", ",9999,Testkommun", ",1234,Någonstans"), "kolada_groups.csv", 4, "member", "1234"),
        (
            changed("kolada_municipalities", "9999,Testkommun", "9998,Testkommun"),
            "kolada_municipalities.csv",
            None,
            None,
            "9999",
        ),
    ],
    ids=[
        "kpi-unused",
        "code-unknown",
        "year-ahead",
        "group-inconsistent",
        "group-topic",
        "member-unknown",
        "own-missing",
    ],
)
def test_each_wrong_national_row_is_named_in_swedish(tmp_path, rows, file, row, column, words):
    if "9998,Testkommun" in "".join(rows["kolada_municipalities"]):
        rows["kolada_values"] = [line for line in rows["kolada_values"] if ",9999," not in line]
        rows["kolada_groups"] = [line for line in rows["kolada_groups"] if ",9999," not in line]
    found = [p for p in problems_of(with_national(tmp_path, rows)) if p.file == file]
    assert len(found) == 1, [p.message for p in problems_of(with_national(tmp_path / "again", rows))]
    problem = found[0]
    assert (problem.row, problem.column) == (row, column)
    assert words in problem.message
    assert problem.fix


def test_values_without_the_list_of_kommuner_are_reported_once(tmp_path):
    package = with_national(tmp_path, names=("kolada_values",))
    found = [p for p in problems_of(package) if p.file == "kolada_values.csv"]
    assert [p.type for p in found] == ["national-municipalities-missing"]
    assert "kolada_municipalities" in found[0].fix


def test_a_value_with_an_unknown_source_is_refused(tmp_path):
    package = with_national(tmp_path, changed("kolada_values", "218.7,kolada", "218.7,nagonstans"))
    assert any(p.file == "kolada_values.csv" and p.row == 3 for p in problems_of(package))
