"""``import-kolada``: refresh a package's Kolada styrmått, Riket and the comparison groups from Kolada.

The rule, per styrmått with a ``kolada_kpi`` and per year:

- a value Kolada has that the package lacks becomes a new row (``origin=kolada``), with a ``sources`` row
  for the fetch (Kolada, the KPI, the date);
- a value the package already has unchanged keeps its row byte for byte, old source included;
- a revised value updates the row's value and source, and is listed;
- a row with ``origin`` ``hand`` or empty was entered by hand (or comes from another source) and is never
  touched, even when Kolada has another value;
- a value Kolada marks with a status (bortfall, sekretess …) becomes no row and a note, never a zero.

A comparison group that names a Kolada group gets Kolada's own group value; a list of municipality codes
gets the unweighted mean of its members, as Kolada computes its group values, and only for years where
every member has a value. The result is validated in a temporary copy before anything is written, and
every file is then replaced atomically; a failure writes nothing.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..package import load
from ..package.checks import RESULT_YEARS_AHEAD
from ..package.model import Styrmodell
from ..package.problems import PackageError
from .client import RIKET, KoladaClient, KoladaError, Value
from .country import national_files
from .csvfile import CsvFile, Record
from .rows import number, resource_paths, source_id, source_row

RIKET_AREA, RIKET_NAME = "riket", "Riket"
KOLADA = "kolada"


@dataclass
class Change:
    indicator: str
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    by_hand: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    #: Years Kolada has but the package cannot take yet: no reporting period for them (see checks.py).
    later: list[int] = field(default_factory=list)
    #: Kolada's KPI, when Kolada had no value at all for the municipality for it (a warning, not "0 nya").
    kpi: str = ""
    no_values: bool = False

    def lines(self) -> list[str]:
        parts = [f"{len(self.new)} nya", f"{len(self.changed)} ändrade", f"{self.unchanged} oförändrade"]
        text = [f"{self.indicator}: " + ", ".join(parts)]
        text += [f"  ny: {x}" for x in self.new]
        text += [f"  ändrad: {x}" for x in self.changed]
        text += [f"  för hand, rörs inte: {x}" for x in self.by_hand]
        text += [f"  inget värde i Kolada: {x}" for x in self.missing]
        if self.later:
            years = ", ".join(map(str, self.later))
            text.append(f"  väntar på en uppföljningsperiod i periods.csv, hämtas inte ännu: {years}")
        if self.no_values:
            text.append(
                f"  varning: Kolada har inga värden för kommunen för nyckeltalet {self.kpi}. Så rättar du: "
                "kontrollera kolada_kpi i indicators.csv (nyckeltalet kan ha upphört eller bytt id)"
            )
        return text


@dataclass
class Report:
    changes: dict[str, Change]
    written: list[str]
    warnings: list[str] = field(default_factory=list)
    #: What the run said about the whole country's values and groups (country.py), or nothing.
    national: str = ""

    @property
    def touched(self) -> bool:
        return any(c.new or c.changed for c in self.changes.values())

    def text(self, dry_run: bool) -> str:
        lines = [*self.warnings, *(line for change in self.changes.values() for line in change.lines())]
        if self.national:
            lines.append(self.national)
        if dry_run:
            lines.append("Provkörning (--dry-run): ingenting skrevs.")
        elif self.written:
            lines.append("Skrev " + ", ".join(self.written) + ".")
        else:
            lines.append("Inget var nytt eller ändrat; ingen fil skrevs.")
        return "\n".join(lines)


@dataclass(frozen=True)
class Area:
    """Where comparison values go: Riket, or a group (its Kolada id, or the codes whose mean it is)."""

    id: str
    name: str
    kolada_ids: tuple[str, ...]
    mean_of_members: bool


def areas_of(model: Styrmodell) -> list[Area]:
    areas = [Area(RIKET_AREA, RIKET_NAME, (RIKET,), False)]
    groups: dict[str, list] = {}
    for member in model.comparison_groups:
        groups.setdefault(member.group, []).append(member)
    for group_id, members in sorted(groups.items()):
        kolada = members[0].kolada_group
        ids = (kolada,) if kolada else tuple(m.code for m in members)
        areas.append(Area(group_id, members[0].group_name, ids, not kolada))
    return areas


def area_values(area: Area, values: dict[tuple[str, str, int], Value], kpi: str, year: int) -> Value | None:
    if not area.mean_of_members:
        return values.get((kpi, area.kolada_ids[0], year))
    found = [values.get((kpi, code, year)) for code in area.kolada_ids]
    if any(v is None for v in found):
        return None if all(v is None for v in found) else Value(kpi, area.id, year, None, "saknas för någon kommun")
    if any(v.value is None for v in found):
        return Value(kpi, area.id, year, None, "saknas för någon kommun")
    return Value(kpi, area.id, year, sum(v.value for v in found) / len(found))


def fetch(model: Styrmodell, client: KoladaClient, years: Iterable[int] | None) -> dict[tuple[str, str, int], Value]:
    kpis = sorted({i.kolada_kpi for i in model.indicators if i.kolada_kpi})
    if not kpis:
        return {}
    ids = [model.municipality.code, *(i for a in areas_of(model) for i in a.kolada_ids)]
    return {(v.kpi, v.municipality, v.year): v for v in client.data(kpis, ids, years)}


def merge(
    model: Styrmodell,
    files: dict[str, CsvFile],
    values: dict[tuple[str, str, int], Value],
    *,
    fetched_on: date,
    base_url: str,
    years: range | None = None,
) -> dict[str, Change]:
    """Apply Kolada's values to the results, comparisons and sources files (in memory); say what changed."""
    merger = _Merger(model, files, fetched_on)
    kolada_years = sorted({y for (_, _, y) in values if years is None or y in years})
    last = max(p.year for p in model.periods) + RESULT_YEARS_AHEAD  # later years fail validation (checks.py)
    areas = areas_of(model)
    for indicator in model.indicators:
        if indicator.kolada_kpi:
            change = merger.report.setdefault(indicator.id, Change(indicator.id))
            change.kpi = indicator.kolada_kpi
            change.no_values = not any(
                k == indicator.kolada_kpi and m == merger.code and (years is None or y in years) for (k, m, y) in values
            )
            change.later = [
                y for y in kolada_years if y > last and values.get((indicator.kolada_kpi, merger.code, y)) is not None
            ]
            for year in (y for y in kolada_years if y <= last):
                merger.result(indicator.id, indicator.kolada_kpi, year, values)
                for area in areas:
                    merger.comparison(indicator.id, indicator.kolada_kpi, year, area, values)
    sources = files["sources"]
    for sid, kpi in sorted(merger.used.items()):
        if not any(r.values["id"] == sid for r in sources.records):
            sources.records.append(Record(source_row(sid, kpi, fetched_on, base_url), None))
    sources.records.sort(key=lambda r: r.values["id"])  # sources.csv is kept in id order
    return merger.report


