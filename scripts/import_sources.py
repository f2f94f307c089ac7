#!/usr/bin/env python3
"""Regenerate the imported resources of data/karlskoga from the public source files.

Usage:
    python3 scripts/import_sources.py [SOURCE_FOLDER]

SOURCE_FOLDER defaults to ../shared/data/karlskoga-sources (relative to the repo root).
Its SOURCES.md says where every figure comes from.

Written by this script (nothing else):
    results.csv            Kolada values for Karlskoga, one row per styrmått and year
    comparisons.csv        the same styrmått for Riket (and Örebro län for the population)
    population.csv         inhabitants 31 December: Karlskoga, Örebro län, Riket
    tax_rates.csv          municipal and regional tax rate per year
    financial_results.csv  the year's result against the financial goal
    spending.csv           net cost per verksamhetsområde (kr/inv) and the "100 kr" breakdown

All other CSVs (sources, goals, indicators, targets, ...) are edited by hand and are only read:
indicators.csv says which Kolada KPI belongs to which styrmått, periods.csv which periods exist,
sources.csv which source ids exist.

Rows in results.csv and comparisons.csv whose source is not one of IMPORTED_SOURCES
(for example the styrmodell's worked example and other example rows) were entered by hand:
they are kept as they are.

The output is deterministic: same input, same bytes. Values are copied as they stand in the
source files; only trailing zeros after the decimal point are dropped ("33324.0" -> "33324").
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "data" / "karlskoga"
DEFAULT_SOURCE_FOLDER = REPO.parent / "shared" / "data" / "karlskoga-sources"

KARLSKOGA, RIKET = "1883", "0000"  # Kolada kommun_id
RESULT_YEARS = range(2010, 2023)  # Kolada years carried over as results and comparisons
SPENDING_YEAR = 2022
POPULATION_KPI = "N01951"  # this styrmått takes all years from karlskoga_folkmangd.csv

# Every source id this script may write. A row with one of these sources belongs to the script.
IMPORTED_SOURCES = {
    "kolada-ddf-dump",
    "regionfakta-2023",
    "friatider-2012",
    "alliansforskane-2017",
    "lansposten-2023",
    "statsskuld-karlskoga",
    "scb-2025-via-marcusoscarsson",
    "flyttatillkarlskoga-2019",
    "karlskoga-mal-resultat-2015",
    "karlskoga-mal-resultat-2016",
    "karlskoga-mal-resultat-2017",
}

# ---------------------------------------------------------------------------- notes
# Kolada's own definitions say that the method changed in these years.
METHOD_BREAKS = {
    (
        "N15428",
        2012,
    ): "Behörighetskraven skärptes: fram till 2011 räckte godkänt i svenska, engelska och matematik (enligt Koladas definition).",
    ("N15505", 2016): "Från 2016 räknas inte elever med okänd bakgrund med (enligt Koladas definition).",
    ("N17445", 2021): "Från 2021 räknas inte IB-elever med (enligt Koladas definition).",
    (
        "U31402",
        2018,
    ): "Fram till 2017 mättes tiden från första kontakt, från 2018 från ansökan (enligt Koladas definition).",
}
RESULT_NOTES = {
    ("N03102", 2010): "Ovanligt högt värde. Källan förklarar inte varför.",
}

TAX_NOTES = {
    (2012, "region"): "Landstingsskatt 2012 enligt en lista i Fria Tider (andrahandskälla).",
    (2017, "region"): "Enligt en lista över skattesatser 2017 (andrahandskälla).",
    (
        2023,
        "region",
    ): "Härlett: regionen höjde skatten med 75 öre till 12,30 för 2024, alltså var skattesatsen 2023 12,30 minus 0,75.",
    (
        2024,
        "kommun",
    ): "Andrahandskälla: kalkylator från tredje part utan datum. Årtalet 2024 är härlett från regionskatten 12,30, som gäller från 2024.",
    (2024, "region"): "Höjd med 75 öre till 12,30 från 2024.",
    (
        2025,
        "region",
    ): "Härlett: enligt SCB:s sammanställning höjde bara Region Värmland och Region Dalarna regionskatten 2025, så Örebro län låg kvar på 12,30.",
}

FINANCIAL_TARGET = {2015: "2.0", 2016: "2.0", 2017: "2.0", 2018: "2.0"}
FINANCIAL_NOTES = {
    2010: "Andel enligt Kolada N03102. Ovanligt högt värde; källan förklarar inte varför.",
    2017: "Kommunens nyhet 2018-04-24 anger överskottet till nästan 122 miljoner kronor.",
    2018: "Andel enligt Kolada N03102. Målet 2,0 procent enligt delårsrapporten januari–augusti 2018, där budgeterat resultat 35,2 mnkr motsvarar 2,0 procent.",
}

# Net cost per inhabitant, chosen so that no area is counted twice (see README):
# (area id, name, Kolada KPI, owner, note)
SPENDING_KOLADA = [
    (
        "forskola-skola",
        "Förskola, skola och vuxenutbildning",
        "N10038",
        "bun",
        "Pedagogisk verksamhet: förskola, fritidshem, grundskola, gymnasieskola, vuxenutbildning och sfi. Ansvarig nämnd är en tolkning; vuxenutbildningen kan höra till en annan nämnd.",
    ),
    (
        "aldre-funktionsnedsattning",
        "Äldreomsorg och stöd till personer med funktionsnedsättning",
        "N20011",
        "sn",
        "Omfattar även LSS (N28016). Ansvarig nämnd är en tolkning.",
    ),
    (
        "individ-familj",
        "Individ- och familjeomsorg",
        "N30005",
        "sn",
        "Omfattar även ekonomiskt bistånd (N31008). Ansvarig nämnd är en tolkning.",
    ),
    (
        "kultur",
        "Kultur",
        "N09022",
        "kfn",
        "Bibliotek, kulturskola, allmän kulturverksamhet och stöd till studieförbund. Ansvarig nämnd är en tolkning.",
    ),
    (
        "fritid",
        "Fritid",
        "N09018",
        "kfn",
        "Fritidsverksamhet, idrotts- och fritidsanläggningar och fritidsgårdar. Ansvarig nämnd är en tolkning.",
    ),
    (
        "infrastruktur",
        "Infrastruktur, skydd och miljö",
        "N07037",
        "sbn",
        "Planering, gator och parker, miljö- och hälsoskydd, räddningstjänst och näringslivsfrämjande (N40009). Flera organ delar ansvaret; samhällsbyggnadsnämnden är en tolkning.",
    ),
    (
        "politisk-verksamhet",
        "Politisk verksamhet",
        "N05002",
        "ks",
        "Nämnder och styrelse, partistöd och revision. Ansvarig nämnd är en tolkning.",
    ),
    (
        "arbetsmarknad",
        "Arbetsmarknadsåtgärder",
        "N40011",
        "ttn",
        "Ansvarig nämnd är en tolkning utifrån nämndens namn.",
    ),
]

# The "100 kr" breakdown: verksamhet in the source -> (area id, owner, note)
HUNDRALAPP = {
    "Omsorg om äldre och funktionsnedsatta": ("aldre-funktionsnedsattning", "sn", ""),
    "Grundskola": ("grundskola", "bun", ""),
    "Förskola och skolbarnomsorg": ("forskola-skolbarnomsorg", "bun", ""),
    "Gymnasieskola": ("gymnasieskola", "bun", ""),
    "Individ- och familjeomsorg": ("individ-familj", "sn", ""),
    "Kultur- och fritidsverksamhet": ("kultur-fritid", "kfn", ""),
    "Gator, parker och samhällsplanering": ("gator-parker-samhallsplanering", "sbn", ""),
    "Arbetsmarknadsåtgärder och övrig utbildning": ("arbetsmarknad-ovrig-utbildning", "ttn", ""),
    "Miljö, hälsa, räddningstjänst": (
        "miljo-halsa-raddningstjanst",
        "ttn",
        " Räddningstjänsten sköts av Bergslagens räddningstjänst; tillväxt- och tillsynsnämnden står för miljö och hälsa.",
    ),
    "Politisk verksamhet": ("politisk-verksamhet", "ks", ""),
}
HUNDRALAPP_NOTE = (
    "Källan, publicerad 2019-05-16, säger inte vilket räkenskapsår fördelningen bygger på; "
    "2019 är publiceringsåret. Ansvarig nämnd är en tolkning."
)


# ---------------------------------------------------------------------------- helpers
def number(text):
    """Copy a number as it stands, without trailing zeros: '33324.0' -> '33324', '5.20' -> '5.2'."""
    text = text.strip()
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise ValueError(f"not a plain number: {text!r}")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def source_id(kalla):
    """'kolada_ddf_dump:N00901' or 'lansposten_2023 (härlett ...)' -> 'kolada-ddf-dump' / 'lansposten-2023'."""
    key = re.match(r"[a-z0-9_]+", kalla.strip()).group(0)
    return key.replace("_", "-")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_schemas():
    package = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r["schema"] for r in package["resources"]}


def write_resource(schemas, name, rows):
    """Write rows in schema field order, sorted by primary key, with '\\n' line endings."""
    schema = schemas[name]
    fields = [f["name"] for f in schema["fields"]]
    types = {f["name"]: f["type"] for f in schema["fields"]}

    def key(row):
        return tuple(int(row[k]) if types[k] == "integer" else row[k] for k in schema["primaryKey"])

    rows = sorted(rows, key=key)
    seen = set()
    for row in rows:
        if key(row) in seen:
            sys.exit(f"{name}.csv: the key {key(row)} occurs twice")
        seen.add(key(row))
    with open(PACKAGE / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(fields)
        for row in rows:
            writer.writerow([cell(row.get(f)) for f in fields])
    print(f"{name}.csv: {len(rows)} rows")


def cell(value):
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def hand_rows(name):
    """Rows of an existing CSV that this script did not write (their source is not imported)."""
    path = PACKAGE / f"{name}.csv"
    if not path.exists():
        return []
    return [r for r in read_csv(path) if r["source"] not in IMPORTED_SOURCES]


# ---------------------------------------------------------------------------- builders
def load_kolada(folder):
    """{(kpi, kommun_id, year): value} for gender T."""
    values = {}
    for r in read_csv(folder / "karlskoga_kolada_nyckeltal.csv"):
        if r["kon"] == "T":
            values[(r["kpi_id"], r["kommun_id"], int(r["ar"]))] = number(r["varde"])
    return values


def build_results(kolada, population, indicators, period_ids):
    rows = []
    for ind in indicators:
        kpi = ind["kolada_kpi"]
        if not kpi:
            continue
        if kpi == POPULATION_KPI:
            series = [(int(p["ar"]), p["karlskoga"], source_id(p["kalla"])) for p in population]
        else:
            series = [
                (y, kolada[(kpi, KARLSKOGA, y)], "kolada-ddf-dump")
                for y in RESULT_YEARS
                if (kpi, KARLSKOGA, y) in kolada
            ]
        for year, value, source in series:
            period = f"{year}-12"
            note = METHOD_BREAKS.get((kpi, year)) or RESULT_NOTES.get((kpi, year))
            if source == "regionfakta-2023":
                note = "Från Regionfakta (uppgifter från SCB); Kolada-dumpen har inga värden efter 2022."
            rows.append(
                {
                    "indicator": ind["id"],
                    "year": year,
                    "period": period if period in period_ids else None,
                    "value": number(value),
                    "preliminary": False,
                    "method_break": (kpi, year) in METHOD_BREAKS,
                    "source": source,
                    "example": False,
                    "note": note,
                }
            )
    return rows


def build_comparisons(kolada, population, indicators):
    rows = []
    for ind in indicators:
        kpi = ind["kolada_kpi"]
        if not kpi:
            continue
        if kpi == POPULATION_KPI:
            for p in population:
                for area, area_name, column in (("lanet", "Örebro län", "orebro_lan"), ("riket", "Riket", "riket")):
                    rows.append(
                        {
                            "indicator": ind["id"],
                            "year": int(p["ar"]),
                            "area": area,
                            "area_name": area_name,
                            "value": number(p[column]),
                            "source": source_id(p["kalla"]),
                            "example": False,
                        }
                    )
        else:
            for y in RESULT_YEARS:
                if (kpi, RIKET, y) in kolada:
                    rows.append(
                        {
                            "indicator": ind["id"],
                            "year": y,
                            "area": "riket",
                            "area_name": "Riket",
                            "value": kolada[(kpi, RIKET, y)],
                            "source": "kolada-ddf-dump",
                            "example": False,
                        }
                    )
    return rows


def build_population(population):
    rows = []
    for p in population:
        for area, column in (("karlskoga", "karlskoga"), ("lanet", "orebro_lan"), ("riket", "riket")):
            rows.append(
                {
                    "year": int(p["ar"]),
                    "area": area,
                    "inhabitants": number(p[column]),
                    "source": source_id(p["kalla"]),
                    "example": False,
                }
            )
    return rows


def build_tax_rates(folder):
    rows = []
    for r in read_csv(folder / "skattesatser.csv"):
        year = int(r["ar"])
        for scope, rate_col, source_col in (
            ("kommun", "skattesats_kommun_karlskoga", "kalla_kommun"),
            ("region", "skattesats_region_orebro_lan", "kalla_region"),
        ):
            if r[rate_col].strip():
                rows.append(
                    {
                        "year": year,
                        "scope": scope,
                        "rate": number(r[rate_col]),
                        "source": source_id(r[source_col]),
                        "example": False,
                        "note": TAX_NOTES.get((year, scope)),
                    }
                )
    return rows


def build_financial_results(folder, kolada):
    own = {int(r["ar"]): r for r in read_csv(folder / "karlskoga_arets_resultat.csv")}
    rows = []
    for year in RESULT_YEARS:
        kolada_share = kolada.get(("N03102", KARLSKOGA, year))
        if year in own:
            r = own[year]
            share = number(r["andel_av_skatteintakter_och_generella_statsbidrag_procent"])
            note = f"Kolada N03102 ger {float(kolada_share):.2f} procent".replace(".", ",")
            if kolada_share and round(float(kolada_share), 1) == float(share):
                note += ", vilket stämmer med kommunens avrundade siffra."
            else:
                note += ", vilket avviker från kommunens siffra."
            if year in FINANCIAL_NOTES:
                note += " " + FINANCIAL_NOTES[year]
            rows.append(
                {
                    "year": year,
                    "result_mnkr": number(r["arets_resultat_mnkr"]),
                    "share_percent": share,
                    "target_percent": FINANCIAL_TARGET.get(year),
                    "source": source_id(r["kalla"]),
                    "example": False,
                    "note": note,
                }
            )
        elif kolada_share:
            rows.append(
                {
                    "year": year,
                    "result_mnkr": None,
                    "share_percent": kolada_share,
                    "target_percent": FINANCIAL_TARGET.get(year),
                    "source": "kolada-ddf-dump",
                    "example": False,
                    "note": FINANCIAL_NOTES.get(
                        year, "Andel enligt Kolada N03102; resultatet i mnkr finns inte i källorna."
                    ),
                }
            )
    return rows


def build_spending(folder, kolada):
    rows = []
    for area, name, kpi, owner, note in SPENDING_KOLADA:
        rows.append(
            {
                "year": SPENDING_YEAR,
                "area": area,
                "name": name,
                "owner": owner,
                "unit": "kr/inv",
                "value": kolada[(kpi, KARLSKOGA, SPENDING_YEAR)],
                "kolada_kpi": kpi,
                "source": "kolada-ddf-dump",
                "example": False,
                "note": note,
            }
        )
    for r in read_csv(folder / "karlskoga_skattehundralapp.csv"):
        area, owner, extra = HUNDRALAPP[r["verksamhet"]]
        rows.append(
            {
                "year": int(r["publicerad"][:4]),
                "area": area,
                "name": r["verksamhet"],
                "owner": owner,
                "unit": "kr-per-100",
                "value": number(r["kronor_per_100_kr"]),
                "kolada_kpi": None,
                "source": source_id(r["kalla"]),
                "example": False,
                "note": HUNDRALAPP_NOTE + extra,
            }
        )
    return rows


# ---------------------------------------------------------------------------- main
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_folder", nargs="?", default=str(DEFAULT_SOURCE_FOLDER))
    folder = Path(parser.parse_args().source_folder)
    if not (folder / "SOURCES.md").exists():
        sys.exit(f"{folder}: not the source folder (SOURCES.md is missing)")

    schemas = load_schemas()
    indicators = read_csv(PACKAGE / "indicators.csv")
    period_ids = {p["id"] for p in read_csv(PACKAGE / "periods.csv")}
    known_sources = {s["id"] for s in read_csv(PACKAGE / "sources.csv")}
    kolada = load_kolada(folder)
    population = read_csv(folder / "karlskoga_folkmangd.csv")

    missing = {i["kolada_kpi"] for i in indicators if i["kolada_kpi"]} - {k for k, _, _ in kolada}
    if missing:
        sys.exit(f"indicators.csv names KPIs that are not in the Kolada file: {sorted(missing)}")

    outputs = {
        "results": build_results(kolada, population, indicators, period_ids),
        "comparisons": build_comparisons(kolada, population, indicators),
        "population": build_population(population),
        "tax_rates": build_tax_rates(folder),
        "financial_results": build_financial_results(folder, kolada),
        "spending": build_spending(folder, kolada),
    }
    for name, rows in outputs.items():
        for row in rows:
            if row["source"] not in IMPORTED_SOURCES:
                sys.exit(f"{name}: source {row['source']!r} is not listed in IMPORTED_SOURCES")
            if row["source"] not in known_sources:
                sys.exit(f"{name}: source {row['source']!r} is not in sources.csv")
    # keep the rows that were entered by hand
    outputs["results"] += hand_rows("results")
    outputs["comparisons"] += hand_rows("comparisons")
    for name, rows in outputs.items():
        write_resource(schemas, name, rows)


if __name__ == "__main__":
    main()
