"""The facts of one municipality's styrmodell, for the generic prose pages.

The pages in ``content/pages/`` are written once, for any package. What differs
between municipalities (how many levels the chain has and what they are called,
the perspectives, when the goals are followed up, the vision, the decision behind
the model, how to reach the municipality) comes from here: as the data part of
``/styrmodell/`` (:class:`ModelView`) and as ``{data:name}`` facts inside the
Markdown text (:func:`prose_facts`, replaced when Pelican reads a page).

Every sentence is built so that it fits any name: a level is "nivån Effektmål",
never "ett effektmål", because a level's name may be a word of either gender. And
every sentence says only what the package has: a vision only when the top level is
not measured, nämnder only when nämnder own goals (:func:`owners_sentence`), the
publisher rather than the municipality when someone else publishes the site.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..formatting import long_date, month_name
from ..grammar import count_words, genitive, number_word
from ..package.model import Document, Goal, Indicator, Level, Organisation, Perspective, Source, Styrmodell
from .common import Rows
from .publisher import kolada_sources, publisher_view

__all__ = ["genitive"]  # the genitive lives in grammar; views import it from here too


@dataclass(frozen=True)
class LevelFact:
    level: Level
    goal_count: int
    owners_text: str  # who owns the goals on the level: "kommunfullmäktige", "nämnderna och bolagen"


@dataclass(frozen=True)
class ModelView:
    """The shape of the package's styrmodell, as ``/styrmodell/`` shows it."""

    municipality_name: str
    levels: tuple[LevelFact, ...]
    levels_text: str  # "tre nivåer: Målbild, Inriktningsmål och Effektmål"
    perspectives: tuple[Perspective, ...]
    perspectives_text: str  # "fyra perspektiv: …", or "" when the package has none
    rhythm_text: str  # "efter mars, juni, september och december"
    reports_per_year: int
    visions: tuple[Goal, ...]  # the current goals on the top level, when it is a vision (not measured)
    companies: tuple[Organisation, ...]  # bolag that own goals
    decision: Document | None  # the styrmodell document in the register, if any
    decision_text: str
    example: bool
    sources: tuple[Source, ...]
    #: The top level is a vision (not measured): only then is there a vision on the start page, and a
    #: page ``vision/`` to build and link to.
    has_vision: bool = False
    #: Before the current visions on the start page: "Kommunens vision", "Kommunens målbild"; empty without one.
    vision_label: str = ""
    #: Which goals the site shows, by level: "från nivån Vision till nivån Nämndmål", "på nivån Mål".
    goals_span: str = ""
    #: The start page's shortcut to all goals: "Från nivån Vision till varje styrmått."
    goals_shortcut: str = ""
    #: Who decides on goals of their own: "Sju av nio nämnder beslutar om egna mål som ska bidra till …".
    owners_sentence: str = ""
    #: Styrmått id → the sentence before its definition, saying whose text it is; absent: the package's own.
    definition_intros: Mapping[str, str] = field(default_factory=dict)
    #: The prose pages (file names in ``content/pages``) the package has nothing for, left out of the site:
    #: ``vision.md`` when the top level is measured.
    left_out_pages: frozenset[str] = frozenset()


#: The prose page about the vision, built only when the top level is a vision.
VISION_PAGE = "vision.md"


