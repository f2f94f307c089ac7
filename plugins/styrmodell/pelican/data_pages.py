"""Open-data pages and downloads: /data/, per-page CSV/JSON, snapshots, changes, feed and catalogue.

Everything is computed by :func:`styrmodell.views.opendata.open_data`; this generator
only gathers its inputs, puts ``page_data`` in the shared context (so that the goal,
styrmått, nämnd and period pages can show their downloads and citation with one
``{% include "downloads.html" %}``), and writes the pages and files.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .. import snapshots
from ..cache import FileCache
from ..settings import build_cache, settings_package, validation_cache
from ..urls import DATA_URL, snapshot_url
from ..views.opendata import OpenData, open_data
from ..views.pagemeta import data_metas
from .generators import SiteGenerator

log = logging.getLogger(__name__)


class DataPagesGenerator(SiteGenerator):
    """Reads the loaded package and the page views from the context (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        site = self.context["styrmodell"]
        package = settings_package(self.context)  # the context starts as a copy of the settings
        self.model = site.model
        self.data: OpenData = open_data(
            package,
            site.views,
            site.settings,
            snapshots.load_all(package.directory, validation_cache(self.settings)),
            self.settings.get("SITEURL") or "",
            cache=FileCache(build_cache(self.settings, "files")),
        )
        self.context["page_data"] = self.data.page_data
        self.context["page_meta"].update(
            data_metas(
                site.model,
                self.context["share_cards"],
                self.settings.get("SITEURL") or "",
                (view.period for view in self.data.snapshot_views),
                self.data.changes.values(),
            )
        )

    def generate_output(self, writer) -> None:
        model, data = self.model, self.data
        self.write_page(
            writer,
            DATA_URL,
            "data",
            "Öppna data",
            package_downloads=data.package_downloads,
            resources=data.resources,
            snapshot_views=list(reversed(data.snapshot_views)),
            catalogue_download=data.catalogue_download,
            feed_download=data.feed_download,
            changes=[data.changes[p.id] for p in reversed(model.periods) if p.id in data.changes],
            licence=model.municipality,
            jsonld=data.jsonld,
            example=data.example,
            sources=model.sources,
            citation_example=data.citation,
        )
        for view in data.snapshot_views:
            self.write_page(
                writer,
                snapshot_url(view.period.id),
                "snapshot",
                f"Ögonblicksbild: {view.period.name}",
                view=view,
                jsonld=view.jsonld,
                example=view.example,
            )
        for change in data.changes.values():
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
        for path, content in sorted(data.files.items()):
            target = (output / path).resolve()
            if not target.is_relative_to(output):
                msg = f"Filen {path} skulle hamna utanför webbplatsens mapp"
                raise ValueError(msg)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
