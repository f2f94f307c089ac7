"""The open-data catalogue: one DCAT dataset for the live package and one per frozen snapshot.

Pure functions from the package, the downloads already published and the site's
base address to :class:`~styrmodell.exports.catalogue.CatalogueInfo`; the Turtle and JSON-LD
texts are written by :mod:`styrmodell.exports.catalogue`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..package import Package
from ..package.model import Period, Styrmodell
from ..urls import CATALOGUE_FILE, DATA_URL, START_URL, absolute, snapshot_url
from ..views.data import Download, PageData, first_lower, format_of, has_example_rows
from ..views.model_facts import genitive
from ..views.pagemeta import goal_description
from ..views.publisher import publisher_view
from ..views.site import PageViews
from .catalogue import CatalogueInfo, DatasetInfo, Distribution, PageDataset, page_dataset_jsonld, page_jsonld


@dataclass(frozen=True)
class SnapshotDataset:
    """What the catalogue needs of one frozen snapshot: its period, model and published files."""

    period: Period
    model: Styrmodell
    issued: date  # when the snapshot was published (or the period's end)
    downloads: tuple[Download, ...]


def distributions(base: str, downloads: Iterable[Download]) -> tuple[Distribution, ...]:
    """Every download as a DCAT distribution, keyed by its place under ``data/`` in the catalogue file."""
    return tuple(
        Distribution(
            key=f"{absolute(base, CATALOGUE_FILE)}#fil-{d.url.removeprefix(DATA_URL).replace('/', '-')}",
            url=absolute(base, d.url),
            title=d.label,
            format=format_of(d.url),
            size=d.size,
            checksum=d.checksum,
        )
        for d in downloads
    )


def _years(model: Styrmodell) -> tuple[int | None, int | None]:
    years = [r.year for r in model.results]
    return (min(years), max(years)) if years else (None, None)


def catalogue(
    package: Package, live: Sequence[Download], snapshots: Sequence[SnapshotDataset], base: str
) -> CatalogueInfo:
    """The catalogue: the live package's dataset first, then one dataset per snapshot, oldest first."""
    model, descriptor = package.model, package.descriptor
    municipality = model.municipality
    publisher = publisher_view(model)
    keywords = ("styrmodell", "mål", "styrmått", "måluppfyllelse", "kommun", municipality.name)
    title_en = f"{municipality.name}: governance model, goals and results"
    description_en = (
        f"Vision, goals, indicators, target levels, results, budget and governing documents of {municipality.name}, "
        "as a Frictionless Data Package."
    )
    latest = model.latest_period()
    start_year, end_year = _years(model)
    catalogue_url = absolute(base, CATALOGUE_FILE)
    datasets = [
        DatasetInfo(
            key=f"{catalogue_url}#datapaket",
            landing_page=absolute(base, DATA_URL),
            title_sv=descriptor.get("title", municipality.name),
            title_en=title_en,
            description_sv=descriptor.get("description", ""),
            description_en=description_en,
            issued=None,
            modified=latest.published or latest.end_date,
            start_year=start_year,
            end_year=end_year,
            keywords=keywords,
            distributions=distributions(base, live),
            version=descriptor.get("version"),
            example=has_example_rows(model),
        )
    ]
    for snapshot in snapshots:
        period = snapshot.period
        start_year, end_year = _years(snapshot.model)
        datasets.append(
            DatasetInfo(
                key=f"{catalogue_url}#ogonblicksbild-{period.id}",
                landing_page=absolute(base, snapshot_url(period.id)),
                title_sv=f"{descriptor.get('title', municipality.name)}, {first_lower(period.name)}",
                title_en=f"{title_en}, snapshot {period.id}",
                description_sv=(
                    f"Datapaketet som det publicerades vid {first_lower(period.name)}. "
                    "Filerna ändras aldrig; kontrollsummorna visar att de är oförändrade."
                ),
                description_en=f"The data package as published for the reporting period {period.id}. The files never change.",
                issued=snapshot.issued,
                modified=None,
                start_year=start_year,
                end_year=end_year,
                keywords=keywords,
                distributions=distributions(base, snapshot.downloads),
                version=period.id,
                example=has_example_rows(snapshot.model),
            )
        )
    return CatalogueInfo(
        url=f"{catalogue_url}#katalog",
        title_sv=f"Öppna data från {municipality.name}: mål och resultat",
        title_en=f"Open data from {municipality.name}: goals and results",
        description_sv=f"Datapaketet bakom webbplatsen om {genitive(municipality.name)} styrmodell, mål och resultat, "
        "och en frusen ögonblicksbild per uppföljning.",
        description_en=f"The data package behind the website on the governance model, goals and results of "
        f"{municipality.name}, and a frozen snapshot per reporting period.",
        publisher_name=publisher.name,
        publisher_url=publisher.url or f"{catalogue_url}#utgivare",
        publisher_is_municipality=publisher.is_municipality,
        area_name=municipality.name,
        contact_email=municipality.contact_email,
        licence_url=municipality.licence_url or descriptor["licenses"][0]["path"],
        homepage=absolute(base, START_URL),
        modified=latest.published or latest.end_date,
        datasets=tuple(datasets),
    )


# The goal and styrmått pages' structured data -----------------------------------------------------------

#: What a styrmått's dataset description adds when its figures include example rows.
PAGE_EXAMPLE_NOTE = "Innehåller exempeldata: rader med example=true är påhittade och inte verkliga siffror."


def page_datasets(
    model: Styrmodell, pages: PageViews, page_data: Mapping[str, PageData], info: CatalogueInfo, base: str
) -> dict[str, dict]:
    """schema.org JSON-LD by page address: a ``Dataset`` per styrmått page (its own CSV and JSON), and for each
    goal page a ``WebPage`` that rests on its styrmått's datasets."""
    municipality = model.municipality.name
    found: dict[str, dict] = {}
    for view in pages.indicators.values():
        url = view.url
        years = [y.year for y in view.years if y.status.result]
        note = f" {PAGE_EXAMPLE_NOTE}" if view.example else ""
        dataset = PageDataset(
            url=absolute(base, url),
            name=f"{view.indicator.name}: {municipality}",
            description=(
                f"Resultat, målnivåer och jämförelser per år för styrmåttet {view.indicator.name}, "
                f"som {municipality} följer upp målet ”{view.goal.title}” med.{note}"
            ),
            keywords=("styrmått", view.indicator.name, municipality),
            start_year=min(years, default=None),
            end_year=max(years, default=None),
            distributions=distributions(base, page_data[url].downloads),
            modified=info.modified,
        )
        found[url] = page_dataset_jsonld(dataset, info)
    for view in pages.goals.values():
        url = view.url
        datasets = [found[iv.url] for iv in view.indicators]
        found[url] = page_jsonld(absolute(base, url), view.goal.title, goal_description(view), datasets)
    return found
