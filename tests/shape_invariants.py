"""What must hold for every package of every shape: checks over sentences, and statuses computed again.

Each check returns what is wrong (an empty list when all is well), so a property can say
``assert check(...) == []`` and Hypothesis shows the lines. The sentence checks read text (a view's
strings, or a built page's text); :func:`expected_statuses` and :func:`expected_trends` compute, from
the package's rows alone and the rules in ``docs/datapaketet.md`` and on the page *Så bedömer vi
måluppfyllelse*, what the site must say. They never call ``styrmodell.fulfilment``: two ways to the
same answer, so that one can catch the other.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date

from shapes import FOREIGN_LEVEL_NAMES, LEVEL_NAMES, MONTHS, PERSPECTIVE_NAMES, VISION_LEVEL

#: Text of other municipalities: the default package's markers (as in test_no_municipality_text) and the
#: shipped fictional one's name.
OTHER_MUNICIPALITIES = re.compile(r"karlskoga|exempelkommun|§\s*129|vision 2020|välkomnande, kloka", re.IGNORECASE)

# Sentences ------------------------------------------------------------------------------------------


def view_strings(root: object) -> Iterator[str]:
    """Every string a view holds: its fields and properties, and theirs, each object once."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
            continue
        if id(value) in seen or value is None or isinstance(value, int | float | date):
            continue
        seen.add(id(value))
        if isinstance(value, Mapping):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple | set | frozenset):
            stack.extend(value)
        elif dataclasses.is_dataclass(value):
            stack.extend(getattr(value, f.name) for f in dataclasses.fields(value))
            for name, member in vars(type(value)).items():
                if isinstance(member, property):
                    try:
                        stack.append(getattr(value, name))
                    except Exception:  # noqa: S112 -- a property that needs more than the view has
                        continue


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


#: Grammar that the data must never break: (pattern, what is wrong).
GRAMMAR = (
    (re.compile(r"\bett (nivå|nämnd|period|uppföljning|vision|rapport)\b", re.IGNORECASE), "ett with an en-word"),
    (re.compile(r"\ben (mål|styrmått|perspektiv|bolag|år)\b", re.IGNORECASE), "en with an ett-word"),
    (
        re.compile(
            r"(?<![\d,.])\b1 (?:delvis )?(?:uppnådda|nådda|nivåer|perioder|uppföljningar|rapporter|visioner|"
            r"nämnder|styrmåtten|målen|delårsrapporter)\b"
        ),
        "a plural after 1",
    ),
    (re.compile(r"(?<![.\w/])\w+\.\.(?![.\w/])"), "two full stops"),
    (re.compile(r"\b[A-ZÅÄÖ]{2,}s\b"), "a genitive s without a colon after an abbreviation"),
)


