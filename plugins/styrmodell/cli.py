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
from .search import SearchIndexError, build_index

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
    try:
        failures = _build_into(settings_file, staging)
    except BaseException:  # also Ctrl-C: never leave a half-built staging folder behind
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        print("Bygget misslyckades:", file=sys.stderr)
        for failure in failures:
            print(f"- {failure}", file=sys.stderr)
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


def _build_into(settings_file: Path, staging: Path) -> list[str]:
    """Run Pelican and the search indexer into ``staging``; return what went wrong (empty: success).

    Any warning from Pelican or the plugin counts as a failure, as with ``pelican --fatal warnings``.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    handler = _CountingHandler()
    logging.getLogger().addHandler(handler)
    failures: list[str] = []
    try:
        settings = read_settings(
            str(settings_file), override={"OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False}
        )
        Pelican(settings).run()
    except Exception as error:  # any failure is reported in Swedish below; output/ stays untouched
        failures.append(f"ett fel uppstod när sidorna skrevs ({type(error).__name__}: {error})")
    finally:
        logging.getLogger().removeHandler(handler)
    failures[:0] = [record.getMessage() for record in handler.records]
    if failures:
        return failures
    try:
        build_index(staging)  # the search index is part of the site: no index, no new site
    except SearchIndexError as error:
        return [str(error)]
    return []


def freeze(period: str, directory: Path) -> int:
    """Validate the package and copy it into archive/<period>/; never overwrite a snapshot."""
    from .snapshots import SnapshotError
    from .snapshots import freeze as freeze_snapshot

    try:
        snapshot = freeze_snapshot(directory, period)
    except PackageError as error:
        print(f"Datapaketet i {directory} har fel, så ingen ögonblicksbild gjordes:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return 1
    except SnapshotError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Ögonblicksbilden för {snapshot.period_name} finns i {snapshot.path} ({len(snapshot.files)} filer med sha256)."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="styrmodell", description="Styrmodellens datapaket och webbplats.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="kontrollera ett datapaket")
    check.add_argument("package", type=Path, help="mappen med datapackage.json, till exempel data/karlskoga")
    make = commands.add_parser("build", help="kontrollera datapaketet och bygg webbplatsen")
    make.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    make.add_argument("--output", type=Path, default=None)
    timing = commands.add_parser("bench", help="bygg webbplatsen och visa diagram, cacheträffar och tider")
    timing.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    timing.add_argument("--output", type=Path, default=None)
    timing.add_argument("--cold", action="store_true", help="bygg med tom diagramcache")
    timing.add_argument("--workers", type=int, default=None, help="antal processer som renderar diagram")
    snap = commands.add_parser("freeze", help="frys datapaketet för en uppföljning i archive/<period>/")
    snap.add_argument("period", help="uppföljningens id i periods.csv, till exempel 2026-08")
    snap.add_argument("--package", type=Path, default=Path("data/karlskoga"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "bench":
        from .bench import bench

        return bench(args.settings.resolve(), args.output, cold=args.cold, workers=args.workers)
    if args.command == "validate":
        return validate(args.package)
    if args.command == "freeze":
        return freeze(args.period, args.package)
    return build(args.settings.resolve(), args.output)
