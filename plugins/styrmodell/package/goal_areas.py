"""The rule for ``goals.area``: a goal names a verksamhetsområde that the tax receipt has.

Kept apart from :mod:`.checks` (which runs it) because it ties two resources that have no key in
common: ``spending`` has one row per area, year and unit, so a foreign key cannot point at an area.
"""

from __future__ import annotations

from collections.abc import Mapping

from .problems import Problem


def check_goal_areas(tables: Mapping) -> list[Problem]:
    """Every ``goals.area`` that is filled in is an ``area`` of some row in ``spending.csv``."""
    if "goals" not in tables:
        return []
    spending = tables.get("spending")
    areas = sorted({row.values["area"] for row in spending.rows}) if spending is not None else []
    listed = ", ".join(areas) if areas else "(spending.csv har inga rader)"
    table = tables["goals"]
    return [
        Problem(
            file=table.file,
            row=row.number,
            column="area",
            message=f'verksamhetsområdet "{row.values["area"]}" finns inte i spending.csv',
            fix=f"skriv id för ett av områdena i spending.csv (kolumnen area): {listed}, eller lämna cellen tom",
            type="goal-area",
        )
        for row in table.rows
        if row.values.get("area") and row.values["area"] not in areas
    ]
