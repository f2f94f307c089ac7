"""The open-data step: from the loaded package, the page views and the snapshots to every open-data output.

:func:`open_data` is a pipeline step in the owid/etl sense: explicit inputs, one
frozen :class:`OpenData` out, no input changed and no I/O. It runs in this order,
each function taking what it needs as arguments:

1. the live package's downloads and data dictionary;
2. what changed per period (:func:`changes`);
3. each snapshot's files, then the catalogue with its JSON-LD, then the snapshot views;
4. each page's own JSON and CSV, and its citation (``page_data``, keyed by the page's address);
5. the Atom feed.

Every file to publish is in ``OpenData.files`` (``{path: bytes}``); the generator writes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import exports, snapshots
from ..exports import CatalogueInfo, FeedEntry
from ..package import DESCRIPTOR, Package
from ..package.model import Period, Styrmodell
from ..settings import Settings
from ..urls import (
    CATALOGUE_FILE,
    DATA,
    EXCEL_DIR,
    FEED_FILE,
    PAGE_CSV,
    PAGE_JSON,
    PERIODS,
    absolute,
    changes_url,
    goal_url,
    indicator_url,
    organisation_url,
    period_url,
    snapshot_url,
)
from . import PageViews, Rows, rollup_sentence
from .catalogue import SnapshotDataset, catalogue
from .data import (
    FIGURE_COLUMNS,
    GOAL_COLUMNS,
    TYPE_TEXT,
    ChangesView,
    Download,
    FieldView,
    PageData,
    ResourceView,
    SnapshotView,
    _figure_rows,
    _format_of,
    _goal_row,
    _RowIndex,
    citation,
    example_count,
    first_lower,
    has_example_rows,
)


@dataclass(frozen=True)
class File:
    """A file to publish and its download entry (address, label, format, size, checksum)."""

    download: Download
    data: bytes


def file(path: str, data: bytes, label: str, fmt: str) -> File:
    return File(Download(path, label, fmt, len(data), exports.sha256(data)), data)


@dataclass(frozen=True)
class OpenData:
    """Everything the open-data pages show and every file they publish."""

    package_downloads: tuple[Download, ...]
    resources: tuple[ResourceView, ...]
    changes: Mapping[str, ChangesView]  # by period id, in the order of the periods
    snapshot_views: tuple[SnapshotView, ...]  # oldest first
    catalogue: CatalogueInfo
    catalogue_download: Download
    feed_download: Download
    jsonld: Mapping  # the live package's schema.org Dataset, for /data/
    page_data: Mapping[str, PageData]  # by page address
    example: bool  # whether the live package has example rows
    citation: str  # the citation example on /data/
    files: Mapping[str, bytes]  # every file to publish, by path


def open_data(
    package: Package,
    page_views: PageViews,
    settings: Settings,
    frozen: Sequence[snapshots.Frozen],
    base: str,
) -> OpenData:
    """The open-data step. ``base`` is SITEURL (empty in a local build); ``frozen`` the verified snapshots."""
    model, name = package.model, package.name
    live = package_files(package)
    resources = resource_views(package)
    changed = changes(model, frozen, settings)
    snapshot_files = {f.snapshot.period: period_files(name, f) for f in frozen}
    datasets = [
        SnapshotDataset(
            period=f.model.period(f.snapshot.period),
            model=f.model,
            issued=f.snapshot.published or f.model.period(f.snapshot.period).end_date,
            downloads=tuple(s.download for s in snapshot_files[f.snapshot.period]),
        )
        for f in frozen
    ]
    live_downloads = (*(f.download for f in live), *(view.csv for view, _ in resources))
    info = catalogue(package, live_downloads, datasets, base)
    turtle = file(
        CATALOGUE_FILE, exports.dcat_turtle(info).encode("utf-8"), "Katalogdata enligt DCAT-AP-SE 3.0.1", "ttl"
    )
    views = tuple(
        snapshot_view(f, snapshot_files[f.snapshot.period], changed, exports.dataset_jsonld(dataset, info), base)
        for f, dataset in zip(frozen, info.datasets[1:], strict=True)
    )
    by_period = {f.snapshot.period: f.snapshot for f in frozen}
    pages, page_files = page_data(
        package, page_views, frozen=by_period, changed=changed, licence_url=info.licence_url, base=base
    )
    feed = feed_file(model, page_views, changed, base)
    example = any(view.example_rows for view, _ in resources)
    return OpenData(
        package_downloads=tuple(f.download for f in live),
        resources=tuple(view for view, _ in resources),
        changes=changed,
        snapshot_views=views,
        catalogue=info,
        catalogue_download=turtle.download,
        feed_download=feed.download,
        jsonld=exports.dataset_jsonld(info.datasets[0], info),
        page_data=pages,
        example=example,
        citation=citation(
            model.municipality.name,
            "Mål och resultat",
            model.latest_period(),
            absolute(base, DATA),
            None,
            example=example,
        ),
        files=merge(
            (
                *live,
                *(f for _, resource_files in resources for f in resource_files),
                *(f for files in snapshot_files.values() for f in files),
                turtle,
                *page_files,
                feed,
            )
        ),
    )


def merge(files: Iterable[File]) -> dict[str, bytes]:
    """Every file by path; two different files for the same path are an error (ids that are not unique)."""
    merged: dict[str, bytes] = {}
    for f in files:
        path = f.download.url
        if path in merged and merged[path] != f.data:
            msg = f"Två olika filer skulle skrivas till {path}; kontrollera att id:n är unika"
            raise ValueError(msg)
        merged[path] = f.data
    return merged


# The live package ---------------------------------------------------------------------------


def package_files(package: Package) -> tuple[File, ...]:
    """The whole package as zip, its published descriptor, XLSX and SQLite."""
    d, f, name = package.descriptor, package.files, package.name
    return (
        file(
            f"{DATA}{name}.zip", exports.package_zip(d, f, name), "Hela datapaketet (CSV och datapackage.json)", "zip"
        ),
        file(
            f"{DATA}{DESCRIPTOR}",
            exports.published_descriptor(d, f),
            "Beskrivning av datapaketet (datapackage.json)",
            "json",
        ),
        file(f"{DATA}{name}.xlsx", exports.xlsx_bytes(package.tables), "Alla tabeller i en Excel-fil", "xlsx"),
        file(
            f"{DATA}{name}.sqlite", exports.sqlite_bytes(package.tables), "Alla tabeller i en SQLite-databas", "sqlite"
        ),
    )


def resource_views(package: Package) -> tuple[tuple[ResourceView, tuple[File, File]], ...]:
    """Each table's entry in the data dictionary, with its CSV and its Swedish-Excel CSV."""
    result = []
    for resource in package.descriptor["resources"]:
        data = package.files[resource["path"]]
        rows = package.tables[resource["name"]].records
        csv_file = file(f"{DATA}{resource['path']}", data, f"{resource.get('title')} (CSV)", "csv")
        excel_file = file(
            f"{EXCEL_DIR}{Path(resource['path']).stem}-excel.csv",
            exports.excel_csv(resource, data),
            f"{resource.get('title')} (CSV för svenskt Excel)",
            "csv",
        )
        fields = tuple(
            FieldView(
                name=f["name"],
                title=f.get("title", f["name"]),
                description=f.get("description", ""),
                type_text=TYPE_TEXT.get(f["type"], f["type"]),
                required=bool(f.get("constraints", {}).get("required")),
                allowed=", ".join(f.get("constraints", {}).get("enum", [])),
            )
            for f in resource["schema"]["fields"]
        )
        view = ResourceView(
            name=resource["name"],
            title=resource.get("title", resource["name"]),
            description=resource.get("description", ""),
            rows=len(rows),
            example_rows=example_count(resource, rows),
            fields=fields,
            csv=csv_file.download,
            excel_csv=excel_file.download,
            key=" + ".join(resource["schema"].get("primaryKey", [])),
        )
        result.append((view, (csv_file, excel_file)))
    return tuple(result)


