"""Kolada's figures for every kommun, its list of kommuner and its groups: the package's ``kolada_*`` resources.

``import-kolada`` and ``init`` write three resources (described in docs/datapaketet.md):

- ``kolada_values``: for each KPI a styrmått has, Kolada's total value for every kommun (type K) in each year
  the package has a result for that styrmått; one paged query per KPI (``data/kpi/{kpi}/year/{years}``);
- ``kolada_municipalities``: every kommun in Kolada's list, with the county from its code;
- ``kolada_groups``: the chosen municipality groups with their members. Without a choice, the package keeps
  the groups it has; a package without any gets :func:`default_groups`: Kolada's "Liknande kommuner …,
  <kommun>" groups (one per area, the newest) and the county's "<Län>s kommuner" group.

A row whose value (or name, or membership) Kolada still gives unchanged keeps its text and its old source,
so a second run with the same answers changes no byte.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..package.loader import Package
from ..package.model import Styrmodell
from ..package.read import CONTRACT, DESCRIPTOR
from .client import KoladaClient, KoladaError, Value
from .csvfile import CsvFile, Record
from .rows import COUNTIES, number, resource_paths, source_id, source_row

VALUES, MUNICIPALITIES, GROUPS = "kolada_values", "kolada_municipalities", "kolada_groups"
RESOURCES = (MUNICIPALITIES, VALUES, GROUPS)
SIMILAR = "Liknande kommuner"
COUNTY = " läns kommuner (ovägt medel)"
YEAR_AT_END = re.compile(r", (\d{4})$")


def kind_and_topic(title: str) -> tuple[str, str]:
    """What a group is, from Kolada's title: ``("similar", "grundskola")``, ``("county", "")`` or ``("other", "")``.

    "Liknande kommuner grundskola, <kommun>, 2024" and "Liknande kommuner, övergripande, <kommun>, 2025" are
    groups of kommuner like that kommun; "<län>s kommuner (ovägt medel)" is a county's kommuner.
    """
    base = YEAR_AT_END.sub("", title.strip())
    if base.startswith(SIMILAR) and ", " in base:
        parts = base.split(", ")
        head = parts[0][len(SIMILAR) :].strip()
        topic = head or (parts[1] if len(parts) > 2 else "")
        return ("similar", topic) if topic else ("other", "")
    if base.endswith(COUNTY):
        return "county", ""
    return "other", ""


def similar_to(title: str) -> str | None:
    """The kommun a "Liknande kommuner …, <kommun>[, <år>]" group is made for."""
    if kind_and_topic(title)[0] != "similar":
        return None
    return YEAR_AT_END.sub("", title.strip()).split(", ")[-1]


def default_groups(groups: Iterable[Mapping], code: str, name: str) -> list[str]:
    """Kolada's groups for the kommun ``code``/``name``: its similar kommuner per area and its county's kommuner.

    Where Kolada has two groups for the same area (made in different years), the newest is taken.
    """
    newest: dict[str, tuple[tuple[int, int], str]] = {}
    county: list[str] = []
    for group in groups:
        group_id, title = str(group.get("id", "")), str(group.get("title", ""))
        kind, topic = kind_and_topic(title)
        members = {str(m.get("member_id")) for m in group.get("members") or []}
        if kind == "similar" and similar_to(title) == name and code not in members:
            year = YEAR_AT_END.search(title.strip())
            rank = (int(year[1]) if year else 0, int(group_id[1:]) if group_id[1:].isdigit() else 0)
            if topic not in newest or rank > newest[topic][0]:
                newest[topic] = (rank, group_id)
        elif kind == "county" and code in members:
            county.append(group_id)
    return [group_id for _, (_, group_id) in sorted(newest.items())] + sorted(county)


@dataclass
class Country:
    """What Kolada said about the whole country: kommuner, values (kommuner only) and the chosen groups."""

    municipalities: dict[str, str]  # code -> name, type K only
    values: list[Value] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)


def fetch_country(
    client: KoladaClient,
    kpi_years: Mapping[str, Iterable[int]],
    *,
    code: str,
    name: str,
    chosen: list[str] | None,
) -> Country:
    """Kolada's kommuner, one paged query per KPI for all of them, and the groups (``chosen``, else the defaults)."""
    everyone = client.municipalities()
    kommuner = {str(m.get("id")): str(m.get("title")) for m in everyone if m.get("type") == "K"}
    values = [
        v
        for kpi, years in sorted(kpi_years.items())
        if years
        for v in client.national(kpi, years)
        if v.municipality in kommuner and v.value is not None
    ]
    known = {str(g.get("id")): g for g in client.groups()}
    # Kolada's own name for the code: a package may write "<namn> kommun" where the groups say "<namn>".
    wanted = chosen if chosen is not None else default_groups(known.values(), code, kommuner.get(code, name))
    missing = [g for g in wanted if g not in known]
    if missing:
        raise KoladaError(
            f"Kolada har ingen kommungrupp med id {', '.join(missing)}. Så rättar du: kontrollera --groups, "
            "eller ta bort gruppen ur kolada_groups.csv"
        )
    return Country(kommuner, values, [known[g] for g in wanted])


