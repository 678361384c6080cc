// The search page. Its whole state lives in the URL, with the API's parameter
// names (plus `article` for the article view), so links can be shared and the
// back button works. Every string from the index (titles, names, paths, text)
// reaches the page as a text node; snippets come as plain-text parts, the
// matched ones rebuilt here as <mark> elements.
"use strict";

const PAGE_SIZE = 10;
const FACET_VALUES = 12;
const FILTERS = ["country", "person", "org"];
const $ = (id) => document.getElementById(id);
// Country names by ISO code, from the facets seen: filters hold codes.
const countryNames = new Map();
const countryLabel = (v) => countryNames.get(v.toUpperCase()) || v;
// Whether the API filters by organisation: it has an organisation facet then.
let orgFilter = false;

// ---- state <-> URL ----------------------------------------------------------

const SORTS = ["relevance", "newest", "oldest"];

function readState(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get("q") || "",
    country: p.getAll("country"),
    person: p.getAll("person"),
    org: p.getAll("org"),
    from: p.get("from") || "",
    to: p.get("to") || "",
    offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0),
    sort: SORTS.includes(p.get("sort")) ? p.get("sort") : "relevance",
    exact: p.get("exact") === "true",
    article: p.get("article") || "",
  };
}

// The query string of a state: `api` leaves out what only the page knows.
function queryString(s, api) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const name of FILTERS) for (const v of s[name]) p.append(name, v);
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.offset) p.set("offset", String(s.offset));
  if (s.sort && s.sort !== "relevance") p.set("sort", s.sort);
  if (s.exact) p.set("exact", "true");
  if (!api && s.article) p.set("article", s.article);
  return p.toString();
}

function urlOf(s) {
  const qs = queryString(s, false);
  return qs ? "/?" + qs : "/";
}

function copy(s) {
  return { ...s, country: [...s.country], person: [...s.person], org: [...s.org] };
}

let state = readState(location.search);

function go(next) {
  state = next;
  history.pushState(null, "", urlOf(next));
  render();
}

window.addEventListener("popstate", () => {
  state = readState(location.search);
  render();
});

// A link that moves to another state: a real href (middle click, copy link)
// that the page follows itself on a plain click.
function stateLink(next, text, cls) {
  const a = document.createElement("a");
  a.href = urlOf(next);
  a.textContent = text;
  if (cls) a.className = cls;
  a.addEventListener("click", (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(next);
  });
  return a;
}

function withFilter(s, name, value) {
  const n = copy(s);
  if (!n[name].includes(value)) n[name].push(value);
  n.offset = 0;
  n.article = "";
  return n;
}

// ---- fetching -----------------------------------------------------------------

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  let body;
  try {
    body = await r.json();
  } catch (_) {
    throw new Error("the server answered " + r.status);
  }
  if (!r.ok) throw new Error(body && body.error ? body.error : "the server answered " + r.status);
  return body;
}

let generation = 0;

async function render() {
  const mine = ++generation;
  $("q").value = state.q;
  $("sort").value = state.sort;
  $("exact").checked = state.exact;
  document.title = state.q ? state.q + " · search" : "search";
  refreshCorpus();
  if (state.article) return renderArticle(mine);
  $("article").hidden = true;
  $("filters").hidden = false;
  $("results").hidden = false;
  await renderResults(mine);
}

async function refreshCorpus() {
  try {
    const h = await api("/api/health");
    const n = h.articles;
    $("corpus").textContent = "Searching " + n.toLocaleString("en") + (n === 1 ? " article" : " articles");
  } catch (_) {
    $("corpus").textContent = "";
  }
}

// ---- results --------------------------------------------------------------------

