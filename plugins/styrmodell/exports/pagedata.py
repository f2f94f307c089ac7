"""What each goal, styrmått, nämnd and period page offers under "Data och citat".

A page's downloads are the package's own rows that the page shows (as JSON, with
the package's column names) and, when the page shows a table, that table as CSV.
:func:`page_data` computes them for every page, with the page's citation; it is
part of the open-data step (:mod:`styrmodell.exports.opendata`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .. import snapshots
from ..package import Package
from ..package.model import Period, Styrmodell
from ..urls import PAGE_CSV, PAGE_JSON, absolute, snapshot_url
from ..views import GoalSummary, GoalView, IndicatorView, PageViews, PeriodView
from ..views.data import FIGURE_COLUMNS, GOAL_COLUMNS, ChangesView, PageData, citation
from ..views.publisher import credits, kolada_sources, publisher_name, row_sources
from .files import File, file
from .tables import json_bytes, rows_csv

# Per-page data ------------------------------------------------------------------------------


def page_data(
    package: Package,
    page_views: PageViews,
    *,
    frozen_periods: Mapping[str, snapshots.Snapshot],
    changed: Mapping[str, ChangesView],
    licence_url: str,
    base: str,
) -> tuple[dict[str, PageData], tuple[File, ...]]:
    """What each goal, styrmått, nämnd and period page offers under "Data och citat", and its files."""
    model = package.model
    latest = model.latest_period()
    index = RowIndex(package)
    pages: dict[str, PageData] = {}
    files: list[File] = []
    publisher, kolada = publisher_name(model.municipality), kolada_sources(model)
    page_sources: dict[str, set[str]] = {}

    def page(url: str, title: str, page_files: tuple[File, ...], example: bool, period: Period = latest) -> None:
        """``example`` is the page's own ``example`` flag, as the core generator passes it to the template."""
        snap = frozen_periods.get(period.id)
        files.extend(page_files)
        pages[url] = PageData(
            downloads=tuple(f.download for f in page_files),
            citation=citation(
                publisher,
                title,
                period,
                absolute(base, url),
                absolute(base, snapshot_url(period.id)) if snap else None,
                example=example,
                credits=credits(page_sources.get(url, ()), kolada),
            ),
            snapshot_url=snapshot_url(period.id) if snap else None,
            snapshot_name=snap.period_name if snap else None,
            changes_url=changed[period.id].url if period.id in changed else None,
        )

    def data(
        url: str, title: str, tables: Mapping, columns: tuple[str, ...] = (), rows=(), *, period: Period = latest
    ) -> tuple[File, ...]:
        page_sources[url] = row_sources(tables.values())
        document = page_document(absolute(base, url), title, period, licence_url, tables)
        return data_files(url, document, columns, rows)

    for goal in model.goals:
        view = page_views.goals[goal.id]
        url = view.url
        tables = index.goal_tables(model, view)
        if view.indicators:  # the figures of its styrmått
            published = data(url, goal.title, tables, FIGURE_COLUMNS, figure_rows(model, view.indicators))
        elif view.children:  # the goals that contribute to it
            published = data(url, goal.title, tables, GOAL_COLUMNS, [goal_row(c) for c in view.children])
        else:  # no table of figures on the page: the package's rows only
            published = data(url, goal.title, tables)
        page(url, goal.title, published, view.example)
    for indicator in model.indicators:
        view = page_views.indicators[indicator.id]
        url = view.url
        tables = index.indicator_tables(model, view)
        page(
            url,
            indicator.name,
            data(url, indicator.name, tables, FIGURE_COLUMNS, figure_rows(model, (view,))),
            view.example,
        )
    for organ_view in page_views.organs:
        organ, summaries = organ_view.organ, organ_view.summaries
        url = organ_view.url
        tables = index.organisation_tables(organ, summaries)
        goal_rows = [goal_row(s) for s in summaries]
        page(url, organ.name, data(url, organ.name, tables, GOAL_COLUMNS, goal_rows), organ_view.example)
    for period in model.periods:
        view = page_views.periods[period.id]
        url = view.url
        rows = [goal_row(s) for s in view.total.goals]
        published = data(url, period.name, index.period_tables(view), GOAL_COLUMNS, rows, period=period)
        page(url, period.name, published, view.example, period)
    return pages, tuple(files)


def page_document(page: str, title: str, period: Period, licence_url: str, tables: Mapping) -> dict:
    """A page's JSON: the package's own rows that the page shows, with the page's address and licence."""
    return {
        "page": page,
        "title": title,
        "period": period.id,
        "license": licence_url,
        "note": "Raderna är datapaketets egna rader, med datapaketets kolumnnamn. "
        "Rader med example=true är exempeldata.",
        "resources": tables,
    }


def data_files(
    url: str, document: Mapping, columns: tuple[str, ...] = (), rows: Sequence[Mapping] = ()
) -> tuple[File, ...]:
    """The page's JSON and, when it shows a table, that table as CSV first."""
    json_file = file(f"{url}{PAGE_JSON}", json_bytes(document), "Datapaketets rader för sidan", "json")
    if not rows:
        return (json_file,)
    label = "Siffrorna på sidan" if columns == FIGURE_COLUMNS else "Målen på sidan med status"
    return (file(f"{url}{PAGE_CSV}", rows_csv(columns, rows), label, "csv"), json_file)


# Rows a page shows ---------------------------------------------------------------------------------


class RowIndex:
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

    def indicator_tables(self, model: Styrmodell, view: IndicatorView) -> dict[str, list[dict]]:
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

    def goal_tables(self, model: Styrmodell, view: GoalView) -> dict[str, list[dict]]:
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

    def period_tables(self, view: PeriodView) -> dict[str, list[dict]]:
        """A report's goals and assessments, and the values and målnivåer its statuses rest on (known by its end)."""
        statuses = view.indicator_statuses
        return {
            "goals": self.rows_of("goals", (s.goal for s in view.total.goals)),
            "assessments": self.rows_of("assessments", (s.assessment for s in view.total.goals)),
            "indicators": self.rows_of("indicators", (ys.indicator for ys in statuses)),
            "results": self.rows_of("results", (ys.result for ys in statuses)),
            "targets": self.rows_of("targets", (ys.target for ys in statuses)),
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


def figure_rows(model: Styrmodell, indicator_views) -> list[dict]:
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


def goal_row(summary: GoalSummary) -> dict:
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
