"""Rules a Table Schema cannot express, checked on typed rows.

Each check is a function ``(tables) -> list[Problem]``; :func:`run_all` runs
them in order. They assume frictionless has already passed, so types, keys
and foreign keys are sound.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from functools import partial

from .goal_areas import check_goal_areas
from .model import DEFAULT_UNITS
from .national_checks import CHECKS as NATIONAL_CHECKS
from .problems import Problem

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

#: Resources whose ``id`` becomes part of a URL or a file name on the site
#: (checked for collisions in ``package._url_collisions``, on the raw text).
URL_NAMESPACES = ("goals", "indicators", "organisation", "periods", "documents", "activities", "sources")

#: A result may be at most this many years after the latest reporting period
#: (population is counted on 31 December and published before the next report).
RESULT_YEARS_AHEAD = 1
#: A målnivå may be set at most this many years ahead.
TARGET_YEARS_AHEAD = 20

#: The id of the source that marks invented rows. A row with this source must say example=true,
#: so that example data can never lose its mark on the site.
EXAMPLE_SOURCE = "exempeldata"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Invisible characters that change the direction of the text after them (embeddings,
#: overrides, isolates): a title with U+202E reads backwards on the page.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Control characters (C0 and DEL; tab and line breaks are allowed): invisible, and not allowed in XML,
#: so an SVG, a workbook or a feed with one cannot be written.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WEB_ADDRESS = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(\.[\w-]+)*\.[a-zA-Z]{2,}")
PERSONNUMMER = re.compile(r"(?<![\d-])(?:19|20)?(\d{2})(\d{2})(\d{2})[-+]?(\d{4})(?![\d-])")
PHONE = re.compile(r"(?<![\w.,-])(?:\+46[\s-]?|0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2}){1,3}(?![\w.,-])")

Tables = Mapping  # name -> package.Table


def run_all(tables: Tables) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(tables))
    return problems


def _rows(tables: Tables, name: str) -> Iterator:
    table = tables[name]
    for row in table.rows:
        yield table.file, row.number, row.values


def _by_id(tables: Tables, name: str) -> dict[str, Mapping]:
    return {row.values["id"]: row.values for row in tables[name].rows}


# Ids ------------------------------------------------------------------------------------


def url_key(identifier: str) -> str:
    """What an id becomes on a case-insensitive file system with accents folded."""
    decomposed = unicodedata.normalize("NFKD", identifier)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


# The goal chain -----------------------------------------------------------------------------


def check_levels(tables: Tables) -> list[Problem]:
    """The levels are numbered 1, 2, 3 … from the top; the first row that breaks the sequence is named."""
    rows = list(_rows(tables, "levels"))
    count = len(rows)
    seen: dict[int, tuple[int, str]] = {}
    for file, number, level in rows:
        order = level["order"]
        if order in seen:
            row, name = seen[order]
            message = f"nivån {level['name']} har samma ordning som {name} (rad {row}): {order}"
        elif not 1 <= order <= count:
            message = f"nivån {level['name']} har ordningen {order}, men paketet har {count} nivåer"
        else:
            seen[order] = (number, level["name"])
            continue
        return [
            Problem(
                file=file,
                row=number,
                column="order",
                message=message,
                fix=f"numrera nivåerna uppifrån 1, 2, 3 … till {count} utan luckor eller dubbletter, "
                "med 1 för den översta nivån",
                type="level-order",
            )
        ]
    return []


def _cycle_problems(tables: Tables, column: str, what: str) -> list[Problem]:
    goals = _by_id(tables, "goals")
    rows = {values["id"]: number for _, number, values in _rows(tables, "goals")}
    problems = []
    reported: set[str] = set()
    for start in goals:
        path: list[str] = []
        current = start
        while current is not None and current in goals and current not in path:
            path.append(current)
            current = goals[current][column]
        if current is not None and current == start and start not in reported:
            cycle = [*path, start]
            reported.update(path)
            problems.append(
                Problem(
                    file=tables["goals"].file,
                    row=rows[start],
                    column=column,
                    message=f"{what} bildar en cirkel: {' → '.join(cycle)}",
                    fix=f"ändra {column} på något av målen så att kedjan slutar uppåt",
                    type="goal-cycle",
                )
            )
    return problems


def check_goal_chain(tables: Tables) -> list[Problem]:
    problems = _cycle_problems(tables, "parent", "målkedjan") + _cycle_problems(tables, "replaces", "ersätter-kedjan")
    if problems:
        return problems
    levels = _by_id(tables, "levels")
    goals = _by_id(tables, "goals")
    top = min((lv["order"] for lv in levels.values()), default=1)
    levels_in_order = not check_levels(tables)
    for file, number, goal in _rows(tables, "goals"):
        if goal["valid_from"] and goal["valid_to"] and goal["valid_from"] > goal["valid_to"]:
            problems.append(
                Problem(
                    file=file,
                    row=number,
                    column="valid_to",
                    message=f"målet slutar gälla {goal['valid_to']}, före det börjar gälla {goal['valid_from']}",
                    fix="rätta valid_from eller valid_to",
                    type="goal-validity",
                )
            )
        level = levels[goal["level"]]
        parent_id = goal["parent"]
        if not levels_in_order:
            continue  # which level lies above which is unknown until check_levels' problem is mended
        if parent_id is None:
            if level["order"] != top:
                problems.append(
                    Problem(
                        file=file,
                        row=number,
                        column="parent",
                        message=f"målet ligger på nivån {level['name']} men saknar överordnat mål",
                        fix="fyll i id för målet på nivån ovanför som det här målet bidrar till",
                        type="goal-parent-missing",
                    )
                )
            continue
        parent_level = levels[goals[parent_id]["level"]]
        if parent_level["order"] != level["order"] - 1:
            above = next((lv["name"] for lv in levels.values() if lv["order"] == level["order"] - 1), None)
            fix = (
                f"välj ett överordnat mål på nivån {above}"
                if above
                else "ta bort det överordnade målet: den översta nivån har inget ovanför sig"
            )
            problems.append(
                Problem(
                    file=file,
                    row=number,
                    column="parent",
                    message=f'målet ligger på nivån {level["name"]}, men det överordnade målet "{parent_id}" '
                    f"ligger på nivån {parent_level['name']}",
                    fix=fix,
                    type="goal-parent-level",
                )
            )
    return problems


def check_indicators(tables: Tables) -> list[Problem]:
    levels = _by_id(tables, "levels")
    goals = _by_id(tables, "goals")
    units = set(DEFAULT_UNITS) | ({row.values["id"] for row in tables["units"].rows} if "units" in tables else set())
    problems = []
    for file, number, indicator in _rows(tables, "indicators"):
        if indicator["unit"] not in units:
            problems.append(
                Problem(
                    file=file,
                    row=number,
                    column="unit",
                    message=f'enheten "{indicator["unit"]}" finns inte bland de inbyggda enheterna eller i units.csv',
                    fix=f"skriv en av {', '.join(sorted(units))}, eller lägg till enheten i units.csv "
                    "(id, ordet på svenska och tecknet efter talet)",
                    type="unit-unknown",
                )
            )
        level = levels[goals[indicator["goal"]]["level"]]
        if not level["measurable"]:
            problems.append(
                Problem(
                    file=file,
                    row=number,
                    column="goal",
                    message=f'styrmåttet hör till "{indicator["goal"]}", som ligger på nivån {level["name"]}, som inte mäts',
                    fix="koppla styrmåttet till ett mål på en mätbar nivå",
                    type="indicator-level",
                )
            )
    return problems


# Targets, results, periods ------------------------------------------------------------------


def check_targets(tables: Tables) -> list[Problem]:
    indicators = _by_id(tables, "indicators")
    last_year = max((p["year"] for _, _, p in _rows(tables, "periods")), default=None)
    problems = []
    for file, number, target in _rows(tables, "targets"):
        low, high = target["min"], target["max"]
        direction = indicators[target["indicator"]]["direction"]

        problem = partial(Problem, file=file, row=number)
        if low is not None and high is not None and low > high:
            problems.append(
                problem(
                    column="min",
                    message=f"lägsta nivån {low:g} är större än högsta nivån {high:g}",
                    fix="byt plats på min och max",
                    type="target-range",
                )
            )
        elif low is None and high is None:
            problems.append(
                problem(
                    column="min",
                    message="målnivån saknar både min och max",
                    fix="fyll i min, max eller båda",
                    type="target-empty",
                )
            )
        elif (direction == "higher" and low is None) or (direction == "lower" and high is None):
            column, better = ("min", "högre") if direction == "higher" else ("max", "lägre")
            problems.append(
                problem(
                    column=column,
                    message=f"styrmåttet är bättre ju {better} det är, men målnivån saknar {column}",
                    fix=f"fyll i {column}",
                    type="target-direction",
                )
            )
        elif direction == "band" and (low is None or high is None):
            problems.append(
                problem(
                    column="min",
                    message="styrmåttet ska ligga inom ett intervall, men målnivån saknar min eller max",
                    fix="fyll i både min och max",
                    type="target-direction",
                )
            )
        if last_year is not None and target["year"] > last_year + TARGET_YEARS_AHEAD:
            problems.append(
                problem(
                    column="year",
                    message=f"året {target['year']} ligger mer än {TARGET_YEARS_AHEAD} år efter "
                    f"den senaste uppföljningen ({last_year})",
                    fix="kontrollera årtalet",
                    type="year-range",
                )
            )
    return problems


def check_results(tables: Tables) -> list[Problem]:
    periods = _by_id(tables, "periods")
    last_year = max((p["year"] for p in periods.values()), default=None)
    problems = []
    for name in ("results", "comparisons", "budget"):
        for file, number, row in _rows(tables, name):
            period_id = row.get("period")
            if period_id is not None and periods[period_id]["year"] != row["year"]:
                problems.append(
                    Problem(
                        file=file,
                        row=number,
                        column="period",
                        message=f"perioden {period_id} hör till år {periods[period_id]['year']}, men raden gäller år {row['year']}",
                        fix="välj en period från samma år, eller lämna period tom",
                        type="period-year",
                    )
                )
            if name != "budget" and last_year is not None and row["year"] > last_year + RESULT_YEARS_AHEAD:
                problems.append(
                    Problem(
                        file=file,
                        row=number,
                        column="year",
                        message=f"ett uppmätt värde för år {row['year']}, men den senaste uppföljningen gäller {last_year}",
                        fix="kontrollera årtalet, eller lägg först till uppföljningsperioden i periods.csv",
                        type="year-range",
                    )
                )
    return problems


#: How often each frequency is measured, for the problem text (the site's words are in views.common).
_FREQUENCY_WORDS = {"arligen": "en gång om året", "vartannat-ar": "vartannat år", "per-period": "vid varje uppföljning"}


def check_result_periods(tables: Tables) -> list[Problem]:
    """A styrmått has at most one value for the whole year, and delår values only if it is measured every period.

    The year's value is a row with an empty period or an årsredovisning's period; a
    delårsrapport's period gives a delår value. The primary key (indicator + year +
    period) cannot see that an empty period and the year's årsredovisning mean the same.
    """
    periods = _by_id(tables, "periods")
    indicators = _by_id(tables, "indicators")
    year_value: dict[tuple[str, int], tuple[int, str | None]] = {}
    problems = []
    for file, number, row in _rows(tables, "results"):
        period_id, indicator = row.get("period"), indicators.get(row["indicator"])
        period = periods.get(period_id) if period_id is not None else None
        if period is not None and period["year"] != row["year"]:
            continue  # reported by check_results
        problem = partial(Problem, file=file, row=number, column="period")
        if period is None or period["kind"] == "helar":
            key = (row["indicator"], row["year"])
            if key in year_value:
                first_row, first_period = year_value[key]
                if None not in (first_period, period_id) and first_period != period_id:
                    continue  # two årsredovisningar in one year: check_annual_reports names the periods.csv row
                problems.append(
                    problem(
                        message=f"styrmåttet {row['indicator']} har redan ett värde för hela år {row['year']} "
                        f"(rad {first_row}); en tom period och årsredovisningens period betyder samma sak",
                        fix="behåll en av raderna, eller ange delårsrapportens period om värdet gäller en del av året",
                        type="result-year-twice",
                    )
                )
            else:
                year_value[key] = (number, period_id)
        elif indicator is not None and indicator["frequency"] != "per-period":
            problems.append(
                problem(
                    message=f"perioden {period_id} är en delårsrapport, men styrmåttet {row['indicator']} mäts "
                    f"{_FREQUENCY_WORDS.get(indicator['frequency'], indicator['frequency'])} och kan bara ha "
                    "ett värde för hela året",
                    fix="ange årsredovisningens period eller lämna period tom, eller ändra styrmåttets frequency "
                    "till per-period i indicators.csv",
                    type="result-interim-frequency",
                )
            )
    return problems


def check_annual_reports(tables: Tables) -> list[Problem]:
    """A year has one årsredovisning; a second is reported on its own ``periods.csv`` row, not on the values in it."""
    first: dict[int, tuple[int, Mapping]] = {}
    problems = []
    for file, number, period in _rows(tables, "periods"):
        if period["kind"] != "helar":
            continue
        year = period["year"]
        if year not in first:
            first[year] = (number, period)
            continue
        row, earlier = first[year]
        problems.append(
            Problem(
                file=file,
                row=number,
                column="kind",
                message=f"år {year} har redan en årsredovisning, {earlier['name']} (rad {row}); ett år har bara en",
                fix="är perioden en delårsrapport, skriv delar i kind; är det samma årsredovisning, ta bort raden "
                f"och skriv {earlier['id']} i kolumnen period på resultaten som hör till den",
                type="period-annual-twice",
            )
        )
    return problems


def check_municipality(tables: Tables) -> list[Problem]:
    count = len(tables["municipality"].rows)
    if count != 1:
        return [
            Problem(
                file=tables["municipality"].file,
                message=f"filen har {count} rader, men ska ha exakt en (kommunen)",
                fix="lämna en rad som beskriver kommunen",
                type="municipality-count",
            )
        ]
    if not tables["periods"].rows:
        return [
            Problem(
                file=tables["periods"].file,
                message="det finns ingen uppföljningsperiod",
                fix="lägg till minst en period, till exempel årsredovisningen för det senaste året",
                type="periods-empty",
            )
        ]
    return []


def check_comparison_groups(tables: Tables) -> list[Problem]:
    """A group has one name and one Kolada id on all its rows, and its id is not an area of another kind."""
    if "comparison_groups" not in tables:
        return []
    problems, first = [], {}
    for file, number, row in _rows(tables, "comparison_groups"):
        seen = first.setdefault(row["group"], row)
        for column in ("group_name", "kolada_group"):
            if row[column] != seen[column]:
                problems.append(
                    Problem(
                        file=file,
                        row=number,
                        column=column,
                        message=f"gruppen {row['group']} har {column} {seen[column]!r} på en annan rad",
                        fix=f"skriv samma {column} på alla rader i gruppen",
                        type="group-inconsistent",
                    )
                )
        if row["group"] in {"riket", "lanet"}:
            problems.append(
                Problem(
                    file=file,
                    row=number,
                    column="group",
                    message=f"{row['group']} är redan ett område i comparisons och kan inte vara en grupp",
                    fix="ge gruppen ett eget id, till exempel liknande-kommuner",
                    type="group-id",
                )
            )
    return problems


# Text cells ---------------------------------------------------------------------------------


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def looks_like_personnummer(text: str) -> bool:
    for match in PERSONNUMMER.finditer(text):
        yy, mm, dd, last = match.groups()
        if 1 <= int(mm) <= 12 and 1 <= int(dd) % 60 <= 31 and _luhn_ok(yy + mm + dd + last):
            return True
    return False


#: (finds it, message, fix, type) for text that must not be published, in the order they are tried.
_TEXT_RULES = (
    (
        CONTROL_CHARACTERS.search,
        "texten innehåller ett osynligt styrtecken (till exempel från en kopiering ur ett annat program)",
        "skriv om texten för hand eller klistra in den som oformaterad text; tecknet syns inte men kan inte publiceras",
        "control-character",
    ),
    (
        BIDI_CONTROLS.search,
        "texten innehåller ett osynligt tecken som vänder på textriktningen",
        "skriv om texten utan att klistra in den; tecknet syns inte men gör att texten visas baklänges",
        "bidi-control",
    ),
    (
        EMAIL.search,
        "texten innehåller en e-postadress",
        "ta bort personuppgiften; kontaktuppgifter hör hemma i municipality.csv",
        "personal-data",
    ),
    (
        looks_like_personnummer,
        "texten innehåller något som liknar ett personnummer",
        "ta bort personnumret",
        "personal-data",
    ),
    (
        PHONE.search,
        "texten innehåller något som liknar ett telefonnummer",
        "ta bort numret; kontaktuppgifter hör hemma på kommunens webbplats",
        "personal-data",
    ),
)


def text_problem(text: str) -> tuple[str, str, str] | None:
    """(message, fix, type) for a text cell that must not be published, else None."""
    if text.startswith(FORMULA_START):
        return (
            f'texten börjar med "{text[0]}" och kan tolkas som en formel i Excel',
            "ta bort tecknet i början eller skriv om texten så att den börjar med en bokstav eller siffra",
            "formula-like-text",
        )
    return next(((message, fix, kind) for finds, message, fix, kind in _TEXT_RULES if finds(text)), None)


def check_text_cells(tables: Tables) -> list[Problem]:
    problems = []
    for table in tables.values():
        text_fields = [
            f["name"]
            for f in table.schema["fields"]
            if f.get("type", "string") == "string" and f.get("format") not in ("email", "uri")
        ]
        uri_fields = [f["name"] for f in table.schema["fields"] if f.get("format") == "uri"]
        for row in table.rows:
            for column in uri_fields:
                value = row.values.get(column)
                if value and not WEB_ADDRESS.match(value):
                    problems.append(
                        Problem(
                            file=table.file,
                            row=row.number,
                            column=column,
                            message=f'"{value[:60]}" är ingen webbadress',
                            fix="skriv en fullständig adress som börjar med https:// (eller http://)",
                            type="url-scheme",
                        )
                    )
            for column in text_fields:
                value = row.values.get(column)
                if not value:
                    continue
                found = text_problem(value)
                if found:
                    message, fix, kind = found
                    problems.append(
                        Problem(file=table.file, row=row.number, column=column, message=message, fix=fix, type=kind)
                    )
    return problems


def check_example_rows(tables: Tables) -> list[Problem]:
    problems = []
    for table in tables.values():
        for row in table.rows:
            if row.values.get("source") == EXAMPLE_SOURCE and row.values.get("example") is False:
                problems.append(
                    Problem(
                        file=table.file,
                        row=row.number,
                        column="example",
                        message=f"raden har källan {EXAMPLE_SOURCE} men example är false",
                        fix="skriv true i kolumnen example, eller ange den verkliga källan",
                        type="example-unmarked",
                    )
                )
    return problems


CHECKS: tuple[Callable[[Tables], list[Problem]], ...] = (
    check_municipality,
    check_levels,
    check_goal_chain,
    check_indicators,
    check_goal_areas,
    check_targets,
    check_results,
    check_annual_reports,
    check_result_periods,
    check_comparison_groups,
    check_text_cells,
    check_example_rows,
    *NATIONAL_CHECKS,
)
