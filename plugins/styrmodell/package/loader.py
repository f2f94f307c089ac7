"""Load a municipality's data package once: read its files, validate them, type them, build the model.

Validation runs in three layers, each stopping the load with a Swedish list of
problems (file, row, column, what is wrong, how to fix it):

1. the files themselves: safe paths, UTF-8 without BOM, commas, the header;
2. frictionless-py against the Table Schema: types, constraints, keys;
3. rules frictionless cannot express (``checks.py``): the goal chain, target
   ranges, periods, URL-safe ids, formula-like text, personal data.

Only a package that passes all three becomes a :class:`Package`: the descriptor,
every file's bytes, the typed tables and the :class:`~styrmodell.package.model.Styrmodell`.
The build loads it once and every page, download and export is made from it.
Each CSV value is cast once, by :func:`cast`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import checks
from .model import ROW_CLASSES, Styrmodell
from .problems import PackageError, Problem
from .read import frictionless_problems, read_descriptor, read_files

log = logging.getLogger(__name__)

#: Part of every validation cache key: raise it when the meaning of "frictionless accepted these bytes" changes.
VALIDATION_CACHE_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Row:
    """A typed row with its place in the file (spreadsheet numbering, header = 1)."""

    number: int
    values: Mapping[str, object]


@dataclass(frozen=True)
class Table:
    """One resource's typed rows, in file order."""

    name: str
    file: str
    schema: Mapping
    rows: tuple[Row, ...]

    def field(self, name: str) -> Mapping:
        return next(f for f in self.schema["fields"] if f["name"] == name)

    @property
    def records(self) -> tuple[Mapping[str, object], ...]:
        """The rows as dicts of typed values (int, float, bool, date, str, None for empty)."""
        return tuple(row.values for row in self.rows)


@dataclass(frozen=True)
class Package:
    """A validated data package, read once: what every page, download and export is made from."""

    directory: Path
    descriptor: Mapping
    files: Mapping[str, bytes]  # every resource file's bytes, keyed by its path in the descriptor
    tables: Mapping[str, Table]  # keyed by resource name
    model: Styrmodell

    @property
    def name(self) -> str:
        """The package's name (the file name of its downloads), or the municipality's id."""
        return self.descriptor.get("name") or self.model.municipality.id


def load(directory: Path | str, *, cache: Path | None = None, verified: bool = False) -> Package:
    """Read, validate and type the package in ``directory``, or raise :class:`PackageError` with every problem.

    ``cache`` is a folder that remembers which packages frictionless has accepted (the slowest of the
    three layers), keyed by the descriptor, every file's bytes and frictionless' version: a rebuild with
    unchanged files skips it. Only acceptance is remembered, so a bad package is always checked in full,
    and the first and third layers always run. ``verified`` skips frictionless too, for a frozen snapshot
    whose every file matches the sha256 recorded when it was frozen (it was checked in full then).
    """
    directory = Path(directory)
    descriptor = read_descriptor(directory)
    files, problems = read_files(directory, descriptor)
    if problems:
        raise PackageError(problems)
    key = validation_key(descriptor, files) if cache is not None and not verified else None
    if not verified and (key is None or not (cache / key).is_file()):
        problems = frictionless_problems(directory, descriptor)
        if problems:
            raise PackageError(problems)
        if key is not None:
            _remember(cache, key)
    tables = read_tables(descriptor, files)
    problems = checks.run_all(tables)
    if problems:
        raise PackageError(problems)
    return Package(directory=directory, descriptor=descriptor, files=files, tables=tables, model=_model(tables))


def validation_key(descriptor: Mapping, files: Mapping[str, bytes]) -> str:
    """What frictionless' verdict depends on: the descriptor, the files' names and bytes, its own version."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(f"{VALIDATION_CACHE_VERSION}|{version('frictionless')}|".encode())
    digest.update(json.dumps(descriptor, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for path in sorted(files):
        digest.update(f"|{path}|{len(files[path])}|".encode())
        digest.update(files[path])
    return digest.hexdigest()


def _remember(cache: Path, key: str) -> None:
    """Note that frictionless accepted ``key``; a cache that cannot be written only costs time."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        temporary = cache / f".{key}.tmp"
        temporary.write_text("frictionless\n", encoding="utf-8")
        temporary.replace(cache / key)
    except OSError as error:
        log.debug("could not write the validation cache in %s: %s", cache, error)


def load_package(directory: Path | str) -> Styrmodell:
    """The model of the package in ``directory`` (see :func:`load`)."""
    return load(directory).model


def validate_package(directory: Path | str) -> list[Problem]:
    """Every problem in the package; an empty list means it is valid."""
    try:
        load(directory)
    except PackageError as error:
        return error.problems
    return []


# Typed rows ---------------------------------------------------------------------------


def cast(value: str, field: Mapping) -> object:
    """One CSV cell as the type its Table Schema field declares; ``""`` is ``None``."""
    if value == "":
        return None
    kind = field.get("type", "string")
    if kind in ("integer", "year"):
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return value in field.get("trueValues", ["true", "True", "TRUE", "1"])
    if kind == "date":
        return date.fromisoformat(value)
    return value


def typed_rows(resource: Mapping, data: bytes) -> tuple[Row, ...]:
    """The rows of one resource file, typed. Call only on a file that frictionless accepted."""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return tuple(
        Row(number=number, values={name: cast(record.get(name) or "", field) for name, field in fields.items()})
        for number, record in enumerate(reader, start=2)
    )


def read_tables(descriptor: Mapping, files: Mapping[str, bytes]) -> dict[str, Table]:
    """Every resource as a typed :class:`Table`, keyed by resource name."""
    return {
        r["name"]: Table(r["name"], r["path"], r["schema"], typed_rows(r, files[r["path"]]))
        for r in descriptor["resources"]
    }


def _model(tables: Mapping[str, Table]) -> Styrmodell:
    rows = {
        name: [ROW_CLASSES[name](**_model_values(ROW_CLASSES[name], row.values)) for row in table.rows]
        for name, table in tables.items()
        if name in ROW_CLASSES
    }
    return Styrmodell.from_rows(rows)


def _model_values(cls: type, values: Mapping[str, object]) -> dict[str, object]:
    names = cls.__dataclass_fields__
    return {name: value for name, value in values.items() if name in names}
