"""The browser calculator's own arithmetic, run in Node against the shared income cases.

``skattekvitto.test.mjs`` loads ``theme/static/js/skattekvitto.js`` unchanged in
``node:vm`` and runs every case of ``tests/fixtures/income-cases.json``; this test
starts it with Node's built-in test runner so ``make test`` runs it. Without Node
it is skipped; with ``CI=true`` it fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURES, ROOT, missing

NODE_TEST = Path(__file__).resolve().with_name("skattekvitto.test.mjs")


def test_browser_script_passes_every_income_case():
    node = shutil.which("node")
    if node is None:
        missing("Node saknas; installera med: apt-get install -y nodejs")
    cases = json.loads((FIXTURES / "income-cases.json").read_text(encoding="utf-8"))
    done = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(NODE_TEST)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", report, re.MULTILINE))
    expected = len(cases["good"]) + len(cases["bad"])
    assert counts == {"tests": str(expected), "pass": str(expected), "fail": "0"}, report
