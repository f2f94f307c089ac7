"""A local Kolada for the tests: a threaded http.server on 127.0.0.1 (port 0) that answers like Kolada v3.

Endpoints (under ``/v3``), each answered with Kolada's envelope ``{count, values, next_url, previous_url}`` in
pages of ``per_page`` items (``page`` counts from 1; at most :attr:`KoladaServer.per_page`):

- ``/data/kpi/{kpis}/municipality/{ids}/year/{years}``, also without ``/year/…``, and
  ``/data/kpi/{kpis}/year/{years}`` for every municipality; an id may be a group (``G…``), whose value is the
  unweighted mean of the members that have one, with ``count`` the number of those members;
- ``/municipality``, ``/municipality_groups`` and ``/kpi``, each also with ``/{ids}``.

Where the answers come from:

- ``KoladaServer()``: the recorded values in ``tests/fixtures/kolada/recorded.json``, plus made-up values for
  two other municipalities (only in the tests), in :attr:`KoladaServer.data` that a test may change;
- ``KoladaServer(folder)``: a folder in the shape of ``../shared/data/kolada-national/`` (``values/<KPI>.csv``
  with ``municipality,year,value``, ``municipality.json``, ``municipality_groups.json``, ``kpi.json``), such as
  ``tests/fixtures/kolada-national/``; items in :attr:`KoladaServer.data` are answered too.

``links`` says how ``next_url`` is written: ``"absolute"`` (``http://127.0.0.1:…/v3/…?page=2``), ``"root"``
(``/v3/…?page=2``) or ``"relative"`` (``data/…?page=2``, against the base URL). A test can set ``script``: a
list of ``(status, body)`` or ``(status, body, headers)`` answers used before the normal one (``"sleep"`` as
the status waits ``body`` seconds, ``"redirect"`` sends a 302 to ``body``, ``"truncated"`` breaks off).
"""

from __future__ import annotations

import copy
import csv
import json
import threading
import time
import urllib.parse
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
RECORDED = json.loads((FIXTURES / "kolada" / "recorded.json").read_text("utf-8"))
#: The fixture folder in the shape of the national folder (real Kolada figures, see its README).
NATIONAL_FIXTURE = FIXTURES / "kolada-national"
#: The whole country, outside the repository (tests that use it skip without it).
NATIONAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "kolada-national"
MUNICIPALITIES = [
    {"id": "0000", "title": "Riket", "type": "L"},
    {"id": "0018", "title": "Region Örebro län", "type": "L"},
    {"id": "1862", "title": "Degerfors", "type": "K"},
    {"id": "1883", "title": "Karlskoga", "type": "K"},
    {"id": "1884", "title": "Nora", "type": "K"},
    {"id": "0180", "title": "Stockholm", "type": "K"},
]
#: Made-up member values: Karlskoga's value times these factors (test data, not real figures).
MADE_UP = {"1862": 0.9, "1884": 1.2}
#: Groups for the recorded mode: Kolada's ids and titles, members cut down to the municipalities above.
GROUPS = [
    {
        "id": "G33625",
        "title": "Örebro läns kommuner (ovägt medel)",
        "members": [
            {"member_id": "1862", "member_title": "Degerfors"},
            {"member_id": "1883", "member_title": "Karlskoga"},
            {"member_id": "1884", "member_title": "Nora"},
        ],
    },
    {
        "id": "G35959",
        "title": "Liknande kommuner grundskola, Karlskoga, 2024",
        "members": [
            {"member_id": "1862", "member_title": "Degerfors"},
            {"member_id": "1884", "member_title": "Nora"},
        ],
    },
]


def item(kpi: str, municipality: str, year: int, value: float | None, status: str = "", deleted: bool = False):
    return {
        "kpi": kpi,
        "municipality": municipality,
        "period": year,
        "values": [
            {"count": 1, "gender": "T", "status": status, "value": value, "isdeleted": deleted},
            {
                "count": 1,
                "gender": "K",
                "status": "",
                "value": None if value is None else value + 1,
                "isdeleted": False,
            },
        ],
    }


def total(kpi: str, municipality: str, year: int, value: float, count: int = 1) -> dict:
    """A data item as the national folder gives it: the total only (gender T)."""
    entry = {"count": count, "gender": "T", "status": "", "value": value, "isdeleted": False}
    return {"kpi": kpi, "municipality": municipality, "period": year, "values": [entry]}


def dataset() -> list[dict]:
    data = copy.deepcopy(RECORDED["data"])
    for d in RECORDED["data"]:
        if d["municipality"] == "1883":
            value = d["values"][0]["value"]
            data += [item(d["kpi"], code, d["period"], round(value * f, 3)) for code, f in MADE_UP.items()]
    return data


