"""The search box on /sok/ in a real Chromium: finds pages, keeps the strict CSP, degrades without JavaScript."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


def _open(browser, url: str, *, javascript: bool = True, width: int = 1280):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return context, page, errors


def test_typing_a_word_lists_matching_pages_without_csp_violations(browser, served_mini):
    context, page, errors = _open(browser, f"{served_mini}/sok/")
    try:
        page.get_by_label("Vad letar du efter?").fill("nämnden")  # Swedish stemming: finds "nämnd", "nämnden"
        page.wait_for_selector(".search-results a")
        hrefs = page.eval_on_selector_all(".search-results a", "els => els.map(e => e.getAttribute('href'))")
        assert "/namnder/bun/" in hrefs
        assert "sidor innehåller" in page.locator(".search-status").inner_text()
        assert page.evaluate("window.__cspViolations") == []
        assert errors == []
        assert page.evaluate("document.querySelectorAll('[style]').length") == 0
    finally:
        context.close()


def test_a_search_link_with_q_runs_the_search(browser, served_mini):
    context, page, errors = _open(browser, f"{served_mini}/sok/?q=meritvärde")
    try:
        page.wait_for_selector(".search-results a")
        assert page.locator("#sokord").input_value() == "meritvärde"
        hrefs = page.eval_on_selector_all(".search-results a", "els => els.map(e => e.getAttribute('href'))")
        assert "/styrmatt/meritvarde/" in hrefs
        assert errors == []
    finally:
        context.close()


def test_without_javascript_the_page_offers_the_a_to_o_list_at_320_px(browser, served_mini):
    context, page, _ = _open(browser, f"{served_mini}/sok/", javascript=False, width=320)
    try:
        assert page.locator("form.search-form").is_hidden(), "a search box that cannot work must not show"
        assert page.locator(".az-group a").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
