"""Packages of shapes nobody has built yet: a Hypothesis strategy over the contract's whole range.

A :class:`Shape` is the few choices that make one styrmodell differ from another: how many levels,
whether the top one is a vision, which organ kinds own the goals, the months of the reports, how many
years, a mandate change (a goal renamed with the same id, a goal split in two), units outside the
built-in list, perspectives, a planning year that reaches years ahead. :func:`tables` turns a shape into
every row of a package, deterministically (``seed`` picks the figures: missing values, zeros, met
and missed målnivåer), and :func:`write_package` writes the CSV files and a ``datapackage.json`` taken
from the contract (``plugins/styrmodell/package/contract.json``). Every row is example data, and
every name is invented: no municipality is called Provkommun.

:func:`shapes` is the strategy. A failing property prints the shape it shrank to, which
reproduces the package exactly: ``write_package(tables(Shape(...)), folder)``.
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st
from styrmodell.package import CONTRACT

#: Every month's Swedish name, January first.
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
#: Names of municipalities that do not exist; the third ends in s, for the genitive.
MUNICIPALITIES = ("Provkommun", "Testby kommun", "Låtsasås", "Påhittsala kommun")
#: Names of measured levels, in the order they are used from the top (names of both genders).
LEVEL_NAMES = (
    ("Huvudmål", "Huvudmål"),
    ("Prioritering", "Prioriteringar"),
    ("Resultatmål", "Resultatmål"),
    ("Målområde", "Målområden"),
    ("Åtagande", "Åtaganden"),
)
VISION_LEVEL = ("Vision", "Visioner")
#: Level names that none of the generated packages has: a page naming one names a level the package lacks.
FOREIGN_LEVEL_NAMES = ("Fullmäktigemål", "Nämndmål", "Förvaltningsmål", "Inriktningsmål", "Effektmål", "Målbild")
PERSPECTIVE_NAMES = ("Invånarperspektiv", "Medarbetarperspektiv", "Ekonomiperspektiv", "Hållbarhetsperspektiv")
#: Units outside the built-in list (id, name, symbol); the first symbol ends in a full stop.
CUSTOM_UNITS = (
    ("kg-inv", "kilogram per invånare", "kg/inv."),
    ("besok", "besök", "besök"),
    ("hushall", "hushåll", ""),
)
BUILT_IN_UNITS = ("procent", "antal", "dagar", "kr/inv", "poang", "index", "minuter")
#: Organs that can own goals, by kind: id, name, short name.
ORGANS = {
    "fullmaktige": [("kf", "Kommunfullmäktige", "KF")],
    "styrelse": [("ks", "Kommunstyrelsen", "KS")],
    "namnd": [
        ("bun", "Barn- och utbildningsnämnden", "BUN"),
        ("son", "Socialnämnden", "SN"),
        ("tn", "Tekniska nämnden", "TN"),
    ],
    "bolag": [("pbab", "Provbo Bostäder AB", "PBAB"), ("tvab", "Testby Vatten AB", "TVAB")],
}
#: Goal titles: plain, and free of level, organ and month words.
TITLES = (
    "Fler barn lär sig läsa tidigt",
    "Invånarna känner sig trygga",
    "Luften och vattnet är rena",
    "Fler är i arbete",
    "Äldre får hjälp i tid",
    "Företagen är nöjda med servicen",
    "Bostäder byggs i takt med behovet",
    "Medarbetarna är friska",
    "Ekonomin är i balans",
    "Fler deltar i kulturlivet",
    "Resorna blir hållbara",
    "Avfallet minskar",
)
EXAMPLE = {"source": "exempeldata", "example": True}
NOTE = "Exempeldata: påhittad rad för ett test."


@dataclass(frozen=True)
class Shape:
    """The choices that give a styrmodell its shape; :func:`tables` makes the package's rows from them."""

    levels: int = 2  # 1–5
    vision: bool = False  # the top level is a vision, never measured (needs at least two levels)
    owners: tuple[str, ...] = ("fullmaktige",)  # the organ kinds that own the goals below the top level
    namnder: int = 1  # how many nämnder the organisation has (owning goals or not)
    months: tuple[int, ...] = (12,)  # the months the reports end in; 12 is the årsredovisning
    years: int = 1  # years with reports
    last_year_reports: int = 0  # how many of the last year's reports exist (0: all of them)
    change: bool = False  # a mandate change before the last year: a goal renamed, a goal split in two
    units: int = 0  # units from units.csv (0–3)
    perspectives: int = 0  # 0–4
    planning_ahead: int = 1  # the largest year_offset of the planning year
    municipality: int = 0  # which of MUNICIPALITIES
    first_year: int = 2023
    budget_unit: str = "mnkr"  # kr, tkr or mnkr: the unit of budget.csv's amounts
    seed: int = 0  # the figures: missing values, zeros, met and missed målnivåer, assessments

    @property
    def report_years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.first_year + self.years))


