"""What the open-data pages show: downloads, the data dictionary, snapshots, changes and citations.

Plain dataclasses and functions; :mod:`styrmodell.views.opendata` computes them in one
step and :mod:`styrmodell.pelican.data_pages` writes the pages and files. Addresses come
from :mod:`styrmodell.urls`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import exports, snapshots, views
from ..formatting import long_date, number
from ..package import Package
from ..package.model import Period, Styrmodell

TYPE_TEXT = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "true eller false", "date": "datum"}
FORMAT_TEXT = {
    "csv": "CSV",
    "json": "JSON",
    "zip": "Zip",
    "xlsx": "Excel (XLSX)",
    "sqlite": "SQLite",
    "ttl": "Turtle (RDF)",
    "jsonld": "JSON-LD",
    "atom": "Atom",
}

#: The columns of a goal's or styrmått's figures CSV: one row per value the page shows.
FIGURE_COLUMNS = (
    "resource",
    "indicator",
    "indicator_name",
    "unit",
    "year",
    "area",
    "area_name",
    "value",
    "min",
    "max",
    "preliminary",
    "method_break",
    "period",
    "source",
    "example",
)
#: The columns of a nämnd's goal list CSV.
GOAL_COLUMNS = (
    "goal",
    "title",
    "level",
    "owner",
    "valid_from",
    "valid_to",
    "computed_status",
    "assessment_period",
    "assessment_status",
    "source",
    "example",
)


@dataclass(frozen=True)
class Download:
    url: str  # relative to the site root, without leading slash
    label: str
    format: str
    size: int
    checksum: str

    @property
    def format_text(self) -> str:
        return FORMAT_TEXT[self.format]

    @property
    def size_text(self) -> str:
        return size_text(self.size)

    @property
    def media_type(self) -> str:
        return exports.MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class PageData:
    """What a page offers under "Data och citat"."""

    downloads: tuple[Download, ...]
    citation: str
    snapshot_url: str | None
    snapshot_name: str | None
    changes_url: str | None


@dataclass(frozen=True)
class FieldView:
    name: str
    title: str
    description: str
    type_text: str
    required: bool
    allowed: str


@dataclass(frozen=True)
class ResourceView:
    name: str
    title: str
    description: str
    rows: int
    example_rows: int | None  # rows with example=true; None when the table has no example column
    fields: tuple[FieldView, ...]
    csv: Download
    excel_csv: Download
    key: str

    @property
    def rows_text(self) -> str:
        """``"25 rader, varav 19 exempeldata"``: what the table holds, in words."""
        text = "1 rad" if self.rows == 1 else f"{number(self.rows, 0)} rader"
        if self.example_rows:
            return f"{text}, varav {number(self.example_rows, 0)} exempeldata"
        if self.example_rows == 0 and self.rows:
            return f"{text}, inga exempeldata"
        return text


@dataclass(frozen=True)
class SnapshotView:
    snapshot: snapshots.Snapshot
    period: Period
    downloads: tuple[Download, ...]
    files: tuple[Download, ...]
    citation: str
    example: bool
    jsonld: Mapping
    changes_url: str | None


@dataclass(frozen=True)
class ChangesView:
    period: Period
    digest: snapshots.Digest
    source_label: str  # where the new data comes from: a snapshot or the live package
    url: str
    sources: tuple


def size_text(size: int) -> str:
    if size < 1000:
        return f"{size} byte"
    if size < 1_000_000:
        return f"{number(size / 1000, 0)} kB"
    return f"{number(size / 1_000_000, 1)} MB"


def example_count(resource: Mapping, rows: Iterable[Mapping]) -> int | None:
    """How many of a table's rows are example data (example=true); None when the table has no example column."""
    if not any(f["name"] == "example" for f in resource["schema"]["fields"]):
        return None
    return sum(1 for row in rows if row.get("example") is True)


def has_example_rows(model: Styrmodell) -> bool:
    """Whether any row of any table of ``model`` is example data."""
    tables = [getattr(model, f.name) for f in dataclasses.fields(model)]
    rows = [model.municipality, *(r for t in tables if isinstance(t, tuple) for r in t)]
    return any(getattr(r, "example", False) for r in rows)


def first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


#: Ends the citation of a page that shows example data, so invented rows are never cited as the municipality's.
EXAMPLE_CITATION = "Sidan innehåller exempeldata."


