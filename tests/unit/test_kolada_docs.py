"""docs/kolada.md names the default KPIs with Kolada's current titles (checked against Kolada's own list)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from kolada_server import NATIONAL
from styrmodell.kolada.starter import DEFAULT_KPIS

DOC = Path(__file__).resolve().parents[2] / "docs" / "kolada.md"


def table() -> dict[str, str]:
    return {m[1]: m[2] for m in re.finditer(r"^\| ([NU]\d{5}) \| (.*?) \|", DOC.read_text("utf-8"), re.M)}


def test_the_table_lists_the_default_kpis():
    assert list(table()) == [k[0] for k in DEFAULT_KPIS]


@pytest.mark.skipif(not NATIONAL.is_dir(), reason=f"Kolada's KPI list ({NATIONAL}/kpi.json) is not on this machine")
def test_every_title_is_kolada_s_current_one():
    kolada = {
        k["id"]: " ".join(k["title"].split()) for k in json.loads((NATIONAL / "kpi.json").read_text("utf-8"))["values"]
    }
    assert {kpi: kolada[kpi] for kpi in table()} == table()
