"""The Excel template: the whole data package as one workbook for the data editor.

One sheet per resource, named after the resource (``goals`` is ``goals.csv``), in the
package's order, after a sheet of instructions in Swedish. Row 1 holds the columns'
Swedish titles (``title`` in the schema; a title that two columns share gets the
column's name in brackets); the instructions sheet lists each column's name, type and
allowed values, so the mapping back to the package is always recoverable. Cells follow
``cells.py``. Columns with allowed values (``enum``), booleans and single-column foreign
keys get a drop-down list (data validation); a foreign key's list is the referenced
sheet's id column, so a new row there is offered at once. A column of an open vocabulary
(``indicators.unit``: the built-in units, then the package's own ``units`` rows) gets its
known values as a list that warns but lets another value through, since a package may add
units; the package check decides.

The bytes are deterministic: fixed document dates, fixed zip time stamps, sorted
nothing (the package's order is the order).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ..package import Package
from .cells import NUMERIC_TYPES, TEXT_FORMAT, cell_value

INSTRUCTIONS = "Instruktioner"
LISTS = "listor"
#: The last row of a sheet in Excel: drop-down lists and text formats cover the whole column.
LAST_ROW = 1048576
#: Excel keeps an inline list of allowed values only up to 255 characters.
INLINE_LIST_LIMIT = 255
MAX_SHEET_NAME = 31
TYPE_WORDS = {
    "string": "text",
    "integer": "heltal",
    "year": "årtal",
    "number": "tal (punkt som decimaltecken i datapaketet)",
    "boolean": "true eller false",
    "date": "datum som text, ÅÅÅÅ-MM-DD",
}


#: Messages of a drop-down list when a value is not in it: refused, a missing row, an unknown unit.
REFUSED = "Välj ett värde i listan."
MISSING_ROW = "Värdet finns inte i listan. Kontrollera att raden finns."
UNKNOWN_UNIT = (
    "Enheten är inte en av de kända. Lägg till den i units (id, ord och tecken), annars blir det fel vid inläsningen."
)


class WorkbookError(Exception):
    """The package cannot be written as a workbook (a resource name Excel cannot use as a sheet name)."""


def column_letter(index: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def headings(schema: Mapping) -> list[str]:
    """Row 1 of a resource's sheet: each field's Swedish title, made unique with the field's name."""
    fields = schema["fields"]
    titles = [f.get("title") or f["name"] for f in fields]
    return [
        f"{title} ({field['name']})" if titles.count(title) > 1 or title == "" else title
        for title, field in zip(titles, fields, strict=True)
    ]


def foreign_keys(resource: Mapping) -> dict[str, tuple[str, str]]:
    """Single-column foreign keys: field → (referenced resource, referenced field)."""
    found = {}
    for key in resource["schema"].get("foreignKeys", []):
        fields = key["fields"] if isinstance(key["fields"], list) else [key["fields"]]
        target = key["reference"]
        target_fields = target["fields"] if isinstance(target["fields"], list) else [target["fields"]]
        if len(fields) == 1 and len(target_fields) == 1:
            found[fields[0]] = (target.get("resource") or resource["name"], target_fields[0])
    return found


def allowed_values(field: Mapping) -> list[str] | None:
    if field.get("type") == "boolean":
        return list(field.get("trueValues", ["true"]))[:1] + list(field.get("falseValues", ["false"]))[:1]
    enum = field.get("constraints", {}).get("enum")
    return [str(v) for v in enum] if enum else None


def suggestions(package: Package) -> dict[tuple[str, str], list[str]]:
    """Columns of an open vocabulary, (resource, field) → known values: the units a styrmått may name."""
    return {("indicators", "unit"): list(package.model.known_units)}


