"""Command line: ``python -m styrmodell validate|build|freeze|synth|bench|import-kolada|init|export-xlsx|import-xlsx``.

Every command prints Swedish for the data editor and exits non-zero on bad
data, without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from . import kolada
from .build import build, validate
from .package.problems import PackageError
from .xlsx.commands import add_commands as add_xlsx_commands


def freeze_date(explicit: str | None, environ: Mapping[str, str]) -> date:
    """The day of the freeze: ``SOURCE_DATE_EPOCH`` if set, else ``--frozen-on``, else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    if explicit:
        return date.fromisoformat(explicit)
    return datetime.now(tz=UTC).date()  # the freeze is an act; its day is recorded in snapshot.json


def package_of(path: Path) -> Path:
    """The package folder: ``path`` itself, or, for a settings file (``kommuner/<kommun>/pelicanconf.py``), the one it names."""
    if path.suffix != ".py" or not path.is_file():
        return path
    from .pelican.run import read_settings
    from .settings import package_directory

    return package_directory(read_settings(path))


def freeze(period: str, directory: Path, *, frozen_on: date, include_later: bool = False, note: str = "") -> int:
    """Validate the package and copy it into archive/<period>/; never overwrite a snapshot."""
    from .snapshots import SnapshotError
    from .snapshots import freeze as freeze_snapshot

    try:
        snapshot = freeze_snapshot(directory, period, frozen_on=frozen_on, include_later=include_later, note=note)
    except PackageError as error:
        print(f"Datapaketet i {directory} har fel, så ingen ögonblicksbild gjordes:", file=sys.stderr)
        print(error.report(), file=sys.stderr)
        return 1
    except SnapshotError as error:
        print(error, file=sys.stderr)
        return 1
    left_out = sum(n for _, n in snapshot.left_out)
    print(
        f"Ögonblicksbilden för {snapshot.period_name} finns i {snapshot.path} ({len(snapshot.files)} filer med sha256, "
        f"frusen {snapshot.frozen_on}, {left_out} rader från senare perioder utelämnade)."
    )
    return 0


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0911 - one return per command
    parser = argparse.ArgumentParser(prog="styrmodell", description="Styrmodellens datapaket och webbplats.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="kontrollera ett datapaket")
    check.add_argument(
        "package",
        type=Path,
        help="mappen med datapackage.json, till exempel data/<kommun>, eller inställningsfilen som pekar ut den (pelicanconf.py)",
    )
    make = commands.add_parser("build", help="kontrollera datapaketet och bygg webbplatsen")
    make.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    make.add_argument("--output", type=Path, default=None)
    make.add_argument("--package", type=Path, default=None, help="ett annat datapaket än inställningarnas")
    timing = commands.add_parser("bench", help="mät bygget: tider, minne, cacheträffar och sidornas vikt")
    timing.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    timing.add_argument("--package", type=Path, default=None, help="datapaketet att mäta (annars inställningarnas)")
    timing.add_argument("--output", type=Path, default=None, help="mappen som webbplatsen byggs till")
    timing.add_argument("--cold", action="store_true", help="bara kalla byggen (tom diagramcache), inget varmt")
    timing.add_argument("--workers", type=int, default=None, help="antal processer som renderar diagram")
    timing.add_argument("--json", type=Path, default=Path(".cache/bench.json"), help="filen för siffrorna")
    timing.add_argument(
        "--scales", default="1,2,5,10", help="Syntetkommunens skalor, till exempel 1,2,5,10 (tomt: inga)"
    )
    fake = commands.add_parser("synth", help="skriv ett påhittat datapaket N gånger standardpaketets storlek")
    fake.add_argument("--scale", type=int, required=True, help="hur många gånger standardpaketets storlek")
    fake.add_argument("--out", type=Path, required=True, help="en ny eller tom mapp")
    fake.add_argument("--seed", type=int, default=None, help="slumpfrö; samma frö ger samma filer")
    snap = commands.add_parser("freeze", help="frys datapaketet för en uppföljning i archive/<period>/")
    snap.add_argument("period", help="uppföljningens id i periods.csv, till exempel 2026-08")
    snap.add_argument("--package", type=Path, required=True, help="mappen med datapaketet, till exempel data/<kommun>")
    snap.add_argument(
        "--frozen-on", default=None, help="dagen för frysningen, ÅÅÅÅ-MM-DD (annars SOURCE_DATE_EPOCH eller i dag)"
    )
    snap.add_argument(
        "--include-later", action="store_true", help="ta med rader som hör till senare perioder (står i snapshot.json)"
    )
    snap.add_argument("--note", default="", help="varför ögonblicksbilden görs, till exempel i efterhand")
    kolada.add_commands(commands)
    add_xlsx_commands(commands)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "bench":
        from .bench import bench

        return bench(
            args.settings.resolve(),
            args.output,
            cold=args.cold,
            workers=args.workers,
            package=args.package,
            json_file=args.json,
            scales=args.scales,
        )
    if args.command in kolada.COMMANDS:
        if args.command == "import-kolada":
            args.package = package_of(args.package)
        return kolada.run(args)
    if args.command == "synth":
        from .synth import DEFAULT_SEED
        from .synth import main as synth

        return synth(args.scale, args.out, DEFAULT_SEED if args.seed is None else args.seed)
    if args.command == "validate":
        return validate(package_of(args.package))
    if args.command == "freeze":
        try:
            frozen_on = freeze_date(args.frozen_on, os.environ)
        except ValueError:
            print(
                f"--frozen-on {args.frozen_on!r} är inget datum. Skriv ÅÅÅÅ-MM-DD, till exempel 2026-04-30. "
                "SOURCE_DATE_EPOCH ska vara ett heltal (sekunder sedan 1970).",
                file=sys.stderr,
            )
            return 1
        return freeze(args.period, args.package, frozen_on=frozen_on, include_later=args.include_later, note=args.note)
    if hasattr(args, "handler"):
        return args.handler(args)
    return build(args.settings.resolve(), args.output, package=args.package)
