"""Where a kommun stands among all kommuner, and the mean of the Kolada group that fits a KPI: pure functions.

They read only the package's ``kolada_*`` records (see package/national.py); the styrmått pages will use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Kolada's operating areas (``operating_area`` of a KPI, first part) → the area of its "Liknande kommuner" group.
AREAS = (
    ("grundskola", "grundskola"),
    ("gymnasieskola", "gymnasieskola"),
    ("förskoleverksamhet", "förskola"),
    ("fritidshem", "fritidshem"),
    ("äldre", "äldreomsorg"),
    ("individ- och familjeomsorg", "IFO"),
    ("arbetsmarknad", "arbetsmarknad"),
    ("räddningstjänst", "räddningstjänst"),
)
OVERALL = "övergripande"
FIFTHS = (
    "bland den femtedel av kommunerna som ligger bäst till",
    "i den näst bästa femtedelen av kommunerna",
    "i mittenfemtedelen av kommunerna",
    "i den näst sämsta femtedelen av kommunerna",
    "bland den femtedel av kommunerna som ligger sämst till",
)


@dataclass(frozen=True)
class Place:
    """``place`` of ``of`` kommuner that reported (1 is best); ``tied`` kommuner share the place (itself included)."""

    place: int
    of: int
    tied: int
    fifth: int  # 1 (best) to 5

    @property
    def text(self) -> str:
        others = self.tied - 1
        shared = f", delad med {others} {'annan' if others == 1 else 'andra'}" if others else ""
        return f"plats {self.place} av {self.of}{shared}"

    @property
    def fifth_text(self) -> str:
        return FIFTHS[self.fifth - 1]


def place(values: Mapping[str, float], code: str, direction: str | None) -> Place | None:
    """The place of ``code`` among ``values`` (kommun code → value, those that reported), or None.

    Only for ``higher`` and ``lower``: a ``band`` or unknown direction has no best end, so no place.
    Ties share the best place they can: two kommuner equal at the top are both first.
    """
    if direction not in {"higher", "lower"} or code not in values:
        return None
    own = values[code]
    better = sum(1 for v in values.values() if (v > own if direction == "higher" else v < own))
    tied = sum(1 for v in values.values() if v == own)
    of = len(values)
    return Place(better + 1, of, tied, min(5, better * 5 // of + 1))


def fitting_area(operating_area: str | None, topics: Iterable[str]) -> str | None:
    """The area of the group that fits a KPI of ``operating_area``, among ``topics``; else övergripande."""
    topics = set(topics)
    first = (operating_area or "").split(",")[0].strip().lower()
    for start, topic in AREAS:
        if first.startswith(start) and topic in topics:
            return topic
    return OVERALL if OVERALL in topics else None


@dataclass(frozen=True)
class GroupMean:
    group: str
    title: str
    mean: float | None  # None when no member has a value
    with_value: int
    members: int
    values: tuple[tuple[str, str, float | None], ...]  # (code, name, value) in code order
    source: str


def group_mean(members: Iterable, values: Mapping[str, float]) -> GroupMean | None:
    """The unweighted mean of the members (``KoladaGroupMember`` rows of one group) that have a value."""
    members = sorted(members, key=lambda m: m.member)
    if not members:
        return None
    found = [values[m.member] for m in members if m.member in values]
    return GroupMean(
        group=members[0].group,
        title=members[0].title,
        mean=sum(found) / len(found) if found else None,
        with_value=len(found),
        members=len(members),
        values=tuple((m.member, m.member_name, values.get(m.member)) for m in members),
        source=members[0].source,
    )
