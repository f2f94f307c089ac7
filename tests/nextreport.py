"""The README's routine "Så publiceras en ny uppföljning", done on a copy of a package: next year's delår and helår.

Shared by ``site/test_next_report.py``; the rows are a realistic next year, all of them example data.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The styrmått that gets a delår value and a helår value in the same year (``duplicate=True``).
TWICE = "vantetid-sarskilt-boende"


def _append(path: Path, rows: list[dict]) -> None:
    with path.open(encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    text = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8", newline="") as file:
        if not text.endswith("\n"):
            file.write("\n")
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writerows([{k: row.get(k, "") for k in header} for row in rows])


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _set(path: Path, row_id: str, column: str, value: str) -> None:
    """Change one cell, as the editor would in a spreadsheet: the row whose ``id`` is ``row_id``."""
    with path.open(encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    rows = _rows(path)
    for row in rows:
        if row["id"] == row_id:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def copy_package(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def add_next_year(package: Path, year: int, duplicate: bool = True) -> None:
    """Step 1 of the routine: the periods, results, spending and the municipal tax rate of ``year``."""
    example = {"source": "exempeldata", "example": "true"}
    _append(
        package / "periods.csv",
        [
            {"id": f"{year}-08", "year": year, "name": f"Delårsrapport augusti {year}", "kind": "delar",
             "end_date": f"{year}-08-31", **example},
            {"id": f"{year}-12", "year": year, "name": f"Årsredovisning {year}", "kind": "helar",
             "end_date": f"{year}-12-31", **example},
        ],
    )  # fmt: skip
    known = _rows(package / "results.csv")
    done = {r["indicator"] for r in known if r["year"] == str(year)}
    previous = {r["indicator"]: r for r in known if r["year"] == str(year - 1) and r["indicator"] not in done}
    results = [
        {**row, "year": year, "period": f"{year}-12", "value": row["value"], **example, "note": ""}
        for indicator, row in sorted(previous.items())
        if indicator != TWICE
    ]
    if TWICE in previous:
        value = float(previous[TWICE]["value"])
        if duplicate:  # followed up at every report from now on, so it may have a delår value
            _set(package / "indicators.csv", TWICE, "frequency", "per-period")
            results.append({**previous[TWICE], "year": year, "period": f"{year}-08", "value": value + 1, **example})
        results.append({**previous[TWICE], "year": year, "period": f"{year}-12", "value": value + 2, **example})
    for row in results:
        row.update(preliminary="false", method_break="false", note="")
    _append(package / "results.csv", results)
    spending = [r for r in _rows(package / "spending.csv") if r["year"] == str(year - 1)]
    _append(
        package / "spending.csv",
        [{**r, "year": year, "value": round(float(r["value"]) * 1.03, 2), **example, "note": ""} for r in spending],
    )
    rates = {(r["year"], r["scope"]) for r in _rows(package / "tax_rates.csv")}
    if (str(year), "kommun") not in rates:
        _append(package / "tax_rates.csv", [{"year": year, "scope": "kommun", "rate": "22", **example}])


def styrmodell(*args: str) -> subprocess.CompletedProcess:
    """``python -m styrmodell …`` as the README runs it, with this checkout's plugin."""
    plugins = str(Path(__file__).resolve().parent.parent / "plugins")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (plugins, os.environ.get("PYTHONPATH")) if p)}
    return subprocess.run(
        [sys.executable, "-m", "styrmodell", *args], capture_output=True, text=True, check=False, env=env
    )
