"""A municipality's folder ``kommuner/<id>/``: written from its package, and checked against it before a build.

A municipality is its data package (``data/<kommun>/``) and its folder ``kommuner/<id>/``:
``pelicanconf.py`` (the shared settings, its package, its name), ``publishconf.py`` (the same with
the public address) and ``content/pages/`` (its own texts, none to begin with).

- ``python -m styrmodell ny-kommun <id> --paket data/<kommun>`` writes the folder
  (:func:`new_municipality`). Everything in it comes from the package's ``municipality.csv`` and the
  id, so no municipality starts from a copy of another's folder: a copied ``publishconf.py`` would
  import the other municipality's settings, and publish its site under the new name.
- :func:`require_own_package` stops a build whose settings and package do not belong together: the
  settings name the folder they are in (``KOMMUN``) and the code of the municipality in their package
  (``KOMMUNKOD``, ``municipality.csv`` column ``code``). It checks every published build and every
  build with a municipality's own settings file; a local build of another package with the same
  settings (``make site PACKAGE=…``, the tests) is a preview and is not checked.
"""

from __future__ import annotations

import argparse
import csv
import json
import keyword
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .settings import Settings

#: The folder of every municipality's settings, inside the project folder.
FOLDER = "kommuner"
#: An id is a folder name and a Python module name (``kommuner.<id>.pelicanconf``).
ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
#: Modules of ``kommuner/`` that are not municipalities.
RESERVED = frozenset({"base", "publish"})
#: The settings that say which municipality a settings file is for.
ID_SETTING = "KOMMUN"
CODE_SETTING = "KOMMUNKOD"

#: What each ``STYRMODELL`` setting means, as written above it in ``pelicanconf.py`` (documented in the README);
#: ``{value}`` is the value written below it, ``{percent}`` the same as a percentage.
SETTING_COMMENTS = {
    "tolerance": 'How close to the målnivå counts as "nära" (share of the målnivå, {value} = {percent} %).',
    "rollup": 'How a goal\'s status is rolled up from its styrmått: "worst", "majority" or "all".',
    "example_income": "The example income on the tax receipt, kronor per month before tax.",
    "stale_after_months": "The figures count as old this many months after the latest period ends.",
    "share_images": "Whether goals, styrmått, nämnder and reports get a share image (og:image).",
}


class MunicipalityError(Exception):
    """Why no folder was written, in Swedish, with what to do."""


class SettingsMismatch(SystemExit):
    """The settings and the package are not the same municipality's: the build stops before anything is written.

    A ``SystemExit`` with the message, as ``kommuner/publish.py`` stops a build without an address:
    the command line prints it in Swedish and exits with 1, without a traceback.
    """


# --- the check before a build ---------------------------------------------------------------------