@st.composite
def shapes(draw) -> Shape:
    """Every shape the contract allows, in small packages: 1–5 levels, 1–6 reports a year in any months …"""
    levels = draw(st.integers(1, 5))
    vision = levels >= 2 and draw(st.booleans())
    owners = tuple(
        sorted(draw(st.sets(st.sampled_from(("fullmaktige", "namnd", "bolag", "styrelse")), min_size=1, max_size=3)))
    )
    namnder = draw(st.integers(1 if "namnd" in owners else 0, 3))
    interim = draw(st.sets(st.integers(1, 11), max_size=5))
    months = (*sorted(interim), 12)
    years = draw(st.integers(1, 3))
    return Shape(
        levels=levels,
        vision=vision,
        owners=owners,
        namnder=namnder,
        months=months,
        years=years,
        last_year_reports=draw(st.integers(0, len(months) - 1)) if len(months) > 1 else 0,
        change=draw(st.booleans()),
        units=draw(st.integers(0, len(CUSTOM_UNITS))),
        perspectives=draw(st.integers(0, len(PERSPECTIVE_NAMES))),
        planning_ahead=draw(st.integers(0, 4)),
        municipality=draw(st.integers(0, len(MUNICIPALITIES) - 1)),
        first_year=draw(st.integers(2021, 2025)),
        budget_unit=draw(st.sampled_from(("mnkr", "tkr", "kr"))),
        seed=draw(st.integers(0, 2**16)),
    )


# The rows ------------------------------------------------------------------------------------------


@dataclass
class Builder:
    shape: Shape
    rnd: random.Random
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, **values) -> dict:
        row = {**values}
        row.setdefault("source", "exempeldata")
        row.setdefault("example", True)
        self.rows.setdefault(table, []).append(row)
        return row


def _slug(text: str) -> str:
    folded = text.lower().translate(str.maketrans("åäöé", "aaoe"))
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())


def periods_of(shape: Shape) -> list[dict]:
    """The package's periods, oldest first: one per report month of each report year."""
    rows = []
    for year in shape.report_years:
        months = shape.months
        if year == shape.report_years[-1] and shape.last_year_reports:
            months = months[: shape.last_year_reports]
        for month in months:
            end = _month_end(year, month)
            helar = month == 12
            rows.append(
                {
                    "id": f"{year}-{month:02d}",
                    "year": year,
                    "name": f"Årsredovisning {year}" if helar else f"Delårsrapport {MONTHS[month - 1]} {year}",
                    "kind": "helar" if helar else "delar",
                    "end_date": end,
                    "published": "",
                    **EXAMPLE,
                }
            )
    return rows


def _month_end(year: int, month: int) -> str:
    import calendar

    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def tables(shape: Shape) -> dict[str, list[dict]]:
    """Every row of the package of ``shape``, table by table (cells as Python values; None or "" is empty)."""
    b = Builder(shape, random.Random(shape.seed))  # noqa: S311 -- example figures, reproducible by seed
    _municipality(b)
    owners = _organisation(b)
    levels = _levels(b)
    b.rows["periods"] = periods_of(shape)
    goals = _goals(b, levels, owners)
    measured = {lv["id"] for lv in levels if lv["measurable"]}
    if shape.change:
        _mandate_change(b, goals, measured)
    for goal in goals:
        if goal["level"] in measured:
            _indicators(b, goal)
    _assessments(b, goals, measured)
    _money(b)
    _documents_and_planning(b)
    return b.rows


