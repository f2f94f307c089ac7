"""``init``: a starter package for any Swedish municipality, from Kolada alone.

What it writes (the default KPI set is documented in docs/kolada.md):

- the municipality row: Kolada's name for the code; the county from the code's first two digits (SCB's
  county codes), since Kolada's municipality list names no county;
- :data:`DEFAULT_KPIS` as styrmått, with Kolada's own title and description, their values for the
  municipality, Riket and the comparison group (the other municipalities of the same county in
  Kolada's list), through the same merge as ``import-kolada``;
- the tax receipt's net costs per verksamhet, the municipal tax rate and the population from Kolada;
- a goal structure (a vision, three fullmäktigemål, reporting periods, the council and the executive
  board) that is example data, marked ``example=true``, for the municipality to replace.

The descriptor is the plugin's contract (``package/contract.json``): every resource and its schema, no rows.

Everything is written to a temporary folder, validated, and only then moved into place.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..package import CONTRACT, load
from ..package.problems import PackageError
from .client import RIKET, KoladaClient, KoladaError
from .country import national_files
from .csvfile import CsvFile
from .importer import FILES, merge, number, source_id
from .rows import COUNTIES

#: The default styrmått: (KPI, goal, unit, decimals, measure type, direction, frequency, can influence).
DEFAULT_KPIS = (
    ("N15428", "utbildning", "procent", 1, "resultat", "higher", "arligen", True),
    ("N15507", "utbildning", "poang", 1, "resultat", "higher", "arligen", True),
    ("N17445", "utbildning", "procent", 1, "resultat", "higher", "arligen", True),
    ("U21468", "omsorg", "procent", 0, "resultat", "higher", "arligen", True),
    ("U23401", "omsorg", "dagar", 0, "resultat", "lower", "arligen", True),
    ("U31402", "omsorg", "dagar", 0, "process", "lower", "arligen", True),
    ("U00587", "samhalle", "procent", 1, "resultat", "higher", "arligen", True),
    ("U00588", "samhalle", "procent", 1, "resultat", "higher", "arligen", True),
    ("U07451", "samhalle", "index", 0, "resultat", "higher", "arligen", True),
    ("N00090", "samhalle", "procent", 1, "process", "lower", "arligen", True),
    ("N01951", "samhalle", "antal", 0, "resultat", "higher", "arligen", False),
    ("N00901", "samhalle", "procent", 2, "resurs", "band", "arligen", True),
    ("N00096", "samhalle", "kr/inv", 0, "resurs", "lower", "arligen", True),
)
#: Net cost per verksamhet for the tax receipt (kr/inv), chosen so that nothing is counted twice.
SPENDING_KPIS = (
    ("N10038", "utbildning", "Förskola, skola och vuxenutbildning"),
    ("N20011", "aldre-funktionsnedsattning", "Äldreomsorg och stöd till personer med funktionsnedsättning"),
    ("N30005", "individ-familj", "Individ- och familjeomsorg"),
    ("N09022", "kultur", "Kultur"),
    ("N09018", "fritid", "Fritid"),
    ("N07037", "infrastruktur", "Infrastruktur, skydd och liknande"),
    ("N05002", "politik", "Politisk verksamhet"),
    ("N40011", "arbetsmarknad", "Arbetsmarknadsåtgärder"),
)
POPULATION_KPI, TAX_KPI = "N01951", "N00901"
GOALS = (
    ("utbildning", "Barn och unga lyckas i skolan"),
    ("omsorg", "Den som behöver stöd får det i tid"),
    ("samhalle", "En attraktiv kommun att bo och verka i"),
)
EXAMPLE = "exempeldata"
EXAMPLE_NOTE = "Exempeldata: påhittad rad i startpaketet. Byt den mot kommunens egen."


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split()) or "kommun"


def _csv(header: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["true" if v is True else "false" if v is False else "" if v is None else str(v)
                         for v in (row.get(h) for h in header)])  # fmt: skip
    return out.getvalue().encode("utf-8")


def init(code: str, out: Path, client: KoladaClient, *, fetched_on: date, website: str) -> Path:
    """Write a validated starter package for municipality ``code`` into ``out`` (new or empty).

    ``website`` is the municipality's own site: Kolada does not have it, and security.txt needs a contact.
    """
    if not website.startswith(("https://", "http://")):
        raise KoladaError(f"--webbplats {website!r} ska börja med https://, till exempel https://www.kommunen.se")
    if not (len(code) == 4 and code.isdigit()) or code[:2] not in COUNTIES:
        raise KoladaError(f"--kommun {code!r} är ingen kommunkod. Skriv SCB:s fyra siffror, till exempel 1883")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KoladaError(f"{out} finns redan och är inte tom. Så rättar du: ange en ny eller tom mapp med --out")
    everyone = client.municipalities()
    titles = {str(m.get("id")): str(m.get("title")) for m in everyone if m.get("type") == "K"}
    if code not in titles:
        raise KoladaError(f"Kolada har ingen kommun med koden {code}. Så rättar du: kontrollera kommunkoden")
    members = sorted(c for c in titles if c[:2] == code[:2] and c != code)
    kpi_ids = sorted({k[0] for k in DEFAULT_KPIS} | {k[0] for k in SPENDING_KPIS})
    meta = {str(k.get("id")): k for k in client.kpis(kpi_ids)}
    values = {(v.kpi, v.municipality, v.year): v for v in client.data(kpi_ids, [code, RIKET, *members])}
    own = sorted({y for (k, m, y), v in values.items() if m == code and v.value is not None})
    if not own:
        raise KoladaError(f"Kolada har inga värden för kommunen {code} i standardurvalet av nyckeltal")
    found = Found(code, titles, members, meta, values, own)
    files = _skeleton(found, fetched_on, client.base_url, website)
    with tempfile.TemporaryDirectory(prefix=".init-", dir=out.parent if out.parent.exists() else None) as work:
        staging = Path(work) / "package"
        staging.mkdir()
        for path, data in files.items():
            (staging / path).write_bytes(data)
        try:
            package = load(staging)
            package_files = {n: CsvFile.parse((staging / f"{n}.csv").read_bytes()) for n in FILES}
            merge(package.model, package_files, values, fetched_on=fetched_on, base_url=client.base_url)
            national, _ = national_files(package, package_files, client, fetched_on=fetched_on, years=None, groups=None)
            for name, file in package_files.items():
                (staging / f"{name}.csv").write_bytes(file.to_bytes())
            for path, data in national.items():
                (staging / path).write_bytes(data)
            load(staging)
        except PackageError as error:
            raise KoladaError("Startpaketet blev inte giltigt, så ingenting skrevs:\n" + error.report()) from None
        if out.exists():
            out.rmdir()
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(out))
    print(f"Startpaketet för {titles[code]} ({code}) finns i {out}. Målen och perioderna är exempeldata att byta ut.")
    return out


@dataclass(frozen=True)
class Found:
    """What Kolada said: the code, every municipality's name, the group's members, KPI metadata, the values."""

    code: str
    titles: dict
    members: list
    meta: dict
    values: dict
    own: list


def _example_model(tables: dict[str, list[dict]], title: str, own: list) -> None:
    """The example part of a starter package: organisation, levels, perspective, periods and goals (example=true)."""
    base = {"source": EXAMPLE, "example": True}
    tables["organisation"] = [
        {"id": "kf", "name": "Kommunfullmäktige", "short_name": "KF", "kind": "fullmaktige", **base, "note": EXAMPLE_NOTE},
        {"id": "ks", "name": "Kommunstyrelsen", "short_name": "KS", "kind": "styrelse", "parent": "kf", **base, "note": EXAMPLE_NOTE},
    ]  # fmt: skip
    tables["levels"] = [
        {"id": "vision", "name": "Vision", "plural": "Visioner", "order": 1, "decided_by": "Kommunfullmäktige", "measurable": False, **base},
        {"id": "fullmaktigemal", "name": "Fullmäktigemål", "plural": "Fullmäktigemål", "order": 2, "decided_by": "Kommunfullmäktige", "measurable": True, **base},
    ]  # fmt: skip
    tables["perspectives"] = [{"id": "medborgare", "name": "Medborgarperspektiv", "order": 1, **base}]
    years = own[-3:]
    tables["periods"] = [
        {"id": f"{y}-12", "year": y, "name": f"Årsredovisning {y}", "kind": "helar", "end_date": f"{y}-12-31", **base}
        for y in years
    ]
    first = own[0]
    tables["goals"] = [{
        "id": "vision", "level": "vision", "owner": "kf", "title": f"Exempel: ett {title} där alla kan växa",
        "valid_from": first, **base, "note": EXAMPLE_NOTE,
    }] + [{
        "id": goal, "level": "fullmaktigemal", "parent": "vision", "owner": "kf", "perspective": "medborgare",
        "title": f"Exempel: {text.lower()}", "valid_from": first, **base, "note": EXAMPLE_NOTE,
    } for goal, text in GOALS]  # fmt: skip


def _kolada_figures(
    tables: dict[str, list[dict]], found: Found, municipal_source: str, fetched_on: date
) -> dict[str, str]:
    """Kolada's own figures in a starter package: styrmått, spending, tax rate, population and the county's
    kommuner; returns the Kolada sources they cite (``{source id: KPI}``)."""
    code, titles, members, meta, values, own = (
        found.code, found.titles, found.members, found.meta, found.values, found.own
    )  # fmt: skip
    municipality_id = slug(titles[code])
    county = COUNTIES[code[:2]]
    kpi_sources: dict[str, str] = {}

    def kpi_source(kpi: str) -> str:
        sid = source_id(kpi, fetched_on)
        kpi_sources[sid] = kpi
        return sid

    for kpi, goal, unit, decimals, measure, direction, frequency, influence in DEFAULT_KPIS:
        info = meta.get(kpi, {})
        tables["indicators"].append({
            "id": slug(f"{kpi}"), "goal": goal, "name": str(info.get("title") or kpi)[:300],
            "definition": info.get("description") or None, "unit": unit, "decimals": decimals,
            "measure_type": measure, "direction": direction, "frequency": frequency, "kolada_kpi": kpi,
            "can_influence": influence, "comparable": True, "source": kpi_source(kpi), "example": False,
            "note": "Nyckeltal från Kolada. Kopplingen till målet är exempeldata.",
        })  # fmt: skip
    spending_years = [
        y for y in own if all(getattr(values.get((k, code, y)), "value", None) is not None for k, _, _ in SPENDING_KPIS)
    ]
    if spending_years:
        year = spending_years[-1]
        tables["spending"] = [{
            "year": year, "area": area, "name": name, "owner": "ks", "unit": "kr/inv",
            "value": number(max(values[(kpi, code, year)].value, 0)), "kolada_kpi": kpi, "source": kpi_source(kpi),
            "example": False, "note": "Ansvarig nämnd är exempeldata.",
        } for kpi, area, name in SPENDING_KPIS]  # fmt: skip
    for (kpi, municipality, year), value in sorted(values.items()):
        if municipality != code or value.value is None:
            continue
        if kpi == TAX_KPI:
            tables["tax_rates"].append({"year": year, "scope": "kommun", "rate": number(value.value), "source": kpi_source(kpi), "example": False})  # fmt: skip
        if kpi == POPULATION_KPI:
            tables["population"].append({"year": year, "area": municipality_id, "inhabitants": int(value.value), "source": kpi_source(kpi), "example": False})  # fmt: skip
    tables["comparison_groups"] = [{
        "group": "lanets-kommuner", "group_name": f"Övriga kommuner i {county}", "code": member,
        "name": titles[member], "source": municipal_source, "example": False,
        "note": "Gruppen är startpaketets val. Byt gärna mot en av Koladas grupper av liknande kommuner.",
    } for member in members]  # fmt: skip
    return kpi_sources


def _skeleton(found: Found, fetched_on: date, base_url: str, website: str) -> dict[str, bytes]:
    code, own = found.code, found.own
    title = found.titles[code]
    descriptor = json.loads(CONTRACT.read_text(encoding="utf-8"))
    county = COUNTIES[code[:2]]
    municipality_id = slug(title)
    descriptor.update(
        name=f"{municipality_id}-styrmodell",
        title=f"{title} – styrmodell, mål och resultat (startpaket)",
        description=(
            f"Startpaket för {title} från Kolada. Nyckeltalen är Koladas; målen, perioderna och organisationen "
            "är exempeldata (example=true) som kommunen ska byta mot sina egna."
        ),
    )
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}
    municipal_source = f"kolada-kommuner-{fetched_on.isoformat()}"
    tables: dict[str, list[dict]] = {name: [] for name in fields}
    tables["sources"] = [
        {"id": EXAMPLE, "title": "Exempeldata", "publisher": "Startpaketet", "note": EXAMPLE_NOTE},
        {
            "id": municipal_source,
            "title": "Kolada, kommuner och regioner",
            "publisher": "RKA (Kolada)",
            "url": "https://www.kolada.se/",
            "accessed": fetched_on.isoformat(),
            "note": f"Kommunens namn och kod ur Koladas kommunlista ({base_url}/municipality). Länet följer av "
            "kommunkodens två första siffror (SCB:s länskoder).",
        },
    ]
    tables["municipality"] = [{
        "id": municipality_id, "name": title, "code": code, "county": county, "website": website, "licence": "CC-BY-4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/", "publisher": f"Startpaket för {title}",
        "publisher_is_municipality": False, "source": municipal_source, "example": False,
    }]  # fmt: skip
    _example_model(tables, title, own)
    kpi_sources = _kolada_figures(tables, found, municipal_source, fetched_on)
    for sid, kpi in sorted(kpi_sources.items()):
        tables["sources"].append({
            "id": sid, "title": f"Kolada, nyckeltal {kpi}", "publisher": "RKA (Kolada)",
            "url": f"https://www.kolada.se/verktyg/fri-sokning/?kpis={kpi}", "accessed": fetched_on.isoformat(),
            "note": f"Hämtat med styrmodell init från {base_url}: totalen (kön T). Licens CC BY 4.0, Källa: Kolada (RKA).",
        })  # fmt: skip
    tables["sources"].sort(key=lambda r: r["id"])
    files = {"datapackage.json": (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
    for resource in descriptor["resources"]:
        files[resource["path"]] = _csv(fields[resource["name"]], tables[resource["name"]])
    return files
