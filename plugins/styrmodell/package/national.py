"""The rows of the three optional ``kolada_*`` resources: Kolada's figures for every kommun, its kommuner, its groups.

``import-kolada`` and ``init`` write them (see docs/datapaketet.md); the model holds them like any other rows.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The resources, in the order the contract lists them.
NATIONAL_RESOURCES = ("kolada_municipalities", "kolada_values", "kolada_groups")


@dataclass(frozen=True, slots=True)
class KoladaMunicipality:
    """A kommun in Kolada's list (type K): every kommun a national figure can be ranked among."""

    code: str
    name: str
    source: str
    county: str | None = None


@dataclass(frozen=True, slots=True)
class KoladaValue:
    """Kolada's value (total, gender T) of one KPI for one kommun and year; no row when Kolada has none."""

    kpi: str
    municipality: str
    year: int
    value: float
    source: str


@dataclass(frozen=True, slots=True)
class KoladaGroupMember:
    """One kommun of a Kolada municipality group; ``kind`` is similar, county or other."""

    group: str
    title: str
    kind: str
    member: str
    member_name: str
    source: str
    topic: str | None = None
