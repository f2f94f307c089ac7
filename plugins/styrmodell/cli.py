"""Command line: ``python -m styrmodell validate|build``.

Every command prints Swedish for the data editor and exits non-zero on bad
data, without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from .package import load_package
from .problems import PackageError

log = logging.getLogger(__name__)


def validate(directory: Path) -> int:
    try:
        model = load_package(directory)
    except PackageError as error:
        print(f"Datapaketet i {directory} har fel:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return 1
    print(
        f"Datapaketet i {directory} är giltigt: {len(model.goals)} mål, {len(model.indicators)} styrmått, "
        f"{len(model.results)} resultat, {len(model.periods)} uppföljningar."
    )
    return 0


class _CountingHandler(logging.Handler):
    """Counts warnings and errors, so that a build with any of them fails (like pelican --fatal warnings)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build(settings_file: Path, output: Path | None = None) -> int:
    """Validate, build into a temporary folder, and replace ``output`` only if everything succeeded."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    package_dir = Path(settings["STYRMODELL"]["package"])
    if not package_dir.is_absolute():
        package_dir = settings_file.parent / package_dir
    if validate(package_dir) != 0:
        print("Webbplatsen byggdes inte. Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1

    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    handler = _CountingHandler()
    logging.getLogger().addHandler(handler)
    try:
        settings = read_settings(
            str(settings_file), override={"OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False}
        )
        Pelican(settings).run()
    except Exception as error:  # noqa: BLE001 - any failure must leave output/ untouched
        handler.records.append(logging.makeLogRecord({"levelno": logging.ERROR, "msg": repr(error)}))
    finally:
        logging.getLogger().removeHandler(handler)
    if handler.records:
        shutil.rmtree(staging, ignore_errors=True)
        print("Bygget misslyckades:", file=sys.stderr)
        for record in handler.records:
            print(f"- {record.getMessage()}", file=sys.stderr)
        print("Den tidigare versionen i output/ är orörd.", file=sys.stderr)
        return 1
    previous = output.with_name(f".{output.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Webbplatsen är byggd i {output}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="styrmodell", description="Styrmodellens datapaket och webbplats.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="kontrollera ett datapaket")
    check.add_argument("package", type=Path, help="mappen med datapackage.json, till exempel data/karlskoga")
    make = commands.add_parser("build", help="kontrollera datapaketet och bygg webbplatsen")
    make.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    make.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "validate":
        return validate(args.package)
    return build(args.settings.resolve(), args.output)
