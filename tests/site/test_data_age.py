"""The age of the figures on the built site: built years later it says so, built on time it does not.

The build date comes from SOURCE_DATE_EPOCH. Behaviour is tested on the mini
fixture (figures to 31 December 2022); over Karlskoga only invariants, with
dates computed from its own latest period.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import KARLSKOGA, MINI, build_site, read_html
from styrmodell.package import load_package
from test_determinism import tree

DECEMBER_2026 = "1796083200"  # 1 December 2026, 00:00 UTC
TWENTY_DAYS_AFTER = "1674172800"  # 20 January 2023, 00:00 UTC: 20 days after the mini package's latest period


def epoch(day: date) -> str:
    return str(int(datetime.combine(day, time(12), tzinfo=UTC).timestamp()))


def build_at(monkeypatch, package: Path, output: Path, source_date_epoch: str) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", source_date_epoch)
    try:
        return build_site(package, output)
    finally:
        monkeypatch.delenv("SOURCE_DATE_EPOCH")


@pytest.fixture(scope="module")
def late(tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return build_at(monkeypatch, MINI, tmp_path_factory.mktemp("late") / "output", DECEMBER_2026)


def stale_texts(site: Path, url: str) -> list[str]:
    return [p.get_text(" ", strip=True) for p in read_html(site, url).select(".notice-stale")]


def test_built_in_december_2026_the_start_goal_and_indicator_pages_say_the_figures_are_old(late: Path):
    expected = (
        "Gamla siffror. De senaste siffrorna är från årsredovisning 2022, som slutade 31 december 2022. "
        "När webbplatsen byggdes den 1 december 2026 var de nästan fyra år gamla. "
        "Det som står här kan ha ändrats sedan dess."
    )
    assert stale_texts(late, "/") == [expected]
    assert stale_texts(late, "/mal/bun-1/") == [expected]
    assert stale_texts(late, "/styrmatt/meritvarde/") == [expected]
    assert stale_texts(late, "/mal/") == []  # only the start page and the goal and styrmått pages


def test_every_page_says_how_current_the_figures_are(late: Path):
    pages = sorted(late.rglob("*.html"))
    lines = {
        p.relative_to(late).as_posix(): read_html(late, p.relative_to(late).as_posix()).select(".data-age")
        for p in pages
    }
    assert all(len(found) == 1 for found in lines.values()), [name for name, found in lines.items() if len(found) != 1]
    assert lines["index.html"][0].get_text(strip=True) == (
        "Siffrorna gäller till och med årsredovisning 2022 (31 december 2022). Webbplatsen byggdes 1 december 2026."
    )


def test_built_twenty_days_after_the_period_nothing_says_the_figures_are_old(monkeypatch, tmp_path: Path):
    site = build_at(monkeypatch, MINI, tmp_path / "output", TWENTY_DAYS_AFTER)
    assert not any("notice-stale" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert (
        read_html(site, "/")
        .select_one(".data-age")
        .get_text(strip=True)
        .endswith("Webbplatsen byggdes 20 januari 2023.")
    )


def test_two_builds_with_the_same_build_date_are_byte_identical(monkeypatch, late: Path, tmp_path: Path):
    second = build_at(monkeypatch, MINI, tmp_path / "again", DECEMBER_2026)
    first, again = tree(late), tree(second)
    assert sorted(first) == sorted(again)
    assert [name for name in first if first[name] != again[name]] == []


def test_a_malformed_build_date_stops_the_build_in_swedish_and_writes_nothing(monkeypatch, tmp_path: Path, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1 december 2026")
    output = tmp_path / "output"
    with pytest.raises(AssertionError, match="failed"):
        build_site(MINI, output)
    assert "miljövariabeln SOURCE_DATE_EPOCH måste vara ett heltal" in capsys.readouterr().err
    assert not output.exists()


def test_karlskoga_says_its_figures_are_old_only_when_they_are(monkeypatch, karlskoga_site: Path, tmp_path: Path):
    """Invariants: the dates are computed from the package's own latest period, whatever it is."""
    latest = load_package(KARLSKOGA).latest_period()
    assert "notice-stale" not in (karlskoga_site / "index.html").read_text(encoding="utf-8")  # built at its end
    site = build_at(monkeypatch, KARLSKOGA, tmp_path / "output", epoch(latest.end_date + timedelta(days=4 * 365)))
    (notice,) = stale_texts(site, "/")
    assert f"De senaste siffrorna är från {latest.name.lower()}" in notice
    assert "fyra år gamla" in notice
