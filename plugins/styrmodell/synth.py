"""``python -m styrmodell synth --scale N --out DIR``: a fictional municipality, N times a mid-sized one.

Syntetkommun exists to measure how the build grows (``python -m styrmodell bench``). Every row is
example data (``example=true``, source ``exempeldata``), so every page of its site says so. The schema
is the plugin's own contract (``package/contract.json``) with a generic name; levels, perspectives and
the planning year are Syntetkommun's own rows (:data:`REFERENCE_ROWS`). Everything ships with the
plugin: synth reads no municipality's folder.

The rules, per scale N (``--seed`` only changes the figures, never the counts):

- 20 years (2005–2024), three periods a year: april and augusti (delår) and december (helår);
- kommunfullmäktige, kommunstyrelsen and 5 + N nämnder;
- one vision, 3 + N fullmäktigemål, 12·N nämndmål and 12·N förvaltningsmål (4 + 25·N goals);
- 40·N styrmått followed every period (``per-period``), one value per period: 2 400·N results;
- a målnivå for each styrmått the last five years (200·N), an assessment of each nämndmål at each
  of the last three årsredovisningar (36·N), one activity per nämnd with a status per årsredovisning
  of the last two years, budget and utfall per nämnd and year, and a few rows in each other table.

The package is written to a temporary folder beside ``DIR`` and renamed at the end, so a failure
leaves nothing. The output is the same bytes for the same scale and seed.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

from .package.read import CONTRACT

DEFAULT_SEED = 20261201
FIRST_YEAR, YEARS = 2005, 20
SOURCE = "exempeldata"
#: A code no Swedish kommun has (kommun codes are 01xx–25xx).
CODE = "0000"

NAMES = (
    "Barn- och utbildningsnämnden",
    "Socialnämnden",
    "Tekniska nämnden",
    "Kultur- och fritidsnämnden",
    "Miljö- och byggnadsnämnden",
    "Vård- och omsorgsnämnden",
    "Arbetsmarknadsnämnden",
    "Gymnasienämnden",
    "Förskolenämnden",
    "Servicenämnden",
    "Stadsbyggnadsnämnden",
    "Näringslivsnämnden",
    "Idrottsnämnden",
    "Överförmyndarnämnden",
    "Krisledningsnämnden",
)
THEMES = (
    "invånarna är nöjda med servicen",
    "fler elever når målen",
    "fler är i arbete",
    "miljön blir bättre",
    "fler känner sig trygga",
    "medarbetarna är friska",
    "kommunen har en god ekonomi",
    "fler deltar i kulturlivet",
    "bostäder byggs i takt med behovet",
    "företagen är nöjda med kommunen",
)
UNITS = (("procent", 1), ("antal", 0), ("dagar", 0), ("index", 0), ("kr/inv", 0), ("poang", 1))


class SynthError(Exception):
    """Why the package was not written, in Swedish."""


def _csv(header: str, rows: list[list]) -> str:
    """A CSV file: the header (names with commas) and the rows, booleans as true/false."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header.split(","))
    for row in rows:
        writer.writerow(["true" if v is True else "false" if v is False else v for v in row])
    return out.getvalue()


#: Syntetkommun's own reference rows: three levels (a vision and two measured levels), two perspectives
#: and a short planning year. They ship with the plugin, so synth needs no municipality's folder.
REFERENCE_ROWS = {
    "levels": (
        "id,name,plural,order,decided_by,measurable,description,source,example",
        [
            ["vision", "Vision", "Visioner", 1, "Kommunfullmäktige", False, "Riktningen på lång sikt.", SOURCE, True],
            [
                "fullmaktigemal",
                "Fullmäktigemål",
                "Fullmäktigemål",
                2,
                "Kommunfullmäktige",
                True,
                "Fullmäktiges mål för hela kommunen.",
                SOURCE,
                True,
            ],
            [
                "namndmal",
                "Nämndmål",
                "Nämndmål",
                3,
                "Respektive nämnd",
                True,
                "Varje nämnds mål, som bidrar till fullmäktiges mål.",
                SOURCE,
                True,
            ],
            [
                "forvaltningsmal",
                "Förvaltningsmål",
                "Förvaltningsmål",
                4,
                "Ansvarig chef",
                True,
                "Förvaltningens plan för arbetet.",
                SOURCE,
                True,
            ],
        ],
    ),
    "perspectives": (
        "id,name,order,description,source,example",
        [
            ["medborgare", "Medborgarperspektiv", 1, "Vad invånarna får.", SOURCE, True],
            ["medarbetare", "Medarbetarperspektiv", 2, "Hur det är att arbeta i kommunen.", SOURCE, True],
            ["utveckling", "Utvecklingsperspektiv", 3, "Hur kommunen utvecklas på lång sikt.", SOURCE, True],
        ],
    ),
    "planning": (
        "id,order,title,description,start_month,end_month,year_offset,who,source,example,note",
        [
            ["ramar", 1, "Preliminära ramar", "Ramar för nämnderna.", 2, 2, 0, "ks", SOURCE, True, ""],
            ["namndforslag", 2, "Nämndernas förslag", "Förslag till mål och budget.", 3, 4, 0, "ks", SOURCE, True, ""],
            ["beslut", 3, "Fullmäktige beslutar", "Mål och budget fastställs.", 6, 6, 0, "kf", SOURCE, True, ""],
            ["internbudget", 4, "Internbudgetar", "Budgetar per enhet.", 2, 2, 1, "ks", SOURCE, True, ""],
        ],
    ),
}


