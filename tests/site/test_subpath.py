"""Published under a sub-path (a GitHub project page), every reference stays on the site and names a file.

``actions/configure-pages`` gives a project repository an address with a path,
``https://kommun.github.io/styrmodell``. The Karlskoga site is built with
publishconf.py and that SITEURL, and every reference in every HTML and CSS file
(``href``, ``src``, ``srcset``, ``action``, ``url(...)``, the Pagefind bundle
path and base), the feed's links and the sitemap's addresses must start with
that address (or be relative) and name a file in the output. A local build
(SITEURL empty) is checked the same way: its references are relative to the
site root and resolve there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import KARLSKOGA, ROOT
from styrmodell.settings import write_settings_file

BASE = "https://kommun.github.io/styrmodell"
#: Attributes that hold one address, and the one that holds a list of them.
URL_ATTRIBUTES = ("href", "src", "action", "data-base", "poster")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page_address(site: Path, path: Path, base: str) -> str:
    """The address ``path`` is served at: ``mal/x/index.html`` → ``<base>/mal/x/``."""
    relative = path.relative_to(site).as_posix()
    if relative.endswith("index.html"):
        relative = relative.removesuffix("index.html")
    return f"{base}/{relative}"


def references(site: Path, base: str) -> list[tuple[str, str, str]]:
    """Every reference in the output: (file it is in, the reference as written, its address resolved)."""
    found = []
    for path in sorted(site.rglob("*.html")):
        here = page_address(site, path, base)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            values = [tag[a] for a in URL_ATTRIBUTES if tag.has_attr(a)]
            if tag.has_attr("data-pagefind"):  # the bundle's folder: the search script loads pagefind.js from it
                values.append(tag["data-pagefind"] + "pagefind.js")
            if tag.has_attr("srcset"):
                values += [part.strip().split()[0] for part in tag["srcset"].split(",") if part.strip()]
            if tag.name == "style" and tag.string:
                values += CSS_URL.findall(tag.string)
            if tag.has_attr("style"):
                values += CSS_URL.findall(tag["style"])
            found += [(path.relative_to(site).as_posix(), v, urljoin(here, v)) for v in values]
    for path in sorted(site.rglob("*.css")):
        here = page_address(site, path, base)
        found += [(path.relative_to(site).as_posix(), v, urljoin(here, v)) for v in CSS_URL.findall(path.read_text())]
    for path in sorted(site.rglob("*.atom")):
        root = ET.parse(path).getroot()  # noqa: S314 - our own build output
        found += [(path.relative_to(site).as_posix(), a.get("href"), a.get("href")) for a in root.iter(f"{ATOM}link")]
        found += [(path.relative_to(site).as_posix(), i.text, i.text) for i in root.iter(f"{ATOM}id") if i.text]
    sitemap = site / "sitemap.xml"
    tree = ET.parse(sitemap).getroot()  # noqa: S314 - our own build output
    found += [("sitemap.xml", loc.text, urljoin(f"{base}/", loc.text)) for loc in tree.iter(f"{SITEMAP}loc")]
    return found


def problems(site: Path, base: str) -> list[str]:
    """References that leave the site or name no file: empty when everything is right."""
    site_root = urlsplit(f"{base}/")
    wrong = []
    for where, written, resolved in references(site, base):
        parts = urlsplit(resolved)
        if parts.scheme in ("mailto", "tel", "data") or written.startswith("#"):
            continue
        if base and parts.netloc != site_root.netloc:
            continue  # another site (the licence, Kolada, a document on the municipality's site)
        if not base and parts.scheme:
            continue
        if base and written.startswith("/") and not written.startswith("//"):
            wrong.append(f"{where}: {written} is relative to the server's root, not to {base}/")
            continue
        if not parts.path.startswith(site_root.path):
            wrong.append(f"{where}: {written} leads out of the site (not under {base}/)")
            continue
        target = site / unquote(parts.path.removeprefix(site_root.path))
        if parts.path.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            wrong.append(f"{where}: {written} names no file in the output ({target.relative_to(site)})")
    return wrong


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Path:
    """Karlskoga built as publish.yml builds it, in its own process (publishconf.py reads SITEURL)."""
    folder = tmp_path_factory.mktemp("subpath")
    settings = write_settings_file(
        folder / "publish-conf.py",
        ROOT / "publishconf.py",
        package=KARLSKOGA,
        PATH=ROOT / "content",
        CACHE_PATH=folder / "cache",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "SOURCE_DATE_EPOCH")}
    env |= {"SITEURL": BASE, "SECURITY_TXT_EXPIRES": "2026-05-05", "PYTHONPATH": str(ROOT / "plugins")}
    output = folder / "output"
    command = [sys.executable, "-m", "styrmodell", "build", "--settings", str(settings), "--output", str(output)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return output


def test_every_reference_under_a_sub_path_stays_under_it_and_names_a_file(subpath_site: Path):
    found = references(subpath_site, BASE)
    assert len(found) > 1000, "the check saw the site's references"
    assert problems(subpath_site, BASE) == []


def test_the_sub_path_build_covers_every_kind_of_reference(subpath_site: Path):
    """The prose pages' links, downloads, the stylesheet, scripts, images, the form and Pagefind are all checked."""
    found = references(subpath_site, BASE)
    resolved = {r for _, _, r in found}
    assert f"{BASE}/theme/css/site.css" in resolved
    assert f"{BASE}/theme/js/sok.js" in resolved
    assert f"{BASE}/pagefind/pagefind.js" in resolved  # the search script's bundle (data-pagefind)
    assert f"{BASE}/data/karlskoga-styrmodell.zip" in resolved
    assert f"{BASE}/sok/" in resolved  # the search form's action
    assert any(r.endswith(".svg") for r in resolved), "the chart images"
    written_on = {(where, r) for where, _, r in found}
    # A Markdown page's links: to another prose page ({filename}) and to a page from the data ({site}).
    assert ("vision/index.html", f"{BASE}/styrmodell/malkedjan/") in written_on
    assert ("vision/index.html", f"{BASE}/mal/") in written_on
    assert ("styrmodell/index.html", f"{BASE}/styrmodell/#uppdrag") in written_on
    assert any(where == "rapporter/uppfoljningar.atom" for where, _ in written_on)
    assert any(where == "sitemap.xml" for where, _ in written_on)