async function renderResults(mine) {
  const s = state;
  // Facet counts of a facet with ticked values come from the query without
  // that facet's filter, so that other values can be added (OR inside a facet).
  const asks = [api("/api/search?" + queryString({ ...s, offset: s.offset }, true) + "&limit=" + PAGE_SIZE)];
  const loose = {};
  for (const name of FILTERS) {
    if (s[name].length) {
      const n = copy(s);
      n[name] = [];
      n.offset = 0;
      loose[name] = asks.length;
      asks.push(api("/api/search?" + queryString(n, true) + "&limit=0"));
    }
  }
  if (s.from || s.to) {
    loose.date = asks.length;
    asks.push(api("/api/search?" + queryString({ ...copy(s), from: "", to: "", offset: 0 }, true) + "&limit=0"));
  }
  let answers;
  try {
    answers = await Promise.all(asks);
  } catch (e) {
    if (mine !== generation) return;
    showError(e.message);
    return;
  }
  if (mine !== generation) return;
  showError("");
  const results = answers[0];
  const facetsOf = (name) => (loose[name] !== undefined ? answers[loose[name]] : results).facets;
  for (const a of answers) for (const f of a.facets.country) if (f.code) countryNames.set(f.code, f.value);
  renderChosen(s);
  renderSummary(s, results);
  orgFilter = Boolean(results.facets.organization);
  renderHits(results.hits);
  // For the browser test and the load-to-first-hits figure.
  if (results.hits.length && !performance.getEntriesByName("first-hits").length) performance.mark("first-hits");
  renderPager(s, results.total);
  renderFacet("country", facetsOf("country").country, (f) => f.code || f.value, s, results.facets.country);
  renderFacet("person", facetsOf("person").person, (f) => f.value, s, results.facets.person);
  const orgs = facetsOf("org").organization;
  orgFilter = Boolean(orgs);
  document.querySelector('.facet[data-param="org"]').hidden = !orgs;
  if (orgs) renderFacet("org", orgs, (f) => f.value, s, results.facets.organization);
  renderHistogram(s, facetsOf("date").date);
  renderWith(s, results.facets);
}

function showError(message) {
  $("error").hidden = !message;
  $("error").textContent = message;
}

function renderSummary(s, results) {
  const n = results.total;
  let text = n === 0 ? "No articles match" : n === 1 ? "1 article matches" : n.toLocaleString("en") + " articles match";
  if (results.hits.length) {
    const last = s.offset + results.hits.length;
    text += "; showing " + (last === s.offset + 1 ? String(last) : s.offset + 1 + "–" + last);
  } else if (n) {
    text += "; none on this page";
  }
  $("summary").textContent = text + ".";
}

function renderChosen(s) {
  const box = $("chosen");
  box.replaceChildren();
  const labels = { country: "country", person: "person", org: "organisation" };
  for (const name of FILTERS) {
    for (const v of s[name]) {
      const n = copy(s);
      n[name] = n[name].filter((x) => x !== v);
      n.offset = 0;
      const shown = name === "country" ? countryLabel(v) : v;
      const a = stateLink(n, labels[name] + ": " + shown + " ✕", "chip removable");
      a.setAttribute("aria-label", "Remove the " + labels[name] + " filter " + shown);
      box.append(a);
    }
  }
  if (s.from || s.to) {
    const a = stateLink({ ...copy(s), from: "", to: "", offset: 0 }, "dates: " + (s.from || "…") + " to " + (s.to || "…") + " ✕", "chip removable");
    box.append(a);
  }
}

// The snippet from its parts (plain text, each matched or not): text nodes and
// <mark> elements, no markup parsed.
function snippetNodes(parts) {
  return parts.map((part) => {
    const text = document.createTextNode(part.text);
    if (!part.match) return text;
    const mark = document.createElement("mark");
    mark.append(text);
    return mark;
  });
}

