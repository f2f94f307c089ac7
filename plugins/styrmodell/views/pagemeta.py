"""What a page says about itself: its description, canonical address, share card and search type.

Every page gets a :class:`PageMeta`; ``base.html`` prints it in ``<head>`` (``<meta
name="description">``, ``<link rel="canonical">``, Open Graph and Twitter tags) and
for Pagefind (``data-pagefind-meta``: the type on ``<main>``, a goal's status on an empty element in it). The description is the page's own
summary sentence, made from the same view the page prints. Addresses are absolute
from SITEURL (``urls.absolute``), sub-path included.

A goal, styrmått, nämnd or report page, and the start page, also has a
:class:`ShareCard`: the title, the status in words and the municipality's name
that its share image shows (``charts/share.py`` draws it, 1200×630 PNG). Every
other page shares the start page's image.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..formatting import count_phrase, measure, target_range
from ..fulfilment import GoalStatus
from ..package.model import Styrmodell
from ..urls import (
    START_URL,
    absolute,
    share_image,
)
from .goals import GoalView
from .indicators import IndicatorView
from .model_facts import genitive, whose_assessment
from .organs import OrganView
from .periods import PeriodView
from .site import PageViews

#: What the search results call each kind of page (Pagefind's ``typ`` meta and filter).
KIND_GOAL, KIND_INDICATOR, KIND_ORGAN, KIND_REPORT, KIND_PAGE = "Mål", "Styrmått", "Nämnd", "Uppföljning", "Sida"
LOCALE = "sv_SE"


@dataclass(frozen=True)
class ShareCard:
    """What a page's share image shows. ``tone`` picks the status colour; the words carry the meaning."""

    url: str  # the page's address; the image is ``urls.share_image(url)``
    kicker: str  # what the page is: "Nämndmål · Socialnämnden"
    title: str
    status: str  # the status in words: "Delvis uppnått"
    detail: str  # what the status is about: "Beräknad status, årsredovisning 2022"
    municipality: str
    example: bool
    tone: str = ""  # a GoalStatus or Status value, or "" for a neutral card
    symbol: str = ""  # the status's symbol (as on the page), beside the words
    note: str = ""  # a last line: for a goal, the nämnd's own assessment

    @property
    def alt(self) -> str:
        """The image's text alternative (``og:image:alt``)."""
        mark = " Bygger på exempeldata." if self.example else ""
        return f"{self.title}. {self.detail}: {self.status[:1].lower()}{self.status[1:]}. {self.municipality}.{mark}"


@dataclass(frozen=True)
class PageMeta:
    """The ``<head>`` of one page and its type in the search index."""

    title: str
    description: str
    url: str  # canonical and og:url, absolute from SITEURL
    image: str  # og:image, absolute
    image_alt: str
    site_name: str
    kind: str = KIND_PAGE
    status: str = ""  # a goal's status in words, shown in the search results
    locale: str = LOCALE
    og_type: str = "website"
    image_width: int = 1200
    image_height: int = 630

    @property
    def twitter_card(self) -> str:
        """A large card with the share image; a plain one without."""
        return "summary_large_image" if self.image else "summary"


def site_name(model: Styrmodell) -> str:
    return f"{model.municipality.name}: mål och resultat"


# Share cards -------------------------------------------------------------------------------------------


def goal_status_words(view: GoalView) -> tuple[str, str, str]:
    """The goal's status in words, its symbol and its tone; a goal that does not apply says so."""
    s = view.summary
    if s.retired:
        return "Gäller inte längre", "", ""
    if not s.level.measurable:
        return "Följs upp genom sina delmål", "", ""
    if not s.in_force:
        return f"Gällde inte {s.year}", "", ""
    return s.computed.label, s.computed.symbol, s.computed.value


def share_cards(model: Styrmodell, pages: PageViews, *, enabled: bool = True) -> tuple[ShareCard, ...]:
    """The share card of the start page and of every goal, styrmått, nämnd and report page.

    ``enabled`` is the setting ``share_images``: without cards no page has an og:image (a cold build
    then draws no share image; each costs about as much as a small chart).
    """
    if not enabled:
        return ()
    name = model.municipality.name
    latest = pages.periods[model.latest_period().id]
    cards = [
        rollup_card(
            START_URL,
            "Mål och resultat",
            latest,
            name,
            f"Måluppfyllelse, {latest.period.name.lower()}",
            kicker=f"Så går det för {genitive(name)} mål",
        )
    ]
    for view in pages.goals.values():
        s = view.summary
        words, symbol, tone = goal_status_words(view)
        cards.append(
            ShareCard(
                url=view.url,
                kicker=f"{s.level.name} · {s.owner.name}",
                title=view.goal.title,
                status=words,
                detail=f"Beräknad status, {view.period.name.lower()}",
                municipality=name,
                example=view.example,
                tone=tone,
                symbol=symbol,
                note=f"{genitive(s.owner.name)} bedömning: {s.assessed.label.lower()}" if s.assessed else "",
            )
        )
    for view in pages.indicators.values():
        current = view.current
        cards.append(
            ShareCard(
                url=view.url,
                kicker=f"Styrmått · {view.goal.title}",
                title=view.indicator.name,
                status=current.status.label,
                detail=indicator_detail(view),
                municipality=name,
                example=view.example,
                tone=current.status.value,
                symbol=current.status.symbol,
            )
        )
    for view in pages.organs:
        cards.append(
            rollup_card(
                view.url,
                view.organ.name,
                view,
                name,
                f"Måluppfyllelse, {view.period.name.lower()}" if view.period else "Måluppfyllelse",
            )
        )
    for view in pages.periods.values():
        cards.append(rollup_card(view.url, view.period.name, view, name, "Måluppfyllelse"))
    return tuple(cards)