def grammar_problems(texts: list[str], names: list[str]) -> list[str]:
    """Every text that breaks a grammar rule; ``names`` are the package's names, for their genitives."""
    rules = list(GRAMMAR)
    for name in names:
        if name.endswith(("s", "x", "z")):
            rules.append((re.compile(rf"\b{re.escape(name)}s\b"), f"the genitive of {name} with an extra s"))
    problems = []
    for text in dict.fromkeys(_plain(t) for t in texts):
        for pattern, what in rules:
            if match := pattern.search(text):
                problems.append(f"{what}: …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    return problems


def words_the_package_lacks(rows: Mapping[str, list[dict]]) -> list[tuple[re.Pattern, str]]:
    """Words a site of this package must not say: levels, visions, organ kinds and perspectives it lacks."""
    levels = {lv["name"] for lv in rows["levels"]}
    kinds = {o["kind"] for o in rows["organisation"]}
    perspectives = {p["name"] for p in rows.get("perspectives", [])}
    foreign = [n for n in (*FOREIGN_LEVEL_NAMES, *(n for n, _ in LEVEL_NAMES)) if n not in levels]
    lacking = [(re.compile(rf"\b{name}", re.IGNORECASE), f"the level {name}") for name in foreign]
    lacking += [
        (re.compile(rf"\b{p}", re.IGNORECASE), f"the perspective {p}")
        for p in PERSPECTIVE_NAMES
        if p not in perspectives
    ]
    if VISION_LEVEL[0] not in levels:
        lacking.append((re.compile(r"\bvision", re.IGNORECASE), "a vision"))
    if "namnd" not in kinds:
        lacking.append((re.compile(r"nämnd", re.IGNORECASE), "a nämnd"))
    if "bolag" not in kinds:
        lacking.append((re.compile(r"\bbolag", re.IGNORECASE), "a bolag"))
    return lacking


def lacking_problems(texts: list[str], rows: Mapping[str, list[dict]]) -> list[str]:
    """Every text that names a level, a vision, an organ kind or a perspective the package lacks."""
    problems = []
    lacking = words_the_package_lacks(rows)
    for text in dict.fromkeys(_plain(t) for t in texts):
        for pattern, what in lacking:
            if match := pattern.search(text):
                problems.append(f"{what}: …{text[max(0, match.start() - 50) : match.end() + 50]}…")
    return problems


MONTH = "|".join(MONTHS)
#: A list of months in a sentence: "april, augusti och december".
MONTH_LIST = re.compile(rf"\b((?:{MONTH})(?:, (?:{MONTH}))* och (?:{MONTH}))\b", re.IGNORECASE)


def reporting_months(rows: Mapping[str, list[dict]]) -> set[int]:
    return {int(p["end_date"][5:7]) for p in rows["periods"]}


def month_problems(texts: list[str], rows: Mapping[str, list[dict]]) -> list[str]:
    """Every list of months that names a month no report of the package ends in."""
    months = {MONTHS[m - 1] for m in reporting_months(rows)}
    problems = []
    for text in dict.fromkeys(_plain(t) for t in texts):
        for match in MONTH_LIST.finditer(text):
            named = set(re.findall(MONTH, match.group(1).lower()))
            if named - months:
                problems.append(
                    f"months {sorted(named - months)}: …{text[max(0, match.start() - 50) : match.end() + 20]}…"
                )
    return problems


# Counts -------------------------------------------------------------------------------------------


def in_force(goal: dict, year: int) -> bool:
    return (goal.get("valid_from") or 0) <= year <= (goal.get("valid_to") or 9999)


def report_rhythm(rows: Mapping[str, list[dict]]) -> tuple[int, ...]:
    """The months of the year with the most reports (the latest such year), as the package says them."""
    per_year = Counter(p["year"] for p in rows["periods"])
    most = max(per_year.values())
    year = max(y for y, n in per_year.items() if n == most)
    return tuple(sorted(int(p["end_date"][5:7]) for p in rows["periods"] if p["year"] == year))


# Statuses, computed again ----------------------------------------------------------------------------


def _known_on(row: dict, periods: Mapping[str, dict]) -> date:
    if row.get("period"):
        return date.fromisoformat(periods[row["period"]]["end_date"])
    return date(row["year"], 12, 31)


def _judge(direction: str, value: float, low: float | None, high: float | None, tolerance: float) -> str:
    """uppnadd, nara or ej-uppnadd: the rule of *Så bedömer vi måluppfyllelse*, written out again."""
    if direction == "higher":
        miss, bound = (low - value if value < low else 0.0), low
    elif direction == "lower":
        miss, bound = (value - high if value > high else 0.0), high
    elif value < low:
        miss, bound = low - value, low
    else:
        miss, bound = (value - high if value > high else 0.0), high
    if miss <= 0:
        return "uppnadd"
    return "nara" if miss <= abs(bound) * tolerance + 1e-9 * max(1.0, abs(bound)) else "ej-uppnadd"


@dataclasses.dataclass(frozen=True)
class Expected:
    status: str
    value: float | None
    measured_year: int | None


class Package:
    """The package's rows, looked up the way the rules need them."""

    def __init__(self, rows: Mapping[str, list[dict]], tolerance: float = 0.05) -> None:
        self.rows = rows
        self.tolerance = tolerance
        self.periods = {p["id"]: p for p in rows["periods"]}
        self.latest = max(rows["periods"], key=lambda p: p["end_date"])
        self.as_of = date.fromisoformat(self.latest["end_date"])
        self.indicators = {i["id"]: i for i in rows.get("indicators", [])}
        self.targets = {(t["indicator"], t["year"]): t for t in rows.get("targets", [])}
        self.results: dict[str, list[dict]] = {}
        for result in rows.get("results", []):
            self.results.setdefault(result["indicator"], []).append(result)

    def known(self, indicator: str, as_of: date) -> dict[int, dict]:
        """Per year, the value known on ``as_of`` that became known last."""
        by_year: dict[int, dict] = {}
        for result in self.results.get(indicator, []):
            when = _known_on(result, self.periods)
            if when <= as_of and (
                result["year"] not in by_year or _known_on(by_year[result["year"]], self.periods) < when
            ):
                by_year[result["year"]] = result
        return by_year

    def status(self, indicator: str, year: int, as_of: date) -> Expected:
        """The status of ``year``'s own value known on ``as_of``."""
        result = self.known(indicator, as_of).get(year)
        target = self.targets.get((indicator, year))
        if result is None:
            passed = target is not None and date(year, 12, 31) < as_of
            return Expected("ej-uppfoljd" if passed else "ej-matt", None, None)
        return self._judged(indicator, result, target)

    def _judged(self, indicator: str, result: dict, target: dict | None) -> Expected:
        if target is None:
            return Expected("malniva-saknas", result["value"], result["year"])
        direction = self.indicators[indicator]["direction"]
        status = _judge(direction, result["value"], target.get("min"), target.get("max"), self.tolerance)
        return Expected(status, result["value"], result["year"])

    def in_report(self, indicator: str, year: int, as_of: date) -> Expected:
        """What a report for ``year`` ending on ``as_of`` says: the year's value, else the latest within the interval."""
        own = self.status(indicator, year, as_of)
        interval = {"arligen": 1, "vartannat-ar": 2}.get(self.indicators[indicator]["frequency"])
        if own.value is not None or own.status == "ej-uppfoljd" or interval is None:
            return own
        known = self.known(indicator, as_of)
        earlier = [y for y in known if year - interval <= y < year]
        if not earlier:
            return own
        result = known[max(earlier)]
        return self._judged(indicator, result, self.targets.get((indicator, result["year"])))

    def years(self, indicator: str) -> list[int]:
        """The years a styrmått page shows: those with a value known now or a målnivå."""
        known = set(self.known(indicator, self.as_of))
        return sorted(known | {y for (i, y) in self.targets if i == indicator})

    def _interim(self, result: dict) -> bool:
        return bool(result.get("period")) and self.periods[result["period"]]["kind"] == "delar"

    def trend(self, indicator: str, year: int) -> str | None:  # noqa: PLR0911 -- one return per rule of the comparison
        """The arrow for ``year``'s value shown now, against the measurement before it of the same kind.

        A year's value is compared with the value of the latest earlier year with one; a delår value
        with the value of the same delårsrapport a year before (like with like). No arrow after a method
        break or without an earlier value; for a styrmått that must stay within an interval only
        "oförändrat". None where the rules do not say (a year's value after a year with only a delår
        value, a delår value with no delår value of the same month a year before).
        """
        known = self.known(indicator, self.as_of)
        current = known.get(year)
        if current is None:
            return "okand"
        if self._interim(current):
            month = self.periods[current["period"]]["end_date"][5:7]
            same = [
                r
                for r in self.results.get(indicator, [])
                if r["year"] == year - 1 and self._interim(r) and self.periods[r["period"]]["end_date"][5:7] == month
            ]
            if not same:
                return None
            previous = same[0]
        else:
            earlier = [r for y, r in known.items() if y < year]
            if not earlier:
                return "okand"
            previous = max(earlier, key=lambda r: r["year"])
            if self._interim(previous):
                return None
        if current["method_break"]:
            return "okand"
        change = current["value"] - previous["value"]
        if change == 0:
            return "oforandrat"
        direction = self.indicators[indicator]["direction"]
        if direction == "band":
            return "okand"
        return "battre" if (change > 0) == (direction == "higher") else "samre"

    def is_interim(self, indicator: str, year: int) -> bool:
        """Whether ``year``'s value known now is a delår value (the year's value is not in yet)."""
        current = self.known(indicator, self.as_of).get(year)
        return current is not None and self._interim(current)

    def goal_status(self, goal_id: str, year: int, as_of: date, rule: str = "majority") -> str:
        """A goal's status from its styrmått in the report and its child goals in force (majority rule)."""
        goals = self.rows["goals"]
        inputs = [self.in_report(i, year, as_of).status for i, ind in self.indicators.items() if ind["goal"] == goal_id]
        for child in goals:
            if child.get("parent") == goal_id and in_force(child, year):
                status = self.goal_status(child["id"], year, as_of, rule)
                inputs += {"uppnatt": ["uppnadd"], "delvis": ["nara"], "ej-uppnatt": ["ej-uppnadd"]}.get(status, [])
        measured = [s for s in inputs if s in ("uppnadd", "nara", "ej-uppnadd")]
        if not measured:
            return "ej-bedomt"
        if 2 * measured.count("uppnadd") > len(measured):
            return "uppnatt"
        if 2 * measured.count("ej-uppnadd") > len(measured):
            return "ej-uppnatt"
        return "delvis"
