"""Open-data pages and downloads: /data/, per-page CSV/JSON, snapshots, DCAT (issue: open data)."""

from __future__ import annotations

from pelican.generators import Generator


class DataPagesGenerator(Generator):
    """Reads the loaded package from ``self.context["styrmodell"]`` (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        self.site = self.context["styrmodell"]

    def generate_output(self, writer) -> None:
        pass
