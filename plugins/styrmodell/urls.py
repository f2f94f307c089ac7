"""Every address on the site, built from ids (never from titles), relative to the site root.

No address starts with ``/``: the site may live under a sub-path
(``https://org.github.io/repo/``). A renamed goal keeps its address.
"""

from __future__ import annotations

#: The pages written from the data package.
GOALS_URL = "mal/"
INDICATORS_URL = "styrmatt/"
ORGANISATIONS_URL = "namnder/"
PERIODS_URL = "rapporter/"
DOCUMENTS_URL = "styrdokument/"
SEARCH_URL = "sok/"
DATA_URL = "data/"
RECEIPT_URL = "skattepengar/"
ECONOMY_URL = "ekonomi/"

#: The prose pages (their ``URL:`` in ``content/pages/*.md``).
STYRMODELL_URL = "styrmodell/"
DOCUMENT_GUIDE_URL = "styrmodell/styrdokument/"
VISION_URL = "vision/"
RULES_URL = "maluppfyllelse/"
RECEIPT_METHOD_URL = "skattepengar/sa-raknade-vi/"
ABOUT_URL = "om/"
ACCESSIBILITY_URL = "tillganglighet/"


def goal_url(goal_id: str) -> str:
    return f"mal/{goal_id}/"


def indicator_url(indicator_id: str) -> str:
    return f"styrmatt/{indicator_id}/"


def organisation_url(org_id: str) -> str:
    return f"namnder/{org_id}/"


def period_url(period_id: str) -> str:
    return f"rapporter/{period_id}/"


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
