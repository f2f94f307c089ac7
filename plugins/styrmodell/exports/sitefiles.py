"""Site-wide files as text: ``sitemap.xml``, ``robots.txt``, ``/.well-known/security.txt`` and ``_headers``.

Each text is computed by a plain function (no Pelican, no clock), so the same
data gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from ..package.model import Municipality, Period
from ..urls import (
    EMBED_DIR,
    NOT_FOUND,
    SECURITY_TXT,
    SITEMAP_FILE,
    absolute,
    changes_url,
    page_address,
    period_url,
    snapshot_url,
)

__all__ = [
    "NOT_FOUND",
    "SECURITY_TXT",
    "headers_file",
    "last_modified",
    "page_urls",
    "robots_txt",
    "security_txt",
    "sitemap_xml",
]


def is_embed(url: str) -> bool:
    """Whether ``url`` is a chart's embed page (``…/inbaddning/…``)."""
    return url.startswith(EMBED_DIR) or f"/{EMBED_DIR}" in url


def page_urls(output: Path) -> list[str]:
    """Site-relative URLs of every HTML page under ``output``, sorted; ``mal/x/index.html`` → ``mal/x/``.

    Embed pages are left out: they repeat a chart of a listed page, for other sites to frame, and
    say ``noindex``.
    """
    urls = []
    for path in output.rglob("*.html"):
        relative = path.relative_to(output).as_posix()
        if relative == NOT_FOUND or is_embed(relative):
            continue
        urls.append(page_address(relative))
    return sorted(urls)


def data_date(period: Period) -> date:
    """When a period's figures last changed: the day its report was published, or else the period's end."""
    return period.published or period.end_date


def last_modified(periods: Iterable[Period]) -> tuple[date, dict[str, date]]:
    """The sitemap's ``lastmod``: the latest period's data date for every page, and each period's own for the
    pages of that period (its report, what changed, its snapshot). From the data, never the build's clock."""
    periods = sorted(periods, key=lambda p: (p.end_date, p.id))
    own = {}
    for period in periods:
        for url in (period_url(period.id), changes_url(period.id), snapshot_url(period.id)):
            own[url] = data_date(period)
    return data_date(periods[-1]), own


def sitemap_xml(site_url: str, pages: Iterable[tuple[str, date | None]]) -> str:
    """A sitemap (sitemaps.org 0.9) of ``pages``, each an address and its date (:func:`last_modified`).

    ``site_url`` is SITEURL: empty in a local build, absolute when published.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, when in pages:
        stamp = f"<lastmod>{when.isoformat()}</lastmod>" if when else ""
        lines.append(f"  <url><loc>{escape(absolute(site_url, url))}</loc>{stamp}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def headers_file(site_url: str) -> str:
    """``_headers`` for hosts that read it (Cloudflare Pages syntax): no page may be framed, except embed pages.

    A ``<meta>`` Content-Security-Policy cannot say ``frame-ancestors``, so only a response header can
    refuse frames. Every page gets ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``; the embed
    pages (``…/inbaddning/…``) drop both (``!``) and allow any site to frame them. Paths start at the
    host's root, so a site under a sub-path (SITEURL ``https://org.example/styrmodell``) gets it as prefix.
    GitHub Pages sends no custom headers: see docs/dela-och-hitta.md.
    """
    prefix = urlsplit(site_url).path.rstrip("/") if "://" in site_url else site_url.rstrip("/")
    embed = EMBED_DIR.rstrip("/")
    lines = [
        "# Svarshuvuden för värdar som läser filen (Cloudflare Pages). GitHub Pages läser den inte.",
        "# Ingen sida får visas i en ram på en annan webbplats, utom diagrammens inbäddningssidor.",
        f"{prefix}/*",
        "  Content-Security-Policy: frame-ancestors 'none'",
        "  X-Frame-Options: DENY",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
    ]
    for pattern in (f"{prefix}/{embed}/*", f"{prefix}/*/{embed}/*"):
        lines += [
            "",
            pattern,
            "  ! Content-Security-Policy",
            "  ! X-Frame-Options",
            "  Content-Security-Policy: frame-ancestors *",
        ]
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