def _municipality(b: Builder) -> None:
    name = MUNICIPALITIES[b.shape.municipality]
    b.rows["sources"] = [
        {"id": "exempeldata", "title": "Exempeldata", "publisher": "Testprojektet", "note": "Påhittade rader."}
    ]
    b.add(
        "municipality",
        id=_slug(name),
        name=name,
        code="0000",
        county="Provlänet",
        website="https://provkommun.example",
        licence="CC-BY-4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        publisher="Testprojektet",
        publisher_is_municipality=False,
    )


def _organisation(b: Builder) -> list[str]:
    """Fullmäktige and its styrelse always, the nämnder and bolag of the shape; returns the goals' owners."""
    shape = b.shape
    b.add("organisation", id="kf", name="Kommunfullmäktige", short_name="KF", kind="fullmaktige", note=NOTE)
    b.add("organisation", id="ks", name="Kommunstyrelsen", short_name="KS", kind="styrelse", parent="kf", note=NOTE)
    for oid, oname, short in ORGANS["namnd"][: shape.namnder]:
        b.add("organisation", id=oid, name=oname, short_name=short, kind="namnd", parent="kf", note=NOTE)
    companies = ORGANS["bolag"][: 1 + b.rnd.randrange(2)] if "bolag" in shape.owners else []
    for oid, oname, short in companies:
        b.add("organisation", id=oid, name=oname, short_name=short, kind="bolag", parent="kf", note=NOTE)
    owners = [o[0] for kind in shape.owners for o in ORGANS[kind][: shape.namnder if kind == "namnd" else None]]
    return [o for o in owners if o in {r["id"] for r in b.rows["organisation"]}]


def _levels(b: Builder) -> list[dict]:
    """The levels, top first (a middle level is sometimes never measured); the perspectives and units."""
    shape = b.shape
    names = [VISION_LEVEL] if shape.vision else []
    names += LEVEL_NAMES[: shape.levels - len(names)]
    levels = []
    for order, (level_name, plural) in enumerate(names, 1):
        measurable = not (shape.vision and order == 1)
        if measurable and order not in (1, len(names)) and b.rnd.random() < 0.2:
            measurable = False
        level = b.add(
            "levels",
            id=_slug(level_name),
            name=level_name,
            plural=plural,
            order=order,
            decided_by="Kommunfullmäktige" if order == 1 else "Den som äger målet",
            measurable=measurable,
        )
        levels.append(level)
    for order, perspective in enumerate(PERSPECTIVE_NAMES[: shape.perspectives], 1):
        b.add("perspectives", id=_slug(perspective), name=perspective, order=order)
    for unit_id, unit_name, symbol in CUSTOM_UNITS[: shape.units]:
        b.add("units", id=unit_id, name=unit_name, symbol=symbol, note=NOTE)
    return levels


def _goals(b: Builder, levels: list[dict], owners: list[str]) -> list[dict]:
    """Two to four goals on a measured top level, one or two per parent below; a vision is one goal, fullmäktige's."""
    shape = b.shape
    perspectives = [p["id"] for p in b.rows.get("perspectives", [])]
    goals: list[dict] = []
    parents: list[dict | None] = [None]
    for level in levels:
        on_level = []
        vision = level["order"] == 1 and shape.vision
        for parent in parents:
            count = 1 if vision else 2 + b.rnd.randrange(3) if parent is None else 1 + b.rnd.randrange(2)
            for _ in range(count):
                goal = b.add(
                    "goals",
                    id=f"mal-{len(goals) + 1}",
                    level=level["id"],
                    parent=parent["id"] if parent else None,
                    owner="kf" if vision else b.rnd.choice(owners),
                    perspective=b.rnd.choice(perspectives) if perspectives and level["measurable"] else None,
                    title=_title(len(goals)),
                    valid_from=shape.report_years[0] - 1,
                    decision="Beslut i fullmäktige",
                    note=NOTE,
                )
                goals.append(goal)
                on_level.append(goal)
        parents = on_level
    return goals


def _title(number: int) -> str:
    """The title of the goal ``number`` (from 0): the list of titles, then the list again, numbered."""
    title = TITLES[number % len(TITLES)]
    return title if number < len(TITLES) else f"{title} (del {number // len(TITLES) + 1})"