def _descriptor() -> str:
    """The plugin's contract (``package/contract.json``) as Syntetkommun's descriptor, without its optional parts."""
    descriptor = json.loads(CONTRACT.read_text(encoding="utf-8"))
    # Syntetkommun has no comparison group, no own units and no Kolada import: those optional parts stay out.
    descriptor["resources"] = [
        r
        for r in descriptor["resources"]
        if r["name"] not in ("comparison_groups", "units") and not r["name"].startswith("kolada_")
    ]
    for resource in descriptor["resources"]:
        optional = {"origin"} | ({"area"} if resource["name"] == "goals" else set())
        resource["schema"]["fields"] = [f for f in resource["schema"]["fields"] if f["name"] not in optional]
    descriptor["name"] = "syntetkommun-styrmodell"
    descriptor["title"] = "Syntetkommun – påhittad kommun för mätningar"
    descriptor["description"] = (
        "En påhittad kommun för att mäta hur bygget växer. Alla rader är exempeldata (example=true)."
    )
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def tables(scale: int, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """The package's files, name → text, for ``scale`` (≥ 1) and ``seed``."""
    if scale < 1:
        raise SynthError(f"--scale måste vara ett heltal från 1 och uppåt, inte {scale}.")
    rnd = random.Random(seed)  # noqa: S311 -- example figures, reproducible by seed
    years = list(range(FIRST_YEAR, FIRST_YEAR + YEARS))
    boards = [f"n{i + 1:02d}" for i in range(5 + scale)]
    files = {"datapackage.json": _descriptor(), **_frame(boards, years)}
    board_goals, office_goals, goal_file = _goals(scale, boards)
    files["goals.csv"] = goal_file
    files.update(_measures(scale, board_goals, office_goals, years, rnd))
    files.update(_follow_up(boards, board_goals, office_goals, years, rnd))
    return files


def _frame(boards: list[str], years: list[int]) -> dict[str, str]:
    """Sources, the municipality, its organisation, the template tables and the periods."""
    files = {
        "sources.csv": _csv(
            "id,title,publisher,url,accessed,note",
            [[SOURCE, "Exempeldata för Syntetkommun", "", "", "", "Påhittade rader för mätningar av bygget."]],
        ),
        "municipality.csv": _csv(
            "id,name,code,county,website,contact_email,licence,licence_url,publisher,publisher_url,"
            "publisher_is_municipality,comparison_area,source,example",
            [
                [
                    "syntetkommun",
                    "Syntetkommun",
                    CODE,
                    "Påhittat län",
                    "https://syntetkommun.example",
                    "data@syntetkommun.example",
                    "CC-BY-4.0",
                    "https://creativecommons.org/licenses/by/4.0/",
                    "Projektet Styrmodellen",
                    "",
                    False,
                    "riket",
                    SOURCE,
                    True,
                ]
            ],
        ),
        "organisation.csv": _csv(
            "id,name,short_name,kind,parent,description,source,example,note",
            [
                ["kf", "Kommunfullmäktige", "KF", "fullmaktige", "", "", SOURCE, True, ""],
                ["ks", "Kommunstyrelsen", "KS", "styrelse", "kf", "", SOURCE, True, ""],
            ]
            + [
                [
                    board,
                    _board_name(i),
                    board.upper(),
                    "namnd",
                    "kf",
                    f"{_board_name(i)} i Syntetkommun.",
                    SOURCE,
                    True,
                    "",
                ]
                for i, board in enumerate(boards)
            ],
        ),
    }
    for name, (header, rows) in REFERENCE_ROWS.items():
        files[f"{name}.csv"] = _csv(header, rows)
    periods = []
    for year in years:
        for month, day, name, kind in (("04", 30, "Delårsrapport april", "delar"),
                                       ("08", 31, "Delårsrapport augusti", "delar"),
                                       ("12", 31, "Årsredovisning", "helar")):  # fmt: skip
            periods.append([f"{year}-{month}", year, f"{name} {year}", kind, f"{year}-{month}-{day}", "", SOURCE, True])
    files["periods.csv"] = _csv("id,year,name,kind,end_date,published,source,example", periods)
    return files


def _board_name(i: int) -> str:
    return NAMES[i] if i < len(NAMES) else f"Nämnd {i + 1}"


def _goals(scale: int, boards: list[str]) -> tuple[list[str], list[str], str]:
    """One vision, 3 + N fullmäktigemål, 12·N nämndmål and as many förvaltningsmål, one under each nämndmål."""
    perspectives = ("medborgare", "medarbetare", "utveckling")

    def goal(*first):  # id, level, parent, owner, perspective, title
        return [*first, "", FIRST_YEAR, "", "", "", SOURCE, True,
                "Exempeldata: påhittat mål i en påhittad kommun."]  # fmt: skip

    council = [f"fm-{i + 1:02d}" for i in range(3 + scale)]
    board_goals = [f"nm-{i + 1:03d}" for i in range(12 * scale)]
    office_goals = [f"fv-{i + 1:03d}" for i in range(12 * scale)]
    rows = [goal("vision", "vision", "", "kf", "", "Syntetkommun – en påhittad kommun")]
    rows += [goal(g, "fullmaktigemal", "vision", "kf", perspectives[i % 3],
                  f"Fullmäktigemål {i + 1}: {THEMES[i % len(THEMES)]}") for i, g in enumerate(council)]  # fmt: skip
    rows += [goal(g, "namndmal", council[i % len(council)], boards[i % len(boards)], perspectives[i % 3],
                  f"Nämndmål {i + 1}: {THEMES[(i + 3) % len(THEMES)]}") for i, g in enumerate(board_goals)]  # fmt: skip
    rows += [goal(g, "forvaltningsmal", board_goals[i], boards[i % len(boards)], perspectives[i % 3],
                  f"Förvaltningsmål {i + 1}: {THEMES[(i + 6) % len(THEMES)]}") for i, g in enumerate(office_goals)]  # fmt: skip
    header = (
        "id,level,parent,owner,perspective,title,description,valid_from,valid_to,replaces,decision,source,example,note"
    )
    return board_goals, office_goals, _csv(header, rows)


def _measures(scale, board_goals, office_goals, years, rnd) -> dict[str, str]:
    """40·N styrmått, alternately on a nämndmål and a förvaltningsmål, a value every period, målnivåer."""
    measured = [g for pair in zip(board_goals, office_goals, strict=True) for g in pair]
    indicators, targets, results = [], [], []
    for i in range(40 * scale):
        ind = f"sm-{i + 1:04d}"
        unit, decimals = UNITS[i % len(UNITS)]
        direction = "higher" if i % 2 == 0 else "lower"
        indicators.append([ind, measured[i % len(measured)], f"Styrmått {i + 1}", "Påhittat styrmått.", unit, decimals,
                           ("resultat", "process", "resurs")[i % 3], direction, "per-period", "", True, True, SOURCE,
                           True, "Exempeldata: påhittat styrmått."])  # fmt: skip
        level = rnd.uniform(20, 80)
        for year in years:
            for month in ("04", "08", "12"):
                level = max(0.0, level + rnd.uniform(-3, 3))
                results.append([ind, year, f"{year}-{month}", round(level, decimals), False, False, SOURCE, True, ""])
            if year > years[-1] - 5:
                goal_level = round(level * (1.05 if direction == "higher" else 0.95), decimals)
                low, high = (goal_level, "") if direction == "higher" else ("", goal_level)
                targets.append([ind, year, low, high, "", SOURCE, True, "Exempeldata: påhittad målnivå."])
    comparisons = [[row[0], year, "riket", "Riket", round(rnd.uniform(20, 80), row[5]), SOURCE, True]
                   for row in indicators[:5] for year in years[-5:]]  # fmt: skip
    return {
        "indicators.csv": _csv(
            "id,goal,name,definition,unit,decimals,measure_type,direction,frequency,kolada_kpi,can_influence,"
            "comparable,source,example,note",
            indicators,
        ),
        "targets.csv": _csv("indicator,year,min,max,decision,source,example,note", targets),
        "results.csv": _csv("indicator,year,period,value,preliminary,method_break,source,example,note", results),
        "comparisons.csv": _csv("indicator,year,area,area_name,value,source,example", comparisons),
    }


def _follow_up(boards, board_goals, office_goals, years, rnd) -> dict[str, str]:
    """Assessments, activities, budget and the municipality-wide tables."""
    last = years[-1]
    assessments = [[goal, f"{year}-12", rnd.choice(("uppnatt", "delvis", "ej-uppnatt")), "Påhittad bedömning.", "",
                    SOURCE, True] for goal in board_goals for year in years[-3:]]  # fmt: skip
    activities = [[f"akt-{b}", office_goals[i], b, f"Aktivitet för {_board_name(i)}", "Påhittad aktivitet.", SOURCE,
                   True] for i, b in enumerate(boards)]  # fmt: skip
    status = [[a[0], f"{year}-12", rnd.choice(("pagar", "klar")), "", SOURCE, True]
              for a in activities for year in years[-2:]]  # fmt: skip
    budget = []
    for board in boards:
        for year in years:
            cost = round(rnd.uniform(50, 900), 1)
            budget.append([board, year, "budget", "", cost, "", "", "mnkr", SOURCE, True])
            budget.append([board, year, "utfall", f"{year}-12", round(cost * rnd.uniform(0.95, 1.05), 1), "", "",
                           "mnkr", SOURCE, True])  # fmt: skip
    population, people = [], rnd.randint(30000, 40000)
    for year in years:
        people += rnd.randint(-200, 300)
        population += [[year, "syntetkommun", people, SOURCE, True],
                       [year, "riket", 10_000_000 + 50_000 * (year - FIRST_YEAR), SOURCE, True]]  # fmt: skip
    return {
        "assessments.csv": _csv("goal,period,status,analysis,actions,source,example", assessments),
        "activities.csv": _csv("id,goal,owner,title,description,source,example", activities),
        "activity_status.csv": _csv("activity,period,status,comment,source,example", status),
        "budget.csv": _csv(
            "organisation,year,kind,period,net_cost,investments,carried_over,unit,source,example", budget
        ),
        "financial_results.csv": _csv(
            "year,result_mnkr,share_percent,target_percent,source,example,note",
            [[year, "", round(rnd.uniform(-1, 5), 1), 2, SOURCE, True, ""] for year in years],
        ),
        "spending.csv": _csv(
            "year,area,name,owner,unit,value,kolada_kpi,source,example,note",
            [
                [last, f"omrade-{i + 1}", f"Verksamhet {i + 1}", boards[i], "kr-per-100", share, "", SOURCE, True, ""]
                for i, share in enumerate((40, 25, 15, 12, 8))
            ],
        ),
        "tax_rates.csv": _csv(
            "year,scope,rate,source,example,note",
            [
                [year, scope, rate, SOURCE, True, ""]
                for year in years
                for scope, rate in (("kommun", 22.0), ("region", 11.5))
            ],
        ),
        "population.csv": _csv("year,area,inhabitants,source,example", population),
        "documents.csv": _csv(
            "id,title,type,decided_by,decided,review_by,reference,registration_number,url,source,example,note",
            [
                [
                    f"mal-och-budget-{last}",
                    f"Mål och budget {last}",
                    "mal-och-budget",
                    "kf",
                    f"{last - 1}-11-20",
                    "",
                    "",
                    "",
                    "",
                    SOURCE,
                    True,
                    "Exempeldata: påhittad rad.",
                ]
            ],
        ),
    }


def synth(scale: int, out: Path, seed: int = DEFAULT_SEED) -> None:
    """Write the package into ``out``, which must be missing or empty; all or nothing."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SynthError(f"Mappen {out} finns redan och är inte tom. Välj en ny mapp eller töm den först.")
    files = tables(scale, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8", newline="")
        if out.exists():
            out.rmdir()
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def main(scale: int, out: Path, seed: int = DEFAULT_SEED) -> int:
    try:
        synth(scale, out, seed)
    except SynthError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Syntetkommun (skala {scale}, frö {seed}) skrevs till {out}.")
    return 0
