"""init: a starter package from the local Kolada, and its refusals."""

from __future__ import annotations

from datetime import date

import pytest
from kolada_server import KoladaServer
from styrmodell.kolada.client import KoladaClient, KoladaError
from styrmodell.kolada.starter import DEFAULT_KPIS, init
from styrmodell.package import load

SITE = "https://www.kommunen.se"


@pytest.fixture
def client():
    with KoladaServer() as server:
        yield KoladaClient(server.url, timeout=1, retries=0)


def test_init_writes_a_package_that_validates(client, tmp_path):
    out = init("1883", tmp_path / "karlskoga", client, fetched_on=date(2026, 12, 1), website=SITE)
    model = load(out).model
    municipality = model.municipality
    assert (municipality.id, municipality.name, municipality.code, municipality.county) == (
        "karlskoga",
        "Karlskoga",
        "1883",
        "Örebro län",
    )
    assert sorted(i.kolada_kpi for i in model.indicators) == sorted(k[0] for k in DEFAULT_KPIS)
    assert [(m.code, m.name) for m in model.comparison_groups] == [("1862", "Degerfors"), ("1884", "Nora")]
    assert all(g.example for g in model.goals)
    assert all(p.example for p in model.periods)
    assert not any(r.example for r in model.results)
    assert {c.area for c in model.comparisons} == {"riket", "lanets-kommuner"}
    assert [(t.year, t.rate) for t in model.tax_rates][-1] == (2022, 22.0)


def test_init_refuses_a_folder_that_is_not_empty(client, tmp_path):
    (tmp_path / "taken.txt").write_text("x", encoding="utf-8")
    with pytest.raises(KoladaError, match="inte tom"):
        init("1883", tmp_path, client, fetched_on=date(2026, 12, 1), website=SITE)
    assert [p.name for p in tmp_path.iterdir()] == ["taken.txt"]


@pytest.mark.parametrize(("code", "message"), [("18830", "ingen kommunkod"), ("1880", "ingen kommun med koden 1880")])
def test_init_refuses_a_code_kolada_does_not_know(client, tmp_path, code, message):
    with pytest.raises(KoladaError, match=message):
        init(code, tmp_path / "out", client, fetched_on=date(2026, 12, 1), website=SITE)
    assert not (tmp_path / "out").exists()


def test_a_group_with_two_names_is_an_error(client, tmp_path):
    from styrmodell.package import validate_package

    out = init("1883", tmp_path / "karlskoga", client, fetched_on=date(2026, 12, 1), website=SITE)
    path = out / "comparison_groups.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("Övriga kommuner i Örebro län", "Grannarna")
    path.write_text("".join(lines), encoding="utf-8")
    problems = [(p.file, p.row, p.column, p.type) for p in validate_package(out)]
    assert problems == [("comparison_groups.csv", 3, "group_name", "group-inconsistent")]


def test_the_init_command_writes_the_package(tmp_path, capsys):
    from styrmodell.cli import main

    with KoladaServer() as server:
        argv = [
            "init",
            "--kommun",
            "1883",
            "--webbplats",
            SITE,
            "--out",
            str(tmp_path / "ny"),
            "--base-url",
            server.url,
        ]
        assert main(argv) == 0
        assert main([*argv[:-2], "--base-url", server.url]) == 1  # the folder is no longer empty
    assert (tmp_path / "ny" / "datapackage.json").is_file()
    assert "init misslyckades, och ingen fil ändrades:" in capsys.readouterr().err
