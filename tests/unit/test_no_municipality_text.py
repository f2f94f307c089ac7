"""Nothing Karlskoga-specific outside Karlskoga's own folders: the plugin, theme, generic pages and tooling fit any package.

A municipality is its package ``data/<kommun>/`` and its folder ``kommuner/<kommun>/``. Everything
else is shared, so the name of the default municipality, its web address, the decision behind its
styrmodell (§ 129) or its visions must not appear there. A grep over the shared folders, with the
few files that are about the default package listed below, each with its reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Words that belong to one municipality: its name, address, decision and visions.
MARKERS = re.compile(r"karlskoga|§\s*129|vision 2020|välkomnande, kloka|alfred nobel", re.IGNORECASE)
#: In tests only the prose markers count: a test may name the package it runs on (``KARLSKOGA = …``).
PROSE_MARKERS = re.compile(r"karlskoga\.se|karlskoga kommun|§\s*129|vision 2020|välkomnande, kloka", re.IGNORECASE)

#: The shared folders and files, checked with :data:`MARKERS`.
SHARED = ("plugins", "theme", "content", "Makefile", ".github/workflows", ".ci")

#: Shared files that may name the default package, and why.
ALLOWED = {
    # Syntetkommun is defined as N times the default package's size and copies its small tables.
    "plugins/styrmodell/synth.py": "the benchmark's fictional municipality is modelled on the default package",
}

#: Test files and fixtures that are about the default package itself, and why they may quote it.
TEST_ALLOWED = {
    "tests/fixtures/karlskoga-2022": "a frozen copy of the default package",
    "tests/fixtures/seed-shingles.txt": "fingerprints of the default municipality's styrmodell document",
    "tests/site/golden": "golden pages of the default municipality's site",
    "tests/unit/test_no_municipality_text.py": "this file names the markers",
    "tests/site/test_municipalities.py": "the check of the example site's output names the same markers",
    "tests/unit/test_money_figures.py": "checks the receipt against the frozen copy's figures",
    "tests/unit/test_plain_language.py": "checks the default municipality's own pages against its seed document",
    "tests/site/test_publisher.py": "checks the default package's demonstration notice",
    "tests/site/test_karlskoga_site.py": "invariants of the default municipality's site",
    "tests/unit/test_kolada_national.py": "checks the groups Kolada gives the default municipality, from real figures",
    "tests/shape_invariants.py": "the check that no generated package's site quotes another municipality names the markers",
}


#: Build output that is never committed: ``pip install -e`` writes ``*.egg-info``, Python ``__pycache__``.
BUILD_OUTPUT = ("__pycache__", "node_modules", "build", "dist", ".pytest_cache", ".ruff_cache", ".venv")


def _is_build_output(relative: Path) -> bool:
    return any(part in BUILD_OUTPUT or part.endswith(".egg-info") for part in relative.parts)


def _listed_by_git(entry: str, root: Path) -> list[str] | None:
    """Files under ``entry`` that git tracks or would track (not ignored); None without git or a checkout."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return None
    try:
        listed = subprocess.run(
            [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", entry],
            cwd=root,
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return [name for name in listed.stdout.decode("utf-8").split("\0") if name]


def _files(entry: str, root: Path = ROOT) -> list[Path]:
    """The files under ``entry`` that belong to the project: git's list, else a walk that skips build output."""
    path = root / entry
    if path.is_file():
        return [path]
    names = _listed_by_git(entry, root)
    if names is None:
        names = [p.relative_to(root).as_posix() for p in path.rglob("*")]
    files = {root / name for name in names if not _is_build_output(Path(name))}
    return sorted(p for p in files if p.is_file())


def _allowed(path: Path, allowed: dict[str, str]) -> bool:
    if not path.is_relative_to(ROOT):
        return False
    relative = path.relative_to(ROOT).as_posix()
    return any(relative == a or relative.startswith(f"{a}/") for a in allowed)


def _hits(paths: list[Path], markers: re.Pattern, allowed: dict[str, str]) -> list[str]:
    hits = []
    for path in paths:
        if _allowed(path, allowed):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if markers.search(line):
                hits.append(f"{path.name}:{number}: {line.strip()[:120]}")
    return hits


@pytest.mark.parametrize("entry", SHARED)
def test_shared_folders_name_no_municipality(entry: str):
    assert _hits(_files(entry), MARKERS, ALLOWED) == []


def test_tests_quote_no_municipality_outside_their_own_files():
    paths = [p for p in _files("tests") if "node_modules" not in p.parts]
    assert _hits(paths, PROSE_MARKERS, TEST_ALLOWED) == []


def test_the_check_finds_a_municipality(tmp_path: Path):
    page = tmp_path / "sida.md"
    page.write_text("Kontakta kommunen på karlskoga.se.\n", encoding="utf-8")
    assert _hits([page], MARKERS, {}) != []
    assert _hits([page], PROSE_MARKERS, {}) != []


def test_build_output_is_not_read(tmp_path: Path):
    (tmp_path / "plugins" / "styrmodell.egg-info").mkdir(parents=True)
    (tmp_path / "plugins" / "styrmodell.egg-info" / "PKG-INFO").write_text("Karlskoga\n", encoding="utf-8")
    (tmp_path / "plugins" / "styrmodell" / "__pycache__").mkdir(parents=True)
    (tmp_path / "plugins" / "styrmodell" / "__pycache__" / "x.pyc").write_text("karlskoga\n", encoding="utf-8")
    (tmp_path / "plugins" / "styrmodell" / "cli.py").write_text("# karlskoga\n", encoding="utf-8")
    assert _files("plugins", tmp_path) == [tmp_path / "plugins" / "styrmodell" / "cli.py"]


def test_every_allowed_file_exists():
    missing = [a for a in (*ALLOWED, *TEST_ALLOWED) if not (ROOT / a).exists()]
    assert missing == []