function renderHits(hits) {
  const ol = $("hits");
  ol.replaceChildren();
  for (const hit of hits) {
    const li = document.createElement("li");
    li.className = "hit";
    const h = document.createElement("h3");
    h.append(stateLink({ ...copy(state), article: hit.id }, hit.title || hit.path || hit.id, "title"));
    const meta = document.createElement("p");
    meta.className = "meta muted";
    meta.textContent = [hit.published, hit.source, hit.path].filter(Boolean).join(" · ");
    const snip = document.createElement("p");
    snip.className = "snippet";
    snip.append(...snippetNodes(hit.snippet_parts || []));
    const tags = document.createElement("p");
    tags.className = "tags";
    for (const c of hit.countries.slice(0, 6)) tags.append(stateLink(withFilter(state, "country", c), c, "chip country"));
    for (const p of hit.persons.slice(0, 6)) tags.append(stateLink(withFilter(state, "person", p), p, "chip person"));
    for (const o of (hit.organizations || []).slice(0, 4)) tags.append(orgFilter ? stateLink(withFilter(state, "org", o), o, "chip org") : plain(o, "chip org"));
    li.append(h, meta, snip, tags);
    ol.append(li);
  }
}

function renderPager(s, total) {
  const nav = $("pager");
  nav.replaceChildren();
  if (total <= PAGE_SIZE) return;
  if (s.offset > 0) nav.append(stateLink({ ...copy(s), offset: Math.max(0, s.offset - PAGE_SIZE) }, "← Previous page", "button"));
  const page = document.createElement("span");
  page.className = "muted";
  page.textContent = "page " + (Math.floor(s.offset / PAGE_SIZE) + 1) + " of " + Math.ceil(total / PAGE_SIZE);
  nav.append(page);
  if (s.offset + PAGE_SIZE < total && s.offset + PAGE_SIZE <= 10000) {
    nav.append(stateLink({ ...copy(s), offset: s.offset + PAGE_SIZE }, "Next page →", "button"));
  }
}

// A facet panel: the most frequent values, ticked ones always listed. The API
// lists a facet's most frequent values only (facet_limit): a ticked value past
// them is taken from `filtered`, the facet of the answer filtered by it, where
// its count is the same (every article it counts passes the filter).
function renderFacet(param, counts, valueOf, s, filtered) {
  const ul = document.querySelector('.facet[data-param="' + param + '"] ul');
  ul.replaceChildren();
  const ticked = new Set(s[param].map((v) => v.toLowerCase()));
  const isTicked = (f) => ticked.has(valueOf(f).toLowerCase()) || ticked.has(f.value.toLowerCase());
  const shown = counts.slice(0, FACET_VALUES);
  for (const f of counts.slice(FACET_VALUES)) if (isTicked(f)) shown.push(f);
  for (const f of filtered) if (isTicked(f) && !shown.some((g) => g.value === f.value)) shown.push(f);
  if (!shown.length) {
    const li = document.createElement("li");
    li.className = "muted";
    li.textContent = "none";
    ul.append(li);
  }
  for (const f of shown) {
    const li = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = isTicked(f);
    box.addEventListener("change", () => {
      const n = copy(state);
      const v = valueOf(f);
      n[param] = box.checked
        ? [...n[param], v]
        : n[param].filter((x) => x.toLowerCase() !== v.toLowerCase() && x.toLowerCase() !== f.value.toLowerCase());
      n.offset = 0;
      go(n);
    });
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = f.value;
    const count = document.createElement("span");
    count.className = "count";
    count.textContent = f.count.toLocaleString("en");
    label.append(box, name, count);
    li.append(label);
    ul.append(li);
  }
}

// ---- the month histogram ------------------------------------------------------

function monthIndex(m) {
  const [y, mo] = m.split("-").map(Number);
  return y * 12 + mo - 1;
}

function monthName(i) {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return y + "-" + (m < 10 ? "0" : "") + m;
}