class _Merger:
    """The rule of the module docstring, one value at a time; remembers the sources the new rows need."""

    def __init__(self, model: Styrmodell, files: dict[str, CsvFile], fetched_on: date) -> None:
        self.results, self.comparisons = files["results"], files["comparisons"]
        self.periods = {p.id: p.kind for p in model.periods}
        self.code = model.municipality.code
        self.fetched_on = fetched_on
        self.used: dict[str, str] = {}
        self.report: dict[str, Change] = {}

    def _annual(self, record: Record) -> bool:
        period = record.values.get("period")
        return not period or self.periods.get(period) == "helar"

    def result(self, indicator: str, kpi: str, year: int, values) -> None:
        existing = next(
            (
                r
                for r in self.results.records
                if r.values["indicator"] == indicator and int(r.values["year"]) == year and self._annual(r)
            ),
            None,
        )
        row = _result_row(indicator, year, source_id(kpi, self.fetched_on), self.periods)
        self._apply(
            indicator, kpi, str(year), values.get((kpi, self.code, year)), existing=existing, file=self.results, row=row
        )

    def comparison(self, indicator: str, kpi: str, year: int, area: Area, values) -> None:
        existing = next(
            (
                r
                for r in self.comparisons.records
                if r.values["indicator"] == indicator and int(r.values["year"]) == year and r.values["area"] == area.id
            ),
            None,
        )
        row = _comparison_row(indicator, year, area, source_id(kpi, self.fetched_on))
        value = area_values(area, values, kpi, year)
        self._apply(indicator, kpi, f"{year} {area.name}", value, existing=existing, file=self.comparisons, row=row)

    def _apply(
        self, indicator, kpi, label, value: Value | None, *, existing: Record | None, file: CsvFile, row
    ) -> None:
        change = self.report.setdefault(indicator, Change(indicator))
        if value is None:
            return
        if value.value is None:
            change.missing.append(f"{label} ({value.status})")
            return
        if existing is None:
            series = ("indicator", "area") if "area" in row else ("indicator",)
            file.insert(dict(row, value=number(value.value)), lambda r: tuple(r[k] for k in series), int(row["year"]))
            change.new.append(f"{label}: {number(value.value)}")
            self.used[row["source"]] = kpi
            return
        old = float(existing.values["value"])
        same = math.isclose(old, value.value, rel_tol=1e-9, abs_tol=1e-12)
        if (existing.values.get("origin") or "hand") != KOLADA:
            if not same:
                change.by_hand.append(f"{label} (paketet {existing.values['value']}, Kolada {number(value.value)})")
            return
        if same:
            change.unchanged += 1
            return
        change.changed.append(f"{label}: {existing.values['value']} → {number(value.value)}")
        file.update(existing, {"value": number(value.value), "source": row["source"]})
        self.used[row["source"]] = kpi


