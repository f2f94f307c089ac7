"""The facts of one municipality's styrmodell, for the generic prose pages.

The pages in ``content/pages/`` are written once, for any package. What differs
between municipalities (how many levels the chain has and what they are called,
the perspectives, when the goals are followed up, the vision, the decision behind
the model, how to reach the municipality) comes from here: as the data part of
``/styrmodell/`` (:class:`ModelView`) and as ``{data:name}`` facts inside the
Markdown text (:func:`prose_facts`, replaced when Pelican reads a page).

Every sentence is built so that it fits any name: a level is "nivån Effektmål",
never "ett effektmål", because a level's name may be a word of either gender.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..formatting import integer_words, long_date, month_name
from ..package.model import Document, Goal, Level, Organisation, Perspective, Source, Styrmodell
from .common import Rows


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
    visions: tuple[Goal, ...]  # the current goals on the top level
    companies: tuple[Organisation, ...]  # bolag that own goals
    decision: Document | None  # the styrmodell document in the register, if any
    decision_text: str
    example: bool
    sources: tuple[Source, ...]


def and_list(words: list[str]) -> str:
    """``["a", "b", "c"]`` → ``a, b och c``."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} och {words[-1]}"


def genitive(name: str) -> str:
    """A Swedish genitive: ``Exempelkommun`` → ``Exempelkommuns``; a name ending in s, x or z takes no s."""
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def reporting_months(model: Styrmodell) -> tuple[int, ...]:
    """The months the goals are followed up in: those of the year with the most periods (the latest such year)."""
    years = Counter(p.year for p in model.periods)
    if not years:
        return ()
    most = max(years.values())
    year = max(y for y, n in years.items() if n == most)
    return tuple(sorted({p.end_date.month for p in model.periods if p.year == year}))


def _owners_text(model: Styrmodell, goals: tuple[Goal, ...]) -> str:
    kinds = {model.organ(g.owner).kind for g in goals}
    if len(kinds) == 1 and len({g.owner for g in goals}) == 1:
        organ = model.organ(goals[0].owner)
        return organ.name if organ.kind == "bolag" else organ.name.lower()
    names = {
        "fullmaktige": "fullmäktige",
        "styrelse": "kommunstyrelsen",
        "namnd": "nämnderna",
        "bolag": "bolagen",
        "forbund": "förbunden",
        "forvaltning": "förvaltningarna",
    }
    order = tuple(names)
    return and_list([names[k] for k in sorted(kinds, key=order.index)])


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
    count = len(model.levels)
    levels_text = f"{integer_words(count)} {'nivå' if count == 1 else 'nivåer'}: " + and_list(
        [lv.name for lv in model.levels]
    )
    perspectives = model.perspectives
    perspectives_text = (
        f"{integer_words(len(perspectives))} perspektiv: " + and_list([p.name for p in perspectives])
        if perspectives
        else ""
    )
    months = reporting_months(model)
    top = model.levels[0].id if model.levels else None
    visions = tuple(g for g in model.goals_on(top) if not model.is_retired(g)) if top else ()
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


def prose_facts(model: Styrmodell, view: ModelView) -> Mapping[str, str]:
    """The ``{data:name}`` facts of the Markdown pages, as HTML (text is escaped; ``kontakt`` is a link).

    Documented for the people who write a municipality's pages in docs/infora-i-en-kommun.md.
    """
    name = model.municipality.name
    visions = and_list([f"”{g.title}”" for g in view.visions])
    facts = {
        "kommun": name,
        "kommunens": genitive(name),
        "utgivare": model.municipality.publisher or name,
        "nivaer": view.levels_text,
        "antal-nivaer": integer_words(len(view.levels)),
        "oversta-nivan": view.levels[0].level.name if view.levels else "",
        "perspektiv": view.perspectives_text or "inga särskilda perspektiv",
        "uppfoljningar": view.rhythm_text or "när en rapport finns",
        "vision": visions or "ingen vision i datapaketet",
        "styrmodellens-beslut": view.decision_text,
    }
    escaped = {key: html.escape(value, quote=False) for key, value in facts.items()}
    return {**escaped, "kontakt": contact_html(model)}


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
