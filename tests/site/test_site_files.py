"""sitemap.xml, robots.txt, /.well-known/security.txt and 404.html: what search engines, security researchers and lost visitors get."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import MINI, ROOT, read_html
from styrmodell.exports.sitefiles import (
    expires_setting,
    page_urls,
    robots_txt,
    security_expires,
    security_txt,
    sitemap_xml,
)
from styrmodell.package.model import Municipality, Period
from styrmodell.settings import write_settings_file

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _fields(text: str) -> list[tuple[str, str]]:
    return [tuple(part.strip() for part in line.split(":", 1)) for line in text.splitlines() if line]


def _period(end: date) -> Period:
    return Period(id="p", year=end.year, name="P", kind="helar", end_date=end, source="s", example=False)


def test_sitemap_lists_every_page_and_only_pages_that_exist(mini_site: Path):
    tree = ET.parse(mini_site / "sitemap.xml")  # noqa: S314 - our own build output
    locs = [loc.text for loc in tree.getroot().iter(f"{SITEMAP_NS}loc")]
    on_disk = sorted(
        "/" + p.relative_to(mini_site).as_posix().removesuffix("index.html")
        for p in mini_site.rglob("*.html")
        if p.name != "404.html" and "/inbaddning/" not in p.as_posix()  # embed pages: noindex
    )
    assert locs == on_disk
    assert {"/", "/mal/", "/mal/bun-1/", "/styrmatt/meritvarde/", "/tillganglighet/"} <= set(locs)
    assert "/404.html" not in locs


def test_sitemap_is_absolute_when_published_and_escapes_addresses(tmp_path: Path):
    (tmp_path / "a&b").mkdir()
    (tmp_path / "a&b" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "404.html").write_text("x", encoding="utf-8")
    assert page_urls(tmp_path) == ["", "a&b/"]
    xml = sitemap_xml("https://kommun.example", [(url, None) for url in page_urls(tmp_path)])
    locs = [loc.text for loc in ET.fromstring(xml).iter(f"{SITEMAP_NS}loc")]  # noqa: S314
    assert locs == ["https://kommun.example/", "https://kommun.example/a&b/"]


def test_robots_allows_everything_and_names_the_sitemap_only_with_an_absolute_address(mini_site: Path):
    local = (mini_site / "robots.txt").read_text(encoding="utf-8")
    assert _fields(local) == [("User-agent", "*"), ("Allow", "/")]
    published = robots_txt("https://kommun.example")
    assert ("Sitemap", "https://kommun.example/sitemap.xml") in _fields(published)


def test_security_txt_has_contact_and_an_expiry_a_year_after_the_latest_period(mini_site: Path):
    text = (mini_site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields = _fields(text)
    contacts = [value for name, value in fields if name == "Contact"]
    assert contacts == ["mailto:data@example.org", "https://example.org"]  # from tests/fixtures/mini/municipality.csv
    (expires,) = [value for name, value in fields if name == "Expires"]
    expiry = datetime.fromisoformat(expires)
    assert expiry.utcoffset() is not None
    assert expiry.utcoffset().total_seconds() == 0
    latest_end = date(2022, 12, 31)  # the latest period in tests/fixtures/mini/periods.csv
    assert expiry == datetime(2023, 12, 31, tzinfo=UTC)
    # RFC 9116: less than a year after publication, and publication is after the period ended.
    assert (expiry.date() - latest_end).days <= 366


def test_security_expiry_handles_leap_days_and_needs_a_contact():
    assert security_expires(_period(date(2024, 2, 29))) == date(2025, 2, 28)
    nobody = Municipality(id="k", name="K", code="1", licence="CC0", source="s", example=False)
    with pytest.raises(ValueError, match=r"municipality\.csv"):
        security_txt(nobody, _period(date(2024, 12, 31)), "")


def test_security_expiry_setting_overrides_the_date_computed_from_the_data():
    municipality = Municipality(
        id="k", name="K", code="1", licence="CC0", source="s", example=False, contact_email="a@k.example"
    )
    old = _period(date(2022, 12, 31))
    assert "Expires: 2023-12-31T00:00:00Z" in security_txt(municipality, old, "")
    assert "Expires: 2026-05-05T00:00:00Z" in security_txt(municipality, old, "", expires_setting("2026-05-05"))
    assert expires_setting(None) is None
    assert expires_setting("") is None
    assert expires_setting(date(2026, 5, 5)) == date(2026, 5, 5)
    with pytest.raises(ValueError, match="SECURITY_TXT_EXPIRES ska vara ett datum"):
        expires_setting("5 maj 2026")


def _run_build(settings: Path, output: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``python -m styrmodell build`` in its own process, so publishconf.py's environment is read afresh."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "SECURITY_TXT_EXPIRES")}
    command = [sys.executable, "-m", "styrmodell", "build", "--settings", str(settings), "--output", str(output)]
    return subprocess.run(command, cwd=ROOT, env=clean | env, capture_output=True, text=True, check=False)


def test_publish_build_without_siteurl_stops_with_a_swedish_message_and_leaves_output(tmp_path: Path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("förra versionen", encoding="utf-8")
    for env in ({}, {"SITEURL": ""}, {"SITEURL": "/styrmodell"}):
        done = _run_build(ROOT / "publishconf.py", output, env)
        assert done.returncode != 0, env
        assert "miljövariabeln SITEURL saknas" in done.stderr, env
        assert "Traceback" not in done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["output"], "no staging folder left behind"
        assert [p.name for p in output.iterdir()] == ["index.html"]
        assert (output / "index.html").read_text(encoding="utf-8") == "förra versionen"


def test_publish_build_has_absolute_addresses_and_the_expiry_from_the_environment(tmp_path: Path):
    settings = write_settings_file(
        tmp_path / "publish-conf.py",
        ROOT / "publishconf.py",
        package=MINI,
        # A published build checks that the package is the settings' municipality's: the mini package's code.
        KOMMUNKOD="9999",
        PATH=ROOT / "content",
        CACHE_PATH=tmp_path / "cache",
    )
    env = {"SITEURL": "https://kommun.example/styrmodell/", "SECURITY_TXT_EXPIRES": "2026-05-05"}
    done = _run_build(settings, tmp_path / "output", env)
    assert done.returncode == 0, done.stderr
    fields = _fields((tmp_path / "output" / ".well-known" / "security.txt").read_text(encoding="utf-8"))
    assert ("Expires", "2026-05-05T00:00:00Z") in fields  # not 2023-12-31 from the mini package's latest period
    assert ("Canonical", "https://kommun.example/styrmodell/.well-known/security.txt") in fields
    tree = ET.parse(tmp_path / "output" / "sitemap.xml")  # noqa: S314 - our own build output
    locs = [loc.text for loc in tree.getroot().iter(f"{SITEMAP_NS}loc")]
    assert locs
    assert all(loc.startswith("https://kommun.example/styrmodell/") and "//" not in loc[8:] for loc in locs)


def test_404_page_is_swedish_and_leads_back_to_the_site(mini_site: Path):
    soup = read_html(mini_site, "404.html")
    assert soup.html["lang"] == "sv"
    assert soup.h1.get_text(strip=True) == "Sidan finns inte"
    hrefs = {a["href"] for a in soup.main.find_all("a")}
    assert {"/", "/mal/"} <= hrefs
    # Served from any depth, so every link and the stylesheet are absolute paths.
    assert all(h.startswith(("/", "https://")) for h in hrefs)
    assert soup.find("link", rel="stylesheet")["href"].startswith("/")
