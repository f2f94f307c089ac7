"""A bad data commit never takes down or corrupts the published site.

The build runs the real command line (``python -m styrmodell build``, what
``make site`` and CI run) against a site that was built before, then breaks it
two ways: bad data (caught by validation) and a page Pelican cannot render
(caught during the build). Each time the command exits 1 with a Swedish message,
and the earlier ``output/`` is byte-identical, with no staging folder left behind.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, ROOT
from styrmodell.settings import write_settings_file


def settings_file(folder: Path, package: Path, content: Path) -> Path:
    return write_settings_file(
        folder / "atomicconf.py", ROOT / "pelicanconf.py", package=package, PATH=content, CACHE_PATH=folder / "cache"
    )


def run_build(settings: Path, output: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "styrmodell", "build", "--settings", str(settings), "--output", str(output)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A package, a content folder and an output/ built from them successfully, once per module."""
    folder = tmp_path_factory.mktemp("atomic")
    shutil.copytree(MINI, folder / "package")
    shutil.copytree(ROOT / "content", folder / "content")
    output = folder / "site" / "output"
    done = run_build(settings_file(folder, folder / "package", folder / "content"), output)
    assert done.returncode == 0, done.stderr
    assert (output / "index.html").is_file()
    return folder


@pytest.fixture
def published(pristine: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A writable copy of the pristine package, content and published output/."""
    for name in ("package", "content", "site"):
        shutil.copytree(pristine / name, tmp_path / name)
    return tmp_path / "package", tmp_path / "content", tmp_path / "site" / "output"


def assert_untouched(output: Path, before: dict[str, str]) -> None:
    assert fingerprint(output) == before, "a failed build changed output/"
    leftovers = sorted(p.name for p in output.parent.iterdir() if p != output)
    assert leftovers == [], f"a failed build left folders behind: {leftovers}"


def test_bad_data_fails_with_a_swedish_message_and_leaves_output_unchanged(published, tmp_path: Path):
    package, content, output = published
    before = fingerprint(output)
    goals = package / "goals.csv"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("bun-1,namndmal,kf-1", "bun-1,namndmal,kf-99"), encoding="utf-8"
    )

    done = run_build(settings_file(tmp_path, package, content), output)

    assert done.returncode == 1
    assert "goals.csv" in done.stderr
    assert "kf-99" in done.stderr
    assert "Webbplatsen byggdes inte" in done.stderr
    assert "output/ är orörd" in done.stderr
    assert_untouched(output, before)


def test_a_page_that_cannot_be_rendered_fails_the_build_and_leaves_output_unchanged(published, tmp_path: Path):
    package, content, output = published
    before = fingerprint(output)
    (content / "pages" / "trasig.md").write_text(
        "Title: Trasig sida\nSlug: trasig\nTemplate: finns-inte\n\nDen här sidan har en mall som inte finns.\n",
        encoding="utf-8",
    )

    done = run_build(settings_file(tmp_path, package, content), output)

    assert done.returncode == 1
    assert "Bygget misslyckades" in done.stderr
    assert "Mallen 'finns-inte' finns inte i temat" in done.stderr  # an editor's mistake, told in Swedish
    assert "output/ är orörd" in done.stderr
    assert_untouched(output, before)


def test_a_good_build_replaces_output_completely(published, tmp_path: Path):
    package, content, output = published
    (output / "gammal-fil.html").write_text("kvar från förra bygget", encoding="utf-8")
    goals = package / "goals.csv"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("Eleverna lär sig mer", "Eleverna lär sig ännu mer"), encoding="utf-8"
    )

    done = run_build(settings_file(tmp_path, package, content), output)

    assert done.returncode == 0, done.stderr
    assert not (output / "gammal-fil.html").exists()
    assert "Eleverna lär sig ännu mer" in (output / "mal" / "bun-1" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]


def test_a_build_loads_the_package_once_and_hands_it_to_the_generators(tmp_path: Path, monkeypatch):
    """The build validates and types the package once; no generator reads it again (the mini package has no snapshots)."""
    from styrmodell.build import build
    from styrmodell.package import loader

    loads: list[Path] = []
    read_files = loader.read_files

    def counting(directory, descriptor):
        loads.append(Path(directory))
        return read_files(directory, descriptor)

    monkeypatch.setattr(loader, "read_files", counting)
    assert build(settings_file(tmp_path, MINI, ROOT / "content"), tmp_path / "output") == 0
    assert loads == [MINI]
    assert (tmp_path / "output" / "data" / "testkommun.zip").is_file()
