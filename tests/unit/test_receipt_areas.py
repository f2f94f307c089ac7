"""The tax receipt ties an area to goals through ``goals.area``, not only through the nämnd that owns them.

Packages are built in a tmp folder from ``tests/fixtures/mini``: its goals moved to fullmäktige, some
of them tied to the receipt's areas (``skola``, ``politik``) by the optional column ``area``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from conftest import MINI
from openpyxl import load_workbook
from styrmodell.package import CONTRACT, load, load_package, validate_package
from styrmodell.settings import Settings
from styrmodell.views import money, period_view
from styrmodell.xlsx.export import workbook_bytes
from styrmodell.xlsx.importer import import_workbook


def area_package(tmp_path: Path, areas: dict[str, str], owner: str | None = "kf") -> Path:
    """mini with the column ``goals.area`` (``areas``: goal id → area) and every goal owned by ``owner``."""
    package = tmp_path / "paket"
    shutil.copytree(MINI, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    contract = {r["name"]: r for r in json.loads(CONTRACT.read_text(encoding="utf-8"))["resources"]}
    field = next(f for f in contract["goals"]["schema"]["fields"] if f["name"] == "area")
    goals = next(r for r in descriptor["resources"] if r["name"] == "goals")
    goals["schema"]["fields"].append(field)
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((package / "goals.csv").read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, [*rows[0], "area"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        if owner and row["level"] != "vision":
            row["owner"] = owner
        writer.writerow({**row, "area": areas.get(row["id"], "")})
    (package / "goals.csv").write_text(out.getvalue(), encoding="utf-8")
    return package


def receipt(package: Path) -> dict[str, money.ReceiptRow]:
    model = load_package(package)
    settings = Settings()
    page = money.receipt_page(model, period_view(model, model.latest_period(), settings), settings)
    return {row.area.area: row for row in page.rows}


def test_goals_owned_by_fullmaktige_are_shown_on_the_row_of_their_area(tmp_path):
    rows = receipt(area_package(tmp_path, {"bun-1": "skola", "bun-3": "skola", "kf-1": "politik"}))
    skola, politik = rows["skola"], rows["politik"]
    assert skola.by_area
    assert politik.by_area
    assert skola.goals_heading == "Mål för verksamheten:"
    assert skola.goals_label == "Mål för Förskola och skola"
    assert [s.goal.id for s in skola.rollup.goals] == ["bun-1", "bun-3"]
    assert skola.rollup.total == 2
    assert skola.rollup.counts_present
    assert [s.goal.id for s in politik.rollup.goals] == ["kf-1"]
    # Every styrmått of the area's goals may be shown, not only those whose name matches the area's.
    assert {k.indicator.id for k in skola.key_indicators} <= {
        "meritvarde",
        "kostnad-elev",
        "sjukfranvaro",
        "delar-handlaggningstid",
    }
    assert len(skola.key_indicators) == 2


def test_without_areas_the_row_shows_the_responsible_namnds_goals_as_before(tmp_path):
    rows = receipt(area_package(tmp_path, {}, owner=None))
    assert not rows["skola"].by_area
    assert rows["skola"].goals_heading == "Nämndens mål:"
    assert rows["skola"].goals_label == "Mål för Barn- och utbildningsnämnden"
    assert rows["skola"].rollup.key == "bun"
    assert rows["politik"].rollup is None  # ks owns no goals: the page says so


def test_goals_moved_to_fullmaktige_without_areas_leave_the_rows_without_goals(tmp_path):
    """What a package whose goals fullmäktige owns got before ``goals.area``: no row has goals."""
    rows = receipt(area_package(tmp_path, {}))
    assert [r.rollup for r in rows.values()] == [None, None]


def test_an_area_the_receipt_lacks_is_named_on_its_row(tmp_path):
    problems = validate_package(area_package(tmp_path, {"bun-1": "skolan"}))
    assert [(p.file, p.row, p.column, p.type) for p in problems] == [("goals.csv", 4, "area", "goal-area")]
    text = str(problems[0])
    assert 'verksamhetsområdet "skolan" finns inte i spending.csv' in text
    assert "politik, skola, eller lämna cellen tom" in text


def test_the_area_goes_through_the_excel_route(tmp_path):
    package = area_package(tmp_path, {"kf-1": "politik"})
    workbook_path = tmp_path / "paket.xlsx"
    workbook_path.write_bytes(workbook_bytes(load(package)))
    workbook = load_workbook(workbook_path)
    sheet = workbook["goals"]
    header = [c.value for c in sheet[1]]
    area = header.index("Verksamhetsområde") + 1
    ids = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
    sheet.cell(ids.index("bun-1") + 1, area).value = "skola"
    workbook.save(workbook_path)
    assert import_workbook(workbook_path, package) == ["goals.csv"]
    goals = {g.id: g for g in load_package(package).goals}
    assert (goals["bun-1"].area, goals["kf-1"].area, goals["bun-3"].area) == ("skola", "politik", None)
