"""Pelican settings for the municipality in kommuner/exempelkommun/: the shared settings, its package and its own pages.

Written by ``python -m styrmodell ny-kommun exempelkommun``. Build with ``make site KOMMUN=exempelkommun`` (or
``python -m styrmodell build --settings kommuner/exempelkommun/pelicanconf.py``). A build stops when KOMMUN
is not this folder or KOMMUNKOD not the package's municipality code (styrmodell.municipality).
"""

import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here.parents[1]))
from kommuner.base import *  # noqa: E402, F403 - the settings every municipality shares
from kommuner.base import ROOT, page_paths  # noqa: E402

# Which municipality: this folder, and the code in its package's municipality.csv.
KOMMUN = "exempelkommun"
KOMMUNKOD = "0098"
AUTHOR = "Exempelkommun"
SITENAME = "Exempelkommun – mål och resultat"
# The generic pages, except those this municipality replaces with its own in content/pages/.
PAGE_PATHS = page_paths(here / "content" / "pages")

STYRMODELL = {
    # The data package (a folder with datapackage.json).
    "package": str(ROOT / "data" / "exempelkommun"),
    # How close to the målnivå counts as "nära" (share of the målnivå, 0.1 = 10 %).
    "tolerance": 0.1,
    # How a goal's status is rolled up from its styrmått: "worst", "majority" or "all".
    "rollup": "worst",
    # The example income on the tax receipt, kronor per month before tax.
    "example_income": 30000,
    # The figures count as old this many months after the latest period ends.
    "stale_after_months": 15,
    # Whether goals, styrmått, nämnder and reports get a share image (og:image).
    "share_images": True,
}