def and_list(words: list[str]) -> str:
    """``["a", "b", "c"]`` → ``a, b och c``."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} och {words[-1]}"


def reporting_months(model: Styrmodell) -> tuple[int, ...]:
    """The months the goals are followed up in: those of the year with the most periods (the latest such year)."""
    years = Counter(p.year for p in model.periods)
    if not years:
        return ()
    most = max(years.values())
    year = max(y for y, n in years.items() if n == most)
    return tuple(sorted({p.end_date.month for p in model.periods if p.year == year}))


#: Organ kinds in the order a sentence names them, each with its plural for more than one organ.
KIND_PLURALS = {
    "fullmaktige": "fullmäktige",
    "styrelse": "styrelserna",
    "namnd": "nämnderna",
    "bolag": "bolagen",
    "forbund": "förbunden",
    "forvaltning": "förvaltningarna",
}


def organ_in_sentence(organ: Organisation) -> str:
    """An organ's name inside a sentence: in lower case, except a company's name, which is a proper name."""
    return organ.name if organ.kind == "bolag" else organ.name.lower()


def owners_phrase(organs: tuple[Organisation, ...]) -> str:
    """Who owns goals, kind by kind: one organ of a kind by its name, several by the kind's plural.

    ``kommunfullmäktige och Exempel Energi AB``; ``kommunfullmäktige, kommunstyrelsen och nämnderna``.
    """
    order = tuple(KIND_PLURALS)
    kinds = sorted({o.kind for o in organs}, key=lambda k: order.index(k) if k in order else len(order))
    words = []
    for kind in kinds:
        of_kind = [o for o in organs if o.kind == kind]
        words.append(organ_in_sentence(of_kind[0]) if len(of_kind) == 1 else KIND_PLURALS.get(kind, kind))
    return and_list(words)


def goal_owners(model: Styrmodell, goals: tuple[Goal, ...] | None = None) -> tuple[Organisation, ...]:
    """The organs that own at least one of ``goals`` (default: every goal), in the order of the organisation."""
    owners = {g.owner for g in (model.goals if goals is None else goals)}
    return tuple(o for o in model.organisation if o.id in owners)


def _owners_text(model: Styrmodell, goals: tuple[Goal, ...]) -> str:
    return owners_phrase(goal_owners(model, goals))


def owners_sentence(model: Styrmodell) -> str:
    """Who decides on goals of their own, true of the package.

    ``Varje nämnd beslutar om egna mål som ska bidra till fullmäktiges mål.`` only when every nämnd owns
    goals and some of them are under fullmäktige's; otherwise how many do, or that none does; then the
    other owners: ``Kommunfullmäktige och Exempel Energi AB beslutar om egna mål. Nämnderna har inga egna mål.``
    """
    owners = goal_owners(model)
    committees = [o for o in model.organisation if o.kind == "namnd"]
    owning = [o for o in owners if o.kind == "namnd"]
    others = tuple(o for o in owners if o.kind != "namnd")
    sentences = []
    if owning:
        who = (
            "Varje nämnd"
            if len(owning) == len(committees)
            else f"{_capital(number_word(len(owning), 'en'))} av {count_words(len(committees), 'nämnd')}"
        )
        towards = any(
            g.parent and model.organ(model.goal(g.parent).owner).kind == "fullmaktige"
            for g in model.goals
            if model.organ(g.owner).kind == "namnd"
        )
        sentences.append(f"{who} beslutar om egna mål{' som ska bidra till fullmäktiges mål' if towards else ''}.")
    if others:
        also = " också" if owning else ""
        sentences.append(f"{_capital(owners_phrase(others))} beslutar{also} om egna mål.")
    if committees and not owning:
        sentences.append("Nämnderna har inga egna mål i datapaketet.")
    return " ".join(sentences)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def goals_span(levels: tuple[Level, ...]) -> str:
    """The levels the goals are on: ``från nivån Vision till nivån Nämndmål``, ``på nivån Mål``."""
    if not levels:
        return ""
    if len(levels) == 1:
        return f"på nivån {levels[0].name}"
    return f"från nivån {levels[0].name} till nivån {levels[-1].name}"


def chain_top_sentence(view: ModelView) -> str:
    """What is at the top of the chain and how the levels hang together, true of the package's levels.

    A vision shows the direction; a measured top level is just the top level; one level is no chain of levels.
    """
    levels = [fact.level for fact in view.levels]
    if len(levels) <= 1:
        return f"Alla mål ligger på samma nivå, {levels[0].name}." if levels else ""
    top = f"Högst upp finns {levels[0].name}" + (", som visar riktningen på lång sikt." if view.has_vision else ".")
    return f"{top} Målen på varje nivå ska hjälpa nivån ovanför att nå sina mål. Tillsammans ska de bli en helhet."


def goals_description(model: Styrmodell, period_name: str) -> str:
    """The description of the list of all goals: its levels from the package, and whose assessment it shows."""
    return (
        f"Alla {genitive(model.municipality.name)} mål, {goals_span(model.levels)}, med beräknad status och "
        f"ägarens egen bedömning vid {period_name.lower()}."
    )


def whose_assessment(organ: Organisation) -> str:
    """Whose assessment a goal's own assessment is, before "egen bedömning": the owner's, whatever its kind.

    ``Nämndens`` for a nämnd (the page names it), otherwise the owner in the genitive: ``Kommunfullmäktiges``,
    ``Exempel Energi AB:s``.
    """
    return "Nämndens" if organ.kind == "namnd" else genitive(organ.name)


def definition_intro(model: Styrmodell, indicator: Indicator) -> str:
    """The sentence before a styrmått's definition when the text is Kolada's: its row's source is Kolada's.

    A definition whose source is not Kolada is the package's own text, also when the styrmått has a
    Kolada nyckeltal: then there is no such sentence (empty).
    """
    if indicator.definition and indicator.kolada_kpi and indicator.source in kolada_sources(model):
        return f"Så här beskriver Kolada nyckeltalet {indicator.kolada_kpi}:"
    return ""


def decision_sentence(model: Styrmodell, document: Document | None) -> str:
    """Who decided the styrmodell and when, from the register; said plainly when the package does not know."""
    if document is None:
        return "Datapaketet har inget beslut om styrmodellen i registret över styrdokument."
    who = model.organ(document.decided_by).name
    when = f" den {long_date(document.decided)}" if document.decided else ""
    reference = f" ({document.reference})" if document.reference else ""
    return f"{who} beslutade om styrmodellen{when}{reference}."


def model_view(model: Styrmodell) -> ModelView:
    rows = Rows(model)
    rows.extend(model.levels)
    rows.extend(model.perspectives)
    levels = []
    for level in model.levels:
        goals = model.goals_on(level.id)
        levels.append(LevelFact(level, len(goals), _owners_text(model, goals) if goals else ""))
    levels_text = f"{count_words(len(model.levels), 'nivå')}: " + and_list([lv.name for lv in model.levels])
    perspectives = model.perspectives
    perspectives_text = (
        f"{count_words(len(perspectives), 'perspektiv')}: " + and_list([p.name for p in perspectives])
        if perspectives
        else ""
    )
    months = reporting_months(model)
    top = model.levels[0] if model.levels else None
    has_vision = top is not None and not top.measurable
    visions = tuple(g for g in model.goals_on(top.id) if not model.is_retired(g)) if has_vision else ()
    rows.extend(visions)
    companies = tuple(o for o in model.organisation if o.kind == "bolag" and model.goals_of(o.id))
    document = next((d for d in model.documents if d.type == "styrmodell"), None)
    if document is not None:
        rows.add(document)
    return ModelView(
        municipality_name=model.municipality.name,
        levels=tuple(levels),
        levels_text=levels_text,
        perspectives=perspectives,
        perspectives_text=perspectives_text,
        rhythm_text="efter " + and_list([month_name(m) for m in months]) if months else "",
        reports_per_year=len(months),
        visions=visions,
        companies=companies,
        decision=document,
        decision_text=decision_sentence(model, document),
        example=rows.example,
        sources=rows.sources,
        has_vision=has_vision,
        vision_label=f"Kommunens {top.name.lower()}" if has_vision else "",
        goals_span=goals_span(model.levels),
        goals_shortcut=f"Från nivån {top.name} till varje styrmått." if top else "",
        owners_sentence=owners_sentence(model),
        definition_intros={i.id: text for i in model.indicators if (text := definition_intro(model, i))},
        left_out_pages=frozenset() if has_vision else frozenset({VISION_PAGE}),
    )


def contact_html(model: Styrmodell) -> str:
    """How to reach the municipality, as HTML: a link to its website, else its e-mail address, else words only."""
    municipality = model.municipality
    if municipality.website:
        host = urlsplit(municipality.website).hostname or municipality.website
        host = host.removeprefix("www.")
        return f'kommunens webbplats <a href="{html.escape(municipality.website)}">{html.escape(host)}</a>'
    if municipality.contact_email:
        address = html.escape(municipality.contact_email)
        return f'e-post till <a href="mailto:{address}">{address}</a>'
    return "kommunens växel eller kundtjänst"


def publisher_contact_html(model: Styrmodell) -> str:
    """How to reach whoever publishes the site, as HTML, beginning with ``Kontakta``.

    When the municipality publishes it: the municipality (:func:`contact_html`). Otherwise the publisher by
    name, with a link to its website when the package has one: the municipality does not run the site.
    """
    publisher = publisher_view(model)
    if publisher.is_municipality:
        return f"Kontakta kommunen via {contact_html(model)}"
    name = html.escape(publisher.name)
    if not publisher.url:
        return f"Kontakta {name}, som ger ut webbplatsen"
    host = (urlsplit(publisher.url).hostname or publisher.url).removeprefix("www.")
    return (
        f'Kontakta {name}, som ger ut webbplatsen, via <a href="{html.escape(publisher.url)}">{html.escape(host)}</a>'
    )


def prose_facts(model: Styrmodell, view: ModelView) -> Mapping[str, str]:
    """The ``{data:name}`` facts of the Markdown pages, as HTML (text is escaped; ``kontakt`` is a link).

    Documented for the people who write a municipality's pages in docs/infora-i-en-kommun.md.
    """
    name = model.municipality.name
    visions = and_list([f"”{g.title}”" for g in view.visions])
    top = view.levels[0].level if view.levels else None
    assessors = goal_owners(model, tuple(model.goal(a.goal) for a in model.assessments))
    publisher = publisher_view(model)
    facts = {
        "kommun": name,
        "kommunens": genitive(name),
        "utgivare": model.municipality.publisher or name,
        "utgivaren": "kommunen" if publisher.is_municipality else publisher.name,
        "nivaer": view.levels_text,
        "antal-nivaer": number_word(len(view.levels), "en"),
        "oversta-nivan": top.name if top else "",
        "oversta-nivan-beslutas-av": top.decided_by if top else "",
        "oversta-nivan-mats": (
            "Den är en riktning. Därför mäts den inte direkt. Det gör i stället målen under den."
            if view.has_vision
            else "Målen på den nivån mäts med styrmått."
        ),
        "kedjans-topp": chain_top_sentence(view),
        "perspektiv": view.perspectives_text or "inga särskilda perspektiv",
        "uppfoljningar": view.rhythm_text or "när en rapport finns",
        "vision": visions or "ingen vision i datapaketet",
        "styrmodellens-beslut": view.decision_text,
        "malens-agare": owners_phrase(goal_owners(model)),
        "egna-mal": view.owners_sentence,
        "egna-bedomningar": (
            f"I datapaketet finns egna bedömningar från {owners_phrase(assessors)}."
            if assessors
            else "Datapaketet har ännu inga egna bedömningar."
        ),
    }
    escaped = {key: html.escape(value, quote=False) for key, value in facts.items()}
    return {**escaped, "kontakt": contact_html(model), "kontakta-utgivaren": publisher_contact_html(model)}


#: ``{data:kommun}`` in a prose page: a fact from the package (see :func:`prose_facts`).
FACT = re.compile(r"\{data:([a-z-]+)\}")


def fill_facts(text: str, facts: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """``text`` with every ``{data:name}`` replaced, and the names that are not facts (left as written)."""
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in facts:
            unknown.append(name)
            return match.group(0)
        return facts[name]

    return FACT.sub(replace, text), tuple(unknown)
