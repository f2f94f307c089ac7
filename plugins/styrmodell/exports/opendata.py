"""The open-data step: from the loaded package, the page views and the snapshots to every open-data output.

:func:`open_data` is a pipeline step in the owid/etl sense: explicit inputs, one
frozen :class:`OpenData` out, no input changed and nothing written to the site (the only
I/O is the build cache, :mod:`styrmodell.cache`, which keeps the slow files between
builds and is keyed by everything they are made from). It runs in this order,
each function taking what it needs as arguments:

1. the live package's downloads and data dictionary;
2. what changed per period (:func:`changes`);
3. each snapshot's files, then the catalogue with its JSON-LD, then the snapshot views;
4. each page's own JSON and CSV, and its citation (``page_data``, keyed by the page's address), with the
   styrmått pages' schema.org Dataset and the goal pages' WebPage that rests on them;
5. the Atom feed.

Every file to publish is in ``OpenData.files`` (``{path: bytes}``); the generator writes them.
"""

from __future__ import annotations

import itertools
import sqlite3
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import snapshots
from ..cache import FileCache, key
from ..package import DESCRIPTOR, Package
from ..package import loader as package_loader
from ..package import model as package_model
from ..package import read as package_read
from ..package.model import Styrmodell
from ..settings import Settings
from ..urls import (
    CATALOGUE_FILE,
    DATA_URL,
    EXCEL_DIR,
    FEED_FILE,
    PERIODS_URL,
    absolute,
    changes_url,
    period_url,
    snapshot_url,
)
from ..views import PageViews, Rows, rollup_sentence
from ..views.data import (
    TYPE_TEXT,
    ChangesView,
    Download,
    FieldView,
    PageData,
    ResourceView,
    SnapshotView,
    citation,
    example_count,
    first_lower,
    format_of,
    has_example_rows,
    snapshot_facts,
)
from ..views.publisher import credits, kolada_sources, publisher_name, row_sources
from . import tables
from .catalogue import CatalogueInfo, dataset_jsonld, dcat_turtle
from .datasets import SnapshotDataset, catalogue, page_datasets
from .feed import FeedEntry, atom_feed
from .files import File, file
from .pagedata import page_data


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
    *,
    cache: FileCache | None = None,
) -> OpenData:
    """The open-data step. ``base`` is SITEURL (empty in a local build); ``frozen`` the verified snapshots;
    ``cache`` remembers the files that are slow to make (:mod:`styrmodell.cache`)."""
    model, name = package.model, package.name
    live = package_files(package, cache)
    resources = resource_views(package)
    changed = changes(model, frozen, settings)
    snapshot_files = {f.snapshot.period: period_files(name, f, cache) for f in frozen}
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
    turtle = file(CATALOGUE_FILE, dcat_turtle(info).encode("utf-8"), "Katalogdata enligt DCAT-AP-SE 3.0.1", "ttl")
    snapshot_views = tuple(
        snapshot_view(f, snapshot_files[f.snapshot.period], changed, dataset_jsonld(dataset, info), base)
        for f, dataset in zip(frozen, info.datasets[1:], strict=True)
    )
    frozen_periods = {f.snapshot.period: f.snapshot for f in frozen}
    pages, page_files = page_data(
        package, page_views, frozen_periods=frozen_periods, changed=changed, licence_url=info.licence_url, base=base
    )
    structured = page_datasets(model, page_views, pages, info, base)
    pages = {url: replace(data, jsonld=structured.get(url)) for url, data in pages.items()}
    feed = feed_file(model, page_views, changed, base)
    example = any(view.example_rows for view, _ in resources)
    return OpenData(
        package_downloads=tuple(f.download for f in live),
        resources=tuple(view for view, _ in resources),
        changes=changed,
        snapshot_views=snapshot_views,
        catalogue=info,
        catalogue_download=turtle.download,
        feed_download=feed.download,
        jsonld=dataset_jsonld(info.datasets[0], info),
        page_data=pages,
        example=example,
        citation=citation(
            publisher_name(model.municipality),
            "Mål och resultat",
            model.latest_period(),
            absolute(base, DATA_URL),
            None,
            example=example,
            credits=credits(
                row_sources([r.values for r in t.rows] for t in package.tables.values()), kolada_sources(model)
            ),
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

#: The code the cached downloads depend on: the writers, and the reading that types the values they write.
_WRITERS = tuple(Path(module.__file__) for module in (tables, package_read, package_loader, package_model))


def package_files(package: Package, cache: FileCache | None = None) -> tuple[File, ...]:
    """The whole package as zip, its published descriptor, XLSX and SQLite.

    The workbook is the slowest file of the build to make (openpyxl), then the database and the zip:
    with a ``cache`` each is made only when the package or the code that writes it has changed.
    """
    d, f, name = package.descriptor, package.files, package.name
    cache = cache or FileCache(None)
    writer = _WRITERS

    def made(kind: str, make, libraries=()) -> bytes:
        return cache.get(key(f"{kind}|{name}", d, f, sources=writer, libraries=libraries), make)

    return (
        file(
            f"{DATA_URL}{name}.zip",
            made(f"zip-{zlib.ZLIB_RUNTIME_VERSION}", lambda: tables.package_zip(d, f, name)),
            "Hela datapaketet (CSV och datapackage.json)",
            "zip",
        ),
        file(
            f"{DATA_URL}{DESCRIPTOR}",
            tables.published_descriptor(d, f),
            "Beskrivning av datapaketet (datapackage.json)",
            "json",
        ),
        file(
            f"{DATA_URL}{name}.xlsx",
            made(f"xlsx-{zlib.ZLIB_RUNTIME_VERSION}", lambda: tables.xlsx_bytes(package.tables), ["openpyxl"]),
            "Alla tabeller i en Excel-fil",
            "xlsx",
        ),
        file(
            f"{DATA_URL}{name}.sqlite",
            made(f"sqlite-{sqlite3.sqlite_version}", lambda: tables.sqlite_bytes(package.tables)),
            "Alla tabeller i en SQLite-databas",
            "sqlite",
        ),
    )


def resource_views(package: Package) -> tuple[tuple[ResourceView, tuple[File, File]], ...]:
    """Each table's entry in the data dictionary, with its CSV and its Swedish-Excel CSV."""
    result = []
    for resource in package.descriptor["resources"]:
        data = package.files[resource["path"]]
        rows = package.tables[resource["name"]].records
        csv_file = file(f"{DATA_URL}{resource['path']}", data, f"{resource.get('title')} (CSV)", "csv")
        excel_file = file(
            f"{EXCEL_DIR}{Path(resource['path']).stem}-excel.csv",
            tables.excel_csv(resource, data),
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


def period_files(name: str, frozen: snapshots.Frozen, cache: FileCache | None = None) -> tuple[File, ...]:
    """A snapshot's zip first, then each of its files, in its folder ``data/<period>/``."""
    period, members = frozen.snapshot.period, frozen.members
    folder = snapshot_url(period)
    zip_key = key(
        f"snapshot-zip-{zlib.ZLIB_RUNTIME_VERSION}|{name}-{period}",
        {},
        members,
        sources=[Path(tables.__file__)],
    )
    zip_file = file(
        f"{folder}{name}-{period}.zip",
        (cache or FileCache(None)).get(
            zip_key, lambda: tables.zip_bytes((f"{name}-{period}/{n}", d) for n, d in members.items())
        ),
        f"Hela ögonblicksbilden för {frozen.snapshot.period_name}",
        "zip",
    )
    return (zip_file, *(file(f"{folder}{n}", d, n, format_of(n)) for n, d in members.items()))


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
            publisher_name(model.municipality),
            f"Mål och resultat, {first_lower(period.name)}",
            period,
            absolute(base, snapshot_url(period.id)),
            None,
            example=example,
            credits=credits(
                row_sources([r.values for r in t.rows] for t in frozen.package.tables.values()), kolada_sources(model)
            ),
        ),
        example=example,
        jsonld=jsonld,
        changes_url=changed[period.id].url if period.id in changed else None,
        facts=snapshot_facts(
            frozen.snapshot,
            period,
            {r["path"]: r.get("title") or r["name"] for r in frozen.package.descriptor["resources"]},
        ),
    )


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
                example=page_views.periods[period.id].example or bool(change and change.digest.example),
            )
        )
    data = atom_feed(
        feed_id=absolute(base, FEED_FILE),
        self_url=absolute(base, FEED_FILE),
        site_url=absolute(base, PERIODS_URL),
        title=f"Uppföljningar av mål och resultat, {model.municipality.name}",
        author=publisher_name(model.municipality),
        entries=entries,
    )
    return file(FEED_FILE, data, "Nyhetsflöde med varje uppföljning (Atom)", "atom")