def package_code(package: Path) -> str | None:
    """The municipality code in ``package/municipality.csv``, or None when it cannot be read (validation says why)."""
    try:
        with (package / "municipality.csv").open(encoding="utf-8-sig", newline="") as file:
            row = next(csv.DictReader(file), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    code = (row or {}).get("code")
    return code.strip() if isinstance(code, str) and code.strip() else None


def own_folder(settings_file: Path, root: Path) -> str | None:
    """The id of the municipality folder ``settings_file`` is in (``kommuner/<id>/…``), or None."""
    try:
        parts = settings_file.resolve().relative_to((root / FOLDER).resolve()).parts
    except ValueError:
        return None
    return parts[0] if len(parts) == 2 else None


def mismatches(
    settings_file: Path, settings: Mapping, package: Path | None = None, *, root: Path | None = None
) -> list[str]:
    """What is wrong with building ``package`` (by default the settings' own) with these settings, in Swedish.

    ``root`` is the project folder (by default the parent of the settings' ``PATH``, as for the build).
    Empty when the settings and the package belong together, or when the build is a local preview of
    another package (see the module's docstring).
    """
    from .settings import package_directory, project_directory

    root = Path(root or project_directory(settings))
    folder = own_folder(settings_file, root)
    kommun = settings.get(ID_SETTING)
    code = settings.get(CODE_SETTING)
    published = bool(str(settings.get("SITEURL") or "").strip())
    fix = f"flytta bort mappen och kör python -m styrmodell ny-kommun {folder} --paket data/<kommun>" if folder else ""
    problems = []
    if folder and kommun != folder:
        if kommun is None:
            problems.append(
                f"inställningarna i {FOLDER}/{folder}/ säger inte vilken kommun de är för: lägg till "
                f'{ID_SETTING} = "{folder}" och {CODE_SETTING} = kommunkoden i {FOLDER}/{folder}/pelicanconf.py '
                f"(eller {fix})"
            )
        else:
            problems.append(
                f"inställningarna i {FOLDER}/{folder}/{settings_file.name} är för kommunen {kommun}, inte för {folder}. "
                f"En kopierad publishconf.py eller pelicanconf.py publicerar den andra kommunens webbplats. "
                f"Rätta importen i {FOLDER}/{folder}/publishconf.py till kommuner.{folder}.pelicanconf och "
                f'{ID_SETTING} i {FOLDER}/{folder}/pelicanconf.py till "{folder}" (eller {fix})'
            )
    if kommun is None or not (published or (folder and package is None)):
        return problems
    directory = Path(package) if package is not None else package_directory(settings)
    where = f"{FOLDER}/{folder}/pelicanconf.py" if folder else "inställningarna"
    other = _other_municipality(directory, root, set(municipalities(root)) - {kommun})
    if other:
        problems.append(
            f"inställningarna för {kommun} pekar på datapaketet för kommunen {other} (det som {FOLDER}/{other}/ bygger). "
            f'Rätta STYRMODELL["package"] i {where} till kommunens eget paket, till exempel ROOT / "data" / "{kommun}"'
        )
    found = package_code(directory)
    if code is None:
        problems.append(
            f"inställningarna för {kommun} säger inte vilken kommunkod deras datapaket ska ha: lägg till "
            f'{CODE_SETTING} = "{found or "<kommunkoden>"}" i {where}'
        )
    elif found is not None and found != str(code):
        problems.append(
            f"datapaketet i {directory} är för kommunkoden {found} (municipality.csv, kolumn code), men "
            f"inställningarna för {kommun} säger {CODE_SETTING} = {str(code)!r}. Peka ut kommunens eget paket i "
            f'STYRMODELL["package"] i {where}, eller rätta {CODE_SETTING} om koden i inställningarna är fel'
        )
    return problems


def municipalities(root: Path) -> list[str]:
    """The ids of the municipalities in the project folder ``root``: every ``kommuner/<id>/`` with a ``pelicanconf.py``."""
    folder = root / FOLDER
    return sorted(p.parent.name for p in folder.glob("*/pelicanconf.py")) if folder.is_dir() else []


def _other_municipality(directory: Path, root: Path, others: set[str]) -> str | None:
    """The other municipality whose package ``directory`` is (``data/<other>/`` with ``kommuner/<other>/``), or None."""
    try:
        parts = directory.resolve().relative_to((root / "data").resolve()).parts
    except ValueError:
        return None
    return parts[0] if parts and parts[0] in others else None


def require_own_package(settings_file: Path, settings: Mapping, package: Path | None = None) -> None:
    """Stop the build (:class:`SettingsMismatch`) when :func:`mismatches` finds anything; nothing is written."""
    problems = mismatches(Path(settings_file), settings, package)
    if problems:
        listed = "\n".join(f"- {p}" for p in problems)
        raise SettingsMismatch(
            f"Bygget stoppades: inställningarna {settings_file} och datapaketet hör inte ihop.\n{listed}\n"
            "Ingenting byggdes, och den tidigare versionen i output/ är orörd."
        )


# --- writing a new folder -------------------------------------------------------------------------


@dataclass(frozen=True)
class Derived:
    """What a municipality's settings say that comes from its package: who it is and where the package is."""

    id: str
    name: str
    code: str
    #: The package folder's parts, relative to the project folder (``("data", "vannas")``).
    package: tuple[str, ...]


def id_problem(name: str) -> str | None:
    """Why ``name`` cannot be a municipality's id (a folder and a Python module name), or None."""
    suggestion = suggest_id(name)
    hint = f" Förslag: {suggestion}." if suggestion and suggestion != name else ""
    if not ID.fullmatch(name):
        return (
            f"id:t {name!r} går inte att använda. Det blir ett mappnamn och ett namn i Python, så det får bara ha "
            f"små bokstäver a–z, siffror och understreck (_), börja med en bokstav och vara högst 40 tecken.{hint}"
        )
    if keyword.iskeyword(name) or name in RESERVED:
        return (
            f"id:t {name!r} är upptaget av Python eller av projektet ({', '.join(sorted(RESERVED))}). Välj ett annat."
        )
    return None


def suggest_id(text: str) -> str:
    """An id close to ``text``: å, ä, ö without their marks, lower case, other characters as _ (may be empty)."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]", "_", plain)).strip("_").lstrip("0123456789_")[:40]


def _literal(value: object) -> str:
    """``value`` as a Python literal the formatter keeps as it is (strings in double quotes)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def pelicanconf(derived: Derived, choices: Settings) -> str:
    """The text of ``kommuner/<id>/pelicanconf.py``."""
    package = " / ".join(["ROOT", *(_literal(part) for part in derived.package)])
    lines = [
        f'"""Pelican settings for the municipality in kommuner/{derived.id}/: the shared settings, its package and its own pages.',
        "",
        f"Written by ``python -m styrmodell ny-kommun {derived.id}``. Build with ``make site KOMMUN={derived.id}`` (or",
        f"``python -m styrmodell build --settings kommuner/{derived.id}/pelicanconf.py``). A build stops when KOMMUN",
        "is not this folder or KOMMUNKOD not the package's municipality code (styrmodell.municipality).",
        '"""',
        "",
        "import sys",
        "from pathlib import Path",
        "",
        "here = Path(__file__).resolve().parent",
        "sys.path.insert(0, str(here.parents[1]))",
        "from kommuner.base import *  # noqa: E402, F403 - the settings every municipality shares",
        "from kommuner.base import ROOT, page_paths  # noqa: E402",
        "",
        "# Which municipality: this folder, and the code in its package's municipality.csv.",
        f"{ID_SETTING} = {_literal(derived.id)}",
        f"{CODE_SETTING} = {_literal(derived.code)}",
        f"AUTHOR = {_literal(derived.name)}",
        f"SITENAME = {_literal(derived.name + ' – mål och resultat')}",
        "# The generic pages, except those this municipality replaces with its own in content/pages/.",
        'PAGE_PATHS = page_paths(here / "content" / "pages")',
        "",
        "STYRMODELL = {",
        "    # The data package (a folder with datapackage.json).",
        f'    "package": str({package}),',
    ]
    keys = Settings.keys()  # a classmethod: the STYRMODELL keys besides package
    for key in keys:
        value = getattr(choices, key)
        lines += [f"    # {setting_comment(key, value)}", f"    {_literal(key)}: {_literal(value)},"]
    return "\n".join([*lines, "}", ""])


def setting_comment(key: str, value: object) -> str:
    """The comment above ``key`` in ``pelicanconf.py``, with the example taken from ``value`` itself."""
    percent = f"{value * 100:g}" if isinstance(value, int | float) and not isinstance(value, bool) else ""
    return SETTING_COMMENTS[key].format(value=_literal(value), percent=percent)


def publishconf(derived: Derived) -> str:
    """The text of ``kommuner/<id>/publishconf.py``: this folder's own settings, with the public address."""
    return "\n".join([
        f'"""Settings for publishing the site of kommuner/{derived.id}/: its own settings with the public address (see kommuner/publish.py)."""',
        "",
        "import sys",
        "from pathlib import Path",
        "",
        "sys.path.insert(0, str(Path(__file__).resolve().parents[2]))",
        f"from kommuner.{derived.id}.pelicanconf import *  # noqa: F403",
        "from kommuner.publish import *  # noqa: F403",
        "",
    ])  # fmt: skip


def _page_meta(page: Path) -> dict[str, str]:
    head = page.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head.splitlines())}


