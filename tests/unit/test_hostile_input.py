"""Hostile input that never reaches a page: the hostile fixture keeps its payloads, and the validator
stops what must not be published (overlong titles, script addresses, right-to-left overrides).

What the hostile fixture's strings become in the built pages is tested in ``tests/site/test_hostile.py``.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from conftest import FIXTURES, MINI
from styrmodell.build import validate
from styrmodell.package import validate_package

HOSTILE = FIXTURES / "hostile"
#: Strings the fixture must keep, so that nobody defangs it by accident.
PAYLOADS = (
    "<script>alert('xss-script')</script>",
    "</script><script>alert('xss-break')</script>",
    "\"><img src=x onerror=alert('xss-img')>",
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "](javascript:alert(1))",
    "](JaVaScRiPt:alert(2))",
    '<iframe src="https://evil.example/"></iframe>',
    "<svg onload=alert('xss-svg')>",
    "Ett mycket långt namn som aldrig tar slut",
)


def test_fixture_keeps_its_payloads():
    cells = []
    for path in sorted(HOSTILE.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            cells += [cell for row in csv.reader(file) for cell in row]
    text = "\n".join(cells)
    missing = [p for p in PAYLOADS if p not in text]
    assert not missing, f"tests/fixtures/hostile lost its hostile strings: {missing}"
    assert ("Ett mycket långt namn som aldrig tar slut " * 300)[:10000] in text


def broken_copy(source: Path, folder: Path, file: str, old: str, new: str) -> Path:
    """A copy of the package ``source`` in ``folder`` with ``old`` replaced by ``new`` in ``file``."""
    package = folder / source.name
    shutil.copytree(source, package)
    path = package / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return package


def located(package: Path) -> list[tuple]:
    return [(p.file, p.row, p.column, p.type) for p in validate_package(package)]


def test_a_title_longer_than_400_characters_is_rejected(tmp_path: Path, capsys):
    package = broken_copy(HOSTILE, tmp_path, "goals.csv", "Frisk personal", "Frisk personal " + "x" * 400)
    assert validate(package) == 1
    report = capsys.readouterr().err
    assert (
        "goals.csv, rad 6, kolumn title: texten är för lång. Så rättar du: korta texten till högst 400 tecken"
        " [constraint-error]"
    ) in report
    assert located(package) == [("goals.csv", 6, "title", "constraint-error")]


def test_url_columns_accept_only_web_addresses(tmp_path: Path, capsys):
    package = broken_copy(MINI, tmp_path, "sources.csv", "https://www.kolada.se", "javascript:alert(1)")
    assert validate(package) == 1
    assert 'sources.csv, rad 3, kolumn url: "javascript:alert(1)" är ingen webbadress.' in capsys.readouterr().err
    assert located(package) == [("sources.csv", 3, "url", "url-scheme")]


def test_right_to_left_override_is_rejected_before_it_reaches_a_page(tmp_path: Path, capsys):
    """U+202E makes the text after it read backwards; the validator rejects it with a Swedish message."""
    package = broken_copy(MINI, tmp_path, "goals.csv", "Eleverna lär sig mer", "Eleverna \u202elär sig mer")
    assert validate(package) == 1
    err = capsys.readouterr().err
    assert "goals.csv, rad 4, kolumn title" in err
    assert "vänder på textriktningen" in err
    assert located(package) == [("goals.csv", 4, "title", "bidi-control")]
