"""Site-wide files as text: ``sitemap.xml``, ``robots.txt`` and ``/.well-known/security.txt``.

Each text is computed by a plain function (no Pelican, no clock), so the same
data gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from ..package.model import Municipality, Period
from ..urls import NOT_FOUND, SECURITY_TXT, SITEMAP_FILE, absolute, page_address

__all__ = ["NOT_FOUND", "SECURITY_TXT", "page_urls", "robots_txt", "security_txt", "sitemap_xml"]


def page_urls(output: Path) -> list[str]:
    """Site-relative URLs of every HTML page under ``output``, sorted; ``mal/x/index.html`` → ``mal/x/``."""
    urls = []
    for path in output.rglob("*.html"):
        relative = path.relative_to(output).as_posix()
        if relative == NOT_FOUND:
            continue
        urls.append(page_address(relative))
    return sorted(urls)


def sitemap_xml(site_url: str, urls: Iterable[str]) -> str:
    """A sitemap (sitemaps.org 0.9). ``site_url`` is SITEURL: empty in a local build, absolute when published."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(absolute(site_url, url))}</loc></url>" for url in urls]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str) -> str:
    """Everything may be indexed. The Sitemap line needs an absolute address, so only a published build has it."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url.startswith(("https://", "http://")):
        lines.append(f"Sitemap: {absolute(site_url, SITEMAP_FILE)}")
    return "\n".join(lines) + "\n"


def security_expires(latest: Period) -> date:
    """The Expires date of security.txt: one year after the end of the latest reporting period.

    RFC 9116 asks for an Expires less than a year after publication. The site is
    published after a period has ended, so this date is always less than a year
    ahead when it is first published, and it is the same for every build of the
    same data (no clock). Each new period moves it forward; a site that gets no
    new period for a year has an expired security.txt, which is the honest
    signal that nobody maintains it.
    """
    end = latest.end_date
    try:
        return end.replace(year=end.year + 1)
    except ValueError:  # 29 February
        return end.replace(year=end.year + 1, day=28)


def expires_setting(value: object) -> date | None:
    """The top-level Pelican setting ``SECURITY_TXT_EXPIRES`` (an ISO date), or None when it is not set.

    It overrides :func:`security_expires`. The computed date follows the data, so a demo built from
    old data (the default package's latest period is 2022) would publish an expired security.txt. A publishing
    run may instead set the date from its own run date (publishconf.py reads it from the environment
    variable of the same name, and publish.yml sets it to a year after the run). The clock stays
    outside the plugin: the same data and settings still give the same bytes.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        msg = f"SECURITY_TXT_EXPIRES ska vara ett datum som 2026-05-05, inte {value!r}"
        raise ValueError(msg) from None


def security_txt(municipality: Municipality, latest: Period, site_url: str, expires: date | None = None) -> str:
    """RFC 9116 security.txt: where to report a vulnerability, and until when the file is valid.

    ``expires`` (from ``SECURITY_TXT_EXPIRES``) replaces the date computed from ``latest``.
    """
    contacts = []
    if municipality.contact_email:
        contacts.append(f"mailto:{municipality.contact_email}")
    if municipality.website:
        contacts.append(municipality.website)
    if not contacts:
        msg = (
            "security.txt behöver en kontaktväg: fyll i website (kommunens webbadress) "
            "eller contact_email i municipality.csv"
        )
        raise ValueError(msg)
    lines = [f"Contact: {contact}" for contact in contacts]
    lines.append(f"Expires: {(expires or security_expires(latest)).isoformat()}T00:00:00Z")
    lines.append("Preferred-Languages: sv, en")
    if site_url.startswith("https://"):
        lines.append(f"Canonical: {absolute(site_url, SECURITY_TXT)}")
    return "\n".join(lines) + "\n"
