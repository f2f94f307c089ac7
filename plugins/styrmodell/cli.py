"""Command line: ``python -m styrmodell validate|build|freeze|synth|bench|import-kolada|init|ny-kommun|export-xlsx|import-xlsx``.

Every command prints Swedish for the data editor and exits non-zero on bad
data, without a traceback. Anything else that goes wrong (a bug, a broken template)
is printed as one Swedish line and exit code 2; with ``--debug``, or in CI
(``CI=true``), the whole traceback follows it. No exception is swallowed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from . import kolada
from . import municipality as new_municipality
from .build import build, validate
from .dates import SOURCE_DATE_EPOCH, action_date
from .package.problems import PackageError
from .xlsx.commands import add_commands as add_xlsx_commands


def freeze_date(explicit: str | None, environ: Mapping[str, str]) -> date:
    """The day of the freeze: ``--frozen-on`` if given (the editor said so), else ``SOURCE_DATE_EPOCH``, else today.

    The environment's day comes from :func:`styrmodell.dates.action_date`, the one place that reads it.
    """
    return date.fromisoformat(explicit) if explicit else action_date(environ)


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


def main(argv: list[str] | None = None) -> int:
    """Run one command; an unexpected error is one Swedish line (and with ``--debug`` or in CI, the traceback)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # before or after the command's name
    args = parser().parse_args([a for a in argv if a != "--debug"])
    args.debug = debug
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return run(args)
    except Exception as error:
        print(f"Ett oväntat fel stoppade {args.command}: {type(error).__name__}: {error}", file=sys.stderr)
        if args.debug or os.environ.get("CI", "").lower() == "true":
            traceback.print_exc()
        else:
            print(
                "Kör kommandot igen med --debug (till exempel python -m styrmodell build --debug) för hela felspåret.",
                file=sys.stderr,
            )
        return 2


def parser() -> argparse.ArgumentParser:
    """Every command and its options."""
    parser = argparse.ArgumentParser(prog="styrmodell", description="Styrmodellens datapaket och webbplats.")
    parser.add_argument("--debug", action="store_true", help="visa hela felspåret om något oväntat går fel")
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
        "--frozen-on",
        default=None,
        help="dagen för frysningen, ÅÅÅÅ-MM-DD, efter periodens slut (annars SOURCE_DATE_EPOCH eller i dag)",
    )
    snap.add_argument(
        "--include-later", action="store_true", help="ta med rader som hör till senare perioder (står i snapshot.json)"
    )
    snap.add_argument("--note", default="", help="varför ögonblicksbilden görs, till exempel i efterhand")
    kolada.add_commands(commands)
    new_municipality.add_command(commands)
    add_xlsx_commands(commands)
    return parser


def run(args: argparse.Namespace) -> int:  # noqa: PLR0911 - one return per command
    """Run the command that ``args`` name."""
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
        except ValueError as error:
            wrong_date = f"--frozen-on {args.frozen_on!r} är inget datum. Skriv ÅÅÅÅ-MM-DD, till exempel 2026-04-30."
            print(error if SOURCE_DATE_EPOCH in str(error) else wrong_date, file=sys.stderr)
            return 1
        return freeze(args.period, args.package, frozen_on=frozen_on, include_later=args.include_later, note=args.note)
    if hasattr(args, "handler"):
        return args.handler(args)
    return build(args.settings.resolve(), args.output, package=args.package)
