"""Every address on the site, built from ids (never from titles), relative to the site root.

No address starts with ``/``: the site may live under a sub-path
(``https://org.github.io/repo/``). A renamed goal keeps its address.
"""

from __future__ import annotations


def goal_url(goal_id: str) -> str:
    return f"mal/{goal_id}/"


def indicator_url(indicator_id: str) -> str:
    return f"styrmatt/{indicator_id}/"


def organisation_url(org_id: str) -> str:
    return f"namnder/{org_id}/"


def period_url(period_id: str) -> str:
    return f"rapporter/{period_id}/"


URL_FUNCTIONS = {
    "goal_url": goal_url,
    "indicator_url": indicator_url,
    "organisation_url": organisation_url,
    "period_url": period_url,
}
