"""Who publishes the package, and whom a citation credits.

The package says who publishes it (``municipality.csv``: ``publisher``, ``publisher_url``,
``publisher_is_municipality``). The footer, the demonstration notice, the citation text,
``/data/``, the DCAT catalogue and the Atom feed all take it from :func:`publisher_view`.
A citation also credits Kolada (RKA) when the rows it cites have a source that Kolada
publishes (:func:`credits`): that is read from ``sources.csv``, never from a list of pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..grammar import genitive
from ..package.model import Municipality, Styrmodell

#: Kolada's terms of use ask for this credit wherever its figures are shown.
KOLADA_CREDIT = "Källa: Kolada (RKA)."
_KOLADA = re.compile(r"\b(kolada|rka)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PublisherView:
    name: str
    url: str | None
    is_municipality: bool
    footer: str  # the footer's sentence on where the figures come from and who publishes them
    notice_title: (
        str | None
    )  # the demonstration notice on every page, its first words; None when the municipality publishes
    notice: str | None  # the rest of the notice
    credit: str  # how to credit the figures, on /data/
    #: Every row of the package is example data: every page, also one that shows no table, says so.
    made_up: bool = False
    #: Whom a reader contacts about the site (a broken link, an error): "kommunen" when it publishes the
    #: site, otherwise the publisher by name; with its website and the link's words, when the package has one.
    contact_name: str = "kommunen"
    contact_url: str | None = None
    contact_label: str = ""


def publisher_name(municipality: Municipality) -> str:
    """The publisher; a package without the column (an old snapshot) was the municipality's own."""
    return municipality.publisher or municipality.name


def publisher_view(model: Styrmodell) -> PublisherView:
    municipality = model.municipality
    name = publisher_name(municipality)
    own = municipality.publisher_is_municipality or not municipality.publisher
    kolada = " För siffror från Kolada: skriv också ”Källa: Kolada (RKA)”." if kolada_sources(model) else ""
    if own:
        return PublisherView(
            name=name,
            url=municipality.publisher_url or municipality.website,
            is_municipality=True,
            footer=f"Uppgifterna kommer från {genitive(municipality.name)} öppna datapaket. {name} ger ut det.",
            notice_title=None,
            notice=None,
            credit=f"Ange {name} som källa.{kolada}",
            made_up=only_example_rows(model),
            contact_name="kommunen",
            contact_url=municipality.website,
            contact_label="kommunens webbplats",
        )
    return PublisherView(
        name=name,
        url=municipality.publisher_url,
        is_municipality=False,
        footer=(
            f"Uppgifterna kommer från ett öppet datapaket om {municipality.name}. "
            f"Det ges ut av {name}, inte av kommunen."
        ),
        notice_title="Webbplatsen är en demonstration.",
        notice=(
            f"Alla uppgifter om {municipality.name} är påhittade. Den ges ut av {name}."
            if only_example_rows(model)
            else f"Den bygger på offentliga uppgifter om {municipality.name} och ges ut av {name}, inte av kommunen."
        ),
        credit=f"Ange {name} som källa, inte {municipality.name}.{kolada}",
        made_up=only_example_rows(model),
        contact_name=name,
        contact_url=municipality.publisher_url,
        contact_label="utgivarens webbplats",
    )


def only_example_rows(model: Styrmodell) -> bool:
    """Whether every row that can be example data is (a made-up package, such as ``synth``'s)."""
    flags = model.example_flags()
    return bool(flags) and all(flags)


def kolada_sources(model: Styrmodell) -> frozenset[str]:
    """The ids of the sources that Kolada (RKA) publishes, by the ``publisher`` column of ``sources.csv``."""
    return frozenset(s.id for s in model.sources if _KOLADA.search(s.publisher or ""))


def credits(source_ids: Iterable[str], kolada: frozenset[str]) -> tuple[str, ...]:
    """The credits a citation of rows with these sources must carry."""
    return (KOLADA_CREDIT,) if kolada & set(source_ids) else ()


def row_sources(tables: Iterable[Iterable[dict]]) -> set[str]:
    """The sources of every row in these tables (rows as the package has them, with a ``source`` column)."""
    return {row["source"] for rows in tables for row in rows if row.get("source")}
