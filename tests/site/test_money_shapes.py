"""The money pages of a package shaped like neither shipped one: budget in tkr, goals owned by fullmäktige.

One build from ``tests/fixtures/mini`` with its budget.csv in tkr (an 18 tkr utfall, budgets whose
rounded rows miss the rounded Summa) and every goal owned by fullmäktige, tied to the receipt's areas
by ``goals.area``. The figures are written out by hand from the rows below.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from conftest import MINI, build_site, read_html
from styrmodell.package import CONTRACT

NBSP = "\u00a0"
BUDGET = """organisation,year,kind,period,net_cost,investments,carried_over,unit,source,example
bun,2022,budget,,2344,,,tkr,exempeldata,true
ks,2022,budget,,1014,,,tkr,exempeldata,true
ks,2022,utfall,2022-12,18,,,tkr,exempeldata,true
"""
AREAS = {"bun-1": "skola", "bun-3": "skola", "kf-1": "politik"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    package = tmp_path_factory.mktemp("paket") / "mini"
    shutil.copytree(MINI, package)
    contract = {r["name"]: r for r in json.loads(CONTRACT.read_text(encoding="utf-8"))["resources"]}
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "budget":
            resource["schema"] = contract["budget"]["schema"]
        if resource["name"] == "goals":
            resource["schema"]["fields"].append(
                next(f for f in contract["goals"]["schema"]["fields"] if f["name"] == "area")
            )
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (package / "budget.csv").write_text(BUDGET, encoding="utf-8")
    goals = list(csv.DictReader(io.StringIO((package / "goals.csv").read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, [*goals[0], "area"], lineterminator="\n")
    writer.writeheader()
    for goal in goals:
        owner = goal["owner"] if goal["level"] == "vision" else "kf"
        writer.writerow({**goal, "owner": owner, "area": AREAS.get(goal["id"], "")})
    (package / "goals.csv").write_text(out.getvalue(), encoding="utf-8")
    return build_site(package, tmp_path_factory.mktemp("site") / "output")


def test_the_economy_page_shows_a_tkr_budget_in_mnkr_without_zeros_and_says_when_rows_miss_the_summa(site):
    html = read_html(site, "ekonomi/")
    caption = next(c for c in html.find_all("caption") if c.get_text().startswith("Budget och prognos 2022"))
    table = caption.find_parent("table")
    cells = {tr.th.get_text(strip=True): [td.get_text() for td in tr.find_all("td")] for tr in table.find_all("tr")}
    assert cells["Kommunstyrelsen"][:3] == [f"1,01{NBSP}mnkr", "–", f"0,02{NBSP}mnkr"]
    assert cells["Summa"][0] == f"3,36{NBSP}mnkr"  # 2,34 + 1,01 on the rows; 2 344 + 1 014 tkr is 3,358 mnkr
    note = table.find_parent("div").find_next_sibling("p")
    assert "i kolumnen Budget tillsammans inte exakt lika mycket som summan" in note.get_text()
    assert "312" not in table.get_text()
    assert "nettokostnader i miljoner kronor (mnkr)" in html.get_text()


def test_the_receipt_shows_fullmaktiges_goals_on_the_row_of_their_area(site):
    html = read_html(site, "skattepengar/")
    for area in ("skola", "politik"):
        row = html.find(id=f"verksamhet-{area}")
        text = row.get_text(" ", strip=True)
        assert "Mål för verksamheten:" in text, area
        assert "Nämnden har inga mål med styrmått" not in text, area