function renderHistogram(s, dates) {
  const box = $("histogram");
  box.replaceChildren();
  const months = new Map();
  for (const d of dates) if (/^\d{4}-\d{2}$/.test(d.value)) months.set(monthIndex(d.value), d.count);
  $("timeline").hidden = months.size === 0;
  $("range").textContent = s.from || s.to ? "From " + (s.from || "the start") + " to " + (s.to || "the end") : "";
  if (!months.size) return;
  let keys = [...months.keys()].sort((a, b) => a - b);
  // Whole runs of months when they fit; only the months present otherwise.
  if (keys[keys.length - 1] - keys[0] < 240) {
    const all = [];
    for (let i = keys[0]; i <= keys[keys.length - 1]; i++) all.push(i);
    keys = all;
  }
  const max = Math.max(...months.values());
  const from = s.from ? monthIndex((s.from + "-01").slice(0, 7)) : -Infinity;
  const to = s.to ? monthIndex((s.to.length === 4 ? s.to + "-12" : s.to).slice(0, 7)) : Infinity;
  let dragFrom = null;
  const choose = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    go({ ...copy(state), from: monthName(lo), to: monthName(hi), offset: 0 });
  };
  for (const k of keys) {
    const n = months.get(k) || 0;
    const bar = document.createElement("button");
    bar.type = "button";
    bar.className = "bar" + (k >= from && k <= to && (s.from || s.to) ? " in" : "");
    bar.title = monthName(k) + ": " + n + (n === 1 ? " article" : " articles");
    bar.setAttribute("aria-label", bar.title);
    const fill = document.createElement("span");
    fill.style.height = (n ? Math.max(4, Math.round((100 * n) / max)) : 0) + "%";
    bar.append(fill);
    bar.addEventListener("pointerdown", (e) => {
      dragFrom = k;
      e.preventDefault();
    });
    bar.addEventListener("pointerenter", () => {
      if (dragFrom === null) return;
      for (const b of box.children) b.classList.toggle("dragging", false);
      const lo = Math.min(dragFrom, k);
      const hi = Math.max(dragFrom, k);
      keys.forEach((kk, i) => box.children[i].classList.toggle("dragging", kk >= lo && kk <= hi));
    });
    bar.addEventListener("pointerup", () => {
      if (dragFrom === null) return;
      const a = dragFrom;
      dragFrom = null;
      choose(a, k);
    });
    bar.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        choose(k, k);
      }
    });
    box.append(bar);
  }
  box.onpointerleave = () => {
    dragFrom = null;
    for (const b of box.children) b.classList.remove("dragging");
  };
  const first = document.createElement("div");
  first.className = "axis muted";
  const l = document.createElement("span");
  l.textContent = monthName(keys[0]);
  const r = document.createElement("span");
  r.textContent = monthName(keys[keys.length - 1]);
  first.append(l, r);
  box.append(first);
}

// ---- "appears with" ----------------------------------------------------------

function renderWith(s, facets) {
  const panel = $("with");
  const body = $("with-body");
  body.replaceChildren();
  const chosen = [...s.person, ...s.country];
  panel.hidden = chosen.length === 0;
  if (!chosen.length) return;
  $("with-h").textContent = "Appears with " + [...s.person, ...s.country.map(countryLabel)].join(" or ");
  const taken = new Set(chosen.map((v) => v.toLowerCase()));
  const rows = [
    ["Persons", "person", facets.person, (f) => f.value],
    ["Countries", "country", facets.country, (f) => f.code || f.value],
  ];
  if (facets.organization) rows.push(["Organisations", "org", facets.organization, (f) => f.value]);
  for (const [label, param, counts, valueOf] of rows) {
    const others = counts.filter((f) => !taken.has(f.value.toLowerCase()) && !taken.has(String(f.code || "").toLowerCase())).slice(0, 8);
    if (!others.length) continue;
    const p = document.createElement("p");
    const b = document.createElement("strong");
    b.textContent = label + ": ";
    p.append(b);
    for (const f of others) p.append(stateLink(withFilter(s, param, valueOf(f)), f.value + " (" + f.count + ")", "chip " + param));
    body.append(p);
  }
}

// ---- the article view ------------------------------------------------------------

