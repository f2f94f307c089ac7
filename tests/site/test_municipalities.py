"""Every municipality in the repository builds and passes the same checks; the example one shows nothing of the default.

Karlskoga (four levels, three perspectives, one or two reports a year in its data) and Exempelkommun
(three levels, four other perspectives, four reports a year, a bolag with goals, its own units and a
planning year over the new year) are built once per test run with their own settings and pages. What
the pages say about the model is read from each package, never written into the test.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest
from conftest import municipality_package, read_html
from styrmodell.package.model import DEFAULT_UNITS

#: What only the default municipality's site may say (its name, address, decision and visions).
DEFAULT_TEXT = re.compile(r"karlskoga|§\s*129|vision 2020|välkomnande, kloka|alfred nobel", re.IGNORECASE)
TEXT_FILES = {".html", ".xml", ".json", ".csv", ".svg", ".txt", ".ttl", ".atom", ".js", ".jsonld"}


def rows(kommun: str, name: str) -> list[dict[str, str]]:
    with (municipality_package(kommun) / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def text_of(site: Path, url: str) -> str:
    return read_html(site, url).main.get_text(" ", strip=True)


def test_the_example_site_contains_nothing_of_the_default_municipality(exempelkommun_site: Path):
    hits = []
    for path in sorted(exempelkommun_site.rglob("*")):
        if path.suffix in TEXT_FILES and DEFAULT_TEXT.search(path.read_text(encoding="utf-8", errors="replace")):
            hits.append(path.relative_to(exempelkommun_site).as_posix())
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                hits += [
                    f"{path.name}:{n}" for n in archive.namelist() if DEFAULT_TEXT.search(archive.read(n).decode())
                ]
    assert hits == []


def test_no_fact_is_left_unfilled(municipality_site):
    _, site = municipality_site
    assert [p.name for p in site.rglob("*.html") if "{data:" in p.read_text(encoding="utf-8")] == []


def test_styrmodell_page_shows_the_package_model(municipality_site):
    kommun, site = municipality_site
    levels = sorted(rows(kommun, "levels"), key=lambda r: int(r["order"]))
    soup = read_html(site, "/styrmodell/")
    section = soup.find(id="modellen-i-data").parent
    names = [th.get_text(" ", strip=True).replace(" Exempel", "") for th in section.select("tbody th")]
    assert names == [lv["name"] for lv in levels]
    text = section.get_text(" ", strip=True)
    assert all(p["name"] in text for p in rows(kommun, "perspectives"))
    municipality = rows(kommun, "municipality")[0]["name"]
    assert municipality in soup.main.get_text(" ", strip=True)


def test_chain_page_lists_each_level_of_the_package(municipality_site):
    kommun, site = municipality_site
    text = text_of(site, "/styrmodell/malkedjan/")
    assert all(lv["plural"] in text for lv in rows(kommun, "levels"))


def test_reports_page_lists_every_period_and_the_rhythm(municipality_site):
    kommun, site = municipality_site
    text = text_of(site, "/rapporter/")
    assert all(p["name"] in text for p in rows(kommun, "periods"))
    assert "april, augusti och december" not in text or kommun == "karlskoga"


def test_every_page_of_the_example_site_says_it_shows_example_data(exempelkommun_site: Path):
    unmarked = [
        p.relative_to(exempelkommun_site).as_posix()
        for p in sorted(exempelkommun_site.rglob("*.html"))
        if "pagefind" not in p.parts and "Exempeldata" not in p.read_text(encoding="utf-8")
    ]
    assert unmarked == []


def test_four_reports_a_year_show_what_was_known_at_each(exempelkommun_site: Path):
    year = max(int(p["year"]) for p in rows("exempelkommun", "periods"))
    reports = [p["id"] for p in rows("exempelkommun", "periods") if int(p["year"]) == year]
    assert len(reports) == 4
    tables = {r: str(read_html(exempelkommun_site, f"/rapporter/{r}/").main.find("table")) for r in reports}
    assert len(set(tables.values())) > 1, "every report of the year shows the same figures"


def test_units_are_written_in_words_and_symbols_from_the_package(exempelkommun_site: Path):
    own = {u["id"]: u["name"] for u in rows("exempelkommun", "units")}
    words = {**{u.id: u.name for u in DEFAULT_UNITS.values()}, **own}
    for indicator in rows("exempelkommun", "indicators"):
        text = text_of(exempelkommun_site, f"/styrmatt/{indicator['id']}/")
        assert f"Enhet {words[indicator['unit']]}" in text
    assert "kWh/m²" in text_of(exempelkommun_site, "/styrmatt/energi-bostader/")


def test_costs_are_compared_with_the_area_the_package_names(exempelkommun_site: Path):
    area = rows("exempelkommun", "municipality")[0]["comparison_area"]
    name = next(c["area_name"] for c in rows("exempelkommun", "comparisons") if c["area"] == area)
    assert f"Skillnad mot {name}" in text_of(exempelkommun_site, "/ekonomi/")


@pytest.mark.parametrize("organ", ["eb", "bb"])
def test_a_company_with_goals_has_its_page(exempelkommun_site: Path, organ: str):
    goals = [g["title"] for g in rows("exempelkommun", "goals") if g["owner"] == organ]
    text = text_of(exempelkommun_site, f"/namnder/{organ}/")
    assert goals
    assert all(title in text for title in goals)


def test_the_planning_step_over_the_new_year_is_described_as_one(exempelkommun_site: Path):
    text = text_of(exempelkommun_site, "/styrmodell/planeringsprocessen/")
    assert "November–januari året därpå" in text
