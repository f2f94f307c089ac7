"""Built sites: a report shows only what was known when its period ended, on the page and in its downloads.

The mini site's expectations are written out by hand (see tests/unit/test_known_at_period_end.py
for the package); over data/karlskoga only invariants are checked.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

from conftest import KARLSKOGA, read_html
from styrmodell.package import load_package


def _text(soup) -> str:
    return re.sub(r"\s+", " ", soup.find("main").get_text(" ")).strip()


def _csv(site, url: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / url).read_text(encoding="utf-8"))))


def test_the_delar_report_shows_no_value_that_became_known_later(mini_site):
    document = json.loads((mini_site / "rapporter/2022-08/data.json").read_text(encoding="utf-8"))
    assert document["period"] == "2022-08"
    assert [(r["indicator"], r["year"], r["period"], r["value"]) for r in document["resources"]["results"]] == [
        ("delar-handlaggningstid", 2022, "2022-08", 28),
        ("meritvarde", 2021, "2021-12", 221.2),
    ]
    # the målnivåer are decisions, known beforehand: 2022's for the styrmått judged on 2022 or not measured
    assert [(t["indicator"], t["year"]) for t in document["resources"]["targets"]] == [
        ("delar-handlaggningstid", 2022),
        ("kostnad-elev", 2022),
        ("meritvarde", 2021),
        ("sjukfranvaro", 2022),
    ]
    rows = _csv(mini_site, "rapporter/2022-08/data.csv")
    assert [(r["goal"], r["computed_status"]) for r in rows] == [
        ("kf-1", "uppnatt"),
        ("bun-1", "uppnatt"),
        ("bun-3", "uppnatt"),
        ("parent-bun", "ej-bedomt"),  # in force, with no styrmått and no delmål
    ]
    text = _text(read_html(mini_site, "rapporter/2022-08/"))
    assert "Ej mätt : 2" in text
    assert "1 styrmått hade inget värde för 2022 när perioden slutade." in text  # _text joins spaces


def test_the_year_end_report_uses_the_year_value(mini_site):
    document = json.loads((mini_site / "rapporter/2022-12/data.json").read_text(encoding="utf-8"))
    results = {(r["indicator"], r["period"]): r["value"] for r in document["resources"]["results"]}
    assert results[("delar-handlaggningstid", "2022-12")] == 33
    assert ("delar-handlaggningstid", "2022-08") not in results
    rows = _csv(mini_site, "rapporter/2022-12/data.csv")
    assert [(r["goal"], r["computed_status"]) for r in rows] == [
        ("kf-1", "delvis"),
        ("bun-1", "delvis"),
        ("bun-3", "ej-uppnatt"),
        ("parent-bun", "ej-bedomt"),
    ]
    assert "hade inget värde" not in _text(read_html(mini_site, "rapporter/2022-12/"))


def test_the_styrmatt_page_says_ej_uppfoljd_for_a_passed_target_without_result(mini_site):
    rows = _csv(mini_site, "styrmatt/delar-handlaggningstid/diagram.csv")
    assert [(r["ar"], r["resultat"], r["status"]) for r in rows] == [
        ("2021", "", "Ej uppföljd"),
        ("2022", "33", "Ej uppnådd"),
    ]
    soup = read_html(mini_site, "styrmatt/delar-handlaggningstid/")
    badge = soup.find(class_="status-ej-uppfoljd")
    assert badge is not None
    assert badge.get_text(" ", strip=True) == "⊘ Ej uppföljd"  # a word and a symbol, never colour alone


def test_karlskoga_reports_show_no_value_known_after_their_end(karlskoga_site):
    model = load_package(KARLSKOGA)
    for period in model.periods:
        document = json.loads((karlskoga_site / f"rapporter/{period.id}/data.json").read_text(encoding="utf-8"))
        for row in document["resources"]["results"]:
            known = model.period(row["period"]).end_date if row["period"] else date(row["year"], 12, 31)
            assert known <= period.end_date, (period.id, row)
            assert row["year"] <= period.year, (period.id, row)