async function renderArticle(mine) {
  $("filters").hidden = true;
  $("results").hidden = true;
  $("article").hidden = false;
  const back = copy(state);
  back.article = "";
  const link = $("back");
  link.href = urlOf(back);
  link.onclick = (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(back);
  };
  let a;
  try {
    a = await api("/api/articles/" + encodeURIComponent(state.article));
  } catch (e) {
    if (mine !== generation) return;
    $("article-title").textContent = "Article not found";
    $("article-meta").textContent = e.message;
    $("article-entities").replaceChildren();
    $("article-text").replaceChildren();
    return;
  }
  if (mine !== generation) return;
  document.title = (a.title || a.path) + " · search";
  $("article-title").textContent = a.title || a.path;
  $("article-meta").textContent = [a.published, a.source, a.path].filter(Boolean).join(" · ");
  const kinds = [
    ["persons", "person", "person", (e) => e.name, "Persons"],
    ["countries", "country", "country", (e) => e.code || e.name, "Countries"],
    ["organizations", "org", "org", (e) => e.name, "Organisations"],
    ["dates", "date", null, (e) => e.value, "Dates"],
  ];
  const list = $("article-entities");
  list.replaceChildren();
  const marks = [];
  for (const [key, cls, param, valueOf, heading] of kinds) {
    const entities = a[key] || [];
    if (!entities.length) continue;
    const p = document.createElement("p");
    p.className = "tags";
    const label = document.createElement("strong");
    label.textContent = heading + ":";
    p.append(label);
    for (const e of entities) {
      const value = valueOf(e);
      const target = !param ? dateFilter(back, value) : param !== "org" || orgFilter ? withFilter(back, param, value) : null;
      const times = e.mentions.length > 1 ? " ×" + e.mentions.length : "";
      p.append(target ? stateLink(target, (e.name || e.value) + times, "chip " + cls) : plain((e.name || e.value) + times, "chip " + cls));
      for (const m of e.mentions) marks.push({ start: m.start, end: m.end, cls, target, label: e.name || e.value });
    }
    list.append(p);
  }
  $("article-text").replaceChildren(...markedText(a.text || "", marks));
  $("article-title").focus();
}

function dateFilter(s, value) {
  return { ...copy(s), from: value, to: value, offset: 0, article: "" };
}

// The text with every mention a link to its filter. Offsets are UTF-8 bytes;
// overlapping mentions keep the first.
function markedText(text, marks) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  marks.sort((x, y) => x.start - y.start || y.end - x.end);
  const out = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at || m.end > bytes.length || m.end <= m.start) continue;
    if (m.start > at) out.push(...paragraphs(decode(at, m.start)));
    const text = decode(m.start, m.end);
    const link = m.target ? stateLink(m.target, text, "mention " + m.cls) : plain(text, "mention " + m.cls);
    link.title = m.label;
    out.push(link);
    at = m.end;
  }
  if (at < bytes.length) out.push(...paragraphs(decode(at, bytes.length)));
  return out;
}

function plain(text, cls) {
  const span = document.createElement("span");
  span.className = cls;
  span.textContent = text;
  return span;
}

// Text nodes, with a line break element for each newline.
function paragraphs(s) {
  const out = [];
  s.split("\n").forEach((line, i) => {
    if (i > 0) out.push(document.createElement("br"));
    if (line) out.push(document.createTextNode(line));
  });
  return out;
}

// ---- wiring ------------------------------------------------------------------------

$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  go({ ...copy(state), q: $("q").value.trim(), offset: 0, article: "" });
});

$("sort").addEventListener("change", () => {
  go({ ...copy(state), sort: $("sort").value, offset: 0, article: "" });
});

$("exact").addEventListener("change", () => {
  go({ ...copy(state), exact: $("exact").checked, offset: 0, article: "" });
});

$("home").addEventListener("click", (e) => {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  go(readState(""));
});

document.addEventListener("keydown", (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === "/" && !typing) {
    e.preventDefault();
    $("q").focus();
    $("q").select();
  } else if (e.key === "Escape" && state.article) {
    go({ ...copy(state), article: "" });
  }
});

$("article-title").tabIndex = -1;
render();
