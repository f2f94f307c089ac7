"""Hostile data renders inert: whatever an editor or an attacker writes in the CSV is shown as text.

``tests/fixtures/hostile`` is the mini package with script tags, tag breakouts,
event handlers, template syntax, ``javascript:`` links in Markdown, ``<iframe>``
and ``<svg onload>`` and 10 000-character names in
titles, descriptions, analyses and names. It passes validation, so it reaches
the templates; these tests read the built HTML with a parser, the way a browser
would, and look for anything that could run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, build_site, read_html
from htmlcheck import broken_links, vnu_errors

HOSTILE = FIXTURES / "hostile"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background")
SCRIPT_DATA_TYPES = ("application/json", "application/ld+json")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_site(HOSTILE, tmp_path_factory.mktemp("hostile") / "output")


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_script_can_run(hostile_site: Path):
    problems = []
    for name, soup in pages(hostile_site):
        for script in soup.find_all("script"):
            kind = script.get("type", "")
            if kind in SCRIPT_DATA_TYPES:
                try:
                    json.loads(script.string or "")
                except ValueError:
                    problems.append(f"{name}: a {kind} block is not valid JSON (data broke out of it?)")
            elif not (script.get("src", "").startswith("/") and not (script.string or "").strip()):
                problems.append(f"{name}: executable script {str(script)[:120]!r}")
    assert not problems, "\n".join(problems)


def test_no_event_handler_attributes(hostile_site: Path):
    found = [
        f"{name}: <{tag.name} {attribute}=…>"
        for name, soup in pages(hostile_site)
        for tag in soup.find_all(True)
        for attribute in tag.attrs
        if attribute.lower().startswith("on")
    ]
    assert not found, "\n".join(found)


def test_no_script_urls(hostile_site: Path):
    found = []
    for name, soup in pages(hostile_site):
        for tag in soup.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if value is None:
                    continue
                scheme = "".join(c for c in str(value) if c > " ").lower().split(":", 1)[0]
                if scheme in ("javascript", "vbscript") or (scheme == "data" and value != "data:,"):
                    found.append(f"{name}: <{tag.name} {attribute}={value!r}>")
    assert not found, "\n".join(found)


def test_no_injected_elements(hostile_site: Path):
    found = [
        f"{name}: {str(tag)[:100]}"
        for name, soup in pages(hostile_site)
        for tag in soup.find_all(["iframe", "object", "embed", "base", "frame", "img", "svg"])
        if tag.name != "svg" or tag.find_parent("figure") is None  # charts are the build's own SVG, inside figures
        if tag.name != "img" or tag.get("src") == "x"
    ]
    assert not found, "\n".join(found)


def test_hostile_text_is_shown_literally(hostile_site: Path):
    vision = read_html(hostile_site, "/mal/vision/")
    assert vision.h1.get_text() == "En bra kommun <script>alert('xss-script')</script>"
    assert "</title><script>alert('xss-title')</script>" in vision.title.get_text()

    goal = read_html(hostile_site, "/mal/bun-1/")
    assert goal.h1.get_text().startswith("Målet {{ 7*7 }}")
    assert "49" not in goal.h1.get_text()

    chain = read_html(hostile_site, "/mal/kf-1/")
    assert chain.h1.get_text().startswith("</script><script>alert('xss-break')</script>")
    text = chain.main.get_text()
    assert "{% for x in range(3) %}loop{% endfor %}" in text
    assert "looplooploop" not in text


def test_markdown_keeps_link_text_but_drops_script_links(hostile_site: Path):
    goal = read_html(hostile_site, "/mal/bun-1/")
    prose = " ".join(p.get_text(" ") for p in goal.main.select(".prose"))
    assert "mer här" in prose, "the text of a javascript: link stays, as plain text"
    assert all(a.get("href") for a in goal.main.find_all("a")), "no <a> is left without an address"
    assert not goal.main.find_all(href=lambda h: h and h.strip().lower().startswith("javascript:"))
    assert goal.find("iframe") is None
    assert not goal.find_all(src=lambda src: src is not None and "evil.example" in src)


def test_names_of_10000_characters_are_shown_whole(hostile_site: Path):
    long_name = ("Ett mycket långt namn som aldrig tar slut " * 300)[:10000]
    shown = [name for name, soup in pages(hostile_site) if long_name.strip() in soup.get_text()]
    assert shown, "the 10 000-character perspective/area names appear on no page"


def test_hostile_site_has_no_broken_links(hostile_site: Path):
    assert broken_links(hostile_site) == []


def test_hostile_site_is_valid_html(hostile_site: Path):
    errors = vnu_errors(hostile_site)
    assert not errors, "\n".join(errors[:30])
