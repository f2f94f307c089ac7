"""The Kolada client against a real HTTP server on 127.0.0.1: pages, retries, time-outs, bad answers."""

from __future__ import annotations

import pytest
from kolada_server import KoladaServer, item
from styrmodell.kolada.client import KoladaClient, KoladaError, Value


@pytest.fixture
def server():
    with KoladaServer() as running:
        yield running


def client(server: KoladaServer, **kwargs) -> KoladaClient:
    options = {"timeout": 0.5, "retries": 2, "backoff": 0.01}
    return KoladaClient(server.url, **(options | kwargs))


def test_follows_next_url_through_every_page(server):
    server.per_page = 2
    found = client(server).data(["N15507"], ["1883"], [2019, 2020, 2021, 2022])
    assert [(v.year, v.value) for v in found] == [(2019, 209.0), (2020, 210.0), (2021, 215.0), (2022, 218.0)]
    assert sum("/data/kpi/N15507/municipality/1883/year/" in p for p in server.paths) == 2
    assert any("page=2" in p for p in server.paths)


def test_batches_lists_within_the_limit(server):
    kolada = client(server)
    codes = [f"{n:04d}" for n in range(1, 46)]
    kolada.data(["N15507"], codes)
    lists = [p.split("/municipality/")[1].split("?")[0].split(",") for p in server.paths]
    assert [len(ids) for ids in lists] == [20, 20, 5]


def test_a_500_then_success_is_retried(server):
    server.script = [(500, {"error": "x"})]
    kolada = client(server)
    assert kolada.data(["N15507"], ["1883"], [2022]) == [Value("N15507", "1883", 2022, 218.0)]
    assert kolada.requests == 2


def test_always_500_fails_after_the_retries(server):
    server.script = [(500, {"error": "x"})] * 3
    kolada = client(server)
    with pytest.raises(KoladaError, match="misslyckades 3 gånger: Kolada svarade 500"):
        kolada.data(["N15507"], ["1883"], [2022])
    assert kolada.requests == 3


def test_a_time_out_is_retried_then_fails(server):
    server.script = [("sleep", 0.6), ("sleep", 0.6)]
    kolada = client(server, timeout=0.2, retries=1)
    with pytest.raises(KoladaError, match=r"inget svar inom 0\.2 sekunder"):
        kolada.data(["N15507"], ["1883"], [2022])
    assert kolada.requests == 2


def test_a_4xx_is_an_error_at_once(server):
    server.script = [(404, {"error": "no such kpi"})]
    kolada = client(server)
    with pytest.raises(KoladaError, match="Kolada svarade 404"):
        kolada.data(["N99999"], ["1883"])
    assert kolada.requests == 1


def test_malformed_json_is_an_error(server):
    server.script = [(200, b'{"count": 1, "values": [')]
    with pytest.raises(KoladaError, match="inte giltig JSON"):
        client(server).data(["N15507"], ["1883"])


def test_an_envelope_without_values_is_an_error(server):
    server.script = [(200, {"count": 0})]
    with pytest.raises(KoladaError, match="saknar listan values"):
        client(server).data(["N15507"], ["1883"])


def test_an_empty_result_is_no_values(server):
    assert client(server).data(["N15507"], ["1883"], [1990]) == []


def test_a_status_is_no_value_and_deleted_values_are_left_out(server):
    server.data = [
        item("N15507", "1883", 2021, None, status="Bortfall"),
        item("N15507", "1883", 2022, 1.0, deleted=True),
        item("N15507", "1883", 2020, 0.0),
    ]
    found = client(server).data(["N15507"], ["1883"])
    assert found == [Value("N15507", "1883", 2020, 0.0), Value("N15507", "1883", 2021, None, "Bortfall")]


def test_a_next_url_to_another_server_is_refused(server):
    server.script = [(200, {"count": 0, "values": [], "next_url": "http://example.org/v3/x"})]
    with pytest.raises(KoladaError, match="annan server"):
        client(server).data(["N15507"], ["1883"])


def test_a_redirect_to_another_server_is_refused(server):
    server.script = [("redirect", "http://127.0.0.2:9/elsewhere")]
    with pytest.raises(KoladaError, match="annan server"):
        client(server).data(["N15507"], ["1883"], [2022])
    assert len(server.paths) == 1


def test_an_answer_cut_off_midway_is_retried(server):
    server.script = [("truncated", None)]
    assert client(server).data(["N15507"], ["1883"], [2022]) == [Value("N15507", "1883", 2022, 218.0)]
    server.script = [("truncated", None)] * 3
    with pytest.raises(KoladaError, match="avbröts"):
        client(server).data(["N15507"], ["1883"], [2022])