# Changes and snapshots ----------------------------------------------------------------------


def changes(model: Styrmodell, frozen: Sequence[snapshots.Frozen], settings: Settings) -> dict[str, ChangesView]:
    """One digest per frozen period after the first, and one for the live package's latest period."""
    tolerance, rule = settings.tolerance, settings.rollup
    result: dict[str, ChangesView] = {}
    for previous, current in itertools.pairwise(frozen):
        old, new = previous.model, current.model
        digest = snapshots.diff(
            old,
            old.period(previous.snapshot.period),
            new,
            new.period(current.snapshot.period),
            tolerance=tolerance,
            rule=rule,
        )
        label = f"ögonblicksbilden för {first_lower(current.snapshot.period_name)}"
        result[current.snapshot.period] = changes_view(new, digest, label)
    latest = model.latest_period()
    earlier = [f for f in frozen if f.snapshot.end_date < latest.end_date]
    if latest.id not in {f.snapshot.period for f in frozen} and earlier:
        old = earlier[-1].model
        digest = snapshots.diff(
            old, old.period(earlier[-1].snapshot.period), model, latest, tolerance=tolerance, rule=rule
        )
        result[latest.id] = changes_view(model, digest, "det aktuella datapaketet")
    return result


def changes_view(model: Styrmodell, digest: snapshots.Digest, label: str) -> ChangesView:
    rows = Rows(model)
    rows.extend(c.result for c in digest.new_results)
    rows.extend(r.new for r in digest.revised)
    rows.extend(t for c in digest.target_changes for t in (c.old, c.new) if t and t.source in model.index["source"])
    return ChangesView(
        period=digest.new_period,
        digest=digest,
        source_label=label,
        url=changes_url(digest.new_period.id),
        sources=rows.sources,
    )