def _source(sid: str, title: str, what: str, fetched_on: date, base_url: str) -> dict[str, str]:
    return {
        "id": sid,
        "title": title,
        "publisher": "RKA (Kolada)",
        "url": "https://www.kolada.se/",
        "accessed": fetched_on.isoformat(),
        "note": f"{what} Hämtat från {base_url} den {fetched_on.isoformat()}. Licens CC BY 4.0, Källa: Kolada (RKA).",
    }


def municipal_source(fetched_on: date, base_url: str) -> dict[str, str]:
    return _source(
        f"kolada-kommuner-{fetched_on.isoformat()}",
        "Kolada, kommuner och regioner",
        f"Kommunernas namn och koder ur Koladas kommunlista ({base_url}/municipality). Länet följer av "
        "kommunkodens två första siffror (SCB:s länskoder).",
        fetched_on,
        base_url,
    )


def group_source(fetched_on: date, base_url: str) -> dict[str, str]:
    return _source(
        f"kolada-kommungrupper-{fetched_on.isoformat()}",
        "Kolada, kommungrupper",
        f"Grupperna och deras kommuner ur Koladas lista över kommungrupper ({base_url}/municipality_groups).",
        fetched_on,
        base_url,
    )


def _rows(data: bytes | None) -> list[dict[str, str]]:
    if not data:
        return []
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _same_number(text: str, value: float) -> bool:
    try:
        return float(text) == value
    except ValueError:
        return False


def country_rows(
    country: Country,
    existing: Mapping[str, bytes | None],
    *,
    kpi_years: Mapping[str, Iterable[int]],
    fetched_years: Mapping[str, Iterable[int]],
    sources: Mapping[str, str],
) -> dict[str, list[dict[str, str]]]:
    """The rows of the three resources; ``sources`` names the source id for ``municipalities``, ``groups`` and
    each KPI of a new or changed row. A row Kolada gives unchanged keeps its text and source.

    ``kpi_years`` is every year the package covers per KPI; ``fetched_years`` the ones asked for now (all of
    them, or those of ``--years``): rows of years covered but not asked for are kept, others go.
    """
    old_values = {(r["kpi"], r["municipality"], int(r["year"])): r for r in _rows(existing.get(VALUES))}
    values: dict[tuple[str, str, int], dict[str, str]] = {}
    for (kpi, municipality, year), row in old_values.items():
        if year in set(kpi_years.get(kpi, ())) and year not in set(fetched_years.get(kpi, ())):
            values[(kpi, municipality, year)] = row
    for value in country.values:
        if value.year not in set(fetched_years.get(value.kpi, ())):
            continue
        key = (value.kpi, value.municipality, value.year)
        old = old_values.get(key)
        if old is not None and _same_number(old["value"], value.value):
            values[key] = old
        else:
            values[key] = {
                "kpi": value.kpi,
                "municipality": value.municipality,
                "year": str(value.year),
                "value": number(value.value),
                "source": sources[value.kpi],
            }
    old_municipalities = {r["code"]: r for r in _rows(existing.get(MUNICIPALITIES))}
    municipalities = []
    for code, name in sorted(country.municipalities.items()):
        row = {"code": code, "name": name, "county": COUNTIES.get(code[:2], ""), "source": sources["municipalities"]}
        old = old_municipalities.get(code)
        same = old is not None and (old["name"], old.get("county", "")) == (row["name"], row["county"])
        municipalities.append(old if same else row)
    old_groups = {(r["group"], r["member"]): r for r in _rows(existing.get(GROUPS))}
    groups = []
    for group in country.groups:
        kind, topic = kind_and_topic(str(group["title"]))
        for member in sorted(group.get("members") or [], key=lambda m: str(m.get("member_id"))):
            row = {
                "group": str(group["id"]),
                "title": str(group["title"]),
                "kind": kind,
                "topic": topic,
                "member": str(member.get("member_id")),
                "member_name": str(member.get("member_title")),
                "source": sources["groups"],
            }
            old = old_groups.get((row["group"], row["member"]))
            same = old is not None and all(old.get(k, "") == v for k, v in row.items() if k != "source")
            groups.append(old if same else row)
    return {
        MUNICIPALITIES: municipalities,
        VALUES: [values[key] for key in sorted(values)],
        GROUPS: groups,
    }


