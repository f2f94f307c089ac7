"""Which rows of a package belong after a reporting period: what a snapshot leaves out.

A snapshot shows what was known when its period ended. :func:`later_rows` works on the
files' bytes (the snapshot keeps every other row byte for byte) and decides per resource
(the rules are listed in ``docs/datapaketet.md``):

- a row with a ``period`` belongs to that period: it is later when that period ends later;
- a yearly row without one (a result, a comparison, population, spending, the financial
  result) is later when its year ends after the period; a budget when its year is later;
- a målnivå is kept: it is decided in advance (the goal of 32 000 inhabitants in 2025 was
  decided in 2021), unless its styrmått goes;
- a tax rate is decided in the autumn before its year, so the rate for the next year is
  known when a year ends on 31 December;
- a document decided after the period's end, a goal valid only from a later year and a
  period that ends later are later;
- then every row that refers (by a foreign key) to a row left out, so the snapshot
  still validates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from .package.model import Period

Row = dict[str, str]


def _year_end(row: Row) -> date:
    return date(int(row["year"]), 12, 31)


def _rules(period: Period, period_ends: Mapping[str, date]) -> dict[str, Callable[[Row], bool]]:
    end = period.end_date

    def by_period_or_year(row: Row) -> bool:
        if row.get("period"):
            return period_ends.get(row["period"], date.max) > end
        return _year_end(row) > end

    def by_year(row: Row) -> bool:
        return int(row["year"]) > end.year

    return {
        "periods": lambda row: date.fromisoformat(row["end_date"]) > end,
        "results": by_period_or_year,
        "comparisons": by_period_or_year,
        "population": by_period_or_year,
        "spending": by_period_or_year,
        "financial_results": by_period_or_year,
        "budget": lambda row: period_ends.get(row["period"], date.max) > end if row.get("period") else by_year(row),
        "tax_rates": lambda row: date(int(row["year"]), 1, 1) > end + timedelta(days=1),
        "documents": lambda row: bool(row.get("decided")) and date.fromisoformat(row["decided"]) > end,
        "goals": lambda row: bool(row.get("valid_from")) and int(row["valid_from"]) > end.year,
        "assessments": lambda row: period_ends.get(row["period"], date.max) > end,
        "activity_status": lambda row: period_ends.get(row["period"], date.max) > end,
    }


def _parse(data: bytes) -> tuple[list[str], list[str], list[Row]]:
    """The header, each data row's raw text (so kept rows keep their bytes) and each row as a dict."""
    text = data.decode("utf-8")
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0]])) if lines else []
    raw, rows = [], []
    buffer = ""
    for line in lines[1:]:
        buffer += line
        if buffer.count('"') % 2:  # a quoted field runs on over the line break
            continue
        values = next(csv.reader(io.StringIO(buffer)), [])
        if values:
            raw.append(buffer)
            rows.append(dict(zip(header, values, strict=False)))
        buffer = ""
    return [lines[0]] if lines else [], raw, rows


def later_rows(
    descriptor: Mapping, files: Mapping[str, bytes], period: Period
) -> tuple[dict[str, bytes], dict[str, int]]:
    """The files without the rows that belong after ``period``, and how many rows each file lost."""
    resources = {r["name"]: r for r in descriptor["resources"]}
    parsed = {name: _parse(files[r["path"]]) for name, r in resources.items()}
    period_ends = {row["id"]: date.fromisoformat(row["end_date"]) for row in parsed.get("periods", ([], [], []))[2]}
    rules = _rules(period, period_ends)
    dropped: dict[str, set[int]] = {
        name: {i for i, row in enumerate(parsed[name][2]) if name in rules and rules[name](row)} for name in resources
    }
    changed = True
    while changed:  # rows that refer to a row left out go too, until nothing more changes
        changed = False
        for name, resource in resources.items():
            for key in resource["schema"].get("foreignKeys", []):
                ref = key["reference"]
                target = ref.get("resource") or name
                gone = {tuple(parsed[target][2][i][f] for f in ref["fields"]) for i in dropped[target]}
                if not gone:
                    continue
                for i, row in enumerate(parsed[name][2]):
                    value = tuple(row.get(f, "") for f in key["fields"])
                    if i not in dropped[name] and any(value) and value in gone:
                        dropped[name].add(i)
                        changed = True
    out, counts = {}, {}
    for name, resource in resources.items():
        path = resource["path"]
        if not dropped[name]:
            out[path] = files[path]
            continue
        header, raw, _ = parsed[name]
        out[path] = "".join(header + [line for i, line in enumerate(raw) if i not in dropped[name]]).encode("utf-8")
        counts[path] = len(dropped[name])
    return out, counts
