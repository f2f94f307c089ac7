"""The units a styrmått can be measured in: each with its Swedish word and what follows a number.

A package may add or replace units in its optional ``units`` resource; these are the
ones every package has without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of measurement: its id in ``indicators.unit``, its Swedish word and what follows a number."""

    id: str
    name: str  # the word, as on "Enhet: kilowattimmar per kvadratmeter"
    source: str
    example: bool
    symbol: str | None = None  # after a number, "%", "kWh/m²"; empty for a bare count
    note: str | None = None

    @property
    def title(self) -> str:
        """The word as a chart's axis title: ``Kronor per invånare``."""
        return self.name[:1].upper() + self.name[1:]


#: The units every package has without a ``units`` resource (a package's own rows replace these).
DEFAULT_UNITS: Mapping[str, Unit] = MappingProxyType(
    {
        u.id: u
        for u in (
            Unit("procent", "procent", "", False, "%"),
            Unit("kr/inv", "kronor per invånare", "", False, "kr/inv."),
            Unit("kr/elev", "kronor per elev", "", False, "kr/elev"),
            Unit("kr/barn", "kronor per barn", "", False, "kr/barn"),
            Unit("kronor", "kronor", "", False, "kr"),
            Unit("mnkr", "miljoner kronor", "", False, "mnkr"),
            Unit("antal", "antal", "", False, None),
            Unit("index", "index", "", False, None),
            Unit("dagar", "dagar", "", False, "dagar"),
            Unit("minuter", "minuter", "", False, "min"),
            Unit("poang", "poäng", "", False, "poäng"),
            Unit("ton", "ton", "", False, "ton"),
            Unit("kwh-m2", "kilowattimmar per kvadratmeter", "", False, "kWh/m²"),
        )
    }
)