def workbook_bytes(package: Package) -> bytes:
    """The workbook for ``package``, always the same bytes for the same package."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from ..exports.tables import normalise_zip

    resources = package.descriptor["resources"]
    for resource in resources:
        name = resource["name"]
        if len(name) > MAX_SHEET_NAME or any(ch in name for ch in "[]:*?/\\'") or name in (INSTRUCTIONS, LISTS):
            msg = f"resursen {name} kan inte bli ett blad i Excel (högst 31 tecken, inga [ ] : * ? / \\ ')"
            raise WorkbookError(msg)
    workbook = Workbook()
    workbook.active.title = INSTRUCTIONS
    sheets = {resource["name"]: workbook.create_sheet(resource["name"]) for resource in resources}
    lists = _Lists(workbook, suggestions(package))
    for resource in resources:
        _write_sheet(sheets[resource["name"]], resource, resources, package.files[resource["path"]], lists)
    _write_instructions(workbook[INSTRUCTIONS], package, resources, lists.known)
    fixed = _fixed_time()
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.creator = "styrmodell"
    workbook.properties.lastModifiedBy = None
    workbook.active = 0
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return normalise_zip(raw.getvalue())


class _Lists:
    """The hidden sheet of allowed values too long for an inline list, made when first needed.

    ``known`` holds the open vocabularies' values (:func:`suggestions`).
    """

    def __init__(self, workbook, known: Mapping[tuple[str, str], list[str]]) -> None:
        self.workbook = workbook
        self.known = known
        self.columns = 0

    def formula(self, label: str, values: list[str]) -> str:
        if LISTS not in self.workbook.sheetnames:
            self.workbook.create_sheet(LISTS).sheet_state = "hidden"
        sheet = self.workbook[LISTS]
        self.columns += 1
        letter = column_letter(self.columns)
        sheet.cell(row=1, column=self.columns, value=label).data_type = "s"
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=self.columns, value=value).data_type = "s"
        return f"'{LISTS}'!${letter}$2:${letter}${len(values) + 1}"


def _list_formula(field: Mapping, resource: Mapping, resources, lists: _Lists) -> tuple[str | None, str]:
    """A column's drop-down list (a data-validation formula) and the message for a value outside it.

    Only :data:`REFUSED` lists refuse such a value; the others warn (the import's check decides).
    """
    target = foreign_keys(resource).get(field["name"])
    if target is not None:
        other = next((r for r in resources if r["name"] == target[0]), None)
        names = [f["name"] for f in other["schema"]["fields"]] if other else []
        if target[1] in names:
            ref = column_letter(names.index(target[1]) + 1)
            return f"'{target[0]}'!${ref}$2:${ref}${LAST_ROW}", MISSING_ROW  # a new row may come later
    values, message = allowed_values(field), REFUSED
    if not values and lists.known.get((resource["name"], field["name"])):
        values, message = lists.known[(resource["name"], field["name"])], UNKNOWN_UNIT
    if not values:
        return None, REFUSED
    if len(",".join(values)) + 2 <= INLINE_LIST_LIMIT and not any("," in v or '"' in v for v in values):
        return '"' + ",".join(values) + '"', message
    return lists.formula(f"{resource['name']}.{field['name']}", values), message


def _write_sheet(sheet, resource: Mapping, resources, data: bytes, lists: _Lists) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for column, (field, heading) in enumerate(
        zip(resource["schema"]["fields"], headings(resource["schema"]), strict=True), start=1
    ):
        letter = column_letter(column)
        header = sheet.cell(row=1, column=column, value=heading)
        header.data_type = "s"
        header.font = bold
        sheet.column_dimensions[letter].width = min(60, max(10, len(heading) + 4))
        if field.get("type") not in NUMERIC_TYPES:
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        formula, message = _list_formula(field, resource, resources, lists)
        if formula:
            _add_list(sheet, f"{letter}2:{letter}{LAST_ROW}", formula, heading, message)
    _write_rows(sheet, resource, data)
    sheet.freeze_panes = "A2"


def _fixed_time():
    from datetime import datetime

    return datetime(1980, 1, 1)  # noqa: DTZ001 - a fixed, zone-less stamp keeps the file deterministic


def _add_list(sheet, cells: str, formula: str, heading: str, message: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if message == REFUSED else "warning",
        errorTitle=heading[:32],
        error=message,
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _write_rows(sheet, resource: Mapping, data: bytes) -> None:
    import csv

    from ..exports.tables import is_formula_like

    fields = resource["schema"]["fields"]
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(reader, None)  # the header: the package's column names, in the schema's order (checked on load)
    for row_number, record in enumerate(reader, start=2):
        for column, (field, raw) in enumerate(zip(fields, record, strict=False), start=1):
            if raw == "":
                continue
            value = cell_value(raw, field)
            cell = sheet.cell(row=row_number, column=column, value=value.value)
            cell.number_format = value.number_format
            if value.text:
                cell.data_type = "s"  # never "f": openpyxl would otherwise read "=…" as a formula
                if is_formula_like(raw):
                    cell.quotePrefix = True


def _write_instructions(sheet, package: Package, resources, known: Mapping) -> None:
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="top")
    title = package.descriptor.get("title") or package.name
    lines = [
        (title, True),
        ("Den här arbetsboken innehåller hela datapaketet, ett blad per fil. Fyll i den och läs in den igen.", False),
        ("", False),
        ("Så gör du", True),
        ("1. Varje blad efter det här är en fil i datapaketet. Bladet goals är filen goals.csv, och så vidare.", False),
        (
            "2. Rad 1 på varje blad är kolumnernas rubriker. Ändra inte rubrikerna och ta inte bort några kolumner.",
            False,
        ),
        ("3. En rad är en rad i filen. Lägg till rader längst ned och ta bort rader du inte vill ha kvar.", False),
        (
            "4. Skriv tal med siffror, till exempel 22,5 eller 30278. Datum och id skrivs som text, "
            "till exempel 2026-12-31 och god-service-2015.",
            False,
        ),
        (
            "5. Där en cell har en lista väljer du ett värde i listan. Listor över id (till exempel Källa "
            "och Ansvarig) hämtar sina värden från bladet där id:t finns.",
            False,
        ),
        ("6. Använd inte formler. Ingen text får börja med =, +, - eller @.", False),
        ("7. Lägg inte till egna blad. Byt inte namn på bladen.", False),
        (
            "8. Spara som Excel-arbetsbok (.xlsx) och läs in den i datapaketet med kommandot "
            "python -m styrmodell import-xlsx ARBETSBOK MAPP. Kommandot kontrollerar allt först. "
            "Hittar det fel, får du en lista med blad, rad och kolumn, och ingenting ändras i datapaketet.",
            False,
        ),
        ("", False),
        ("Bladen", True),
        *(
            (
                f"{r['name']}: {r.get('title') or r['name']}"
                + (f". {r['description']}" if r.get("description") else ""),
                False,
            )
            for r in resources
        ),
        ("", False),
        ("Kolumnerna", True),
    ]
    for row, (text, strong) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.data_type = "s"
        if strong:
            cell.font = Font(bold=True)
    header_row = len(lines) + 1
    columns = [
        "Blad",
        "Kolumn",
        "Rubrik",
        "Namn i datapaketet",
        "Typ",
        "Måste fyllas i",
        "Tillåtna värden",
        "Beskrivning",
    ]
    for column, text in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=column, value=text)
        cell.font = Font(bold=True)
    row = header_row + 1
    for resource in resources:
        keys = foreign_keys(resource)
        for index, (field, heading) in enumerate(
            zip(resource["schema"]["fields"], headings(resource["schema"]), strict=True)
        ):
            values = allowed_values(field)
            suggested = known.get((resource["name"], field["name"]))
            if field["name"] in keys:
                target, target_field = keys[field["name"]]
                allowed = f"ett {target_field} på bladet {target}"
            elif not values and suggested:
                allowed = f"{', '.join(suggested)} eller en ny enhet på bladet units"
            else:
                allowed = ", ".join(values) if values else ""
            required = "ja" if field.get("constraints", {}).get("required") else "nej"
            texts = [
                resource["name"],
                column_letter(index + 1),
                heading,
                field["name"],
                TYPE_WORDS.get(field.get("type", "string"), field.get("type", "")),
                required,
                allowed,
                field.get("description", ""),
            ]
            for column, text in enumerate(texts, start=1):
                cell = sheet.cell(row=row, column=column, value=text)
                cell.data_type = "s"
                cell.alignment = wrap
            row += 1
    for letter, width in zip("ABCDEFGH", (16, 8, 28, 22, 18, 10, 30, 80), strict=True):
        sheet.column_dimensions[letter].width = width


def export(package: Package, target: Path) -> int:
    """Write the workbook to ``target`` (through a temporary file, so a failure leaves no half file); its size."""
    data = workbook_bytes(package)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    return len(data)
