"""Pelican settings that every municipality shares, and how a municipality's own pages are found.

A municipality is its data package (``data/<kommun>/``) and its folder ``kommuner/<kommun>/``:
``pelicanconf.py`` (these settings, its package, its name) and ``content/pages/``, its own texts.
The generic pages in ``content/pages/`` are written once for any package; a page of the
municipality's own with the same address (``Save_as``) replaces the generic one (the plugin drops the
generic page when both exist, see ``styrmodell.pelican.own_pages``).

Every path here is absolute, so the settings mean the same whichever settings file Pelican reads.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def page_paths(own: Path) -> list[str]:
    """Pelican's ``PAGE_PATHS``: the generic pages (``pages`` in ``PATH``), then the municipality's own folder."""
    return ["pages", str(own)]


PATH = str(ROOT / "content")
OUTPUT_PATH = str(ROOT / "output")
THEME = str(ROOT / "theme")
SITEURL = ""
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "sv"
LOCALE = ("C.UTF-8",)  # Swedish dates come from Babel filters, not the system locale

PLUGINS = ["styrmodell"]

# Jinja autoescape on (Pelican's default is off). Keep Pelican's other defaults.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# Pages keep the URL written in their metadata.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
STATIC_PATHS = []
# Pelican's default (hidden files), and the README.md in a municipality's content/pages/: it says which
# generic pages a file there replaces, and is no page itself.
IGNORE_FILES = ["**/.*", "README.md"]

# This site has no blog: switch off everything Pelican would add around articles.
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
INDEX_SAVE_AS = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
SUMMARY_MAX_LENGTH = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

# Output must be the same bytes for the same data.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
