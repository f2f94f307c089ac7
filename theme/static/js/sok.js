// sok.js – the search box on /sok/, built on Pagefind's low-level API.
//
// The index is written by `python -m pagefind` after the build, into /pagefind/ on
// the same site: no request leaves the site. Results are built as plain DOM
// (no innerHTML, no inline styles), so the page keeps its strict CSP. Without
// JavaScript the form stays hidden and the A–Ö list below it does the job.

const MAX_RESULTS = 20;
const FAILED = "Sökningen fungerar inte just nu. Använd listan med alla mål och styrmått nedan.";

function plural(n, one, many) {
  return n === 1 ? one : many;
}

// Pagefind's excerpt is text with <mark> around the hits. Copy only text and <mark>.
function excerptNodes(excerpt) {
  const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
  const out = document.createElement("p");
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

// What the page is (mål, styrmått, nämnd, uppföljning, sida) and, for a goal, its status: the
// data-pagefind-meta on each page's <main> (views/pagemeta.py). Plain text, never colour alone.
function kindNode(meta) {
  const parts = [meta.typ, meta.status].filter(Boolean);
  if (parts.length === 0) return null;
  const kind = document.createElement("p");
  kind.className = "search-kind";
  kind.textContent = parts.join(" · ");
  return kind;
}

function renderResult(data) {
  const meta = data.meta || {};
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = meta.title || data.url;
  const kind = kindNode(meta);
  item.append(link, ...(kind ? [kind] : []), excerptNodes(data.excerpt || ""));
  return item;
}

async function main() {
  const form = document.querySelector("form.search-form");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");

  let pagefind;
  try {
    pagefind = await import(`${form.dataset.pagefind}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.base || "/" });
    await pagefind.init();
  } catch (error) {
    status.textContent = FAILED;
    return;
  }
  form.hidden = false;

  let current = 0;
  async function run(query) {
    const ticket = ++current;
    const words = query.trim();
    const url = new URL(window.location.href);
    if (words) url.searchParams.set("q", words);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!words) {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = "";
      return;
    }
    let search;
    let data;
    try {
      search = await pagefind.debouncedSearch(words, {}, 250);
      if (search === null || ticket !== current) return; // a newer search replaced this one
      data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    } catch (error) {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = FAILED;
      return;
    }
    if (ticket !== current) return;
    list.replaceChildren(...data.map(renderResult));
    list.hidden = data.length === 0;
    const n = search.results.length;
    status.textContent =
      n === 0
        ? `Inga sidor innehåller ”${words}”. Pröva ett annat ord eller använd listan nedan.`
        : `${n} ${plural(n, "sida", "sidor")} innehåller ”${words}”.` +
          (n > MAX_RESULTS ? ` Här visas de ${MAX_RESULTS} som passar bäst.` : "");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value);
  });
  input.addEventListener("input", () => run(input.value));

  const initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
}

main();
