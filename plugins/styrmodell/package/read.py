"""The first two validation layers of a data package: its files, then frictionless-py.

1. the files themselves: safe paths, UTF-8 without BOM, commas, the header
   (:func:`read_files`, which also returns every file's bytes, read once);
2. frictionless-py against the Table Schema: types, constraints, keys
   (:func:`frictionless_problems`).

The third layer is ``checks.py``; :func:`styrmodell.package.loader.load` runs all three.
Every problem is Swedish: file, row, column, what is wrong, how to fix it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from . import checks
from .model import OPTIONAL_RESOURCES, ROW_CLASSES
from .problems import PackageError, Problem

DESCRIPTOR = "datapackage.json"
#: The contract every package follows: each resource with its schema, as the plugin ships it.
CONTRACT = Path(__file__).with_name("contract.json")
BOM = b"\xef\xbb\xbf"

TYPE_NAMES = {
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "date": "ett datum (ÅÅÅÅ-MM-DD)",
    "year": "ett årtal",
    "string": "en text",
}


# Layer 0: the descriptor ------------------------------------------------------------------


def read_descriptor(directory: Path) -> dict:
    path = directory / DESCRIPTOR
    if not path.is_file():
        raise PackageError(
            [
                Problem(
                    file=DESCRIPTOR,
                    message=f"filen {DESCRIPTOR} finns inte i mappen {directory}",
                    fix="ange mappen som innehåller datapaketet, till exempel data/<kommun>",
                    type="package-missing",
                )
            ]
        )
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise PackageError(
            [
                Problem(
                    file=DESCRIPTOR,
                    row=line,
                    message=f"filen går inte att läsa som JSON ({error})",
                    fix="rätta JSON-syntaxen, till exempel ett saknat kommatecken eller citattecken",
                    type="package-error",
                )
            ]
        ) from None
    problems = []
    names = [r.get("name") for r in descriptor.get("resources", []) if isinstance(r, dict)]
    for name in ROW_CLASSES:
        if name not in names and name not in OPTIONAL_RESOURCES:
            problems.append(
                Problem(
                    file=DESCRIPTOR,
                    message=f"resursen {name} saknas",
                    fix=f"lägg till resursen {name} med sitt schema (se docs/datapaketet.md och exempelpaketets {DESCRIPTOR})",
                    type="resource-missing",
                )
            )
    if problems:
        raise PackageError(problems)
    return descriptor


# Layer 1: the files -----------------------------------------------------------------------


def _unsafe_path(path: object) -> str | None:
    if not isinstance(path, str) or not path:
        return "sökvägen saknas"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", path):
        return "sökvägen är en webbadress; datapaketets filer måste ligga i paketets mapp"
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[a-zA-Z]:", path):
        return "sökvägen är absolut och pekar utanför datapaketet"
    if ".." in pure.parts:
        return "sökvägen innehåller .. och pekar utanför datapaketet"
    return None


def read_files(directory: Path, descriptor: Mapping) -> tuple[dict[str, bytes], list[Problem]]:
    """Every resource file's bytes, keyed by its path, and the problems of layer 1 (empty: the files are fine)."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    root = directory.resolve()
    for resource in descriptor["resources"]:
        path = resource.get("path")
        label = path if isinstance(path, str) else resource.get("name", "?")
        reason = _unsafe_path(path)
        if reason is None and not (root / path).resolve().is_relative_to(root):
            reason = "sökvägen pekar via en länk utanför datapaketet"
        if reason:
            problems.append(
                Problem(
                    file=DESCRIPTOR,
                    column="path",
                    message=f'resursen {resource.get("name")}: {reason} ("{label}")',
                    fix="ange bara filnamnet, till exempel goals.csv, och lägg filen i paketets mapp",
                    type="unsafe-path",
                )
            )
            continue
        if not (directory / path).is_file():
            problems.append(
                Problem(
                    file=path,
                    message="filen finns inte",
                    fix=f"lägg filen {path} i datapaketets mapp eller rätta sökvägen i {DESCRIPTOR}",
                    type="file-missing",
                )
            )
            continue
        files[path] = (directory / path).read_bytes()
        problems.extend(_check_file(files[path], path, resource))
    if not problems:
        problems.extend(_url_collisions(files, descriptor))
    return files, problems


def _url_collisions(files: Mapping[str, bytes], descriptor: Mapping) -> list[Problem]:
    """Ids that would become the same web address, checked on the raw text.

    This runs before frictionless on purpose: an id like ``BUN-1`` next to
    ``bun-1`` is also an invalid id, but the editor needs to hear that the two
    would collide, which the pattern error alone does not say.
    """
    problems = []
    for resource in descriptor["resources"]:
        if resource.get("name") not in checks.URL_NAMESPACES:
            continue
        text = files[resource["path"]].decode("utf-8")
        seen: dict[str, tuple[str, int]] = {}
        for number, record in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
            raw = record.get("id") or ""
            key = checks.url_key(raw)
            if key in seen and seen[key][0] != raw:
                first, first_row = seen[key]
                problems.append(
                    Problem(
                        file=resource["path"],
                        row=number,
                        column="id",
                        message=f'id "{raw}" blir samma webbadress som "{first}" på rad {first_row}',
                        fix="ge raderna id som skiljer sig åt på annat sätt än med stora och små bokstäver eller accenter",
                        type="url-collision",
                    )
                )
            seen.setdefault(key, (raw, number))
    return problems


