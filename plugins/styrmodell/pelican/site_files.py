"""Site-wide files: ``sitemap.xml``, ``robots.txt``, ``/.well-known/security.txt``, ``_headers`` and ``404.html``.

The texts come from :mod:`styrmodell.exports.sitefiles`. :class:`SiteFilesGenerator` is the last
generator returned by ``get_generators``: when its ``generate_output`` runs,
every other page has been written, and the sitemap lists what is on disk.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from ..exports.sitefiles import (
    expires_setting,
    headers_file,
    last_modified,
    page_urls,
    robots_txt,
    security_txt,
    sitemap_xml,
)
from ..urls import HEADERS_FILE, NOT_FOUND, ROBOTS_FILE, SECURITY_TXT, SITEMAP_FILE

log = logging.getLogger(__name__)


class SiteFilesGenerator(Generator):
    """Reads the loaded package from ``self.context["styrmodell"]`` (set by StyrmodellGenerator)."""

    def generate_context(self) -> None:
        self.site = self.context["styrmodell"]

    def _write_text(self, name: str, text: str) -> None:
        path = Path(self.output_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        log.debug("wrote %s", path)

    def generate_output(self, writer) -> None:
        site_url = self.settings.get("SITEURL", "")
        expires = expires_setting(self.settings.get("SECURITY_TXT_EXPIRES"))
        lastmod, own = last_modified(self.site.model.periods)
        self._write_text(SITEMAP_FILE, sitemap_xml(site_url, page_urls(Path(self.output_path)), lastmod, own))
        self._write_text(HEADERS_FILE, headers_file(site_url))
        self._write_text(ROBOTS_FILE, robots_txt(site_url))
        self._write_text(SECURITY_TXT, security_txt(self.site.model.municipality, self.site.latest, site_url, expires))
        writer.write_file(
            NOT_FOUND, self.get_template("404"), self.context, page_url=None, page_title="Sidan finns inte"
        )