def sentence(text: str) -> str:
    """``text`` ending with a full stop: a title that already ends a sentence gets no second one."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def citation(
    municipality: str, title: str, period: Period, url: str, snapshot_url: str | None, *, example: bool = False
) -> str:
    """The citation text: the period's year and name, the page's address, and a date the reader fills in.

    The site is built ahead of time, so it cannot know the day someone reads it; writing the build
    date would be wrong and change the output on every build. "[datum]" is for the reader to replace.
    ``example`` is the page's ``example`` flag: a page that shows example rows says so in its citation too.
    """
    text = f"{sentence(f'{municipality} ({period.year})')} {sentence(title)} Data från {first_lower(period.name)}"
    if period.published:
        text += f", publicerad {long_date(period.published)}"
    text += f". {url}"
    if snapshot_url:
        text += f" (ögonblicksbild: {snapshot_url})"
    text += ". Hämtad [datum]."
    return f"{text} {EXAMPLE_CITATION}" if example else text


def _format_of(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1]
    return {"ttl": "ttl", "atom": "atom"}.get(suffix, suffix)


# Rows a page shows ---------------------------------------------------------------------------------


class _RowIndex:
    """The package's typed rows by primary key, so a page's JSON holds the package's own rows."""

    def __init__(self, package: Package) -> None:
        self.keys: dict[str, tuple[str, ...]] = {}
        self.rows: dict[str, dict[tuple, Mapping]] = {}
        for name, table in package.tables.items():
            keys = tuple(table.schema.get("primaryKey", []))
            self.keys[name] = keys
            self.rows[name] = {tuple(row[k] for k in keys): row for row in table.records}

    def rows_of(self, resource: str, objects: Iterable) -> list[dict]:
        keys = self.keys[resource]
        seen: dict[tuple, dict] = {}
        for obj in objects:
            if obj is None:
                continue
            key = tuple(getattr(obj, k) for k in keys)
            seen.setdefault(key, self.rows[resource][key])
        return [seen[k] for k in sorted(seen, key=_sort_key)]

    def indicator_tables(self, model: Styrmodell, view: views.IndicatorView) -> dict[str, list[dict]]:
        return self._indicators(model, (view,), extra_goals=(view.goal,))

    def _indicators(self, model: Styrmodell, indicator_views, extra_goals=()) -> dict[str, list[dict]]:
        shown = _shown(model, indicator_views)
        return {
            "goals": self.rows_of("goals", extra_goals),
            "indicators": self.rows_of("indicators", (v.indicator for v in indicator_views)),
            "results": self.rows_of("results", shown["results"]),
            "targets": self.rows_of("targets", shown["targets"]),
            "comparisons": self.rows_of("comparisons", shown["comparisons"]),
        }

    def goal_tables(self, model: Styrmodell, view: views.GoalView) -> dict[str, list[dict]]:
        tables = self._indicators(model, view.indicators, extra_goals=(*view.chain, *(c.goal for c in view.children)))
        tables["assessments"] = self.rows_of("assessments", (a for _, a in view.assessments))
        tables["activities"] = self.rows_of("activities", (a.activity for a in view.activities))
        tables["activity_status"] = self.rows_of("activity_status", (a.status for a in view.activities))
        return tables

    def organisation_tables(self, organ, summaries) -> dict[str, list[dict]]:
        return {
            "organisation": self.rows_of("organisation", (organ,)),
            "goals": self.rows_of("goals", (s.goal for s in summaries)),
            "assessments": self.rows_of("assessments", (s.assessment for s in summaries)),
        }


def _sort_key(key: tuple) -> tuple:
    return tuple((v is None, str(v)) for v in key)


def _shown(model: Styrmodell, indicator_views) -> dict[str, list]:
    """The results, targets and comparisons the indicator tables show (see indicator_table.html)."""
    shown: dict[str, list] = {"results": [], "targets": [], "comparisons": []}
    for view in indicator_views:
        for year in view.years:
            shown["results"].append(year.status.result)
            shown["targets"].append(year.status.target)
            shown["comparisons"].extend(c for c in year.comparisons if c is not None)
    return shown


def _figure_rows(model: Styrmodell, indicator_views) -> list[dict]:
    rows = []
    for view in indicator_views:
        ind = view.indicator
        base = {"indicator": ind.id, "indicator_name": ind.name, "unit": ind.unit}
        for year in view.years:
            r, t = year.status.result, year.status.target
            if r:
                rows.append(
                    base
                    | {
                        "resource": "results",
                        "year": r.year,
                        "value": r.value,
                        "preliminary": r.preliminary,
                        "method_break": r.method_break,
                        "period": r.period,
                        "source": r.source,
                        "example": r.example,
                    }
                )
            if t:
                rows.append(
                    base
                    | {
                        "resource": "targets",
                        "year": t.year,
                        "min": t.min,
                        "max": t.max,
                        "source": t.source,
                        "example": t.example,
                    }
                )
            for c in year.comparisons:
                if c is not None:
                    rows.append(
                        base
                        | {
                            "resource": "comparisons",
                            "year": c.year,
                            "area": c.area,
                            "area_name": c.area_name,
                            "value": c.value,
                            "source": c.source,
                            "example": c.example,
                        }
                    )
    return rows


def _goal_row(summary: views.GoalSummary) -> dict:
    goal, assessment = summary.goal, summary.assessment
    return {
        "goal": goal.id,
        "title": goal.title,
        "level": goal.level,
        "owner": goal.owner,
        "valid_from": goal.valid_from,
        "valid_to": goal.valid_to,
        "computed_status": summary.computed.value,
        "assessment_period": assessment.period if assessment else None,
        "assessment_status": assessment.status if assessment else None,
        "source": goal.source,
        "example": goal.example,
    }