def pages_readme(generic: Path) -> str:
    """``content/pages/README.md``: which generic pages (``generic``, the project's ``content/pages/``) a file here replaces."""
    rows = []
    for page in sorted(generic.glob("*.md")):
        meta = _page_meta(page)
        rows.append(f"| `{page.name}` | {meta.get('title', '')} | `{meta.get('url', '')}` |")
    return "\n".join([
        "# Kommunens egna sidor",
        "",
        "De allmänna sidorna i `content/pages/` i projektmappen passar alla kommuner: de tar kommunens namn, "
        "målkedjans nivåer, perspektiven, uppföljningarna och kontaktvägen ur datapaketet. Därför kan den här "
        "mappen vara tom.",
        "",
        "En Markdown-fil här med samma filnamn som en allmän sida ersätter den sidan på kommunens webbplats. En fil "
        "med ett nytt filnamn blir en ny sida. Börja från den allmänna sidan: raderna överst (`Title`, `Slug`, `URL`, "
        "`Save_as`, `Template`) bestämmer adressen och vilken mall som visar datat under texten. Då blir det "
        "kommunens ansvar att texten och datat säger samma sak. Den här filen (`README.md`) blir ingen sida.",
        "",
        "De allmänna sidor som en fil här kan ersätta:",
        "",
        "| fil | sida | adress |",
        "|---|---|---|",
        *rows,
        "",
    ])  # fmt: skip


