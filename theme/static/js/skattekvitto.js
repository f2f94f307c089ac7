/*
 * Skattekvitto: recomputes the tax receipt on /skattepengar/ for the income a resident types.
 *
 * Progressive enhancement: without this script the page shows a worked example.
 * The figures come from <script type="application/json" id="skattekvitto-data">,
 * and the arithmetic repeats plugins/styrmodell/money.py in whole kronor with
 * BigInt, so the browser and the build give the same kronor for the same income.
 * No dependencies, no inline code, no requests.
 */
(function () {
  "use strict";

  var dataElement = document.getElementById("skattekvitto-data");
  var form = document.getElementById("skattekvitto");
  if (!dataElement || !form || typeof BigInt !== "function") {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var input = document.getElementById("inkomst");
  var errorBox = document.getElementById("inkomst-fel");
  var label = document.getElementById("kvitto-exempel");
  var summary = document.getElementById("kvitto-summa");

  var ZERO = BigInt(0);
  var ONE = BigInt(1);
  var rate = BigInt(data.rate_hundredths);
  var maxIncome = BigInt(data.max_income);
  var areas = data.areas.map(function (area) {
    return { id: area.id, weight: BigInt(area.weight) };
  });

  /* The same spaces as money.py lists (not \s, which differs between Python and JavaScript). */
  var SPACES = /[ \t\n\r\f\v\u00a0\u2009\u202f]+/g;
  var KRONOR_SUFFIX = /(?:kr|kronor|:-)$/i;
  var NEGATIVE = /^[-\u2212][0-9.,]*[0-9][0-9.,]*$/;
  var EXPONENT = /^[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]+$/;
  var DECIMALS = /^[0-9]+[.,][0-9]*$|^[.,][0-9]+$/;
  var DIGITS = /^[0-9]+$/;

  /* Whether "1,5e9" is more than `limit` (a BigInt), exactly: the same integer rule as money.py. */
  function exponentFormExceeds(text, limit) {
    var parts = text.split(/[eE]/);
    var mantissa = parts[0].replace(",", ".").split(".");
    var decimals = mantissa.length > 1 ? mantissa[1] : "";
    var digits = (mantissa[0] + decimals).replace(/^0+/, "");
    if (digits === "") {
      return false;
    }
    var shift = parseInt(parts[1].replace("+", ""), 10) - decimals.length;
    if (digits.length + shift > limit.toString().length) {
      return true;
    }
    var ten = BigInt(10);
    if (shift >= 0) {
      return BigInt(digits) * ten ** BigInt(shift) > limit;
    }
    return BigInt(digits) > limit * ten ** BigInt(-shift);
  }

  /* Same rules and messages as money.parse_income: {income: BigInt} or {error: code}. */
  function parseIncome(text) {
    var cleaned = text.replace(SPACES, "").replace(KRONOR_SUFFIX, "");
    if (cleaned === "") {
      return { error: "empty" };
    }
    if (NEGATIVE.test(cleaned)) {
      return { error: "negative" };
    }
    if (EXPONENT.test(cleaned)) {
      return { error: exponentFormExceeds(cleaned, maxIncome) ? "too-large" : "not-a-number" };
    }
    if (DECIMALS.test(cleaned)) {
      return { error: "decimals" };
    }
    if (!DIGITS.test(cleaned)) {
      return { error: "not-a-number" };
    }
    var income = BigInt(cleaned);
    if (income > maxIncome) {
      return { error: "too-large" };
    }
    return { income: income };
  }

  /* Tax on `months` months of income, whole kronor, rounded half up (money.municipal_tax). */
  function municipalTax(income, months) {
    return (income * BigInt(months) * rate + BigInt(5000)) / BigInt(10000);
  }

  /* Largest-remainder split of `total` kronor in proportion to the weights (money.apportion). */
  function apportion(total) {
    var sum = areas.reduce(function (acc, area) { return acc + area.weight; }, ZERO);
    var floors = areas.map(function (area) { return (total * area.weight) / sum; });
    var remainders = areas.map(function (area) { return (total * area.weight) % sum; });
    var left = total - floors.reduce(function (acc, part) { return acc + part; }, ZERO);
    var order = areas.map(function (_, index) { return index; });
    order.sort(function (a, b) {
      if (remainders[a] !== remainders[b]) {
        return remainders[a] > remainders[b] ? -1 : 1;
      }
      return a - b;
    });
    for (var i = 0; left > ZERO; i += 1, left -= ONE) {
      floors[order[i]] += ONE;
    }
    return floors;
  }

  /* 1234567 → "1 234 567 kr" with no-break spaces, as formatting.kronor writes it. */
  function kronor(value) {
    return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0") + "\u00a0kr";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function setCell(area, field, value) {
    var selector = area === null
      ? 'td[data-field="' + field + '"]'
      : 'td[data-area="' + area + '"][data-field="' + field + '"]';
    var cell = document.querySelector(selector);
    if (cell) {
      cell.textContent = kronor(value);
    }
  }

  function showError(code) {
    errorBox.textContent = data.messages[code];
    errorBox.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }

  function show(income) {
    errorBox.textContent = "";
    errorBox.hidden = true;
    input.removeAttribute("aria-invalid");
    var month = municipalTax(income, 1);
    var year = municipalTax(income, 12);
    var months = apportion(month);
    var years = apportion(year);
    areas.forEach(function (area, index) {
      setCell(area.id, "month", months[index]);
      setCell(area.id, "year", years[index]);
    });
    setCell(null, "total-month", month);
    setCell(null, "total-year", year);
    var values = { income: kronor(income), month: kronor(month), year: kronor(year) };
    label.textContent = fill(data.label, values);
    summary.textContent = fill(data.summary, values);
  }

  function calculate() {
    var parsed = parseIncome(input.value);
    if (parsed.error) {
      showError(parsed.error);
      return false;
    }
    show(parsed.income);
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!calculate()) {
      input.focus();
    }
  });

  /* A shared link such as /skattepengar/?inkomst=45000 opens with that income. */
  var fromAddress = new URLSearchParams(window.location.search).get("inkomst");
  if (fromAddress !== null) {
    input.value = fromAddress;
    calculate();
  }
})();
