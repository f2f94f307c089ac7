// The browser script theme/static/js/skattekvitto.js against tests/fixtures/income-cases.json.
//
// The script is loaded unchanged in a node:vm context with a minimal stand-in for the
// few DOM objects it touches (the data element, the form, the field, the error box,
// the heading, the summary and the table cells), then driven the way a resident does:
// by submitting the form, and by opening a shared link with ?inkomst=. Run by
// tests/unit/test_skattekvitto_js.py (`node --test`); every case in the file is a test.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const ROOT = new URL("../../", import.meta.url);
const SCRIPT = readFileSync(new URL("theme/static/js/skattekvitto.js", ROOT), "utf8");
const CASES = JSON.parse(readFileSync(new URL("tests/fixtures/income-cases.json", ROOT), "utf8"));
const SUMMARY = "{income}|{month}|{year}";
const LABEL = "Inkomst {income}";
const AREA_CELL = /^td\[data-area="([^"]+)"\]\[data-field="(month|year)"\]$/;
const TOTAL_CELL = /^td\[data-field="(total-month|total-year)"\]$/;

/* Load the script for one basis; `search` is the address's query string. */
function load(rateHundredths, weights, search = "") {
  const data = {
    rate_hundredths: rateHundredths,
    max_income: CASES.max_income,
    areas: weights.map((weight, index) => ({ id: `omrade-${index}`, weight })),
    messages: CASES.messages,
    summary: SUMMARY,
    label: LABEL,
  };
  const handlers = {};
  const cells = {};
  const input = {
    value: "",
    attributes: {},
    focused: false,
    setAttribute(name, value) { this.attributes[name] = String(value); },
    removeAttribute(name) { delete this.attributes[name]; },
    focus() { this.focused = true; },
  };
  const elements = {
    "skattekvitto-data": { textContent: JSON.stringify(data) },
    skattekvitto: { addEventListener(type, handler) { handlers[type] = handler; } },
    inkomst: input,
    "inkomst-fel": { textContent: "", hidden: true },
    "kvitto-exempel": { textContent: "" },
    "kvitto-summa": { textContent: "" },
  };
  const document = {
    getElementById: (id) => elements[id] ?? null,
    querySelector(selector) {
      const area = AREA_CELL.exec(selector);
      const total = TOTAL_CELL.exec(selector);
      assert.ok(area || total, `unexpected selector ${selector}`);
      const key = area ? `${area[1]}:${area[2]}` : `:${total[1]}`;
      cells[key] ??= { textContent: "" };
      return cells[key];
    },
  };
  const context = vm.createContext({ document, window: { location: { search } }, URLSearchParams });
  vm.runInContext(SCRIPT, context, { filename: "skattekvitto.js" });
  return {
    cells,
    input,
    error: elements["inkomst-fel"],
    label: elements["kvitto-exempel"],
    summary: elements["kvitto-summa"],
    submit(text) {
      input.value = text;
      let prevented = false;
      handlers.submit({ preventDefault() { prevented = true; } });
      assert.ok(prevented, "the form must not be sent to the server");
    },
  };
}

function texts(page) {
  return Object.fromEntries(Object.entries(page.cells).map(([key, cell]) => [key, cell.textContent]));
}

/* "1 234 kr" (no-break spaces) → 1234, so the parts compare as numbers. */
function amount(text) {
  assert.match(text, /^\d{1,3}(\u00a0\d{3})*\u00a0kr$/);
  return Number(text.replace(/\u00a0/g, "").replace(/kr$/, ""));
}

function assertReceipt(page, c) {
  const shown = texts(page);
  const expected = { ":total-month": c.texts.month, ":total-year": c.texts.year };
  c.parts.forEach((_, index) => {
    expected[`omrade-${index}:month`] = shown[`omrade-${index}:month`];
    expected[`omrade-${index}:year`] = shown[`omrade-${index}:year`];
  });
  assert.deepEqual(shown, expected, "exactly the total cells and one month and year cell per area");
  const parts = c.parts.map((_, index) => [amount(shown[`omrade-${index}:month`]), amount(shown[`omrade-${index}:year`])]);
  assert.deepEqual(parts, c.parts.map(([month, year]) => [month, year]));
  assert.equal(page.summary.textContent, `${c.texts.income}|${c.texts.month}|${c.texts.year}`);
  assert.equal(page.label.textContent, `Inkomst ${c.texts.income}`);
  assert.equal(page.error.hidden, true);
  assert.equal(page.error.textContent, "");
  assert.equal(page.input.attributes["aria-invalid"], undefined);
}

for (const c of CASES.good) {
  test(`good ${JSON.stringify(c.input)}`, () => {
    const typed = load(c.rate_hundredths, c.weights);
    typed.submit(c.input);
    assertReceipt(typed, c);
    const linked = load(c.rate_hundredths, c.weights, `?inkomst=${encodeURIComponent(c.input)}`);
    assertReceipt(linked, c);
  });
}

for (const c of CASES.bad) {
  test(`bad ${JSON.stringify(c.input)}`, () => {
    const page = load(2200, ["3", "1"]);
    page.submit("30000");
    const before = texts(page);
    const summary = page.summary.textContent;
    page.submit(c.input);
    assert.equal(page.error.textContent, CASES.messages[c.error]);
    assert.equal(page.error.hidden, false);
    assert.equal(page.input.attributes["aria-invalid"], "true");
    assert.equal(page.input.focused, true, "the field gets the focus back");
    assert.deepEqual(texts(page), before, "a bad income must not change the receipt");
    assert.equal(page.summary.textContent, summary);
    page.submit("30000");
    assert.equal(page.error.hidden, true);
    assert.equal(page.input.attributes["aria-invalid"], undefined);

    const linked = load(2200, ["3", "1"], `?inkomst=${encodeURIComponent(c.input)}`);
    assert.equal(linked.error.textContent, CASES.messages[c.error]);
    assert.deepEqual(texts(linked), {}, "a bad shared link fills in no figures");
  });
}