def _check_file(data: bytes, name: str, resource: Mapping) -> list[Problem]:
    if not data.strip():
        return [
            Problem(
                file=name,
                message="filen är tom",
                fix="filen måste ha en rubrikrad med kolumnnamnen, även om den saknar data",
                type="empty-file",
            )
        ]
    if data.startswith(BOM):
        return [
            Problem(
                file=name,
                row=1,
                message="filen börjar med ett osynligt BOM-tecken (byte order mark)",
                fix='spara som "CSV UTF-8" utan BOM; i LibreOffice: teckenuppsättning Unicode (UTF-8)',
                type="encoding-error",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [
            Problem(
                file=name,
                row=line,
                message="texten är inte UTF-8; filen verkar vara sparad som Windows-1252 (ANSI), så å, ä och ö blir fel",
                fix='spara filen igen som "CSV UTF-8" (Excel) eller med teckenuppsättning UTF-8 (LibreOffice)',
                type="encoding-error",
            )
        ]
    header_line = text.splitlines()[0]
    if ";" in header_line and "," not in header_line:
        return [
            Problem(
                file=name,
                row=1,
                message="kolumnerna är åtskilda med semikolon",
                fix="spara med kommatecken som avgränsare (i Excel: CSV UTF-8, kommaavgränsad)",
                type="dialect-error",
            )
        ]
    header = next(csv.reader(io.StringIO(header_line)))
    expected = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
    problems = []
    for column in expected:
        if column not in header:
            problems.append(
                Problem(
                    file=name,
                    row=1,
                    column=column,
                    message=f"kolumnen {column} saknas i rubrikraden",
                    fix=f"lägg till kolumnen {column}; kolumnerna ska vara: {', '.join(expected)}",
                    type="missing-label",
                )
            )
    for column in header:
        if column not in expected:
            problems.append(
                Problem(
                    file=name,
                    row=1,
                    column=column,
                    message=f'kolumnen "{column}" finns inte i schemat',
                    fix=f"ta bort kolumnen eller lägg till den i {DESCRIPTOR}; kolumnerna ska vara: {', '.join(expected)}",
                    type="extra-label",
                )
            )
    if not problems and header != expected:
        problems.append(
            Problem(
                file=name,
                row=1,
                message="kolumnerna står i fel ordning",
                fix=f"ordna kolumnerna så här: {', '.join(expected)}",
                type="incorrect-label",
            )
        )
    return problems


# Layer 2: frictionless --------------------------------------------------------------------


def frictionless_problems(directory: Path, descriptor: Mapping) -> list[Problem]:
    """Validate with frictionless-py and translate its errors into Swedish."""
    from frictionless import Package  # imported late: it is slow to import

    package = Package(descriptor, basepath=str(directory))
    report = package.validate(limit_errors=200)
    problems = []
    for task in report.tasks:
        resource = next(r for r in descriptor["resources"] if r.get("name") == task.name)
        for error in task.errors:
            problems.append(_translate(error, resource))
    for error in report.errors:
        problems.append(
            Problem(file=DESCRIPTOR, message=error.message, fix="rätta beskrivningen av paketet", type=error.type)
        )
    return problems


def _field(resource: Mapping, name: str | None) -> Mapping:
    for field in resource.get("schema", {}).get("fields", []):
        if field["name"] == name:
            return field
    return {}


def _type_error(field: Mapping, cell: str | None, column: str | None) -> tuple[str, str]:
    """What is wrong with a value of the wrong type, and how to fix it (message, fix)."""
    expected = TYPE_NAMES.get(field.get("type"), field.get("type"))
    if field.get("type") == "number" and re.fullmatch(r"-?\d+,\d+", cell or ""):
        return (
            f'"{cell}" har decimalkomma',
            f"skriv talet med punkt: {cell.replace(',', '.')}; svensk formatering görs på webbplatsen",
        )
    if field.get("type") in ("number", "integer") and re.search(r"\d[\s\u00a0]\d", cell or ""):
        return (f'"{cell}" har mellanslag mellan siffrorna', "skriv talet utan mellanslag, till exempel 30278")
    if field.get("type") == "number" and "\u2212" in (cell or ""):
        return (f'"{cell}" har ett typografiskt minustecken (−)', "skriv minus med vanligt bindestreck (-)")
    return (f'"{cell}" är inte {expected}', f"skriv {expected} i kolumnen {column}")


def _constraint_error(field: Mapping, note: str, cell: str | None, column: str | None) -> tuple[str, str]:  # noqa: PLR0911 - one return per constraint
    """Which of the column's constraints a value breaks, and how to fix it (message, fix)."""
    constraints = field.get("constraints", {})
    if "required" in note:
        return ("värde saknas", f"fyll i kolumnen {column}; den får inte vara tom")
    if "pattern" in note and constraints.get("pattern") == checks.ID_PATTERN:
        return (
            f'"{cell}" är inget giltigt id',
            "ett id får bara innehålla små bokstäver a–z utan å, ä och ö, siffror och enkla bindestreck, "
            "till exempel god-service-2015",
        )
    if "pattern" in note:
        return (f'"{cell}" har fel form', f"värdet ska matcha mönstret {constraints.get('pattern')}")
    if "enum" in note:
        allowed = ", ".join(constraints.get("enum", []))
        return (f'"{cell}" är inte ett tillåtet värde', f"välj ett av: {allowed}")
    if "minimum" in note:
        return (f"{cell} är för litet", f"värdet ska vara minst {constraints.get('minimum')}")
    if "maximum" in note:
        return (f"{cell} är för stort", f"värdet ska vara högst {constraints.get('maximum')}")
    if "maxLength" in note:
        return ("texten är för lång", f"korta texten till högst {constraints.get('maxLength')} tecken")
    return (f'"{cell}" uppfyller inte villkoret ({note})', "rätta värdet")


def _duplicate_id_fix(resource_name: str, first: str) -> str:
    """How to mend a second row with an id already in use, without changing an id: an id is a permanent address."""
    same = (
        f"är det samma mål med ny titel, ändra den befintliga raden ({first}: den nya titeln i title; "
        "de frysta uppföljningarna behåller den tidigare)"
        if resource_name == "goals"
        else f"gäller raden samma sak som {first}, ändra den befintliga raden"
    )
    return (
        f"ett id är en fast webbadress och byts aldrig, så låt id:t på {first} vara; är raden något nytt, "
        f"ge den nya raden ett eget nytt id; {same} och ta bort den här raden"
    )


def _translate(error, resource: Mapping) -> Problem:  # noqa: PLR0911 - one branch per error type
    file = resource["path"]
    kind = error.type
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    field = _field(resource, column)
    note = getattr(error, "note", "")

    def problem(message: str, fix: str, col: str | None = column, where: str = file) -> Problem:
        return Problem(file=where, row=row, column=col, message=message, fix=fix, type=kind)

    if kind == "type-error":
        return problem(*_type_error(field, cell, column))
    if kind == "constraint-error":
        return problem(*_constraint_error(field, note, cell, column))
    if kind == "primary-key":
        keys = resource["schema"].get("primaryKey", [])
        other = re.search(r"position (\d+)", note)
        where = f" som rad {other.group(1)}" if other else ""
        fix = (
            _duplicate_id_fix(resource["name"], f"rad {other.group(1)}" if other else "den första raden")
            if keys == ["id"]
            else f"det får bara finnas en rad per {' + '.join(keys)}; slå ihop raderna eller ta bort dubbletten"
        )
        return problem(f"samma {' + '.join(keys)} finns redan{where}", fix, col=keys[0] if len(keys) == 1 else None)
    if kind == "foreign-key":
        names = list(getattr(error, "field_names", []) or [])
        cells = list(getattr(error, "field_cells", []) or [])
        fk = next(
            (fk for fk in resource["schema"].get("foreignKeys", []) if fk["fields"] == names),
            {"reference": {"resource": resource["name"], "fields": ["id"]}},
        )
        target = fk["reference"].get("resource") or resource["name"]  # no resource: the same table
        target_file = f"{target}.csv"
        value = ", ".join(str(c) for c in cells)
        return problem(
            f'"{value}" finns inte i {target_file} (kolumn {", ".join(fk["reference"]["fields"])})',
            f"skriv ett id som finns i {target_file}, eller lägg först till raden där",
            col=names[0] if names else None,
        )
    if kind == "missing-cell":
        return problem(
            "raden har färre värden än rubrikraden",
            "kontrollera att raden inte är avklippt; tomma värden skrivs som ,,",
        )
    if kind == "extra-cell":
        return problem(
            "raden har fler värden än rubrikraden",
            "kanske ett decimalkomma eller ett kommatecken i en text utan citattecken; skriv tal med punkt och sätt text med kommatecken inom citattecken",
            col=None,
        )
    if kind == "blank-row":
        return problem("raden är tom", "ta bort den tomma raden")
    if kind == "hash-count":
        return problem(
            "filens kontrollsumma (hash) stämmer inte med den i datapackage.json",
            "ta bort hash ur datapackage.json (den räknas ut vid publicering) eller räkna om den",
            col="hash",
            where=f"{DESCRIPTOR} ({file})",
        )
    if kind == "byte-count":
        return problem(
            "filens storlek stämmer inte med bytes i datapackage.json",
            "ta bort bytes ur datapackage.json (den räknas ut vid publicering) eller rätta den",
            col="bytes",
            where=f"{DESCRIPTOR} ({file})",
        )
    if kind in ("missing-label", "extra-label", "incorrect-label", "duplicate-label", "blank-label"):
        return problem(
            f"fel i rubrikraden ({error.message})", "rubrikraden ska innehålla schemats kolumnnamn i rätt ordning"
        )
    return problem(error.message, "rätta filen; se feltypen i hakparentesen", col=column)
