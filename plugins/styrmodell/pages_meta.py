"""Site-wide files: sitemap.xml, robots.txt, /.well-known/security.txt, 404 (issue: quality gates)."""

from __future__ import annotations

from pelican.generators import Generator


class SiteFilesGenerator(Generator):
    """Reads the loaded package from ``self.context["styrmodell"]`` (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        self.site = self.context["styrmodell"]

    def generate_output(self, writer) -> None:
        pass
