"""Checks over a built site: the Nu HTML Checker's errors and every broken internal link or anchor.

Shared by the built-site tests (``site/test_html.py``, ``site/test_hostile.py``);
the link checker's own test is ``unit/test_htmlcheck.py``. vnu comes from the npm
package ``vnu-jar`` (``npm ci``) and runs with Java 17. Without Java or vnu the
check is skipped with the reason; with ``CI=true`` it fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import ROOT, missing

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: Attributes that point at another page or at a file the page loads.
LINK_ATTRIBUTES = ("href", "src")
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data")


def vnu_errors(*sites: Path) -> list[str]:
    """Run the Nu HTML Checker over every .html file under ``sites``; return its errors as readable lines."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        reason = (
            "Java saknas (apt-get install -y openjdk-17-jre-headless)" if java is None else f"{VNU} saknas (npm ci)"
        )
        missing(reason)
    command = [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", *map(str, sites)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(done.stderr or done.stdout)
    errors = [
        f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m.get('message', '')} [{m.get('extract', '')!r}]"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]
    if done.returncode not in (0, 1) or (done.returncode == 1 and not errors):
        errors.append(f"vnu exited with {done.returncode}: {done.stderr[:500]}")
    return errors


def page_url(site: Path, path: Path) -> str:
    """The URL a file is served at: ``mal/x/index.html`` → ``/mal/x/``."""
    relative = path.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


def target_file(site: Path, path: str) -> Path:
    """The file that answers ``path`` on a static server (``/mal/`` → ``mal/index.html``)."""
    local = site / unquote(path).lstrip("/")
    return local / "index.html" if path.endswith("/") else local


def broken_links(site: Path) -> list[str]:
    """Every internal link, stylesheet or image under ``site`` that points at a missing file or anchor.

    External links are not followed (no network); ``javascript:`` and other
    unexpected schemes count as broken. A link to a folder must end with ``/``
    so that no page depends on a redirect.
    """
    soups: dict[Path, BeautifulSoup] = {}

    def soup_of(path: Path) -> BeautifulSoup:
        if path not in soups:
            soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return soups[path]

    def ids_of(path: Path) -> set[str]:
        soup = soup_of(path)
        return {str(t["id"]) for t in soup.find_all(id=True)} | {
            str(t["name"]) for t in soup.find_all("a", attrs={"name": True})
        }

    problems: list[str] = []
    for source in sorted(site.rglob("*.html")):
        base = page_url(site, source)
        for tag in soup_of(source).find_all(True):
            for attribute in LINK_ATTRIBUTES:
                link = tag.get(attribute)
                if link is None or tag.name == "base":
                    continue
                where = f"{base}: <{tag.name} {attribute}={link!r}>"
                parts = urlsplit(link.strip())
                if parts.scheme:
                    if parts.scheme.lower() not in EXTERNAL_SCHEMES:
                        problems.append(f"{where}: unexpected scheme {parts.scheme!r}")
                    continue
                if parts.netloc:
                    continue  # protocol-relative address to another host: not ours to check
                path = urljoin(base, parts.path) if parts.path else base
                target = target_file(site, path)
                if not target.resolve().is_relative_to(site.resolve()):
                    problems.append(f"{where}: points outside the site")
                    continue
                if target.is_dir():
                    problems.append(f"{where}: folder without a trailing /")
                    continue
                if not target.is_file():
                    problems.append(f"{where}: {path} does not exist")
                    continue
                if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                    problems.append(f"{where}: no element with id {parts.fragment!r} in {path}")
    return list(dict.fromkeys(problems))  # one line per page and link, in order
