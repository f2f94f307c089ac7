"""Downloads for journalists and catalogue metadata, as pure functions from the package's bytes.

Nothing here imports Pelican. Every function takes the package descriptor and
the files' bytes, or the typed tables of the loaded package, and returns bytes or text, always the same for the same input
(fixed timestamps in zip and XLSX, sorted iteration), so a rebuild with the
same data publishes identical files.

The CSV safety policy lives here too: the canonical CSV is the package file
unchanged; only the Excel flavours guard text that a spreadsheet could run as a
formula (see :func:`guard_formula`).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from ..package.loader import Table
from ..package.published import published_descriptor
from ..package.read import DESCRIPTOR

#: A text cell starting with one of these could be read as a formula by a spreadsheet
#: (OWASP "CSV injection"); tab and carriage return are included because Excel strips them first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: Fixed time stamp for every member of a generated zip (the zip format cannot store dates before 1980).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

SQLITE_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "string": "TEXT"}

MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sqlite": "application/vnd.sqlite3",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "atom": "application/atom+xml",
}

#: EU vocabulary for file types (DCAT-AP-SE recommends dcterms:format from it).
EU_FILE_TYPES = {
    "csv": "CSV",
    "json": "JSON",
    "zip": "ZIP",
    "xlsx": "XLSX",
    "sqlite": "SQL",
}


# Spreadsheet flavours ----------------------------------------------------------------------------


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def guard_formula(text: str) -> str:
    """Prefix formula-like text with an apostrophe, the spreadsheet convention for "this is text"."""
    return f"'{text}" if is_formula_like(text) else text


def _swedish_number(value: float | int) -> str:
    text = repr(value) if isinstance(value, float) else str(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


def excel_csv(resource: Mapping, data: bytes) -> bytes:
    """The Swedish-Excel flavour of one resource: BOM, semicolons, CRLF, decimal comma, guarded text.

    Numbers lose nothing (all digits are kept, only ``.`` becomes ``,``); dates stay ISO 8601;
    booleans stay ``true``/``false`` as in the package.
    """
    fields = resource["schema"]["fields"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f["name"] for f in fields])
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    for record in reader:
        row = []
        for field in fields:
            raw = record.get(field["name"]) or ""
            if raw and field["type"] == "number":
                row.append(_swedish_number(float(raw)))
            elif field["type"] == "string":
                row.append(guard_formula(raw))
            else:
                row.append(raw)
        writer.writerow(row)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def xlsx_bytes(tables: Mapping[str, Table]) -> bytes:
    """One workbook, one sheet per table (named after the resource, in the package's order), typed cells.

    Numbers are numbers, dates are dates shown as ÅÅÅÅ-MM-DD, booleans are ``true``/``false``
    text as in the package. Text is always a text cell, never a formula: openpyxl would turn
    ``=…`` into a formula, so the type is set explicitly, and formula-like text also gets
    the "quote prefix" style, so that editing the cell in Excel or LibreOffice keeps it text.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables.values():
        sheet = workbook.create_sheet(table.name[:31])
        fields = table.schema["fields"]
        sheet.append([f["name"] for f in fields])
        for row_number, row in enumerate(table.records, start=2):
            for column, field in enumerate(fields, start=1):
                value = row[field["name"]]
                if value is None:
                    continue
                cell = sheet.cell(row=row_number, column=column)
                if isinstance(value, bool):
                    cell.value = "true" if value else "false"
                    cell.data_type = "s"
                elif isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # never "f" (formula)
                    if is_formula_like(value):
                        cell.quotePrefix = True
                else:
                    cell.value = value
                    if isinstance(value, date):
                        cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    fixed = datetime(1980, 1, 1)  # noqa: DTZ001 - a fixed, zone-less stamp keeps the file deterministic
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.creator = "styrmodell"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed time stamp and fixed attributes per member, in the original order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return zip_bytes([(info.filename, source.read(info.filename)) for info in source.infolist()], sort=False)


def zip_bytes(members: Iterable[tuple[str, bytes]], sort: bool = True) -> bytes:
    """A deterministic zip: fixed time stamps and permissions, members sorted by name unless ``sort=False``."""
    members = sorted(members) if sort else list(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def package_zip(descriptor: Mapping, files: Mapping[str, bytes], folder: str) -> bytes:
    """The whole package in one zip, inside ``folder/``: the published datapackage.json and every CSV."""
    members = [(f"{folder}/{DESCRIPTOR}", published_descriptor(descriptor, files))]
    members += [(f"{folder}/{path}", data) for path, data in files.items()]
    return zip_bytes(members)


# SQLite -------------------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_bytes(tables: Mapping[str, Table]) -> bytes:
    """The package as one SQLite database: a table per resource (in the package's order), typed columns, primary and foreign keys.

    Dates are ISO 8601 text and booleans 0/1 (SQLite has neither type). A table ``_fields``
    holds the Swedish title and description of every column, for Datasette and DB Browser users.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "package.sqlite"
        connection = sqlite3.connect(path)
        try:
            with connection:
                connection.execute(
                    "CREATE TABLE _fields (resource TEXT, field TEXT, type TEXT, title TEXT, description TEXT, "
                    "PRIMARY KEY (resource, field))"
                )
                for table in tables.values():
                    _sqlite_table(connection, table)
            connection.execute("VACUUM")
        finally:
            connection.close()
        return path.read_bytes()


def _sqlite_table(connection: sqlite3.Connection, table: Table) -> None:
    schema = table.schema
    fields = schema["fields"]
    columns = []
    for field in fields:
        required = " NOT NULL" if field.get("constraints", {}).get("required") else ""
        columns.append(f"{_quote(field['name'])} {SQLITE_TYPES.get(field['type'], 'TEXT')}{required}")
    if schema.get("primaryKey"):
        columns.append(f"PRIMARY KEY ({', '.join(_quote(k) for k in schema['primaryKey'])})")
    for key in schema.get("foreignKeys", []):
        target = key["reference"].get("resource") or table.name
        columns.append(
            f"FOREIGN KEY ({', '.join(_quote(f) for f in key['fields'])}) "
            f"REFERENCES {_quote(target)} ({', '.join(_quote(f) for f in key['reference']['fields'])})"
        )
    name = _quote(table.name)
    connection.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
    placeholders = ", ".join("?" for _ in fields)
    rows = [tuple(_sqlite_value(row[f["name"]]) for f in fields) for row in table.records]
    connection.executemany(f"INSERT INTO {name} VALUES ({placeholders})", rows)  # noqa: S608 - names come from the validated schema
    connection.executemany(
        "INSERT INTO _fields VALUES (?, ?, ?, ?, ?)",
        [(table.name, f["name"], f["type"], f.get("title"), f.get("description")) for f in fields],
    )


def _sqlite_value(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# Per-page data ------------------------------------------------------------------------------------


def plain_number(value: float) -> str:
    """A float as Python writes it, without a trailing ``.0``: ``215.5``, ``98000``, ``1e+16``."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def whole_number(value: float) -> str:
    """A float with every digit of a whole number written out: ``215.5``, ``98000``, ``10000000000000000``."""
    return str(int(value)) if value.is_integer() else str(value)


def csv_text(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    line_end: str = "\r\n",
    number: Callable[[float], str] = plain_number,
) -> str:
    """The one CSV writer of the site: a header row, then one line per row, comma-separated.

    ``line_end`` is CRLF (RFC 4180) for the per-page data files and ``\\n`` for the charts' data;
    ``number`` writes a float (:func:`plain_number` or :func:`whole_number`). Every other value is
    written as in the package: ``None`` as an empty cell, booleans as ``true``/``false``, dates in ISO 8601.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(columns)
    writer.writerows([_csv_value(value, number) for value in row] for row in rows)
    return out.getvalue()


def rows_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """RFC 4180 CSV (UTF-8, comma, CRLF, header row) of ``columns`` from each row, values written as in the package."""
    return csv_text(columns, ([row.get(c) for c in columns] for row in rows)).encode("utf-8")


def _csv_value(value: object, number: Callable[[float], str] = plain_number) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False, default=_json_default) + "\n").encode(
        "utf-8"
    )


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    msg = f"Kan inte skriva {type(value).__name__} som JSON"
    raise TypeError(msg)
