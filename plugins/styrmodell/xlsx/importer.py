"""Read a filled-in workbook back into the CSV package, validated first, all or nothing.

1. **The workbook:** every resource has its sheet, no unknown sheets, row 1 has every
   column's heading (the Swedish title from the export, or the column's name), no
   formulas and no error values. Blank rows are skipped.
2. **The package:** the sheets become CSV files in a temporary folder next to the
   package, with the package's own ``datapackage.json``, and that folder is loaded
   with :func:`styrmodell.package.load`: the same three layers as ``validate`` and the build.
3. **Only then** are the changed CSV files replaced, each through a temporary file and
   an atomic rename; files whose content is unchanged are not touched.

Every problem points at the sheet, the row as Excel numbers it and the column's letter
and heading, with the package's Swedish message and "Så rättar du".
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..package import DESCRIPTOR, PackageError, Problem, load, read_descriptor
from .cells import CellProblem, text_of
from .export import INSTRUCTIONS, LISTS, column_letter, headings

WORKBOOK = "arbetsboken"


@dataclass(frozen=True)
class Sheets:
    """What the workbook holds: each resource's CSV bytes and, per resource, CSV row → sheet row."""

    files: dict[str, bytes]
    rows: dict[str, list[int]]
    #: cells that cannot become text (formulas, error values); they are read as empty, and the
    #: package is still validated, so that the editor gets every problem at once
    cell_problems: list[Problem]


class WorkbookProblems(Exception):
    """The workbook cannot become the package; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} fel i arbetsboken")

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} fel. Ingenting har ändrats i datapaketet.")
        return "\n".join(lines)


def sheet_label(name: str) -> str:
    return f"bladet {name}"


def _column_label(index: int, heading: str) -> str:
    return f"{column_letter(index + 1)} ({heading})"


def read_sheets(workbook_path: Path, descriptor: Mapping, originals: Mapping[str, bytes]) -> Sheets:
    """Each resource's sheet as CSV bytes, or :class:`WorkbookProblems` with every problem found in the workbook.

    ``originals`` are the package's current files, by path: their unchanged rows keep their text.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(workbook_path, data_only=False)
    except (OSError, InvalidFileException, KeyError, ValueError) as error:
        raise WorkbookProblems(
            [
                Problem(
                    file=WORKBOOK,
                    message=f"filen {workbook_path} går inte att öppna som en Excel-arbetsbok ({type(error).__name__})",
                    fix="spara filen som Excel-arbetsbok (.xlsx), i LibreOffice: Spara som, Excel 2007-365",
                    type="xlsx-unreadable",
                )
            ]
        ) from None
    except Exception as error:  # a corrupt zip or XML can raise almost anything inside openpyxl
        raise WorkbookProblems(
            [
                Problem(
                    file=WORKBOOK,
                    message=f"filen {workbook_path} är ingen giltig Excel-arbetsbok ({type(error).__name__})",
                    fix="spara filen som Excel-arbetsbok (.xlsx) och försök igen",
                    type="xlsx-unreadable",
                )
            ]
        ) from None
    resources = descriptor["resources"]
    names = [r["name"] for r in resources]
    problems: list[Problem] = []
    for title in workbook.sheetnames:
        if title not in names and title not in (INSTRUCTIONS, LISTS):
            problems.append(
                Problem(
                    file=WORKBOOK,
                    message=f"bladet {title} hör inte till datapaketet, så dess innehåll skulle inte läsas in",
                    fix=f"flytta raderna till rätt blad och ta bort bladet; bladen ska heta: {', '.join(names)}",
                    type="xlsx-extra-sheet",
                )
            )
    files: dict[str, bytes] = {}
    rows: dict[str, list[int]] = {}
    cell_problems: list[Problem] = []
    for resource in resources:
        if resource["name"] not in workbook.sheetnames:
            problems.append(
                Problem(
                    file=WORKBOOK,
                    message=f"bladet {resource['name']} saknas i arbetsboken",
                    fix="lägg tillbaka bladet med samma namn (exportera en ny arbetsbok om du tagit bort det)",
                    type="xlsx-missing-sheet",
                )
            )
            continue
        found, records, row_map = _read_sheet(workbook[resource["name"]], resource)
        problems.extend(p for p in found if p.row == 1)
        cell_problems.extend(p for p in found if p.row != 1)
        files[resource["path"]] = csv_bytes(resource, records, originals.get(resource["path"]))
        rows[resource["name"]] = row_map
    if problems:
        raise WorkbookProblems(problems + cell_problems)
    return Sheets(files=files, rows=rows, cell_problems=cell_problems)


