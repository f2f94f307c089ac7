"""The search page /sok/: a Pagefind index built with the site, and an A–Ö list that works without JavaScript."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from conftest import MINI, build_site, read_html
from styrmodell import build, search


def test_search_page_without_javascript_links_every_goal_and_styrmatt_page(mini_site):
    page = read_html(mini_site, "/sok/")
    listed = {a["href"] for a in page.select(".az-group a")}
    on_disk = {
        "/" + p.parent.relative_to(mini_site).as_posix() + "/"
        for pattern in ("mal/*/index.html", "styrmatt/*/index.html")
        for p in mini_site.glob(pattern)
    }
    assert listed == on_disk
    # Every letter heading has a link in the letter navigation, and the form waits for JavaScript.
    heading_ids = {h["id"] for h in page.select(".az-group h3")}
    assert {a["href"].lstrip("#") for a in page.select(".az-letters a")} == heading_ids
    assert page.select_one("form.search-form").has_attr("hidden")
    assert page.find("noscript") is not None


def test_search_page_marks_example_goals(mini_site):
    page = read_html(mini_site, "/sok/")
    tagged = [li.get_text(" ", strip=True) for li in page.select(".az-group li") if li.select_one(".tag-example")]
    # bun-1, bun-2, bun-3 and parent-bun are example goals in goals.csv, and so is the styrmått
    # delar-handlaggningstid; the vision, kf-1, parent-kf and the other styrmått are not.
    assert tagged == [
        "Eleverna lär sig mer (nämndmål) Exempel",
        "Fler vill arbeta i skolan (nämndmål) Exempel",
        "Frisk personal (nämndmål) Exempel",
        "Handläggningstid för ansökningar (styrmått) Exempel",
        "Lägre sjukfrånvaro (nämndmål) Upphört Exempel",
    ]
    assert page.select_one(".notice-example") is not None


def test_search_page_script_is_self_hosted_and_allowed_by_its_csp(mini_site):
    page = read_html(mini_site, "/sok/")
    scripts = page.find_all("script")
    assert [script.get("src") for script in scripts] == ["/theme/js/sok.js"]
    for script in scripts:
        assert script.get("src", "").startswith("/"), f"a script that is not a file on the site: {script}"
        assert not script.string, "inline script"
    assert (mini_site / "theme" / "js" / "sok.js").is_file()
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    assert script_src == ["'self'", "'wasm-unsafe-eval'"]  # WebAssembly only, never 'unsafe-inline'/'unsafe-eval'
    other = read_html(mini_site, "/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "wasm-unsafe-eval" not in other, "only the search page may compile WebAssembly"


def test_the_build_writes_a_swedish_pagefind_index(mini_site):
    entry = json.loads((mini_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    indexed = entry["languages"]["sv"]["page_count"]
    pages = [p for p in mini_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert indexed == len(pages) > 10
    assert "data-pagefind-body" not in (mini_site / "sok" / "index.html").read_text(encoding="utf-8")
    assert (mini_site / "pagefind" / "pagefind.js").is_file()


def test_example_notice_is_left_out_of_search_excerpts(mini_site):
    notice = read_html(mini_site, "/mal/").select_one(".notice-example")
    assert notice.has_attr("data-pagefind-ignore")


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_failed_index_leaves_the_published_site_untouched(tmp_path, monkeypatch, capsys):
    output = build_site(MINI, tmp_path / "output")
    before = _tree_digest(output)

    def broken(site: Path, cache: Path | None = None) -> Path:
        msg = "Pagefind kunde inte bygga sökindexet (kod 1): test"
        raise search.SearchIndexError(msg)

    monkeypatch.setattr(build, "build_index", broken)
    with pytest.raises(AssertionError, match="failed"):
        build_site(MINI, output)
    assert _tree_digest(output) == before
    assert "sökindexet" in capsys.readouterr().err
    assert not list(tmp_path.glob(".output-*")), "the staging folder was left behind"