def period_files(name: str, frozen: snapshots.Frozen) -> tuple[File, ...]:
    """A snapshot's zip first, then each of its files, in its folder ``data/<period>/``."""
    period, members = frozen.snapshot.period, frozen.members
    folder = snapshot_url(period)
    zip_file = file(
        f"{folder}{name}-{period}.zip",
        exports.zip_bytes((f"{name}-{period}/{n}", d) for n, d in members.items()),
        f"Hela ögonblicksbilden för {frozen.snapshot.period_name}",
        "zip",
    )
    return (zip_file, *(file(f"{folder}{n}", d, n, _format_of(n)) for n, d in members.items()))


def snapshot_view(
    frozen: snapshots.Frozen, files: Sequence[File], changed: Mapping[str, ChangesView], jsonld: Mapping, base: str
) -> SnapshotView:
    model = frozen.model
    period = model.period(frozen.snapshot.period)
    example = has_example_rows(model)
    return SnapshotView(
        snapshot=frozen.snapshot,
        period=period,
        downloads=(files[0].download,),
        files=tuple(f.download for f in files[1:]),
        citation=citation(
            model.municipality.name,
            f"Mål och resultat, {first_lower(period.name)}",
            period,
            absolute(base, snapshot_url(period.id)),
            None,
            example=example,
        ),
        example=example,
        jsonld=jsonld,
        changes_url=changed[period.id].url if period.id in changed else None,
    )


# Per-page data ------------------------------------------------------------------------------


