"""The Kolada client against a real HTTP server on 127.0.0.1: pages, retries, time-outs, bad answers."""

from __future__ import annotations

import pytest
from kolada_server import NATIONAL, NATIONAL_FIXTURE, KoladaServer, item
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


# Busy servers: 429 and 503 with Retry-After -------------------------------------------------------------


class Waits(list):
    """The pauses the client asked for, instead of sleeping them."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_a_429_waits_as_long_as_retry_after_says(server):
    waits = Waits()
    server.script = [(429, {"error": "too many requests"}, {"Retry-After": "7"})]
    kolada = client(server, sleep=waits, backoff=3)
    assert kolada.data(["N15507"], ["1883"], [2022]) == [Value("N15507", "1883", 2022, 218.0)]
    assert waits == [7.0]
    assert kolada.requests == 2


def test_a_503_with_a_date_waits_until_then():
    from datetime import UTC, datetime

    now = datetime(2026, 12, 2, 10, 0, 0, tzinfo=UTC)
    with KoladaServer() as server:
        waits = Waits()
        server.script = [(503, {"error": "busy"}, {"Retry-After": "Wed, 02 Dec 2026 10:00:30 GMT"})]
        kolada = client(server, sleep=waits, clock=lambda: now)
        assert kolada.data(["N15507"], ["1883"], [2022]) == [Value("N15507", "1883", 2022, 218.0)]
    assert waits == [30.0]


@pytest.mark.parametrize(
    ("header", "wait"),
    [("100000", 120.0), ("-5", 2.0), ("soon", 2.0), ("Wed, 02 Dec 2026 09:59:00 GMT", 0.0), ("0", 0.0)],
    ids=["capped", "negative-is-no-header", "unreadable", "date-past", "zero"],
)
def test_retry_after_is_capped_and_an_unreadable_one_is_the_usual_pause(header, wait):
    from datetime import UTC, datetime

    now = datetime(2026, 12, 2, 10, 0, 0, tzinfo=UTC)
    with KoladaServer() as server:
        waits = Waits()
        server.script = [(429, {"error": "x"}, {"Retry-After": header})]
        client(server, sleep=waits, backoff=2, clock=lambda: now).data(["N15507"], ["1883"], [2022])
    assert waits == [wait]


def test_a_429_without_retry_after_uses_the_growing_pause(server):
    waits = Waits()
    server.script = [(429, {"error": "x"}), (429, {"error": "x"})]
    client(server, sleep=waits, backoff=1.5).data(["N15507"], ["1883"], [2022])
    assert waits == [1.5, 3.0]


def test_always_429_fails_in_swedish_after_the_retries(server):
    server.script = [(429, {"error": "x"}, {"Retry-After": "1"})] * 3
    waits = Waits()
    kolada = client(server, sleep=waits)
    with pytest.raises(KoladaError, match="misslyckades 3 gånger: Kolada svarade 429"):
        kolada.data(["N15507"], ["1883"], [2022])
    assert waits == [1.0, 1.0]


# next_url: absolute, from the root, relative to the base URL --------------------------------------------


@pytest.mark.parametrize("links", ["absolute", "root", "relative"])
def test_every_kind_of_next_url_is_followed(links):
    with KoladaServer(links=links) as server:
        server.per_page = 1
        found = client(server).data(["N15507"], ["1883"], [2019, 2020, 2021, 2022])
        assert [(v.year, v.value) for v in found] == [(2019, 209.0), (2020, 210.0), (2021, 215.0), (2022, 218.0)]
        pages = [p for p in server.paths if "/data/kpi/N15507/municipality/1883/year/" in p]
        assert len(pages) == 4
        assert all(p.startswith("/v3/data/") for p in pages)
        assert [p.split("page=")[1].split("&")[0] for p in pages[1:]] == ["2", "3", "4"]


@pytest.mark.parametrize(
    "link", ["//example.org/v3/data/x?page=2", "https://127.0.0.1/v3/x", "http://127.0.0.1.example.org/v3/x"]
)
def test_a_next_url_that_leaves_the_server_is_refused(server, link):
    server.script = [(200, {"count": 0, "values": [], "next_url": link})]
    with pytest.raises(KoladaError, match="annan server"):
        client(server).data(["N15507"], ["1883"])
    assert len(server.paths) == 1


# The national fixture folder ----------------------------------------------------------------------------


def test_the_whole_country_for_one_kpi_is_one_paged_request():
    with KoladaServer(NATIONAL_FIXTURE, links="relative") as server:
        server.per_page = 25
        kolada = client(server)
        found = kolada.national("N15507", [2021, 2022])
        expected = fixture_values("N15507", {2021, 2022})
        assert {(v.municipality, v.year): v.value for v in found} == expected
        assert len(server.paths) == -(-len(expected) // 25)
        assert all(p.startswith("/v3/data/kpi/N15507/year/2021,2022") for p in server.paths)


def test_many_years_are_still_one_request_per_kpi():
    years = list(range(1994, 2023))  # more years than a batch of ids
    with KoladaServer(NATIONAL_FIXTURE) as server:
        found = client(server).national("N15507", years)
        assert server.paths == [f"/v3/data/kpi/N15507/year/{','.join(map(str, years))}?per_page=5000"]
    assert {(v.municipality, v.year): v.value for v in found} == fixture_values("N15507", set(years))


def test_the_groups_and_their_members_are_kolada_s():
    with KoladaServer(NATIONAL_FIXTURE) as server:
        groups = {g["id"]: g for g in client(server).groups()}
    assert groups["G33625"]["title"] == "Örebro läns kommuner (ovägt medel)"
    assert len(groups["G33625"]["members"]) == 12
    assert {"member_id": "1883", "member_title": "Karlskoga"} in groups["G33625"]["members"]


def test_a_group_id_gets_the_mean_of_the_members_that_have_a_value():
    with KoladaServer(NATIONAL_FIXTURE) as server:
        (value,) = client(server).data(["N15507"], ["G35959"], [2022])
    members = ["0883", "1083", "1286", "1781", "1785", "2282", "2582"]
    values = fixture_values("N15507", {2022})
    found = [values[(m, 2022)] for m in members if (m, 2022) in values]
    assert value.value == pytest.approx(sum(found) / len(found))


def fixture_values(kpi: str, years: set[int], folder=NATIONAL_FIXTURE) -> dict[tuple[str, int], float]:
    """The values straight from the CSV file, every geo (kommuner, regions, Riket)."""
    import csv

    with (folder / "values" / f"{kpi}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {(r["municipality"], int(r["year"])): float(r["value"]) for r in rows if int(r["year"]) in years}


@pytest.mark.skipif(not NATIONAL.is_dir(), reason=f"the national Kolada folder {NATIONAL} is not on this machine")
def test_the_whole_national_folder_is_served_in_pages():
    with KoladaServer(NATIONAL, links="root") as server:
        kolada = client(server, timeout=10)
        found = kolada.national("N15507", [2022])
        places = {m["id"]: m for m in kolada.municipalities()}
        assert len(server.paths) == 2  # Kolada's 5 000 per page: one page for the values, one for the list
    expected = fixture_values("N15507", {2022}, NATIONAL)
    assert {(v.municipality, v.year): v.value for v in found} == expected
    assert sum(places[m]["type"] == "K" for m, _ in expected) == 290
    assert sum(p["type"] == "K" for p in places.values()) == 290