def _mandate_change(b: Builder, goals: list[dict], measured: set[str]) -> None:
    """A mandate change before the last year: the first goal renamed (same id), another leaf goal split in two."""
    years = b.shape.report_years
    changed_year = years[-1] if len(years) > 1 else years[0]
    renamed = goals[0]
    renamed["note"] = f"Exempeldata: målet hette ”{renamed['title']}” till och med {changed_year - 1}."
    renamed["title"] = f"{renamed['title']} i hela kommunen"
    leaves = [g for g in goals[1:] if g["level"] in measured and not any(c["parent"] == g["id"] for c in goals)]
    if not leaves:
        return
    old = leaves[-1]
    old["valid_to"] = changed_year - 1
    for part, when in (("a", "först"), ("b", "sedan")):
        new = b.add("goals", **{**old, "id": f"{old['id']}{part}", "valid_from": changed_year, "valid_to": None})
        new["replaces"] = old["id"]
        new["title"] = f"{old['title']} ({when})"
        goals.append(new)


def _indicators(b: Builder, goal: dict) -> None:
    """None, one or two styrmått for a goal on a measured level, with målnivåer, results and comparisons."""
    rnd = b.rnd
    units = list(BUILT_IN_UNITS) + [u[0] for u in CUSTOM_UNITS[: b.shape.units]]
    first = goal["valid_from"]
    final = goal.get("valid_to") or b.shape.report_years[-1]
    for k in range(rnd.choice((0, 1, 1, 2))):
        indicator = f"{goal['id']}-matt-{k + 1}"
        direction = rnd.choice(("higher", "lower", "band"))
        frequency = rnd.choice(("arligen", "vartannat-ar", "per-period"))
        decimals = rnd.randrange(3)
        b.add(
            "indicators",
            id=indicator,
            goal=goal["id"],
            name=f"Mått {k + 1} för {goal['title'].lower()}",
            definition="Påhittat styrmått.",
            unit=rnd.choice(units),
            decimals=decimals,
            measure_type=rnd.choice(("resurs", "process", "resultat")),
            direction=direction,
            frequency=frequency,
            can_influence=True,
            comparable=rnd.random() < 0.5,
            note=NOTE,
        )
        for year in range(first, final + 1):
            _year_of_indicator(b, indicator, year, direction, frequency, decimals, first)
        if rnd.random() < 0.3:
            for year in range(first, final + 1):
                b.add(
                    "comparisons",
                    indicator=indicator,
                    year=year,
                    area="riket",
                    area_name="Riket",
                    value=rnd.randrange(120),
                )


def _year_of_indicator(
    b: Builder, indicator: str, year: int, direction: str, frequency: str, decimals: int, first: int
):
    """A year's målnivå (mostly) and its values: one per period, the year's, or none (missing, or an off year)."""
    rnd = b.rnd
    if rnd.random() < 0.8:
        low = rnd.choice((0, 10, 50, 100))
        high = low + rnd.choice((0, 5, 20))
        b.add(
            "targets",
            indicator=indicator,
            year=year,
            min=low if direction in ("higher", "band") else None,
            max=high if direction in ("lower", "band") else None,
        )
    if frequency == "vartannat-ar" and (year - first) % 2:
        return
    periods = b.rows["periods"]
    in_year = [p for p in periods if p["year"] == year]
    helar = [p["id"] for p in in_year if p["kind"] == "helar"]
    if frequency == "per-period":
        chosen = [p["id"] for p in in_year]
    elif helar:
        chosen = helar
    elif year < b.shape.report_years[0]:
        chosen = [""]  # a year before the first report: the year's value with no period
    else:
        chosen = []
    for period in chosen:
        if rnd.random() < 0.2:
            continue  # a missing value
        value = rnd.choice((0, rnd.randrange(120), rnd.randrange(120), round(rnd.uniform(0, 120), decimals)))
        b.add(
            "results",
            indicator=indicator,
            year=year,
            period=period,
            value=value,
            preliminary=False,
            method_break=rnd.random() < 0.05,
        )


def _assessments(b: Builder, goals: list[dict], measured: set[str]) -> None:
    """The owners' own assessments of some goals in force, and an activity with a status."""
    rnd = b.rnd
    for goal in goals:
        if goal["level"] not in measured:
            continue
        for period in b.rows["periods"]:
            in_force = (goal["valid_from"] or 0) <= period["year"] <= (goal.get("valid_to") or 9999)
            if in_force and rnd.random() < 0.4:
                b.add(
                    "assessments",
                    goal=goal["id"],
                    period=period["id"],
                    status=rnd.choice(("uppnatt", "delvis", "ej-uppnatt", "ej-bedomt")),
                    analysis="Påhittad bedömning.",
                )
    measured_goals = [g for g in goals if g["level"] in measured]
    if measured_goals and rnd.random() < 0.7:
        goal = rnd.choice(measured_goals)
        b.add("activities", id="aktivitet-1", goal=goal["id"], owner=goal["owner"], title="Ett påhittat arbete")
        b.add("activity_status", activity="aktivitet-1", period=b.rows["periods"][-1]["id"], status="pagar")


