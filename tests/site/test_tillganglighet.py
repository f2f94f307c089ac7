"""The tillgänglighetsredogörelse has every element Digg requires, and its assessment is fresh.

Digg's rules (MDFFS 2019:2, following the EU model statement) ask for: who is
responsible and which site it covers, the conformance status (helt, delvis or
inte förenlig), the known shortcomings with the reason for each, how to get
content in another format and how to report a problem, a link to Digg's
reporting form, how and when the site was assessed, and when the statement was
last updated. That the assessment is less than a year old is tested without a
build in ``tests/unit/test_tillganglighet_dates.py``.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from conftest import MINI, read_html, statement_metadata
from styrmodell.formatting import long_date

DIGG_FORM = "https://www.digg.se/tdosanmalan"
STATUSES = ("helt förenlig", "delvis förenlig", "inte förenlig")


def municipality_name(package: Path = MINI) -> str:
    """The name in the package the site was built from: the statement takes it from there, not from its text."""
    with (package / "municipality.csv").open(encoding="utf-8", newline="") as file:
        return next(csv.DictReader(file))["name"]


def sections(soup) -> dict[str, str]:
    """h2 text → all text up to the next h2."""
    found = {}
    for h2 in soup.main.find_all("h2"):
        parts = []
        for sibling in h2.find_next_siblings():
            if sibling.name == "h2":
                break
            parts.append(sibling.get_text(" ", strip=True))
        found[h2.get_text(strip=True)] = " ".join(parts)
    return found


def test_statement_names_the_municipality_the_site_and_the_law(mini_site: Path):
    soup = read_html(mini_site, "/tillganglighet/")
    text = soup.main.get_text(" ", strip=True)
    assert soup.h1.get_text(strip=True) == "Tillgänglighetsredogörelse"
    assert municipality_name() in text
    assert "webbplats" in text
    assert "2018:1937" in text
    assert "WCAG 2.1" in text
    assert "AA" in text


def test_statement_gives_exactly_one_conformance_status(mini_site: Path):
    soup = read_html(mini_site, "/tillganglighet/")
    stated = [s.get_text(strip=True).lower() for s in soup.main.find_all("strong")]
    assert [s for s in stated if s in STATUSES] in ([status] for status in STATUSES)


def test_every_known_shortcoming_has_a_reason(mini_site: Path):
    soup = read_html(mini_site, "/tillganglighet/")
    status = next(
        s.get_text(strip=True).lower()
        for s in soup.main.find_all("strong")
        if s.get_text(strip=True).lower() in STATUSES
    )
    shortcomings = soup.main.find_all("h3")
    # Fully compliant lists no shortcomings; partly or not compliant lists at least one, each with its reason.
    assert (status == "helt förenlig") == (not shortcomings), (status, [h.get_text(strip=True) for h in shortcomings])
    for h3 in shortcomings:
        text = " ".join(
            s.get_text(" ", strip=True)
            for s in h3.find_next_siblings()
            if s.name == "p" and s.find_previous("h3") is h3
        )
        assert re.search(r"\bSkäl(et)?\b", text), f"the shortcoming {h3.get_text(strip=True)!r} gives no reason"


def test_statement_tells_how_to_get_help_report_problems_and_complain_to_digg(mini_site: Path):
    soup = read_html(mini_site, "/tillganglighet/")
    parts = sections(soup)
    assert any("annat format" in text or "inte kan använda" in title for title, text in parts.items())
    report = next(text for title, text in parts.items() if title.startswith("Anmäl"))
    assert "Kontakta" in report
    hrefs = [a["href"] for a in soup.main.find_all("a", href=True)]
    assert DIGG_FORM in hrefs
    assert any(h.startswith("https://") and "digg.se" not in h for h in hrefs), "no contact link to the municipality"


def test_statement_says_how_and_when_the_site_was_assessed_and_updated(mini_site: Path):
    meta = statement_metadata()
    soup = read_html(mini_site, "/tillganglighet/")
    text = soup.main.get_text(" ", strip=True)
    method = next(text for title, text in sections(soup).items() if "testat" in title or "bedömt" in title)
    assert "axe" in method
    assert "320" in method
    assert f"bedömningen gjordes den {long_date(date.fromisoformat(meta['assessed']))}" in text
    assert f"uppdaterades senast den {long_date(date.fromisoformat(meta['updated']))}" in text


def test_every_page_links_to_the_statement(mini_site: Path):
    missing = [
        p.relative_to(mini_site).as_posix()
        for p in sorted(mini_site.rglob("*.html"))
        if 'href="/tillganglighet/"' not in p.read_text(encoding="utf-8")
    ]
    assert not missing, f"pages without a link to the tillgänglighetsredogörelse: {missing}"