def to_csv(resource: Mapping, rows: list[dict[str, str]]) -> bytes:
    header = [f["name"] for f in resource["schema"]["fields"]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return out.getvalue().encode("utf-8")


def contract_resources() -> dict[str, dict]:
    descriptor = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return {r["name"]: r for r in descriptor["resources"] if r["name"] in RESOURCES}


def used_sources(rows: Mapping[str, list[dict[str, str]]]) -> set[str]:
    return {row["source"] for table in rows.values() for row in table}


# Into the package ----------------------------------------------------------------------------------------


def covered_years(model: Styrmodell, results: CsvFile) -> dict[str, set[int]]:
    """Per KPI of a styrmått, the years the package has a result for (after this run's merge)."""
    kpi_of = {i.id: i.kolada_kpi for i in model.indicators if i.kolada_kpi}
    years: dict[str, set[int]] = {}
    for record in results.records:
        kpi = kpi_of.get(record.values.get("indicator", ""))
        if kpi and str(record.values.get("year", "")).isdigit():
            years.setdefault(kpi, set()).add(int(record.values["year"]))
    return years


def national_files(
    package: Package,
    files: Mapping[str, CsvFile],
    client: KoladaClient,
    *,
    fetched_on: date,
    years: Iterable[int] | None,
    groups: list[str] | None,
) -> tuple[dict[str, bytes], str]:
    """The three resources' new bytes (and the descriptor's, if it lacked them), and one line saying what.

    Adds the sources the rows cite to ``files["sources"]``. ``groups`` is ``--groups``: without it, the groups
    the package has; without those, :func:`default_groups`.
    """
    model = package.model
    kpi_years = covered_years(model, files["results"])
    if not kpi_years:
        return {}, ""
    wanted = set(years) if years is not None else None
    fetched = {kpi: {y for y in ys if wanted is None or y in wanted} for kpi, ys in kpi_years.items()}
    chosen = groups if groups is not None else list(dict.fromkeys(g.group for g in model.kolada_groups)) or None
    municipality = model.municipality
    country = fetch_country(client, fetched, code=municipality.code, name=municipality.name, chosen=chosen)
    base_url = client.base_url
    new_sources = {
        "municipalities": municipal_source(fetched_on, base_url),
        "groups": group_source(fetched_on, base_url),
    }
    sources = {key: row["id"] for key, row in new_sources.items()}
    sources.update({kpi: source_id(kpi, fetched_on) for kpi in kpi_years})
    descriptor = dict(package.descriptor)
    contract = contract_resources()
    missing = [name for name in RESOURCES if name not in resource_paths(descriptor)]
    if missing:
        descriptor["resources"] = [*descriptor["resources"], *(contract[name] for name in missing)]
    paths = resource_paths(descriptor)
    existing = {name: package.files.get(paths[name]) for name in RESOURCES}
    rows = country_rows(country, existing, kpi_years=kpi_years, fetched_years=fetched, sources=sources)
    out = {paths[name]: to_csv(contract[name], rows[name]) for name in RESOURCES}
    if missing:
        out[DESCRIPTOR] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    by_id = {row["id"]: row for row in new_sources.values()}
    by_id.update(
        {
            source_id(kpi, fetched_on): source_row(source_id(kpi, fetched_on), kpi, fetched_on, base_url)
            for kpi in kpi_years
        }
    )
    present = {r.values["id"] for r in files["sources"].records}
    for sid in sorted(used_sources(rows) - present):
        files["sources"].records.append(Record(by_id[sid], None))
    files["sources"].records.sort(key=lambda r: r.values["id"])
    counted = len({v["municipality"] for v in rows[VALUES]})
    line = (
        f"Hela landet: {len(rows[VALUES])} värden för {counted} kommuner och {len(kpi_years)} nyckeltal, "
        f"{len({g['group'] for g in rows[GROUPS]})} kommungrupper."
    )
    return out, line
