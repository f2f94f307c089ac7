"""Every address on the site, built from ids (never from titles), relative to the site root.

No address starts with ``/``: the site may live under a sub-path
(``https://org.github.io/repo/``). A renamed goal keeps its address. A page's
address ends with ``/`` (the page is ``<address>index.html``); a file's address
is its path. :func:`absolute` makes the SITEURL-based form that citations,
the catalogue and the feed need.
"""

from __future__ import annotations

# Pages written from the data package --------------------------------------------------------

START_URL = ""
GOALS_URL = "mal/"
INDICATORS_URL = "styrmatt/"
ORGANISATIONS_URL = "namnder/"
PERIODS_URL = "rapporter/"
DOCUMENTS_URL = "styrdokument/"
SEARCH_URL = "sok/"
DATA_URL = "data/"
RECEIPT_URL = "skattepengar/"
ECONOMY_URL = "ekonomi/"

# The prose pages (their ``URL:`` in ``content/pages/*.md``) ----------------------------------

STYRMODELL_URL = "styrmodell/"
DOCUMENT_GUIDE_URL = "styrmodell/styrdokument/"
VISION_URL = "vision/"
RULES_URL = "maluppfyllelse/"
RECEIPT_METHOD_URL = "skattepengar/sa-raknade-vi/"
ABOUT_URL = "om/"
ACCESSIBILITY_URL = "tillganglighet/"

# Files ----------------------------------------------------------------------------------------

CATALOGUE_FILE = f"{DATA_URL}dcat.ttl"
FEED_FILE = f"{PERIODS_URL}uppfoljningar.atom"
EXCEL_DIR = f"{DATA_URL}excel/"
INDEX_FILE = "index.html"  # a page at address ``x/`` is the file ``x/index.html``
SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"
SECURITY_TXT = ".well-known/security.txt"
NOT_FOUND = "404.html"
#: A page's own downloads: its rows as JSON and, when it shows a table, that table as CSV.
PAGE_JSON = "data.json"
PAGE_CSV = "data.csv"

# Charts: the files' path without extension (``.svg``, ``.png`` and ``.csv`` are added) --------

RECEIPT_CHART = f"{RECEIPT_URL}diagram-kvitto"
BUDGET_CHART = f"{ECONOMY_URL}diagram-budget"
PLANNING_CHART = "styrmodell/planeringsprocessen/diagram-arshjul"
ROLLUP_CHART = "diagram-maluppfyllelse"


def page_file(url: str) -> str:
    """The file of the page at ``url`` (``mal/x/`` → ``mal/x/index.html``; ``""`` is the start page)."""
    return f"{url}{INDEX_FILE}"


def page_address(path: str) -> str:
    """The address of the page in the file ``path``, the inverse of :func:`page_file`."""
    return path.removesuffix(INDEX_FILE)


def goal_url(goal_id: str) -> str:
    return f"{GOALS_URL}{goal_id}/"


def indicator_url(indicator_id: str) -> str:
    return f"{INDICATORS_URL}{indicator_id}/"


def indicator_chart(indicator_id: str) -> str:
    """The files of a styrmått's chart, without extension (``styrmatt/<id>/diagram``)."""
    return f"{indicator_url(indicator_id)}diagram"


def organisation_url(org_id: str) -> str:
    return f"{ORGANISATIONS_URL}{org_id}/"


def period_url(period_id: str) -> str:
    return f"{PERIODS_URL}{period_id}/"


def changes_url(period_id: str) -> str:
    """The "Sedan förra uppföljningen" page of a period."""
    return f"{period_url(period_id)}andringar/"


def snapshot_url(period_id: str) -> str:
    """The folder (and page) of a period's frozen snapshot."""
    return f"{DATA_URL}{period_id}/"


# Sharing and embedding ----------------------------------------------------------------------------

#: A page's share image (``og:image``): 1200×630 PNG in the page's folder.
SHARE_IMAGE = "delningsbild.png"
#: The folder of a chart's embed page, under the chart's page.
EMBED_DIR = "inbaddning/"
#: The host's header rules (Netlify and Cloudflare Pages read this file; GitHub Pages ignores it).
HEADERS_FILE = "_headers"


def share_image(url: str) -> str:
    """The share image of the page at ``url`` (``mal/x/`` → ``mal/x/delningsbild.png``)."""
    return f"{url}{SHARE_IMAGE}"


def embed_url(chart_path: str) -> str:
    """The embed page of the chart whose files are at ``chart_path``.

    A page's only chart (``styrmatt/x/diagram``) → ``styrmatt/x/inbaddning/``; a named one
    (``ekonomi/diagram-budget``) → ``ekonomi/inbaddning/budget/``.
    """
    folder, _, name = chart_path.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name == "diagram":
        return f"{prefix}{EMBED_DIR}"
    return f"{prefix}{EMBED_DIR}{name.removeprefix('diagram-')}/"


def absolute(base: str, path: str) -> str:
    """``path`` under SITEURL: absolute when ``base`` is set, otherwise root-relative (``/path``)."""
    return f"{base.rstrip('/')}/{path}"


#: What templates get as Jinja globals: the functions and the fixed addresses above.
URL_FUNCTIONS = {
    "goal_url": goal_url,
    "indicator_url": indicator_url,
    "organisation_url": organisation_url,
    "period_url": period_url,
    "GOALS_URL": GOALS_URL,
    "INDICATORS_URL": INDICATORS_URL,
    "ORGANISATIONS_URL": ORGANISATIONS_URL,
    "PERIODS_URL": PERIODS_URL,
    "DOCUMENTS_URL": DOCUMENTS_URL,
    "SEARCH_URL": SEARCH_URL,
    "DATA_URL": DATA_URL,
    "RECEIPT_URL": RECEIPT_URL,
    "ECONOMY_URL": ECONOMY_URL,
    "STYRMODELL_URL": STYRMODELL_URL,
    "DOCUMENT_GUIDE_URL": DOCUMENT_GUIDE_URL,
    "VISION_URL": VISION_URL,
    "RULES_URL": RULES_URL,
    "RECEIPT_METHOD_URL": RECEIPT_METHOD_URL,
    "ABOUT_URL": ABOUT_URL,
    "ACCESSIBILITY_URL": ACCESSIBILITY_URL,
}


#: A link to a page of the site in Markdown prose: ``{site}`` and the page's address.
SITE_LINK = "{site}"


def site_link(html: str, siteurl: str) -> str:
    """Replace ``{site}`` at the start of an ``href`` with ``siteurl/``: ``href="{site}mal/"`` → ``href="<SITEURL>/mal/"``."""
    return html.replace(f'href="{SITE_LINK}', f'href="{absolute(siteurl, "")}')
