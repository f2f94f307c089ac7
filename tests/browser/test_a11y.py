"""Every page of the Karlskoga site in a real Chromium, at 320 and 1280 px wide.

One pass over all pages (one browser, one tab, reused) collects what each test
then asserts on: axe-core violations for WCAG 2.1 A and AA, requests to other
origins, console errors, Content-Security-Policy violations, and which figures
and tables the page has. A second pass with JavaScript switched off checks that
the same figures and tables are there and visible without it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import SUMMARY

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (320, 1280)
HEIGHT = 900
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Runs in every document before the page's own scripts; CDP init scripts are not subject to the page's CSP.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                                        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
}"""
#: What counts as a figure or a table; their number must not depend on JavaScript.
CONTENT = "figure, table, svg[role=img]"


@dataclass
class PageAudit:
    url: str
    width: int
    violations: list[dict] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    visible: list[bool] = field(default_factory=list)


def visibility(page) -> list[bool]:
    """For each figure or table on the page, in document order: is it visible (closed <details> hide theirs)?"""
    items = page.locator(CONTENT)
    return [items.nth(i).is_visible() for i in range(items.count())]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the build, as a URL path: ``mal/x/index.html`` → ``/mal/x/``; ``404.html`` stays."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append("/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative))
    return pages


@pytest.fixture(scope="module")
def pages(karlskoga_site: Path) -> list[str]:
    found = site_pages(karlskoga_site)
    assert "/" in found
    assert "/tillganglighet/" in found
    return found


@pytest.fixture(scope="module")
def audits(browser, served_site: str, pages: list[str], axe: str) -> list[PageAudit]:
    started = time.perf_counter()
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT}, locale="sv-SE")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    results: list[PageAudit] = []
    current: list[PageAudit] = []

    def on_request(request) -> None:
        url = request.url
        if not (url.startswith(f"{served_site}/") or url.startswith(("data:", "about:"))):
            current[-1].foreign_requests.append(url)

    page.on("request", on_request)
    page.on("console", lambda msg: msg.type == "error" and current[-1].console_errors.append(msg.text))
    page.on("pageerror", lambda error: current[-1].console_errors.append(f"uncaught: {error}"))
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            for url in pages:
                audit = PageAudit(url=url, width=width)
                current.append(audit)
                response = page.goto(served_site + url, wait_until="load")
                expected = 404 if url == "/404.html" else 200
                if response is None or response.status not in (200, expected):
                    audit.console_errors.append(f"HTTP {response.status if response else 'no response'}")
                audit.visible = visibility(page)
                page.add_script_tag(url=axe)
                audit.violations = page.evaluate(RUN_AXE, AXE_TAGS)
                audit.csp_violations = page.evaluate("window.__cspViolations")
                results.append(audit)
    finally:
        context.close()
    SUMMARY["pages"] = len(pages)
    SUMMARY["widths"] = WIDTHS
    SUMMARY["seconds"] = round(time.perf_counter() - started, 1)
    SUMMARY["axe violations"] = sum(len(a.violations) for a in results)
    SUMMARY["requests to other origins"] = sum(len(a.foreign_requests) for a in results)
    SUMMARY["console errors"] = sum(len(a.console_errors) for a in results)
    SUMMARY["CSP violations"] = sum(len(a.csp_violations) for a in results)
    return results


def _report(audits: list[PageAudit], attribute: str) -> str:
    lines = []
    for audit in audits:
        for item in getattr(audit, attribute):
            lines.append(f"{audit.url} @ {audit.width}px: {item}")
    return "\n".join(lines[:60]) + (f"\n… and {len(lines) - 60} more" if len(lines) > 60 else "")


def test_every_page_was_checked_at_both_widths(audits: list[PageAudit], pages: list[str]):
    assert len(audits) == len(pages) * len(WIDTHS)
    assert {(a.url, a.width) for a in audits} == {(p, w) for p in pages for w in WIDTHS}


def test_no_axe_violations_for_wcag_21_a_and_aa(audits: list[PageAudit]):
    failing = [a for a in audits if a.violations]
    assert not failing, "axe-core found WCAG 2.1 A/AA violations:\n" + _report(failing, "violations")


def test_no_requests_to_other_origins(audits: list[PageAudit]):
    failing = [a for a in audits if a.foreign_requests]
    assert not failing, "pages asked another origin for something:\n" + _report(failing, "foreign_requests")


def test_no_console_errors(audits: list[PageAudit]):
    failing = [a for a in audits if a.console_errors]
    assert not failing, "console errors:\n" + _report(failing, "console_errors")


def test_no_content_security_policy_violations(audits: list[PageAudit]):
    failing = [a for a in audits if a.csp_violations]
    assert not failing, "CSP violations:\n" + _report(failing, "csp_violations")


def test_figures_and_tables_are_there_without_javascript(
    browser, served_site: str, pages: list[str], audits: list[PageAudit]
):
    with_js = {a.url: a.visible for a in audits if a.width == WIDTHS[0]}
    assert any(with_js.values()), "no page has a figure or a table: the selector no longer matches the site"
    context = browser.new_context(java_script_enabled=False, viewport={"width": WIDTHS[0], "height": HEIGHT})
    page = context.new_page()
    problems = []
    try:
        for url in pages:
            page.goto(served_site + url, wait_until="load")
            without_js = visibility(page)
            if len(without_js) != len(with_js[url]):
                problems.append(
                    f"{url}: {len(without_js)} figures/tables without JavaScript, {len(with_js[url])} with it"
                )
                continue
            hidden = [i for i, (js, no_js) in enumerate(zip(with_js[url], without_js, strict=True)) if js and not no_js]
            if hidden:
                problems.append(f"{url}: figure/table number {hidden} is visible only with JavaScript")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