def _result_row(indicator: str, year: int, source: str, periods: dict[str, str]) -> dict[str, str]:
    period = f"{year}-12"
    return {
        "indicator": indicator,
        "year": str(year),
        "period": period if periods.get(period) == "helar" else "",
        "value": "",
        "preliminary": "false",
        "method_break": "false",
        "source": source,
        "example": "false",
        "note": "",
        "origin": KOLADA,
    }


def _comparison_row(indicator: str, year: int, area: Area, source: str) -> dict[str, str]:
    return {
        "indicator": indicator,
        "year": str(year),
        "area": area.id,
        "area_name": area.name,
        "value": "",
        "source": source,
        "example": "false",
        "origin": KOLADA,
    }


def warnings(model: Styrmodell, values: dict[tuple[str, str, int], Value]) -> list[str]:
    """A warning when Kolada had no value at all for the municipality: a wrong code, not "nothing new"."""
    municipality = model.municipality
    if not any(i.kolada_kpi for i in model.indicators) or any(m == municipality.code for (_, m, _) in values):
        return []
    return [
        f"Varning: Kolada gav inga värden alls för kommunen med koden {municipality.code} ({municipality.name}) "
        "för något av paketets nyckeltal. Så rättar du: kontrollera kommunkoden i municipality.csv och adressen "
        "i --base-url"
    ]


# Reading, validating, writing -------------------------------------------------------------------

FILES = ("results", "comparisons", "sources")


def validated_write(directory: Path, new_files: dict[str, bytes]) -> list[str]:
    """Check the package with ``new_files`` in a temporary copy; then replace each changed file atomically.

    Returns the files written. Raises :class:`KoladaError` (nothing written) if the result does not validate.
    """
    changed = {p: b for p, b in new_files.items() if not (directory / p).is_file() or (directory / p).read_bytes() != b}
    if not changed:
        return []
    with tempfile.TemporaryDirectory(prefix=".kolada-check-") as work:
        copy = Path(work) / "package"
        shutil.copytree(directory, copy, ignore=shutil.ignore_patterns("archive"))
        for path, data in changed.items():
            (copy / path).write_bytes(data)
        try:
            load(copy)
        except PackageError as error:
            raise KoladaError(
                "Resultatet av importen är inte ett giltigt datapaket, så ingenting skrevs:\n" + error.report()
            ) from None
    temporary: list[Path] = []
    try:
        for path, data in sorted(changed.items()):
            handle, name = tempfile.mkstemp(prefix=f".{Path(path).name}-", dir=(directory / path).parent)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            temporary.append(Path(name))
        for (path, _), tmp in zip(sorted(changed.items()), temporary, strict=True):
            os.replace(tmp, directory / path)
    finally:
        for tmp in temporary:
            tmp.unlink(missing_ok=True)
    return sorted(changed)


def import_kolada(
    directory: Path,
    client: KoladaClient,
    *,
    fetched_on: date,
    years: range | None = None,
    dry_run: bool = False,
    groups: list[str] | None = None,
    national: bool = True,
    out: Callable[[str], None] = print,
) -> Report:
    """Fetch, merge, validate and write; raise :class:`KoladaError` (nothing written) on any failure.

    With ``national`` the package's ``kolada_*`` resources get every kommun's values too (see country.py),
    for the ``groups`` given, else the package's own, else Kolada's defaults for the municipality.
    """

    try:
        package = load(directory)
    except PackageError as error:
        raise KoladaError(f"Datapaketet i {directory} har fel redan före importen:\n{error.report()}") from None
    paths = resource_paths(package.descriptor)
    files = {name: CsvFile.parse(package.files[paths[name]]) for name in FILES}
    for name in ("results", "comparisons"):
        if "origin" not in files[name].header:
            raise KoladaError(
                f"{paths[name]} saknar kolumnen origin, så importen kan inte se vilka rader som är inmatade för hand. "
                "Så rättar du: lägg till kolumnen origin sist (se docs/datapaketet.md) och skriv hand eller kolada på varje rad"
            )
    values = fetch(package.model, client, years)
    changes = merge(package.model, files, values, fetched_on=fetched_on, base_url=client.base_url, years=years)
    report = Report(changes, [], warnings(package.model, values))
    extra: dict[str, bytes] = {}
    if national and not report.warnings:  # no value for the kommun: likely a wrong code, so keep the old rows
        extra, line = national_files(package, files, client, fetched_on=fetched_on, years=years, groups=groups)
        report.national = line
    if not dry_run:
        report.written = validated_write(directory, {**{paths[n]: files[n].to_bytes() for n in FILES}, **extra})
    out(report.text(dry_run))
    return report
