"""Command line: ``python -m styrmodell validate|build``.

Every command prints Swedish for the data editor and exits non-zero on bad
data, without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .build import build, validate
from .package.problems import PackageError


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
