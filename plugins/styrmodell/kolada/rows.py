"""The rows and names import-kolada, init and the national resources share: numbers, source ids and rows."""

from __future__ import annotations

from datetime import date


def number(value: float) -> str:
    """Kolada's value as the package writes numbers: ``30263.0`` → ``30263``, ``18.450779`` stays."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def source_id(kpi: str, fetched_on: date) -> str:
    return f"kolada-{kpi.lower()}-{fetched_on.isoformat()}"


def source_row(sid: str, kpi: str, fetched_on: date, base_url: str) -> dict[str, str]:
    return {
        "id": sid,
        "title": f"Kolada, nyckeltal {kpi}",
        "publisher": "RKA (Kolada)",
        "url": f"https://www.kolada.se/verktyg/fri-sokning/?kpis={kpi}",
        "accessed": fetched_on.isoformat(),
        "note": (
            f"Hämtat med styrmodell import-kolada från {base_url} den {fetched_on.isoformat()}: totalen (kön T). "
            "Licens CC BY 4.0, Källa: Kolada (RKA)."
        ),
    }


def resource_paths(package_descriptor) -> dict[str, str]:
    return {r["name"]: r["path"] for r in package_descriptor["resources"]}


#: SCB's county codes (the first two digits of a municipality code).
COUNTIES = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län", "05": "Östergötlands län",
    "06": "Jönköpings län", "07": "Kronobergs län", "08": "Kalmar län", "09": "Gotlands län",
    "10": "Blekinge län", "12": "Skåne län", "13": "Hallands län", "14": "Västra Götalands län",
    "17": "Värmlands län", "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
    "21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län", "24": "Västerbottens län",
    "25": "Norrbottens län",
}  # fmt: skip
