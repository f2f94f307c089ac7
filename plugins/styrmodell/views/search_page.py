"""The search page's list of every goal and styrmått from A to Ö (the list itself is :func:`styrmodell.search.a_to_z`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..package.model import Styrmodell
from ..search import AZGroup, a_to_z
from ..urls import goal_url, indicator_url


@dataclass(frozen=True)
class SearchPage:
    groups: tuple[AZGroup, ...]
    example: bool


def search_page(model: Styrmodell) -> SearchPage:
    groups = a_to_z(model, goal_url, indicator_url)
    return SearchPage(groups, any(e.example for group in groups for e in group.entries))