def page_data(
    package: Package,
    page_views: PageViews,
    *,
    frozen: Mapping[str, snapshots.Snapshot],
    changed: Mapping[str, ChangesView],
    licence_url: str,
    base: str,
) -> tuple[dict[str, PageData], tuple[File, ...]]:
    """What each goal, styrmått, nämnd and period page offers under "Data och citat", and its files."""
    model = package.model
    latest = model.latest_period()
    index = _RowIndex(package)
    pages: dict[str, PageData] = {}
    files: list[File] = []

    def page(url: str, title: str, page_files: tuple[File, ...], example: bool, period: Period = latest) -> None:
        """``example`` is the page's own ``example`` flag, as the core generator passes it to the template."""
        snap = frozen.get(period.id)
        files.extend(page_files)
        pages[url] = PageData(
            downloads=tuple(f.download for f in page_files),
            citation=citation(
                model.municipality.name,
                title,
                period,
                absolute(base, url),
                absolute(base, snapshot_url(period.id)) if snap else None,
                example=example,
            ),
            snapshot_url=snapshot_url(period.id) if snap else None,
            snapshot_name=snap.period_name if snap else None,
            changes_url=changed[period.id].url if period.id in changed else None,
        )

    def data(url: str, title: str, tables: Mapping, columns: tuple[str, ...] = (), rows=()) -> tuple[File, ...]:
        document = page_document(absolute(base, url), title, latest, licence_url, tables)
        return data_files(url, document, columns, rows)

    for goal in model.goals:
        view = page_views.goals[goal.id]
        url = goal_url(goal.id)
        tables = index.goal_tables(model, view)
        if view.indicators:  # the figures of its styrmått
            files_ = data(url, goal.title, tables, FIGURE_COLUMNS, _figure_rows(model, view.indicators))
        elif view.children:  # the goals that contribute to it
            files_ = data(url, goal.title, tables, GOAL_COLUMNS, [_goal_row(c) for c in view.children])
        else:  # no table of figures on the page: the package's rows only
            files_ = data(url, goal.title, tables)
        page(url, goal.title, files_, view.example)
    for indicator in model.indicators:
        view = page_views.indicators[indicator.id]
        url = indicator_url(indicator.id)
        tables = index.indicator_tables(model, view)
        page(
            url,
            indicator.name,
            data(url, indicator.name, tables, FIGURE_COLUMNS, _figure_rows(model, (view,))),
            view.example,
        )
    for organ_view in page_views.organs:
        organ, summaries = organ_view.organ, organ_view.summaries
        url = organisation_url(organ.id)
        tables = index.organisation_tables(organ, summaries)
        goal_rows = [_goal_row(s) for s in summaries]
        page(url, organ.name, data(url, organ.name, tables, GOAL_COLUMNS, goal_rows), organ_view.example)
    for period in model.periods:
        page(period_url(period.id), period.name, (), page_views.periods[period.id].example, period)
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
    json_file = file(f"{url}{PAGE_JSON}", exports.json_bytes(document), "Datapaketets rader för sidan", "json")
    if not rows:
        return (json_file,)
    label = "Siffrorna på sidan" if columns == FIGURE_COLUMNS else "Målen på sidan med status"
    return (file(f"{url}{PAGE_CSV}", exports.rows_csv(columns, rows), label, "csv"), json_file)


# The feed -----------------------------------------------------------------------------------


def feed_file(model: Styrmodell, page_views: PageViews, changed: Mapping[str, ChangesView], base: str) -> File:
    """The Atom feed: one entry per period, pointing at its changes page when it has one."""
    entries = []
    for period in model.periods:
        change = changed.get(period.id)
        url = change.url if change else period_url(period.id)
        summary = change.digest.summary() if change else rollup_sentence(page_views.periods[period.id].total)
        entries.append(
            FeedEntry(
                id=absolute(base, url),
                url=absolute(base, url),
                title=period.name,
                updated=period.published or period.end_date,
                summary=summary,
            )
        )
    data = exports.atom_feed(
        feed_id=absolute(base, FEED_FILE),
        self_url=absolute(base, FEED_FILE),
        site_url=absolute(base, PERIODS),
        title=f"Uppföljningar av mål och resultat, {model.municipality.name}",
        author=model.municipality.name,
        entries=entries,
    )
    return file(FEED_FILE, data, "Nyhetsflöde med varje uppföljning (Atom)", "atom")