def _read_sheet(sheet, resource: Mapping) -> tuple[list[Problem], list[list[str]], list[int]]:
    """One sheet's problems, its rows as CSV texts and, for each CSV row from 2 on, its row in the sheet."""
    name = resource["name"]
    fields = resource["schema"]["fields"]
    wanted = headings(resource["schema"])
    by_heading = {heading.strip().casefold(): i for i, heading in enumerate(wanted)}
    by_name = {f["name"].casefold(): i for i, f in enumerate(fields)}
    cells = _cells(sheet)
    last_column = max((column for _, column in cells), default=0)
    last_row = max((row for row, _ in cells), default=1)
    problems: list[Problem] = []
    position: dict[int, int] = {}  # sheet column (1-based) → field index
    for column in range(1, last_column + 1):
        heading = cells.get((1, column))
        if heading is None or str(heading[0]).strip() == "":
            if any((row, column) in cells for row in range(2, last_row + 1)):
                problems.append(
                    Problem(
                        file=sheet_label(name),
                        row=1,
                        column=column_letter(column),
                        message="kolumnen har värden men ingen rubrik",
                        fix="ta bort värdena eller flytta dem till rätt kolumn",
                        type="xlsx-blank-heading",
                    )
                )
            continue
        text = str(heading[0]).strip().casefold()
        index = by_heading.get(text, by_name.get(text))
        if index is None or index in position.values():
            problems.append(
                Problem(
                    file=sheet_label(name),
                    row=1,
                    column=column_letter(column),
                    message=f'rubriken "{heading[0]}" hör inte till bladet'
                    + (" eller står två gånger" if index is not None else ""),
                    fix=f"skriv tillbaka rubriken som den var; rubrikerna ska vara: {', '.join(wanted)}",
                    type="xlsx-unknown-heading",
                )
            )
            continue
        position[column] = index
    for index, heading in enumerate(wanted):
        if index not in position.values():
            problems.append(
                Problem(
                    file=sheet_label(name),
                    row=1,
                    message=f'kolumnen "{heading}" ({fields[index]["name"]}) saknas',
                    fix="lägg tillbaka kolumnen med sin rubrik; ta aldrig bort en kolumn, lämna cellerna tomma i stället",
                    type="xlsx-missing-column",
                )
            )
    records: list[list[str]] = []
    row_map: list[int] = []
    for row in range(2, last_row + 1):
        values = [""] * len(fields)
        present = False
        for column, index in position.items():
            cell = cells.get((row, column))
            if cell is None:
                continue
            text = text_of(*cell, fields[index])
            if isinstance(text, CellProblem):
                problems.append(
                    Problem(
                        file=sheet_label(name),
                        row=row,
                        column=_column_label(column - 1, wanted[index]),
                        message=text.message,
                        fix=text.fix,
                        type=text.type,
                    )
                )
                present = True
                continue
            values[index] = text
            present = present or text != ""
        stray = [c for (r, c) in cells if r == row and c not in position]
        if not present and not stray:
            continue  # a blank row: nothing in it to lose
        records.append(values)
        row_map.append(row)
    return problems, records, row_map


def csv_bytes(resource: Mapping, records: list[list[str]], original: bytes | None) -> bytes:
    """The CSV file of ``records``: the package's dialect, with every row that is unchanged kept as it was.

    A row whose values equal a row of the ``original`` file keeps that row's exact text (its
    quoting, say), so an edit changes only the edited rows, and an unchanged sheet gives the
    original bytes. New and edited rows are written with minimal quoting and ``\\n``.
    """
    names = [f["name"] for f in resource["schema"]["fields"]]
    dialect = resource.get("dialect", {})
    options = {"delimiter": dialect.get("delimiter", ","), "quotechar": dialect.get("quoteChar", '"')}
    kept: dict[tuple[str, ...], list[str]] = {}
    header_text = None
    original_records: list[list[str]] = []
    if original is not None:
        try:
            lines = io.StringIO(original.decode("utf-8"), newline="").readlines()
        except UnicodeDecodeError:
            lines = []
        reader = csv.reader(iter(lines), **options)
        start = 0
        for number, record in enumerate(reader):
            text = "".join(lines[start : reader.line_num])
            start = reader.line_num
            if number == 0:
                header_text = text if record == names else None
                continue
            original_records.append(record)
            kept.setdefault(tuple(record), []).append(text)
    if original is not None and header_text is not None and original_records == records:
        return original
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", **options)
    if header_text is not None and header_text.endswith(("\n", "\r")):
        out.write(header_text)
    else:
        writer.writerow(names)
    for record in records:
        same = kept.get(tuple(record))
        if same and same[0].endswith(("\n", "\r")):
            out.write(same.pop(0))
        else:
            writer.writerow(record)
    return out.getvalue().encode("utf-8")


def _cells(sheet) -> dict[tuple[int, int], tuple[object, str, str]]:
    """Every cell with a value: (row, column) → (value, data type, number format)."""
    # The cells the file stores, not every coordinate up to the last styled row: a sheet whose
    # formatting reaches row 1 048 576 would otherwise be a million rows to walk.
    stored = sheet._cells.values() if hasattr(sheet, "_cells") else (c for row in sheet.iter_rows() for c in row)
    found = {}
    for cell in stored:
        if cell.value is None or (cell.data_type == "s" and cell.value == ""):
            continue
        found[(cell.row, cell.column)] = (cell.value, cell.data_type, cell.number_format)
    return found


