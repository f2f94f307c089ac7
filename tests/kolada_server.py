"""A local Kolada for the tests: a threaded http.server on 127.0.0.1 (port 0) in Kolada v3's shape.

It serves the recorded values in tests/fixtures/kolada/recorded.json, plus made-up values for two other
municipalities (only in the tests), in pages of ``per_page`` items linked by ``next_url``. A test can
replace ``server.script``: a list of ``(status, body)`` answers used before the normal one (``"sleep"`` as
the status waits longer than the client's time-out).
"""

from __future__ import annotations

import copy
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDED = json.loads((Path(__file__).parent / "fixtures" / "kolada" / "recorded.json").read_text("utf-8"))
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


def dataset() -> list[dict]:
    data = copy.deepcopy(RECORDED["data"])
    for d in RECORDED["data"]:
        if d["municipality"] == "1883":
            total = d["values"][0]["value"]
            data += [item(d["kpi"], code, d["period"], round(total * f, 3)) for code, f in MADE_UP.items()]
    return data


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        server: KoladaServer = self.server  # type: ignore[assignment]
        server.paths.append(self.path)
        if server.script:
            status, body = server.script.pop(0)
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
            return self._send(status, body if isinstance(body, bytes) else json.dumps(body).encode())
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.strip("/").split("/")[1:]  # drop "v3"
        rows = self._rows(parts, server)
        if rows is None:
            return self._send(404, b'{"error": "not found"}')
        per_page = min(int(query.get("per_page", 5000)), server.per_page)
        page = int(query.get("page", 1))
        chunk = rows[(page - 1) * per_page : page * per_page]
        more = page * per_page < len(rows)
        base = f"http://127.0.0.1:{server.server_port}{url.path}"
        link = lambda p: f"{base}?{urllib.parse.urlencode({'page': p, 'per_page': per_page})}"  # noqa: E731
        body = {
            "count": len(chunk),
            "values": chunk,
            "next_url": link(page + 1) if more else None,
            "previous_url": link(page - 1) if page > 1 else None,
        }
        self._send(200, json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def _rows(self, parts: list[str], server: KoladaServer) -> list | None:
        if parts == ["municipality"]:
            return MUNICIPALITIES
        if len(parts) == 2 and parts[0] == "kpi":
            ids = parts[1].split(",")
            return [k for k in RECORDED["kpi"] if k["id"] in ids]
        if parts[:1] == ["data"] and len(parts) >= 4:
            spec = dict(zip(parts[1::2], parts[2::2], strict=False))
            kpis, places = spec["kpi"].split(","), spec["municipality"].split(",")
            years = spec.get("year", "").split(",") if "year" in spec else None
            return [
                d
                for d in server.data
                if d["kpi"] in kpis and d["municipality"] in places and (years is None or str(d["period"]) in years)
            ]
        return None

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class KoladaServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.data = dataset()
        self.script: list[tuple] = []
        self.paths: list[str] = []
        self.per_page = 5000

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/v3"

    def __enter__(self) -> KoladaServer:
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
