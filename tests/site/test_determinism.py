"""The same data gives the same site, byte for byte: every page, chart, export and search file.

The mini and the hostile package are each built twice, into folders with
different names and from separate Pelican caches, and the two output trees are
compared file by file, names and bytes. This one test stands in for every
"built again, same bytes" check: the pages, the sitemap and the other site
files, the downloadable data, the charts and the Pagefind search index are all
files in the tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, MINI, build_site


def tree(site: Path) -> dict[str, bytes]:
    """Every file under ``site`` by its path relative to ``site``."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("package", [MINI, FIXTURES / "hostile"], ids=["mini", "hostile"])
def test_building_twice_gives_the_same_files_and_bytes(tmp_path, package):
    folders = [tmp_path / "a", tmp_path / "second-build"]
    for folder in folders:
        folder.mkdir()
    first = tree(build_site(package, folders[0] / "output"))
    second = tree(build_site(package, folders[1] / "site"))
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"{len(differ)} of {len(first)} files differ between two builds"
    assert {"index.html", "sitemap.xml", "robots.txt", ".well-known/security.txt", "404.html"} <= set(first)
    assert any(name.startswith("pagefind/") for name in first), "the search index is part of the comparison"
    assert any(Path(name).name.startswith("diagram") for name in first), "the charts are part of the comparison"
