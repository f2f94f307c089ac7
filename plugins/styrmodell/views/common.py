"""What every page family shares: the Swedish texts for codes, the order organs are listed in, and Rows.

``Rows`` collects the rows a page shows, so that each view can say whether the
page shows example data and which sources to list.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..formatting import swedish_sort_key
from ..package.model import Organisation, Source, Styrmodell

DIRECTION_TEXT = {
    "higher": "Ju högre desto bättre",
    "lower": "Ju lägre desto bättre",
    "band": "Ska ligga inom ett intervall",
}
MEASURE_TYPE_TEXT = {"resurs": "Resursmått", "process": "Processmått", "resultat": "Resultatmått"}
FREQUENCY_TEXT = {"arligen": "Varje år", "vartannat-ar": "Vartannat år", "per-period": "Vid varje uppföljning"}
ACTIVITY_TEXT = {"ej-paborjad": "Ej påbörjad", "pagar": "Pågår", "klar": "Klar", "installd": "Inställd"}
KIND_TEXT = {
    "fullmaktige": "Fullmäktige",
    "styrelse": "Styrelse",
    "namnd": "Nämnd",
    "bolag": "Bolag",
    "forbund": "Kommunalförbund",
    "forvaltning": "Förvaltning",
}
DOCUMENT_TYPE_TEXT = {
    "vision": "Vision",
    "mal-och-budget": "Mål och budget",
    "program": "Program",
    "policy": "Policy",
    "riktlinje": "Riktlinje",
    "styrmodell": "Styrmodell",
    "reglemente": "Reglemente",
    "plan": "Plan",
}


#: The order organs are listed in: the council, the executive board, the committees, then the rest.
KIND_ORDER = ("fullmaktige", "styrelse", "namnd", "forvaltning", "forbund", "bolag")


def ordered_organs(organs: Iterable[Organisation]) -> list[Organisation]:
    """Fullmäktige and styrelse first, then the nämnder and the rest, each group in Swedish alphabetical order."""
    return sorted(organs, key=lambda o: (KIND_ORDER.index(o.kind), swedish_sort_key(o.name)))


class Rows:
    """Collects the rows a page shows, for its example notice and its source list."""

    def __init__(self, model: Styrmodell) -> None:
        self.model = model
        self._rows: list = []

    def add(self, *rows) -> None:
        self._rows.extend(r for r in rows if r is not None)

    def extend(self, rows: Iterable) -> None:
        self._rows.extend(rows)

    @property
    def example(self) -> bool:
        return any(getattr(r, "example", False) for r in self._rows)

    @property
    def sources(self) -> tuple[Source, ...]:
        ids = sorted({r.source for r in self._rows if getattr(r, "source", None)})
        return tuple(self.model.source(i) for i in ids)
