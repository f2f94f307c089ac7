"""The workbook after a save in LibreOffice Calc still reads back to the same bytes (skipped without Calc).

``soffice --convert-to xlsx`` opens the workbook and saves it again, as an editor's save
in Calc would: Calc rewrites every sheet, its number formats and the drop-down lists.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, KARLSKOGA, MINI
from styrmodell.package import load
from styrmodell.xlsx.export import workbook_bytes
from styrmodell.xlsx.importer import import_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PACKAGES = {"mini": MINI, "hostile": FIXTURES / "hostile", "karlskoga": KARLSKOGA}

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def hashes(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in directory.rglob("*")
        if p.is_file()
    }


def test_a_workbook_saved_by_calc_reads_back_to_the_same_bytes(tmp_path):
    exported = tmp_path / "export"
    exported.mkdir()
    for name, package in PACKAGES.items():
        (exported / f"{name}.xlsx").write_bytes(workbook_bytes(load(package)))
    saved = tmp_path / "calc"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(saved),
            *(str(exported / f"{name}.xlsx") for name in PACKAGES),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name, package in PACKAGES.items():
        assert (saved / f"{name}.xlsx").read_bytes() != (exported / f"{name}.xlsx").read_bytes()  # Calc rewrote it
        copy = tmp_path / "pkg" / name
        shutil.copytree(package, copy)
        import_workbook(saved / f"{name}.xlsx", copy)
        assert hashes(copy) == hashes(package), name
