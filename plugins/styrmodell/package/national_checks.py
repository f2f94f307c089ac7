"""Checks of the three ``kolada_*`` resources: Kolada's figures for every kommun, its kommuner and its groups.

They follow ``checks.py`` (each ``(tables) -> list[Problem]``, after frictionless) and run from its list.
A resource a package does not have is not checked. One problem is reported per KPI, code or year rather
than per row, since a wrong code repeats on every row of a table of thousands.
"""

from __future__ import annotations

from collections.abc import Mapping

from .problems import Problem

Tables = Mapping  # name -> package.Table
VALUES, MUNICIPALITIES, GROUPS = "kolada_values", "kolada_municipalities", "kolada_groups"
#: Must match checks.RESULT_YEARS_AHEAD: a national value may be as far ahead as the package's own results.
YEARS_AHEAD = 1


def _codes(tables: Tables) -> set[str] | None:
    if MUNICIPALITIES not in tables:
        return None
    return {row.values["code"] for row in tables[MUNICIPALITIES].rows}


def check_kolada_values(tables: Tables) -> list[Problem]:
    """Each KPI is one a styrmått has, each code a kommun in kolada_municipalities, each year not too far ahead."""
    if VALUES not in tables:
        return []
    table = tables[VALUES]
    used = {row.values["kolada_kpi"] for row in tables["indicators"].rows if row.values.get("kolada_kpi")}
    codes = _codes(tables)
    last = max((row.values["year"] for row in tables["periods"].rows), default=None)
    problems: list[Problem] = []
    seen: set[tuple] = set()

    def once(key: tuple, number: int, column: str, message: str, fix: str, kind: str) -> None:  # noqa: PLR0917 - one call shape, four times
        if key not in seen:
            seen.add(key)
            problems.append(Problem(table.file, message, fix, kind, row=number, column=column))

    for row in table.rows:
        kpi, code, year = row.values["kpi"], row.values["municipality"], row.values["year"]
        if kpi not in used:
            once(
                ("kpi", kpi),
                row.number,
                "kpi",
                f"nyckeltalet {kpi} har värden här, men inget styrmått i indicators.csv har det som kolada_kpi",
                "ta bort nyckeltalets rader (import-kolada gör det när den körs), eller ange nyckeltalet som "
                "kolada_kpi för ett styrmått",
                "national-kpi-unused",
            )
        if codes is not None and code not in codes:
            once(
                ("code", code),
                row.number,
                "municipality",
                f"kommunkoden {code} finns inte i {MUNICIPALITIES}.csv",
                f"lägg till kommunen i {MUNICIPALITIES}.csv, eller ta bort raderna med koden (kör import-kolada)",
                "national-municipality-unknown",
            )
        if codes is None:
            once(
                ("list",),
                row.number,
                "municipality",
                f"paketet har värden för alla kommuner men ingen lista över kommunerna ({MUNICIPALITIES})",
                f"lägg till resursen {MUNICIPALITIES} (import-kolada skriver den), så att kommunernas namn finns",
                "national-municipalities-missing",
            )
        if last is not None and year > last + YEARS_AHEAD:
            once(
                ("year", kpi, year),
                row.number,
                "year",
                f"året {year} för {kpi} ligger mer än {YEARS_AHEAD} år efter den senaste uppföljningsperioden ({last})",
                "lägg till uppföljningsperioden i periods.csv, eller ta bort årets rader",
                "national-year-ahead",
            )
    return problems


def _shown(text: str | None) -> str:
    return f"”{text}”" if text else "ingenting"


def check_kolada_groups(tables: Tables) -> list[Problem]:
    """A group has one title, kind and topic on all its rows; a similar group names its topic; members are known."""
    if GROUPS not in tables:
        return []
    table = tables[GROUPS]
    codes = _codes(tables)
    problems: list[Problem] = []
    first: dict[str, Mapping] = {}
    first_row: dict[str, int] = {}
    for row in table.rows:
        values = row.values
        seen = first.setdefault(values["group"], values)
        first_row.setdefault(values["group"], row.number)
        for column in ("title", "kind", "topic"):
            if values[column] != seen[column]:
                problems.append(
                    Problem(
                        table.file,
                        f"gruppen {values['group']} har {column} {_shown(values[column])} här men {_shown(seen[column])} "
                        f"på rad {first_row[values['group']]}",
                        f"skriv samma {column} på alla rader i gruppen",
                        "national-group-inconsistent",
                        row=row.number,
                        column=column,
                    )
                )
        if values["kind"] == "similar" and not values["topic"] and seen is values:
            problems.append(
                Problem(
                    table.file,
                    f"gruppen {values['group']} är en grupp av liknande kommuner men saknar område (topic)",
                    "skriv området som Kolada anger i gruppens namn, till exempel övergripande eller grundskola",
                    "national-group-topic",
                    row=row.number,
                    column="topic",
                )
            )
        if codes is not None and values["member"] not in codes:
            problems.append(
                Problem(
                    table.file,
                    f"kommunkoden {values['member']} i gruppen {values['group']} finns inte i {MUNICIPALITIES}.csv",
                    f"lägg till kommunen i {MUNICIPALITIES}.csv, eller kör import-kolada igen",
                    "national-municipality-unknown",
                    row=row.number,
                    column="member",
                )
            )
    return problems


def check_own_municipality(tables: Tables) -> list[Problem]:
    """The package's own kommun is in Kolada's list, or it could not be placed among the others."""
    codes = _codes(tables)
    if not codes:
        return []
    own = tables["municipality"].rows[0].values["code"] if tables["municipality"].rows else None
    if own is None or own in codes:
        return []
    return [
        Problem(
            tables[MUNICIPALITIES].file,
            f"kommunens egen kod {own} (municipality.csv) finns inte bland kommunerna i {MUNICIPALITIES}.csv",
            "kontrollera kommunkoden i municipality.csv och kör import-kolada igen",
            "national-own-missing",
        )
    ]


CHECKS = (check_kolada_values, check_kolada_groups, check_own_municipality)