def _descriptor_bytes(directory: Path, descriptor: Mapping, files: Mapping[str, bytes]) -> bytes:
    """``datapackage.json`` for the new files: unchanged, unless it records a file's ``bytes`` or ``hash``."""
    original = (directory / DESCRIPTOR).read_bytes()
    if not any("bytes" in r or "hash" in r for r in descriptor["resources"]):
        return original
    updated = json.loads(original)
    for resource in updated["resources"]:
        data = files[resource["path"]]
        if "bytes" in resource:
            resource["bytes"] = len(data)
        if "hash" in resource:  # Data Package: "sha256:<hex>", or a bare MD5 hex digest
            if str(resource["hash"]).startswith("sha256:"):
                resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
            else:
                resource["hash"] = hashlib.md5(data).hexdigest()  # noqa: S324 - the format's default, not security
    return (json.dumps(updated, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _in_sheets(problem: Problem, descriptor: Mapping, sheets: Sheets) -> Problem:
    """A problem of the package's files, moved to the sheet, the sheet's row and the column's letter."""
    resources = {r["path"]: r for r in descriptor["resources"]}
    resource = resources.get(problem.file)

    def words(text: str) -> str:
        for path, other in resources.items():
            text = re.sub(rf"(?<![\w.]){re.escape(path)}(?![\w])", sheet_label(other["name"]), text)
        return text

    if resource is None:
        return replace(problem, message=words(problem.message), fix=words(problem.fix))
    row = problem.row
    row_map = sheets.rows.get(resource["name"], [])
    if row is not None and row >= 2 and row - 2 < len(row_map):
        row = row_map[row - 2]
    column = problem.column
    names = [f["name"] for f in resource["schema"]["fields"]]
    fix = words(problem.fix)
    if column in names:
        index = names.index(column)
        column = _column_label(index, headings(resource["schema"])[index])
        fix = re.sub(rf"\bkolumnen {re.escape(problem.column)}\b", f"kolumnen {column}", fix)
    return replace(
        problem, file=sheet_label(resource["name"]), row=row, column=column, message=words(problem.message), fix=fix
    )


def _safe_path(path: object) -> bool:
    """A plain relative path inside the package: no ``..``, no drive, no scheme, not absolute."""
    if not isinstance(path, str) or not path or ":" in path:
        return False
    pure = PurePosixPath(path.replace("\\", "/"))
    return not pure.is_absolute() and ".." not in pure.parts


def import_workbook(workbook_path: Path, directory: Path) -> list[str]:
    """Replace the package's CSV files with the workbook's sheets, if the result is a valid package.

    Returns the files that changed. Raises :class:`PackageError` (the package itself cannot
    be read) or :class:`WorkbookProblems`; then nothing in ``directory`` has changed.
    """
    descriptor = read_descriptor(directory)
    unsafe = [r for r in descriptor["resources"] if not _safe_path(r.get("path"))]
    if unsafe:
        raise PackageError(
            [
                Problem(
                    file=DESCRIPTOR,
                    column="path",
                    message=f"resursen {r.get('name')} har sökvägen {r.get('path')!r}, som inte är en fil i paketets mapp",
                    fix="ange bara filnamnet, till exempel goals.csv",
                    type="unsafe-path",
                )
                for r in unsafe
            ]
        )
    originals = {
        r["path"]: (directory / r["path"]).read_bytes()
        for r in descriptor["resources"]
        if isinstance(r.get("path"), str) and (directory / r["path"]).is_file()
    }
    sheets = read_sheets(workbook_path, descriptor, originals)
    new_descriptor = _descriptor_bytes(directory, descriptor, sheets.files)
    scratch = Path(tempfile.mkdtemp(prefix=f".{directory.name}-xlsx-", dir=directory.resolve().parent))
    try:
        (scratch / DESCRIPTOR).write_bytes(new_descriptor)
        for path, data in sheets.files.items():
            (scratch / path).parent.mkdir(parents=True, exist_ok=True)
            (scratch / path).write_bytes(data)
        found = list(sheets.cell_problems)
        try:
            load(scratch)
        except PackageError as error:
            cells = {(p.file, p.row, p.column) for p in found}
            moved = (_in_sheets(p, descriptor, sheets) for p in error.problems)
            found += [p for p in moved if (p.file, p.row, p.column) not in cells]
        if found:
            raise WorkbookProblems(found)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    changed = [path for path, data in sheets.files.items() if originals.get(path) != data]
    if new_descriptor != (directory / DESCRIPTOR).read_bytes():
        changed.append(DESCRIPTOR)
    staged = []
    try:
        for path in changed:
            data = new_descriptor if path == DESCRIPTOR else sheets.files[path]
            temporary = (directory / path).with_name(f".{Path(path).name}.xlsx-tmp")
            temporary.write_bytes(data)
            staged.append((temporary, directory / path))
    except OSError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
    return changed
