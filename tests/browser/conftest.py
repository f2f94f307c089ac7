"""Real-browser fixtures: the built Karlskoga site on 127.0.0.1 and one headless Debian Chromium.

Without Chromium or Playwright the browser tests are skipped with the reason;
with ``CI=true`` they fail instead, so CI can never pass without running them.
axe-core comes from ``node_modules`` (``npm ci``) and is served by the test
server on the site's own origin, so it loads under the site's strict CSP.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import missing

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Where the test server serves axe-core: same origin as the site, outside any site path.
AXE_URL_PATH = "/__test__/axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site, plus axe-core at AXE_URL_PATH. Quiet: no log line per request."""

    def do_GET(self) -> None:
        if self.path == AXE_URL_PATH:
            body = AXE.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args) -> None:  # same signature as the base class
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on http://127.0.0.1:<free port> in a thread; yields the origin."""
    handler = partial(_SiteHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"server-{directory.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def served_site(karlskoga_site: Path) -> Iterator[str]:
    """The built Karlskoga site on 127.0.0.1; yields the origin."""
    with serve(karlskoga_site) as origin:
        yield origin


@pytest.fixture(scope="session")
def served_mini(mini_site: Path) -> Iterator[str]:
    """The built mini fixture site on 127.0.0.1; yields the origin."""
    with serve(mini_site) as origin:
        yield origin


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module.

    Module scope, not session: Playwright's sync API allows one running instance
    per thread, so a module that starts its own browser can run after this one closes.
    """
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        missing(f"Chromium saknas ({CHROMIUM}); installera med: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python saknas; installera med: .venv/bin/pip install -e '.[test]'")
    executable = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium"))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe() -> str:
    """The URL path where the test server serves axe-core (from ``npm ci``)."""
    if not AXE.exists():
        missing(f"axe-core saknas ({AXE}); installera med: npm ci")
    return AXE_URL_PATH


#: Filled by the audit in test_a11y.py and printed at the end of the run (pages checked, violations found).
SUMMARY: dict[str, object] = {}


def pytest_terminal_summary(terminalreporter) -> None:
    if SUMMARY:
        terminalreporter.write_sep("-", "browser checks")
        for name, value in SUMMARY.items():
            terminalreporter.write_line(f"{name}: {value}")
