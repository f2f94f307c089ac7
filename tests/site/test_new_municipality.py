"""A new municipality, tried as a new user would: in a copy of the project, the guide's steps for a made-up
municipality (its package in data/nyby/, ``ny-kommun``, the published build) give its own site, not another's.

One build (the mini package, published with the folder's own publishconf.py); the copied folder of the old
guide stops before anything is built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, ROOT

#: What only the shipped municipalities' sites say: their names.
OTHERS = ("Karlskoga", "Exempelkommun")


def run(project: Path, *arguments: str, **environ: str) -> subprocess.CompletedProcess:
    """``python -m styrmodell …`` in the copy, with the copy's own plugin (as a new user runs it there)."""
    keep = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "SECURITY_TXT_EXPIRES", "KOMMUN")}
    env = keep | {"PYTHONPATH": str(project / "plugins")} | environ
    command = [sys.executable, "-m", "styrmodell", *arguments]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project's files (what git lists, without the packages), with data/nyby: the mini package."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout here, so which files are the project's is unknown")
    target = tmp_path_factory.mktemp("nytt-forrad")
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and not name.startswith(("data/", "tests/")) and source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for kommun in ("karlskoga", "exempelkommun"):  # the other municipalities' packages are there, as in a fork
        (target / "data" / kommun).mkdir(parents=True)
        shutil.copy2(ROOT / "data" / kommun / "municipality.csv", target / "data" / kommun / "municipality.csv")
    shutil.copytree(MINI, target / "data" / "nyby")
    return target


def test_the_guide_s_steps_publish_the_new_municipality_s_own_site(project: Path):
    made = run(project, "ny-kommun", "nyby", "--paket", "data/nyby")
    assert made.returncode == 0, made.stderr
    assert "make test KOMMUN=nyby" in made.stdout
    output = project / "publicerad"
    env = {"SITEURL": "https://nyby.example", "SECURITY_TXT_EXPIRES": "2027-01-01"}
    built = run(project, "build", "--settings", "kommuner/nyby/publishconf.py", "--output", str(output), **env)
    assert built.returncode == 0, built.stderr
    start = (output / "index.html").read_text(encoding="utf-8")
    assert "Testkommun" in start  # the name in data/nyby/municipality.csv
    texts = [p.read_text(encoding="utf-8") for p in output.rglob("*") if p.suffix in {".html", ".xml", ".json"}]
    assert [o for o in OTHERS if any(o in text for text in texts)] == []
    assert "https://nyby.example/" in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_a_folder_copied_from_another_municipality_stops_the_published_build(project: Path):
    """The guide once said: copy kommuner/exempelkommun/, publishconf.py "behöver inte ändras"."""
    shutil.copytree(project / "kommuner" / "exempelkommun", project / "kommuner" / "kopia")
    output = project / "kopia-output"
    env = {"SITEURL": "https://kopia.example"}
    built = run(project, "build", "--settings", "kommuner/kopia/publishconf.py", "--output", str(output), **env)
    assert built.returncode == 1
    assert "Bygget stoppades" in built.stderr
    assert "är för kommunen exempelkommun, inte för kopia" in built.stderr
    assert "Traceback" not in built.stderr
    assert not output.exists()