def test_a_local_build_refers_from_the_site_root_and_every_reference_resolves(karlskoga_site: Path):
    found = references(karlskoga_site, "")
    internal = [w for _, w, r in found if not urlsplit(r).scheme and not w.startswith("#")]
    assert internal, "the local build has internal references"
    assert problems(karlskoga_site, "") == []


def test_the_check_finds_a_link_that_leaves_the_site_and_one_that_names_no_file(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="/vision/">ut</a><a href="../saknas/">saknas</a><a href="../a/">hit</a><a href="/styrmodell/">rot</a>'
        f'<a href="{BASE}/a/">hit</a><a href="https://example.org/">extern</a>',
        encoding="utf-8",
    )
    (tmp_path / "sitemap.xml").write_text(f'<urlset xmlns="{SITEMAP[1:-1]}"/>', encoding="utf-8")
    assert problems(tmp_path, BASE) == [
        f"a/index.html: /vision/ is relative to the server's root, not to {BASE}/",
        "a/index.html: ../saknas/ names no file in the output (saknas/index.html)",
        f"a/index.html: /styrmodell/ is relative to the server's root, not to {BASE}/",
    ]
    (tmp_path / "vision").mkdir()
    (tmp_path / "vision" / "index.html").write_text("", encoding="utf-8")
    assert problems(tmp_path, "") == [  # locally, /vision/ is right; the others name no file
        "a/index.html: ../saknas/ names no file in the output (saknas/index.html)",
        "a/index.html: /styrmodell/ names no file in the output (styrmodell/index.html)",
    ]
