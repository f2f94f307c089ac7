"""Downloads for journalists and catalogue metadata, as pure functions from the package's bytes.

``tables`` writes the package's tables as CSV, Excel CSV, XLSX, SQLite, zip and
JSON (and holds the CSV safety policy), ``catalogue`` the DCAT-AP-SE catalogue and
schema.org JSON-LD, ``feed`` the Atom feed, ``sitefiles`` sitemap.xml, robots.txt
and security.txt. Nothing here imports Pelican, and the same input always gives
the same bytes.
"""

from ..package.published import published_descriptor, sha256
from .catalogue import (
    CatalogueInfo,
    DatasetInfo,
    Distribution,
    PageDataset,
    dataset_jsonld,
    dcat_turtle,
    page_dataset_jsonld,
    page_jsonld,
)
from .feed import FeedEntry, atom_feed
from .tables import (
    FORMULA_START,
    MEDIA_TYPES,
    ZIP_EPOCH,
    excel_csv,
    guard_formula,
    is_formula_like,
    json_bytes,
    normalise_zip,
    package_zip,
    rows_csv,
    sqlite_bytes,
    xlsx_bytes,
    zip_bytes,
)

__all__ = [
    "FORMULA_START",
    "MEDIA_TYPES",
    "ZIP_EPOCH",
    "CatalogueInfo",
    "DatasetInfo",
    "Distribution",
    "FeedEntry",
    "PageDataset",
    "atom_feed",
    "dataset_jsonld",
    "dcat_turtle",
    "excel_csv",
    "guard_formula",
    "is_formula_like",
    "json_bytes",
    "normalise_zip",
    "package_zip",
    "page_dataset_jsonld",
    "page_jsonld",
    "published_descriptor",
    "rows_csv",
    "sha256",
    "sqlite_bytes",
    "xlsx_bytes",
    "zip_bytes",
]