def indicator_detail(view: IndicatorView) -> str:
    """The styrmått's latest result beside its målnivå: "2022: 82 %, målnivå minst 85 %"."""
    current, i = view.current, view.indicator
    if current.result is None:
        return f"Inget resultat för {current.year}"
    text = f"{current.measured_year or current.year}: {measure(current.value, i.unit, i.decimals)}"
    if current.target:
        text += f", målnivå {target_range(current.target.min, current.target.max, i.unit, i.decimals)}"
    return text


def rollup_card(
    url: str, title: str, view: PeriodView | OrganView, municipality: str, detail: str, *, kicker: str = ""
) -> ShareCard:
    """A card for a page that counts goals: how many are met, of how many."""
    rollup = view.total if isinstance(view, PeriodView) else view.rollup
    words = (
        f"{rollup.counts[GoalStatus.MET]} av {count_phrase(rollup.total, 'mål', 'mål')} uppnådda"
        if rollup.total
        else "Inga mål att bedöma"
    )
    kicker = kicker or ("Uppföljning" if isinstance(view, PeriodView) else "Nämnd")
    return ShareCard(url, kicker, title, words, detail, municipality, view.example)


# Descriptions ------------------------------------------------------------------------------------------


def goal_description(view: GoalView) -> str:
    """``Nämndmål för Socialnämnden. Beräknad status vid årsredovisning 2022: delvis uppnått …``"""
    s = view.summary
    text = f"{s.level.name} för {s.owner.name}."
    if s.retired:
        text += f" Målet gällde {view.validity_span} och gäller inte längre."
    elif s.level.measurable and s.in_force:
        text += f" Beräknad status vid {view.period.name.lower()}: {s.computed.label.lower()}."
        if s.assessed:
            text += f" {whose_assessment(s.owner)} egen bedömning: {s.assessed.label.lower()}."
    if view.indicators:
        text += f" Följs upp med {count_phrase(len(view.indicators), 'styrmått', 'styrmått')}."
    elif view.children:
        text += f" {count_phrase(len(view.children), 'mål', 'mål')} bidrar till målet."
    return text


def indicator_description(view: IndicatorView) -> str:
    """``Styrmått för målet ”…”. 2022: 82 %, målnivå minst 85 %: ej uppnådd.``"""
    current = view.current
    text = f"Styrmått för målet ”{view.goal.title}”. {indicator_detail(view)}"
    return text + (f": {current.status.label.lower()}." if current.result else ".")


def organ_description(view: OrganView) -> str:
    period = f" vid {view.period.name.lower()}" if view.period else ""
    return f"{genitive(view.organ.name)} mål och hur det går för dem{period}. {view.rollup.sentence}"


def period_description(view: PeriodView, municipality: str) -> str:
    return f"Uppföljningen {view.period.name.lower()} av {genitive(municipality)} mål. {view.total.sentence}"


def start_description(view: PeriodView, municipality: str) -> str:
    return f"Så går det för {genitive(municipality)} mål, enligt {view.period.name.lower()}. {view.total.sentence}"


# Every page's meta ---------------------------------------------------------------------------------------


class MetaMaker:
    """Builds :class:`PageMeta` with the site's address, name and default share image."""

    def __init__(self, model: Styrmodell, base: str, cards: Iterable[ShareCard]) -> None:
        self.base = base
        self.site_name = site_name(model)
        self.cards = {c.url: c for c in cards}
        self.default = self.cards.get(START_URL)

    def __call__(self, url: str, title: str, description: str, kind: str = KIND_PAGE, status: str = "") -> PageMeta:
        card = self.cards.get(url, self.default)
        return PageMeta(
            title=title,
            description=description,
            url=absolute(self.base, url),
            image=absolute(self.base, share_image(card.url)) if card else "",
            image_alt=card.alt if card else "",
            site_name=self.site_name,
            kind=kind,
            status=status,
            og_type="article" if kind != KIND_PAGE else "website",
        )