def _money(b: Builder) -> None:
    """Budget and utfall per organ and year (zeros and tiny sums among them), results, spending, tax, population."""
    rnd = b.rnd
    years = b.shape.report_years
    unit = b.shape.budget_unit
    scale = {"mnkr": 1, "tkr": 1000, "kr": 1000000}[unit]
    helar = {p["year"]: p for p in b.rows["periods"] if p["kind"] == "helar"}
    for organ in b.rows["organisation"]:
        if organ["kind"] not in ("styrelse", "namnd", "bolag"):
            continue
        for year in years:
            budget = rnd.choice((0, 12.5, 310)) * scale
            b.add("budget", organisation=organ["id"], year=year, kind="budget", net_cost=budget, unit=unit)
            if year in helar:
                b.add(
                    "budget",
                    organisation=organ["id"],
                    year=year,
                    kind="utfall",
                    period=helar[year]["id"],
                    net_cost=round(rnd.choice((0, 0.018, 12.25, 305)) * scale, 3),
                    unit=unit,
                )
    for year in helar:
        b.add("financial_results", year=year, result_mnkr=rnd.choice((0, -3.5, 12)), share_percent=1.5, note=NOTE)
    spender = next((o["id"] for o in b.rows["organisation"] if o["kind"] == "namnd"), "ks")
    b.add("spending", year=years[0], area="skola", name="Förskola och skola", owner=spender, unit="kr/inv", value=30000)
    b.add("spending", year=years[0], area="politik", name="Politisk verksamhet", owner="ks", unit="kr/inv", value=0)
    municipality = b.rows["municipality"][0]["id"]
    for year in years:
        b.add("tax_rates", year=year, scope="kommun", rate=21.5)
        b.add("tax_rates", year=year, scope="region", rate=11.5)
        b.add("population", year=year, area=municipality, inhabitants=10000 + rnd.randrange(500))


def _documents_and_planning(b: Builder) -> None:
    """The styrmodell's decision, and the planning year's steps (the last one ``planning_ahead`` years ahead)."""
    start = b.shape.report_years[0] - 1
    b.add(
        "documents",
        id="styrmodell",
        title=f"Styrmodell för {b.rows['municipality'][0]['name']}",
        type="styrmodell",
        decided_by="kf",
        decided=f"{start}-06-15",
        reference="KF § 1",
    )
    for order, offset in enumerate(sorted({0, b.shape.planning_ahead}), 1):
        b.add(
            "planning",
            id=f"steg-{order}",
            order=order,
            title=f"Steg {order} i planeringen",
            start_month=b.rnd.randrange(1, 13),
            end_month=b.rnd.randrange(1, 13),
            year_offset=offset,
            who="kf" if order == 1 else "ks",
        )


# Writing the package ---------------------------------------------------------------------------------


def _cell(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if value else "0"
    return str(value)


def write_package(rows: dict[str, list[dict]], folder: Path, title: str = "Påhittad kommun") -> Path:
    """Write ``rows`` as a package in ``folder``: one CSV per resource and the contract's descriptor."""
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads(CONTRACT.read_text(encoding="utf-8"))
    optional = {"units", "comparison_groups"}
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in optional or r["name"] in rows]
    descriptor.update(
        name="pahittad-kommun",
        title=title,
        description="Ett påhittat datapaket för tester. Alla rader är exempeldata (example=true).",
    )
    for resource in descriptor["resources"]:
        header = [f["name"] for f in resource["schema"]["fields"]]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows.get(resource["name"], []):
            unknown = set(row) - set(header)
            assert not unknown, f"{resource['name']}: no such columns {sorted(unknown)}"
            writer.writerow([_cell(row.get(h)) for h in header])
        (folder / resource["path"]).write_text(out.getvalue(), encoding="utf-8")
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return folder
