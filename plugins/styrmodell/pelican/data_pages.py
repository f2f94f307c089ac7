"""Open-data pages and downloads: /data/, per-page CSV/JSON, snapshots, changes, feed and catalogue.

``generate_context`` computes everything (files, sizes, hashes, digests) and puts
``page_data`` in the shared context, so that the goal, styrmått, nämnd and period
pages written by the core generator can show their downloads and citation with one
``{% include "downloads.html" %}``. ``generate_output`` writes the pages and files.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from .. import exports, snapshots, views
from ..exports import CatalogueInfo, DatasetInfo, Distribution, FeedEntry
from ..package import DESCRIPTOR
from ..package.model import Period, Styrmodell
from ..urls import goal_url, indicator_url, organisation_url, period_url
from ..views.data import (
    CATALOGUE_FILE,
    DATA,
    EXCEL_DIR,
    FEED_FILE,
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
from .generators import SiteGenerator

log = logging.getLogger(__name__)


class DataPagesGenerator(SiteGenerator):
    """Reads the loaded package from ``self.context["styrmodell"]`` (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        self.site = self.context["styrmodell"]
        model: Styrmodell = self.site.model
        self.model = model
        config = self.settings.get("STYRMODELL", {})
        package_dir = Path(config.get("package", "data"))
        if not package_dir.is_absolute():
            package_dir = Path(self.path).parent / package_dir
        self.base = (self.settings.get("SITEURL") or "").rstrip("/")
        self.descriptor, self.files = exports.package_files(package_dir)
        self.name = self.descriptor.get("name") or model.municipality.id
        self.outputs: dict[str, bytes] = {}
        self.row_index = _RowIndex(self.descriptor, self.files)

        self.snapshots = snapshots.verify_all(package_dir)
        self.snapshot_models = {s.period: snapshots.load_snapshot(s) for s in self.snapshots}
        self.snapshot_by_period = {s.period: s for s in self.snapshots}

        self.package_downloads = self._package_downloads()
        self.resources = self._resources()
        self.changes = self._changes()
        self.snapshot_views = [self._snapshot_view(s) for s in self.snapshots]
        self.catalogue = self._catalogue()
        self.page_data = self._page_data()
        self.context["page_data"] = self.page_data

    # Helpers ---------------------------------------------------------------------------------

    def url(self, path: str) -> str:
        """Absolute address when SITEURL is set, otherwise a root-relative one."""
        return f"{self.base}/{path}"

    def _add(self, path: str, data: bytes, label: str, fmt: str) -> Download:
        if path in self.outputs and self.outputs[path] != data:
            msg = f"Två olika filer skulle skrivas till {path}; kontrollera att id:n är unika"
            raise ValueError(msg)
        self.outputs[path] = data
        return Download(path, label, fmt, len(data), exports.sha256(data))

    # The live package ------------------------------------------------------------------------

    def _package_downloads(self) -> tuple[Download, ...]:
        d, f, name = self.descriptor, self.files, self.name
        return (
            self._add(
                f"{DATA}{name}.zip",
                exports.package_zip(d, f, name),
                "Hela datapaketet (CSV och datapackage.json)",
                "zip",
            ),
            self._add(
                f"{DATA}{DESCRIPTOR}",
                exports.published_descriptor(d, f),
                "Beskrivning av datapaketet (datapackage.json)",
                "json",
            ),
            self._add(f"{DATA}{name}.xlsx", exports.xlsx_bytes(d, f), "Alla tabeller i en Excel-fil", "xlsx"),
            self._add(
                f"{DATA}{name}.sqlite", exports.sqlite_bytes(d, f), "Alla tabeller i en SQLite-databas", "sqlite"
            ),
        )

    def _resources(self) -> tuple[ResourceView, ...]:
        resources = []
        for resource in self.descriptor["resources"]:
            data = self.files[resource["path"]]
            stem = Path(resource["path"]).stem
            rows = exports.typed_rows(resource, data)
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
            resources.append(
                ResourceView(
                    name=resource["name"],
                    title=resource.get("title", resource["name"]),
                    description=resource.get("description", ""),
                    rows=len(rows),
                    example_rows=example_count(resource, rows),
                    fields=fields,
                    csv=self._add(f"{DATA}{resource['path']}", data, f"{resource.get('title')} (CSV)", "csv"),
                    excel_csv=self._add(
                        f"{EXCEL_DIR}{stem}-excel.csv",
                        exports.excel_csv(resource, data),
                        f"{resource.get('title')} (CSV för svenskt Excel)",
                        "csv",
                    ),
                    key=" + ".join(resource["schema"].get("primaryKey", [])),
                )
            )
        return tuple(resources)

    # Snapshots and changes -------------------------------------------------------------------

    def _snapshot_view(self, snapshot: snapshots.Snapshot) -> SnapshotView:
        folder = f"{DATA}{snapshot.period}/"
        members = {name: snapshot.file_bytes(name) for name, _, _ in snapshot.files}
        files = tuple(self._add(f"{folder}{name}", data, name, _format_of(name)) for name, data in members.items())
        zip_download = self._add(
            f"{folder}{self.name}-{snapshot.period}.zip",
            exports.zip_bytes((f"{self.name}-{snapshot.period}/{n}", d) for n, d in members.items()),
            f"Hela ögonblicksbilden för {snapshot.period_name}",
            "zip",
        )
        snap_model = self.snapshot_models[snapshot.period]
        period = snap_model.period(snapshot.period)
        example = has_example_rows(snap_model)
        return SnapshotView(
            snapshot=snapshot,
            period=period,
            downloads=(zip_download,),
            files=files,
            citation=citation(
                snap_model.municipality.name,
                f"Mål och resultat, {first_lower(period.name)}",
                period,
                self.url(folder),
                None,
                example=example,
            ),
            example=example,
            jsonld={},
            changes_url=self.changes[period.id].url if period.id in self.changes else None,
        )

    def _changes(self) -> dict[str, ChangesView]:
        """One digest per frozen period after the first, and one for the live package's latest period."""
        settings = self.site.settings
        tolerance, rule = settings.tolerance, settings.rollup
        result: dict[str, ChangesView] = {}
        ordered = list(self.snapshots)
        for previous, current in itertools.pairwise(ordered):
            old, new = self.snapshot_models[previous.period], self.snapshot_models[current.period]
            digest = snapshots.diff(
                old, old.period(previous.period), new, new.period(current.period), tolerance=tolerance, rule=rule
            )
            result[current.period] = self._changes_view(
                new, digest, f"ögonblicksbilden för {first_lower(current.period_name)}"
            )
        latest = self.model.latest_period()
        earlier = [s for s in ordered if s.end_date < latest.end_date]
        if latest.id not in self.snapshot_by_period and earlier:
            previous = earlier[-1]
            old = self.snapshot_models[previous.period]
            digest = snapshots.diff(
                old, old.period(previous.period), self.model, latest, tolerance=tolerance, rule=rule
            )
            result[latest.id] = self._changes_view(self.model, digest, "det aktuella datapaketet")
        return result

    def _changes_view(self, model: Styrmodell, digest: snapshots.Digest, label: str) -> ChangesView:
        rows = views.Rows(model)
        rows.extend(c.result for c in digest.new_results)
        rows.extend(r.new for r in digest.revised)
        rows.extend(t for c in digest.target_changes for t in (c.old, c.new) if t and t.source in model.index["source"])
        return ChangesView(
            period=digest.new_period,
            digest=digest,
            source_label=label,
            url=f"{period_url(digest.new_period.id)}andringar/",
            sources=rows.sources,
        )

    # Catalogue --------------------------------------------------------------------------------

    def _distributions(self, downloads: Iterable[Download]) -> tuple[Distribution, ...]:
        return tuple(
            Distribution(
                key=f"{self.url(CATALOGUE_FILE)}#fil-{d.url.removeprefix(DATA).replace('/', '-')}",
                url=self.url(d.url),
                title=d.label,
                format=_format_of(d.url),
                size=d.size,
                checksum=d.checksum,
            )
            for d in downloads
        )

    def _catalogue(self) -> CatalogueInfo:
        model, municipality = self.model, self.model.municipality
        years = [r.year for r in model.results]
        keywords = ("styrmodell", "mål", "styrmått", "måluppfyllelse", "kommun", municipality.name)
        title_en = f"{municipality.name}: governance model, goals and results"
        description_en = (
            f"Vision, goals, indicators, target levels, results, budget and governing documents of {municipality.name}, "
            "as a Frictionless Data Package. Rows with example=true are example data."
        )
        latest = model.latest_period()
        live_downloads = (*self.package_downloads, *(r.csv for r in self.resources))
        datasets = [
            DatasetInfo(
                key=f"{self.url(CATALOGUE_FILE)}#datapaket",
                landing_page=self.url(DATA),
                title_sv=self.descriptor.get("title", municipality.name),
                title_en=title_en,
                description_sv=self.descriptor.get("description", ""),
                description_en=description_en,
                issued=None,
                modified=latest.published or latest.end_date,
                start_year=min(years) if years else None,
                end_year=max(years) if years else None,
                keywords=keywords,
                distributions=self._distributions(live_downloads),
                version=self.descriptor.get("version"),
            )
        ]
        for view in self.snapshot_views:
            period = view.period
            snap_years = [r.year for r in self.snapshot_models[period.id].results]
            datasets.append(
                DatasetInfo(
                    key=f"{self.url(CATALOGUE_FILE)}#ogonblicksbild-{period.id}",
                    landing_page=self.url(f"{DATA}{period.id}/"),
                    title_sv=f"{self.descriptor.get('title', municipality.name)}, {first_lower(period.name)}",
                    title_en=f"{title_en}, snapshot {period.id}",
                    description_sv=(
                        f"Datapaketet som det publicerades vid {first_lower(period.name)}. "
                        "Filerna ändras aldrig; kontrollsummorna visar att de är oförändrade."
                    ),
                    description_en=f"The data package as published for the reporting period {period.id}. The files never change.",
                    issued=view.snapshot.published or period.end_date,
                    modified=None,
                    start_year=min(snap_years) if snap_years else None,
                    end_year=max(snap_years) if snap_years else None,
                    keywords=keywords,
                    distributions=self._distributions((*view.downloads, *view.files)),
                    version=period.id,
                )
            )
        catalogue = CatalogueInfo(
            url=f"{self.url(CATALOGUE_FILE)}#katalog",
            title_sv=f"Öppna data från {municipality.name}: mål och resultat",
            title_en=f"Open data from {municipality.name}: goals and results",
            description_sv=f"Datapaketet bakom webbplatsen om {municipality.name}s styrmodell, mål och resultat, "
            "och en frusen ögonblicksbild per uppföljning.",
            description_en=f"The data package behind the website on the governance model, goals and results of "
            f"{municipality.name}, and a frozen snapshot per reporting period.",
            publisher_name=municipality.name,
            publisher_url=municipality.website or f"{self.url(CATALOGUE_FILE)}#utgivare",
            contact_email=municipality.contact_email,
            licence_url=municipality.licence_url or self.descriptor["licenses"][0]["path"],
            homepage=self.url(""),
            modified=latest.published or latest.end_date,
            datasets=tuple(datasets),
        )
        turtle = exports.dcat_turtle(catalogue).encode("utf-8")
        self.catalogue_download = self._add(CATALOGUE_FILE, turtle, "Katalogdata enligt DCAT-AP-SE 3.0.1", "ttl")
        self.jsonld = exports.dataset_jsonld(datasets[0], catalogue)
        self.snapshot_views = [
            dataclasses.replace(v, jsonld=exports.dataset_jsonld(ds, catalogue))
            for v, ds in zip(self.snapshot_views, datasets[1:], strict=True)
        ]
        return catalogue

    # Per-page data ----------------------------------------------------------------------------

    def _page_data(self) -> dict[str, PageData]:
        model = self.model
        latest = model.latest_period()
        name = model.municipality.name
        pages: dict[str, PageData] = {}

        def page(
            url: str, title: str, downloads: tuple[Download, ...], example: bool, period: Period = latest
        ) -> PageData:
            """``example`` is the page's own ``example`` flag, as generator.py passes it to the template."""
            snap = self.snapshot_by_period.get(period.id)
            snap_url = self.url(f"{DATA}{period.id}/") if snap else None
            return PageData(
                downloads=downloads,
                citation=citation(name, title, period, self.url(url), snap_url, example=example),
                snapshot_url=f"{DATA}{period.id}/" if snap else None,
                snapshot_name=snap.period_name if snap else None,
                changes_url=self.changes[period.id].url if period.id in self.changes else None,
            )

        for goal in model.goals:
            view = self.site.views.goals[goal.id]
            url = goal_url(goal.id)
            tables = self.row_index.goal_tables(model, view)
            if view.indicators:  # the figures of its styrmått
                files = self._page_files(url, goal.title, tables, FIGURE_COLUMNS, _figure_rows(model, view.indicators))
            elif view.children:  # the goals that contribute to it
                files = self._page_files(url, goal.title, tables, GOAL_COLUMNS, [_goal_row(c) for c in view.children])
            else:  # no table of figures on the page: the package's rows only
                files = self._page_files(url, goal.title, tables)
            pages[url] = page(url, goal.title, files, view.example)
        for indicator in model.indicators:
            view = self.site.views.indicators[indicator.id]
            url = indicator_url(indicator.id)
            tables = self.row_index.indicator_tables(model, view)
            figures = _figure_rows(model, (view,))
            files = self._page_files(url, indicator.name, tables, FIGURE_COLUMNS, figures)
            pages[url] = page(url, indicator.name, files, view.example)
        for organ_view in self.site.views.organs:
            organ, summaries = organ_view.organ, organ_view.summaries
            url = organisation_url(organ.id)
            tables = self.row_index.organisation_tables(organ, summaries)
            goal_rows = [_goal_row(s) for s in summaries]
            files = self._page_files(url, organ.name, tables, GOAL_COLUMNS, goal_rows)
            pages[url] = page(url, organ.name, files, organ_view.example)
        for period in model.periods:
            url = period_url(period.id)
            pages[url] = page(url, period.name, (), self.site.views.periods[period.id].example, period)
        return pages

    def _page_files(
        self, url: str, title: str, tables: Mapping, columns: tuple[str, ...] = (), rows: list[dict] | None = None
    ) -> tuple[Download, ...]:
        """The page's JSON (the package's rows it shows) and, when it shows a table, that table as CSV."""
        document = {
            "page": self.url(url),
            "title": title,
            "period": self.model.latest_period().id,
            "license": self.catalogue.licence_url,
            "note": "Raderna är datapaketets egna rader, med datapaketets kolumnnamn. "
            "Rader med example=true är exempeldata.",
            "resources": tables,
        }
        json_file = self._add(f"{url}data.json", exports.json_bytes(document), "Datapaketets rader för sidan", "json")
        if not rows:
            return (json_file,)
        label = "Siffrorna på sidan" if columns == FIGURE_COLUMNS else "Målen på sidan med status"
        return (self._add(f"{url}data.csv", exports.rows_csv(columns, rows), label, "csv"), json_file)

    # Output ------------------------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        model = self.model
        example = any(r.example_rows for r in self.resources)
        feed = self._feed()
        self.write_page(
            writer,
            DATA,
            "data",
            "Öppna data",
            package_downloads=self.package_downloads,
            resources=self.resources,
            snapshot_views=list(reversed(self.snapshot_views)),
            catalogue_download=self.catalogue_download,
            feed_download=feed,
            changes=[self.changes[p.id] for p in reversed(model.periods) if p.id in self.changes],
            licence=model.municipality,
            jsonld=self.jsonld,
            example=example,
            sources=model.sources,
            citation_example=citation(
                model.municipality.name,
                "Mål och resultat",
                model.latest_period(),
                self.url(DATA),
                None,
                example=example,
            ),
        )
        for view in self.snapshot_views:
            self.write_page(
                writer,
                f"{DATA}{view.period.id}/",
                "snapshot",
                f"Ögonblicksbild: {view.period.name}",
                view=view,
                jsonld=view.jsonld,
                example=view.example,
            )
        for change in self.changes.values():
            self.write_page(
                writer,
                change.url,
                "changes",
                f"Sedan förra uppföljningen: {change.period.name}",
                view=change,
                digest=change.digest,
                example=change.digest.example,
                sources=change.sources,
            )
        output = Path(self.output_path).resolve()
        for path, data in sorted(self.outputs.items()):
            target = (output / path).resolve()
            if not target.is_relative_to(output):
                msg = f"Filen {path} skulle hamna utanför webbplatsens mapp"
                raise ValueError(msg)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _feed(self) -> Download:
        model = self.model
        entries = []
        for period in model.periods:
            change = self.changes.get(period.id)
            url = change.url if change else period_url(period.id)
            summary = (
                change.digest.summary() if change else views.rollup_sentence(self.site.views.periods[period.id].total)
            )
            entries.append(
                FeedEntry(
                    id=self.url(url),
                    url=self.url(url),
                    title=period.name,
                    updated=period.published or period.end_date,
                    summary=summary,
                )
            )
        data = exports.atom_feed(
            feed_id=self.url(FEED_FILE),
            self_url=self.url(FEED_FILE),
            site_url=self.url("rapporter/"),
            title=f"Uppföljningar av mål och resultat, {model.municipality.name}",
            author=model.municipality.name,
            entries=entries,
        )
        return self._add(FEED_FILE, data, "Nyhetsflöde med varje uppföljning (Atom)", "atom")
