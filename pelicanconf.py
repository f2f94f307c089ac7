"""Pelican settings for the Karlskoga site. Another municipality changes STYRMODELL["package"]."""

AUTHOR = "Karlskoga kommun"
SITENAME = "Karlskoga kommun – mål och resultat"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "sv"
LOCALE = ("C.UTF-8",)  # Swedish dates come from Babel filters, not the system locale

PLUGINS = ["styrmodell"]

STYRMODELL = {
    # The data package (a folder with datapackage.json), relative to this file.
    "package": "data/karlskoga",
    # How close to the målnivå counts as "nära" (share of the målnivå, 0.05 = 5 %).
    "tolerance": 0.05,
    # How a goal's status is rolled up from its styrmått: "worst", "majority" or "all".
    "rollup": "majority",
    # The example income on the tax receipt, kronor per month before tax.
    "example_income": 30000,
}

# Jinja autoescape on (Pelican's default is off). Keep Pelican's other defaults.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# Pages from content/pages keep the URL written in their metadata.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
STATIC_PATHS = []

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
