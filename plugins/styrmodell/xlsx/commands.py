"""``python -m styrmodell export-xlsx PAKET FIL`` and ``import-xlsx FIL PAKET``: Swedish output, no traceback."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add both commands to the command line; each parser carries its own handler."""
    out = commands.add_parser("export-xlsx", help="skriv datapaketet som en Excel-arbetsbok att fylla i")
    out.add_argument("package", type=Path, help="mappen med datapackage.json, till exempel data/<kommun>")
    out.add_argument("file", type=Path, help="arbetsboken som skrivs, till exempel styrmodell.xlsx")
    out.set_defaults(handler=lambda args: export_command(args.package, args.file))
    back = commands.add_parser("import-xlsx", help="läs in en ifylld arbetsbok i datapaketet, efter kontroll")
    back.add_argument("file", type=Path, help="den ifyllda arbetsboken (.xlsx)")
    back.add_argument("package", type=Path, help="mappen med datapackage.json, till exempel data/<kommun>")
    back.set_defaults(handler=lambda args: import_command(args.file, args.package))


def export_command(directory: Path, target: Path) -> int:
    from ..package import PackageError, load
    from .export import WorkbookError, export

    try:
        package = load(directory)
    except PackageError as error:
        print(f"Datapaketet i {directory} har fel, så ingen arbetsbok skrevs:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return 1
    if not target.parent.is_dir():
        print(f"Mappen {target.parent} finns inte. Ange en fil i en mapp som finns.", file=sys.stderr)
        return 1
    try:
        size = export(package, target)
    except (WorkbookError, OSError) as error:
        print(f"Arbetsboken kunde inte skrivas: {error}", file=sys.stderr)
        return 1
    sheets = len(package.descriptor["resources"])
    print(f"Arbetsboken {target} är skriven: {sheets} blad med data och ett med instruktioner ({size} byte).")
    print(f"Läs in den igen med: python -m styrmodell import-xlsx {target} {directory}")
    return 0


def import_command(workbook: Path, directory: Path) -> int:
    from ..package import PackageError
    from .importer import WorkbookProblems, import_workbook

    if not workbook.is_file():
        print(f"Arbetsboken {workbook} finns inte. Ange sökvägen till en .xlsx-fil.", file=sys.stderr)
        return 1
    try:
        changed = import_workbook(workbook, directory)
    except PackageError as error:
        print(f"Datapaketet i {directory} går inte att läsa, så arbetsboken lästes inte in:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return 1
    except WorkbookProblems as error:
        print(f"Arbetsboken {workbook} har fel, så ingenting har skrivits i {directory}:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Filerna i {directory} kunde inte skrivas ({error}). Inget har bytts ut.", file=sys.stderr)
        return 1
    if not changed:
        print(f"Arbetsboken är kontrollerad. Inget ändrades: filerna i {directory} har redan samma innehåll.")
    else:
        print(f"Arbetsboken är kontrollerad och inläst. {len(changed)} filer ändrades: {', '.join(changed)}.")
    return 0
