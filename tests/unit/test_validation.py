"""Broken variants of the mini package: each must be reported at the exact file, row and column.

Row numbers count like a spreadsheet: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from styrmodell.build import validate
from styrmodell.package import load_package, validate_package
from styrmodell.package.problems import PackageError


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def edit_descriptor(package: Path, change: Callable[[dict], None]) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


GOAL_ROW = "bun-9,namndmal,kf-1,bun,medborgare,{title},{description},2020,,,,exempeldata,true,"


def break_unknown_foreign_key(p: Path) -> None:
    edit(p / "goals.csv", "bun-1,namndmal,kf-1,", "bun-1,namndmal,km-9,")


def break_duplicate_id(p: Path) -> None:
    append(p / "activities.csv", "lasfixning,bun-1,bun,Samma id igen,,exempeldata,true")


def break_top_goal_ends_before_it_starts(p: Path) -> None:
    """The validity rule holds on the top level too, where a goal has no parent."""
    edit(p / "goals.csv", "En bra kommun att leva i,,2020,,", "En bra kommun att leva i,,2020,2019,")


def break_level_order(p: Path) -> None:
    """Two levels with the same place in the chain: the second one is the row to mend."""
    edit(p / "levels.csv", "namndmal,Nämndmål,Nämndmål,3,", "namndmal,Nämndmål,Nämndmål,2,")


def break_two_annual_reports(p: Path) -> None:
    """A second årsredovisning for 2022, with a value in it: the periods.csv row is wrong, not the value."""
    append(p / "periods.csv", "2022-11,2022,Årsredovisning 2022 igen,helar,2022-11-30,,styrmodell,false")
    append(p / "results.csv", "meritvarde,2022,2022-11,219.8,false,false,kolada,false,")


def break_duplicate_goal_id(p: Path) -> None:
    """A new goal given the id of an existing one."""
    append(p / "goals.csv", GOAL_ROW.replace("bun-9", "bun-1").format(title="Ett nytt mål", description=""))


def break_duplicate_target(p: Path) -> None:
    append(p / "targets.csv", "meritvarde,2022,200,,,exempeldata,true,")


def break_duplicate_result(p: Path) -> None:
    """The same styrmått, year and period twice."""
    append(p / "results.csv", "delar-handlaggningstid,2022,2022-08,36,false,false,exempeldata,true,")


def break_result_year_twice(p: Path) -> None:
    """An empty period and the årsredovisning's period both give the year's value."""
    append(p / "results.csv", "meritvarde,2022,,219.8,false,false,kolada,false,")


def break_interim_for_annual(p: Path) -> None:
    """A delår value for a styrmått measured once a year."""
    append(p / "results.csv", "meritvarde,2022,2022-08,210,false,false,kolada,false,")


def break_non_numeric(p: Path) -> None:
    edit(p / "results.csv", "meritvarde,2021,2021-12,221.2,", "meritvarde,2021,2021-12,ungefär 221,")


def break_decimal_comma(p: Path) -> None:
    edit(p / "results.csv", "meritvarde,2021,2021-12,221.2,", 'meritvarde,2021,2021-12,"221,2",')


def break_semicolons(p: Path) -> None:
    path = p / "perspectives.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")


def break_windows_1252(p: Path) -> None:
    path = p / "goals.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))


def break_bom(p: Path) -> None:
    path = p / "levels.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def break_missing_column(p: Path) -> None:
    path = p / "documents.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")


def break_extra_column(p: Path) -> None:
    path = p / "perspectives.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",kommentar"] + [line + "," for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def break_empty_file(p: Path) -> None:
    (p / "planning.csv").write_text("", encoding="utf-8")


def break_truncated_last_line(p: Path) -> None:
    path = p / "results.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text[: text.rindex(",2022,") + 6], encoding="utf-8")


def break_cycle(p: Path) -> None:
    edit(p / "goals.csv", "bun-2,namndmal,kf-1,", "bun-2,namndmal,bun-3,")
    edit(p / "goals.csv", "bun-3,namndmal,kf-1,", "bun-3,namndmal,bun-2,")


def break_parent_same_level(p: Path) -> None:
    edit(p / "goals.csv", "bun-1,namndmal,kf-1,", "bun-1,namndmal,bun-3,")


def break_min_above_max(p: Path) -> None:
    edit(p / "targets.csv", "meritvarde,2022,225,230,", "meritvarde,2022,235,230,")


def break_year_2204(p: Path) -> None:
    edit(p / "results.csv", "meritvarde,2020,,215.5,", "meritvarde,2204,,215.5,")


def break_id_dotdot(p: Path) -> None:
    append(p / "goals.csv", GOAL_ROW.format(title="Ett mål", description="").replace("bun-9", "../bun-9", 1))


def break_id_uppercase(p: Path) -> None:
    append(p / "goals.csv", GOAL_ROW.format(title="Ett mål", description="").replace("bun-9", "Bun-9", 1))


def break_id_a_ring(p: Path) -> None:
    append(p / "goals.csv", GOAL_ROW.format(title="Ett mål", description="").replace("bun-9", "mål-9", 1))


def break_url_collision(p: Path) -> None:
    append(p / "goals.csv", GOAL_ROW.format(title="Ett mål", description="").replace("bun-9", "BUN-1", 1))


def break_formula(p: Path) -> None:
    append(p / "goals.csv", GOAL_ROW.format(title='"=HYPERLINK(""http://evil.example"",""Klicka"")"', description=""))


def break_personnummer(p: Path) -> None:
    append(p / "goals.csv", GOAL_ROW.format(title="Ett mål", description="Kontaktperson 19121212-1212 vet mer."))


def break_email(p: Path) -> None:
    edit(p / "assessments.csv", "Nämnden bedömer att målet nås.", "Frågor till anna.andersson@kommun.se")


def break_phone(p: Path) -> None:
    append(p / "goals.csv", GOAL_ROW.format(title="Ett mål", description="Ring 0586-610 00 för mer."))


def break_javascript_url(p: Path) -> None:
    edit(p / "sources.csv", "https://www.kolada.se", "javascript:alert(1)")


def break_bidi_override(p: Path) -> None:
    edit(p / "goals.csv", "Eleverna lär sig mer", "Eleverna \u202elär sig mer")


def break_control_character(p: Path) -> None:
    edit(p / "goals.csv", "Eleverna lär sig mer", "Eleverna\x0blär sig mer")


def break_unmarked_example(p: Path) -> None:
    edit(
        p / "targets.csv",
        "kostnad-elev,2022,,100000,,exempeldata,true,",
        "kostnad-elev,2022,,100000,,exempeldata,false,",
    )


def break_path_outside(p: Path) -> None:
    edit_descriptor(p, lambda d: resource(d, "planning").update(path="../planning.csv"))


def break_absolute_path(p: Path) -> None:
    edit_descriptor(p, lambda d: resource(d, "planning").update(path="/etc/passwd"))


def break_hash(p: Path) -> None:
    edit_descriptor(p, lambda d: resource(d, "levels").update(hash="sha256:" + "0" * 64))


def break_bytes(p: Path) -> None:
    edit_descriptor(p, lambda d: resource(d, "levels").update(bytes=3))


def break_required(p: Path) -> None:
    edit(p / "indicators.csv", "kostnad-elev,bun-1,Kostnad per elev,", "kostnad-elev,bun-1,,")


def break_enum(p: Path) -> None:
    edit(p / "indicators.csv", "poang,1,resultat,higher,", "poang,1,resultat,upp,")


def break_period_year(p: Path) -> None:
    edit(p / "results.csv", "meritvarde,2022,2022-12,", "meritvarde,2022,2021-12,")


def break_band_without_max(p: Path) -> None:
    edit(p / "indicators.csv", "poang,1,resultat,higher,", "poang,1,resultat,band,")
    edit(p / "targets.csv", "meritvarde,2021,220,,", "meritvarde,2021,220,,")


def break_missing_resource(p: Path) -> None:
    edit_descriptor(p, lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "levels"]))


def break_invalid_json(p: Path) -> None:
    path = p / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"resources": [', '"resources" [', 1), encoding="utf-8")


def break_unsafe_markdown_is_not_an_error(p: Path) -> None:
    """Hostile but valid text is rendered inert later; it is not a validation error."""


# (variant, file, row, column, type, a word the Swedish message must contain)
VARIANTS = [
    (break_unknown_foreign_key, "goals.csv", 4, "parent", "foreign-key", "km-9"),
    (break_duplicate_id, "activities.csv", 3, "id", "primary-key", "ge den nya raden ett eget nytt id"),
    (break_duplicate_goal_id, "goals.csv", 9, "id", "primary-key", "ändra den befintliga raden"),
    (break_top_goal_ends_before_it_starts, "goals.csv", 2, "valid_to", "goal-validity", "före det börjar gälla"),
    (break_level_order, "levels.csv", 4, "order", "level-order", "samma ordning som Fullmäktigemål (rad 3)"),
    (break_two_annual_reports, "periods.csv", 5, "kind", "period-annual-twice", "Årsredovisning 2022 (rad 4)"),
    (break_duplicate_target, "targets.csv", 8, None, "primary-key", "en rad per indicator + year"),
    (break_duplicate_result, "results.csv", 9, None, "primary-key", "en rad per indicator + year + period"),
    (break_result_year_twice, "results.csv", 9, "period", "result-year-twice", "hela år 2022 (rad 5)"),
    (break_interim_for_annual, "results.csv", 9, "period", "result-interim-frequency", "en gång om året"),
    (break_non_numeric, "results.csv", 4, "value", "type-error", "inte ett tal"),
    (break_decimal_comma, "results.csv", 4, "value", "type-error", "decimalkomma"),
    (break_semicolons, "perspectives.csv", 1, None, "dialect-error", "semikolon"),
    (break_windows_1252, "goals.csv", 3, None, "encoding-error", "Windows-1252"),
    (break_bom, "levels.csv", 1, None, "encoding-error", "BOM"),
    (break_missing_column, "documents.csv", 1, "note", "missing-label", "saknas"),
    (break_extra_column, "perspectives.csv", 1, "kommentar", "extra-label", "finns inte i schemat"),
    (break_empty_file, "planning.csv", None, None, "empty-file", "tom"),
    (break_truncated_last_line, "results.csv", 8, "preliminary", "missing-cell", "färre värden"),
    (break_cycle, "goals.csv", 5, "parent", "goal-cycle", "cirkel"),
    (break_parent_same_level, "goals.csv", 4, "parent", "goal-parent-level", "nivån Nämndmål"),
    (break_min_above_max, "targets.csv", 4, "min", "target-range", "större än"),
    (break_year_2204, "results.csv", 3, "year", "constraint-error", "för stort"),
    (break_id_dotdot, "goals.csv", 9, "id", "constraint-error", "inget giltigt id"),
    (break_id_uppercase, "goals.csv", 9, "id", "constraint-error", "inget giltigt id"),
    (break_id_a_ring, "goals.csv", 9, "id", "constraint-error", "inget giltigt id"),
    (break_url_collision, "goals.csv", 9, "id", "url-collision", "samma webbadress"),
    (break_formula, "goals.csv", 9, "title", "formula-like-text", "formel"),
    (break_personnummer, "goals.csv", 9, "description", "personal-data", "personnummer"),
    (break_email, "assessments.csv", 2, "analysis", "personal-data", "e-postadress"),
    (break_phone, "goals.csv", 9, "description", "personal-data", "telefonnummer"),
    (break_javascript_url, "sources.csv", 3, "url", "url-scheme", "ingen webbadress"),
    (break_bidi_override, "goals.csv", 4, "title", "bidi-control", "textriktningen"),
    (break_control_character, "goals.csv", 4, "title", "control-character", "styrtecken"),
    (break_unmarked_example, "targets.csv", 2, "example", "example-unmarked", "exempeldata"),
    (break_path_outside, "datapackage.json", None, "path", "unsafe-path", "utanför"),
    (break_absolute_path, "datapackage.json", None, "path", "unsafe-path", "absolut"),
    (break_hash, "datapackage.json (levels.csv)", None, "hash", "hash-count", "kontrollsumma"),
    (break_bytes, "datapackage.json (levels.csv)", None, "bytes", "byte-count", "storlek"),
    (break_required, "indicators.csv", 3, "name", "constraint-error", "saknas"),
    (break_enum, "indicators.csv", 2, "direction", "constraint-error", "higher, lower, band"),
    (break_period_year, "results.csv", 5, "period", "period-year", "2021"),
    (break_band_without_max, "targets.csv", 3, "min", "target-direction", "intervall"),
    (break_missing_resource, "datapackage.json", None, None, "resource-missing", "levels"),
    (break_invalid_json, "datapackage.json", 17, None, "package-error", "JSON"),
]


#: Every problem a variant gives, for the variants reported at more than the one place in VARIANTS.
#: A truncated last line is reported once per missing cell, and once more per cell the schema requires.
ALL_PROBLEMS = {
    break_truncated_last_line: [
        ("results.csv", 8, "example", "constraint-error"),
        ("results.csv", 8, "example", "missing-cell"),
        ("results.csv", 8, "method_break", "constraint-error"),
        ("results.csv", 8, "method_break", "missing-cell"),
        ("results.csv", 8, "note", "missing-cell"),
        ("results.csv", 8, "preliminary", "constraint-error"),
        ("results.csv", 8, "preliminary", "missing-cell"),
        ("results.csv", 8, "source", "constraint-error"),
        ("results.csv", 8, "source", "missing-cell"),
        ("results.csv", 8, "value", "constraint-error"),
        ("results.csv", 8, "value", "missing-cell"),
    ],
}


@pytest.mark.parametrize(
    ("breaker", "file", "row", "column", "kind", "word"), VARIANTS, ids=[v[0].__name__ for v in VARIANTS]
)
def test_broken_package_is_reported_precisely(mini_copy, capsys, breaker, file, row, column, kind, word):
    breaker(mini_copy)
    assert validate(mini_copy) == 1, "the command must exit 1"
    printed = capsys.readouterr().err
    problems = validate_package(mini_copy)
    found = [(p.file, p.row, p.column, p.type) for p in problems]
    assert found == ALL_PROBLEMS.get(breaker, [(file, row, column, kind)]), "\n".join(map(str, problems))
    located = [p for p in problems if (p.file, p.row, p.column, p.type) == (file, row, column, kind)]
    line = str(located[0])
    assert word in line
    assert "Så rättar du:" in line
    assert "ändra id" not in line, "an id is a permanent address: never tell the editor to change one"
    assert line in printed, "the command prints the same line the editor needs"
    assert "Traceback" not in printed


def test_the_mini_package_is_valid(mini_copy):
    assert validate_package(mini_copy) == []
    model = load_package(mini_copy)
    assert [g.id for g in model.chain("bun-1")] == ["vision", "kf-1", "bun-1"]


def test_karlskoga_package_is_valid():
    from conftest import KARLSKOGA

    problems = validate_package(KARLSKOGA)
    assert problems == [], "\n".join(map(str, problems))


def test_hash_and_bytes_that_match_are_accepted(mini_copy):
    data = (mini_copy / "levels.csv").read_bytes()

    def set_hash(d: dict) -> None:
        resource(d, "levels").update(hash="sha256:" + hashlib.sha256(data).hexdigest(), bytes=len(data))

    edit_descriptor(mini_copy, set_hash)
    assert validate_package(mini_copy) == []


def test_ordinary_numbers_in_text_are_not_personal_data(mini_copy):
    description = "Beslut KF § 12 2015-09-22, dnr KS 2015.0084, 30 000 invånare 2025 och 12,5 procent."
    append(mini_copy / "goals.csv", GOAL_ROW.format(title="Ett mål", description=f'"{description}"'))
    assert validate_package(mini_copy) == []


def test_load_package_raises_with_every_problem(mini_copy):
    break_min_above_max(mini_copy)
    break_period_year(mini_copy)
    with pytest.raises(PackageError) as caught:
        load_package(mini_copy)
    report = caught.value.report()
    assert report.count("Så rättar du:") == 2
    assert report.endswith("2 fel. Inget har publicerats.")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "styrmodell", *args], capture_output=True, text=True, check=False)


def test_cli_exit_codes_and_swedish_report(mini_copy):
    ok = run_cli("validate", str(mini_copy))
    assert ok.returncode == 0, ok.stderr
    assert "är giltigt" in ok.stdout

    break_unknown_foreign_key(mini_copy)
    bad = run_cli("validate", str(mini_copy))
    assert bad.returncode == 1
    assert 'goals.csv, rad 4, kolumn parent: "km-9" finns inte i goals.csv' in bad.stderr
    assert "[foreign-key]" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_cli_on_a_missing_folder_explains_instead_of_crashing(tmp_path):
    result = run_cli("validate", str(tmp_path / "finns-inte"))
    assert result.returncode == 1
    assert "datapackage.json finns inte" in result.stderr
    assert "Traceback" not in result.stderr