class Folder:
    """A folder in the shape of the national folder, read lazily (one KPI file when it is first asked for)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

        def listed(name: str) -> list[dict]:
            return json.loads((self.path / name).read_text("utf-8"))["values"]

        # Kolada's /municipality has id, title and type; the folder adds the county, which Kolada does not send.
        self.municipalities = [{k: m[k] for k in ("id", "title", "type")} for m in listed("municipality.json")]
        self.groups = listed("municipality_groups.json")
        self.kpis = listed("kpi.json")
        self.members = {g["id"]: [m["member_id"] for m in g["members"]] for g in self.groups}
        self.read = cache(self._read)

    def _read(self, kpi: str) -> dict[tuple[str, int], float]:
        path = self.path / "values" / f"{kpi}.csv"
        if not path.is_file():
            return {}
        with path.open(encoding="utf-8", newline="") as handle:
            return {(r["municipality"], int(r["year"])): float(r["value"]) for r in csv.DictReader(handle)}

    def data(self, kpis: list[str], places: list[str] | None, years: list[str] | None) -> list[dict]:
        found = []
        for kpi in kpis:
            values = self.read(kpi)
            if places is None:
                found += [
                    total(kpi, code, year, value)
                    for (code, year), value in values.items()
                    if years is None or str(year) in years
                ]
                continue
            wanted = {int(y) for y in years} if years is not None else {y for (_, y) in values}
            for place in places:
                for year in sorted(wanted):
                    if place in self.members:  # a group: the unweighted mean of the members with a value
                        member_values = [values[(m, year)] for m in self.members[place] if (m, year) in values]
                        if member_values:
                            mean = sum(member_values) / len(member_values)
                            found.append(total(kpi, place, year, mean, len(member_values)))
                    elif (place, year) in values:
                        found.append(total(kpi, place, year, values[(place, year)]))
        return found


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        server: KoladaServer = self.server  # type: ignore[assignment]
        server.paths.append(self.path)
        if server.script:
            status, body, *rest = server.script.pop(0)
            headers = rest[0] if rest else {}
            if status == "sleep":
                time.sleep(float(body))
                return
            if status == "redirect":  # a 302 to the address in body
                self.send_response(302)
                self.send_header("Location", body)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if status == "truncated":  # promise more bytes than are sent, then close
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(b'{"count": 1')
                self.close_connection = True
                return
            return self._send(status, body if isinstance(body, bytes) else json.dumps(body).encode(), headers)
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.strip("/").split("/")
        if parts[:1] != ["v3"]:
            return self._send(404, b'{"error": "not found"}')
        rows = self._rows(parts[1:], server)
        if rows is None:
            return self._send(404, b'{"error": "not found"}')
        per_page = min(int(query.get("per_page", 5000)), server.per_page)
        page = int(query.get("page", 1))
        chunk = rows[(page - 1) * per_page : page * per_page]
        more = page * per_page < len(rows)

        def link(number: int) -> str:
            target = f"{url.path}?{urllib.parse.urlencode({'page': number, 'per_page': per_page})}"
            if server.links == "root":
                return target
            if server.links == "relative":
                return target.removeprefix("/v3/")
            return f"http://127.0.0.1:{server.server_port}{target}"

        body = {
            "count": len(chunk),
            "values": chunk,
            "next_url": link(page + 1) if more else None,
            "previous_url": link(page - 1) if page > 1 else None,
        }
        self._send(200, json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def _rows(self, parts: list[str], server: KoladaServer) -> list | None:
        folder = server.folder
        listing = {
            "municipality": folder.municipalities if folder else MUNICIPALITIES,
            "municipality_groups": folder.groups if folder else GROUPS,
            "kpi": folder.kpis if folder else RECORDED["kpi"],
        }
        if len(parts) in {1, 2} and parts[0] in listing:
            everything = listing[parts[0]]
            if len(parts) == 1:
                return everything
            ids = parts[1].split(",")
            return [k for k in everything if k["id"] in ids]
        if parts[:1] != ["data"] or len(parts) < 5 or len(parts) % 2 == 0:
            return None
        spec = dict(zip(parts[1::2], parts[2::2], strict=True))
        if "kpi" not in spec or not set(spec) <= {"kpi", "municipality", "year"} or len(spec) < 2:
            return None
        kpis = spec["kpi"].split(",")
        places = spec["municipality"].split(",") if "municipality" in spec else None
        years = spec["year"].split(",") if "year" in spec else None
        found = [
            d
            for d in server.data
            if d["kpi"] in kpis
            and (places is None or d["municipality"] in places)
            and (years is None or str(d["period"]) in years)
        ]
        if folder:
            extra = {(d["kpi"], d["municipality"], d["period"]) for d in found}
            found += [
                d for d in folder.data(kpis, places, years) if (d["kpi"], d["municipality"], d["period"]) not in extra
            ]
        return sorted(found, key=lambda d: (d["kpi"], d["municipality"], d["period"]))

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class KoladaServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path | None = None, *, links: str = "absolute") -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.folder = Folder(folder) if folder is not None else None
        self.data = [] if folder is not None else dataset()
        self.script: list[tuple] = []
        self.paths: list[str] = []
        self.per_page = 5000
        self.links = links

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/v3"

    def __enter__(self) -> KoladaServer:
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
