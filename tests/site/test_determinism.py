"""The same data gives the same site, byte for byte: every page, chart, export and search file.

The mini package and the mini package with two frozen periods and a revised
value are each built twice, into folders with different
names and from separate Pelican caches, and the two output trees are compared
file by file, names and bytes. This one test stands in for every
"built again, same bytes" check: the pages, the sitemap and the other site
files, the downloadable data, the charts and the Pagefind search index are all
files in the tree.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import MINI, build_site
from styrmodell import snapshots


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    """The mini package with two frozen periods and a revised value: snapshot pages, zips and changes pages."""
    target = tmp_path_factory.mktemp("frozen") / "mini"
    shutil.copytree(MINI, target)
    snapshots.freeze(target, "2021-12", frozen_on=date(2023, 4, 24))
    snapshots.freeze(target, "2022-08", frozen_on=date(2023, 4, 24))
    results = target / "results.csv"
    text = results.read_text(encoding="utf-8")
    assert "meritvarde,2021,2021-12,221.2" in text
    results.write_text(text.replace("meritvarde,2021,2021-12,221.2", "meritvarde,2021,2021-12,221.9"), encoding="utf-8")
    return target


def tree(site: Path) -> dict[str, bytes]:
    """Every file under ``site`` by its path relative to ``site``."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", ["mini", "frozen"])
def test_building_twice_gives_the_same_files_and_bytes(request, tmp_path, name):
    """The session's mini site is the first build of mini, so mini costs one build here."""
    (tmp_path / "second-build").mkdir()
    if name == "mini":
        package, first_site = MINI, request.getfixturevalue("mini_site")
    else:
        package = request.getfixturevalue("frozen")
        (tmp_path / "a").mkdir()
        first_site = build_site(package, tmp_path / "a" / "output")
    first = tree(first_site)
    second = tree(build_site(package, tmp_path / "second-build" / "site"))
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"{len(differ)} of {len(first)} files differ between two builds"
    assert {"index.html", "sitemap.xml", "robots.txt", ".well-known/security.txt", "404.html"} <= set(first)
    assert any(name.startswith("pagefind/") for name in first), "the search index is part of the comparison"
    assert any(Path(name).name.startswith("diagram") for name in first), "the charts are part of the comparison"
