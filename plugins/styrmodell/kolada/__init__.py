"""Kolada: ``import-kolada`` refreshes a package from the national database, ``init`` starts one.

``cli.py`` only calls :func:`add_commands` and :func:`run`; everything else lives here.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..dates import action_date
from .api import DEFAULT_BASE_URL

COMMANDS = ("import-kolada", "init")


def add_commands(commands) -> None:
    """Add ``import-kolada`` and ``init`` to the command line's subparsers."""
    fetch = commands.add_parser(
        "import-kolada", help="hämta styrmåttens värden, riket och jämförelsegruppen från Kolada"
    )
    fetch.add_argument(
        "package",
        type=Path,
        help="mappen med datapackage.json, till exempel data/<kommun>, eller inställningsfilen som pekar ut den",
    )
    fetch.add_argument("--base-url", default=DEFAULT_BASE_URL, help=f"Koladas API (standard {DEFAULT_BASE_URL})")
    fetch.add_argument("--years", default=None, help="bara dessa år, till exempel 2020-2024")
    fetch.add_argument("--dry-run", action="store_true", help="visa vad som är nytt och ändrat, men skriv ingenting")
    fetch.add_argument(
        "--groups",
        default=None,
        help="Koladas kommungrupper att jämföra med, till exempel G35959,G33625 (annars paketets egna, "
        "annars Koladas liknande kommuner och länets kommuner)",
    )
    for command in (fetch, start := commands.add_parser("init", help="skapa ett startpaket för en kommun från Kolada")):
        command.add_argument("--timeout", type=float, default=30.0, help="sekunder att vänta på ett svar (standard 30)")
        command.add_argument("--retries", type=int, default=3, help="nya försök efter 5xx eller tidsgräns (standard 3)")
        command.add_argument(
            "--backoff", type=float, default=2.0, help="första pausen i sekunder, dubblas (standard 2)"
        )
    start.add_argument("--kommun", required=True, help="kommunkoden, till exempel 1883")
    start.add_argument("--out", type=Path, required=True, help="en ny eller tom mapp")
    start.add_argument(
        "--webbplats",
        required=True,
        help="kommunens webbplats, https://… (Kolada har den inte; security.txt behöver den)",
    )
    start.add_argument("--base-url", default=DEFAULT_BASE_URL, help=f"Koladas API (standard {DEFAULT_BASE_URL})")


def fetch_date(environ=None) -> date:
    """The day of the fetch, recorded in ``sources.csv``: see :func:`styrmodell.dates.action_date`."""
    return action_date(environ)


def parse_years(text: str | None) -> range | None:
    from .client import KoladaError

    if not text:
        return None
    first, _, last = text.partition("-")
    if not (first.isdigit() and (last or first).isdigit()) or int(last or first) < int(first):
        raise KoladaError(f"--years {text!r} ska vara ett år eller två år med bindestreck, till exempel 2020-2024")
    return range(int(first), int(last or first) + 1)


def parse_groups(text: str | None) -> list[str] | None:
    from .client import KoladaError

    if text is None:
        return None
    groups = [g.strip() for g in text.split(",") if g.strip()]
    wrong = [g for g in groups if not (g[:1] == "G" and g[1:].isdigit())]
    if wrong or not groups:
        raise KoladaError(f"--groups {text!r} ska vara Koladas grupp-id med kommatecken, till exempel G35959,G33625")
    return groups


def run(args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`; Swedish on stderr and exit code 1 on failure, never a traceback.

    The HTTP client is imported here, so that other commands (a build) do not load it.
    """
    from .client import KoladaClient, KoladaError

    try:
        fetched_on = fetch_date()
    except ValueError as error:  # SOURCE_DATE_EPOCH that is not a number
        print(f"{args.command} misslyckades, och ingen fil ändrades: {error}", file=sys.stderr)
        return 1
    try:
        client = KoladaClient(args.base_url, timeout=args.timeout, retries=args.retries, backoff=args.backoff)
        if args.command == "import-kolada":
            from .importer import import_kolada

            import_kolada(
                args.package,
                client,
                fetched_on=fetched_on,
                years=parse_years(args.years),
                dry_run=args.dry_run,
                groups=parse_groups(args.groups),
            )
        else:
            from .starter import init

            init(args.kommun, args.out, client, fetched_on=fetched_on, website=args.webbplats)
    except KoladaError as error:
        print(f"{args.command} misslyckades, och ingen fil ändrades: {error}", file=sys.stderr)
        return 1
    return 0