def derive(name: str, package: Path, root: Path) -> Derived:
    """Check the id and the package (valid, inside the project folder) and return what the settings take from it."""
    from .package import PackageError, load

    problem = id_problem(name)
    if problem:
        raise MunicipalityError(problem)
    if not (root / FOLDER / "base.py").is_file():
        raise MunicipalityError(
            f"{root} är inte projektmappen: {FOLDER}/base.py saknas. Kör kommandot i projektmappen, där Makefile finns."
        )
    target = root / FOLDER / name
    if target.exists() or target.is_symlink():
        raise MunicipalityError(
            f"{FOLDER}/{name}/ finns redan, och den skrivs aldrig över. Välj ett annat id, eller flytta bort mappen "
            "först om du vill göra om den (spara kommunens egna sidor i content/pages/)."
        )
    try:
        relative = package.resolve().relative_to(root.resolve())
    except ValueError:
        raise MunicipalityError(
            f"datapaketet {package} ligger utanför projektmappen {root}. Lägg det i projektmappen, till exempel "
            f"data/{name}/, så att inställningarna fungerar också i CI."
        ) from None
    if not (package / "datapackage.json").is_file():
        raise MunicipalityError(
            f"{package} är inget datapaket: datapackage.json saknas. Gör ett med python -m styrmodell init, eller "
            "ange mappen med kommunens paket, till exempel --paket data/<kommun>."
        )
    try:
        municipality = load(package).model.municipality
    except PackageError as error:
        raise MunicipalityError(
            f"datapaketet i {package} har fel. Rätta dem först (python -m styrmodell validate {package}):\n"
            f"{error.report()}"
        ) from None
    return Derived(id=name, name=municipality.name, code=municipality.code, package=relative.parts)


def new_municipality(name: str, package: Path, root: Path, choices: Settings | None = None) -> Path:
    """Write ``kommuner/<name>/`` for ``package`` in the project folder ``root``, whole or not at all; return it.

    Raises :class:`MunicipalityError` (nothing written) when the id, the package or the folder is wrong.
    """
    derived = derive(name, Path(package), Path(root))
    files = {
        "__init__.py": "",
        "pelicanconf.py": pelicanconf(derived, choices or Settings()),
        "publishconf.py": publishconf(derived),
        "content/pages/README.md": pages_readme(Path(root) / "content" / "pages"),
    }
    target = Path(root) / FOLDER / name
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        for relative, text in files.items():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_text(text, encoding="utf-8", newline="\n")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


# --- the command ----------------------------------------------------------------------------------


def add_command(commands: argparse._SubParsersAction) -> None:
    """``python -m styrmodell ny-kommun ID --paket MAPP``; the parser carries its own handler."""
    new = commands.add_parser("ny-kommun", help="skriv kommuner/<id>/ för en ny kommun ur dess datapaket")
    new.add_argument("id", help="kommunens id: mappnamnet i kommuner/, till exempel vannas (a–z, siffror, _)")
    new.add_argument(
        "--paket", type=Path, required=True, help="mappen med kommunens datapaket, till exempel data/vannas"
    )
    defaults = Settings()
    new.add_argument(
        "--tolerance", type=float, default=defaults.tolerance, help="hur nära målnivån som räknas som nära"
    )
    new.add_argument("--rollup", default=defaults.rollup, help="hur ett måls status vägs samman: majority, all, worst")
    new.add_argument(
        "--example-income", type=int, default=defaults.example_income, help="månadsinkomst i räkneexemplet"
    )
    new.add_argument(
        "--stale-after-months", type=int, default=defaults.stale_after_months, help="när siffrorna räknas som gamla"
    )
    new.set_defaults(handler=command)


def command(args: argparse.Namespace, root: Path | None = None) -> int:
    """Run ``ny-kommun`` in ``root`` (the current folder): the folder and the next steps, or what is wrong."""
    root = Path.cwd() if root is None else root
    values = {
        "tolerance": args.tolerance,
        "rollup": args.rollup,
        "example_income": args.example_income,
        "stale_after_months": args.stale_after_months,
    }
    try:
        choices = Settings.from_mapping(values, environ={})
        target = new_municipality(args.id, args.paket, root, choices)
    except ValueError as error:
        print(f"Inga filer skrevs: {error}.", file=sys.stderr)
        return 1
    except (MunicipalityError, OSError) as error:
        print(f"Inga filer skrevs: {error}", file=sys.stderr)
        return 1
    folder = f"{FOLDER}/{target.name}"
    print(
        f"{folder}/ är skriven: pelicanconf.py och publishconf.py med kommunens namn, kod och datapaket, och en tom "
        f"content/pages/.\n"
        "Så går du vidare:\n"
        f"1. Bygg och titta: make site KOMMUN={target.name} och make serve KOMMUN={target.name}, sedan "
        "http://localhost:8000/.\n"
        f"2. Välj tolerance, rollup, example_income och stale_after_months i {folder}/pelicanconf.py (tabellen i "
        "README.md säger vad de betyder).\n"
        f"3. Kör testerna för kommunens egen webbplats: make test KOMMUN={target.name}.\n"
        f"4. Egna texter, om ni vill: {folder}/content/pages/README.md säger vilka allmänna sidor en egen fil ersätter.\n"
        f"5. Publicera: skapa variabeln KOMMUN med värdet {target.name} under Settings → Secrets and variables → "
        "Actions → Variables i förrådet, committa och pusha till main (docs/infora-i-en-kommun.md, steg 5)."
    )
    return 0
