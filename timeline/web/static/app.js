// deal-timeline's pages: plain DOM built from the JSON API. Text always goes in as text
// nodes (never innerHTML), so an article holding markup shows it as written.

const TYPES = ["rumor", "denial", "partnership", "endorsement"];
const TYPE_LABEL = { rumor: "Rumor", denial: "Denial", partnership: "Partnership", endorsement: "Endorsement" };
const DEAL_EVENTS = ["RumorReported", "DenialIssued", "PartnershipConfirmed", "EndorsementObserved"];
const CHANGES = [...DEAL_EVENTS, "EventRetracted", "ArticleRevised", "ArticleReextracted"];
const SVG = "http://www.w3.org/2000/svg";

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return el;
}

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  setAttrs(el, attrs);
  el.append(...children.flat().filter(Boolean).map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class" && !(el instanceof SVGElement)) el.className = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
}

function icon(type) {
  return s("svg", { "aria-hidden": "true", viewBox: "0 0 24 24" }, s("use", { href: `#i-${type}` }));
}

function badge(type) {
  return h("span", { class: `badge t-${type}` }, icon(type), TYPE_LABEL[type] || type);
}

function statusBadge(status) {
  return h("span", { class: `badge status-${status}` }, status);
}

class Problem extends Error {
  constructor(status, body) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Problem(response.status, body);
  return body;
}

async function allPages(path, key) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...page[key]);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

const enc = encodeURIComponent;
const companyHref = (slug) => `/company/${enc(slug)}`;
const articleHref = (id, eventId) => `/article/${enc(id)}${eventId ? `#ev-${eventId}` : ""}`;
const dealHref = (id) => `/deal/${enc(id)}`;

function shownDate(e) {
  return e.date && e.date_precision !== "unknown" ? e.date : "date unknown";
}

// The time an event covers: a day, a month or a year, as [start, end) in ms.
function span(e) {
  if (!e.date || e.date_precision === "unknown") return null;
  const [y, m = 1, d = 1] = e.date.split("-").map(Number);
  const start = Date.UTC(y, m - 1, d);
  const end = e.date_precision === "year" ? Date.UTC(y + 1, 0, 1)
    : e.date_precision === "month" ? Date.UTC(y, m, 1) : Date.UTC(y, m - 1, d + 1);
  return [start, end];
}

function render(...nodes) {
  const app = document.getElementById("app");
  app.replaceChildren(...nodes);
}

function fail(error) {
  const text = error instanceof Problem ? error.message : `Something went wrong: ${error.message}`;
  render(h("h1", {}, error.status === 404 ? "Not found" : "Error"), h("p", { class: "error", role: "alert" }, text),
    h("p", {}, h("a", { href: "/" }, "Back to the search")));
}

// -- live updates -----------------------------------------------------------------------

async function live(onChange) {
  if (!window.EventSource) return;
  const { head } = await api("/events?after=0&limit=1");
  const source = new EventSource(`/events/stream?after=${head}`);
  const badgeEl = document.getElementById("live");
  source.onopen = () => { badgeEl.hidden = false; };
  source.onerror = () => { badgeEl.hidden = true; };
  let timer = null;
  const seen = [];
  for (const type of CHANGES) {
    source.addEventListener(type, (message) => {
      seen.push(JSON.parse(message.data));
      clearTimeout(timer);
      timer = setTimeout(() => onChange(seen.splice(0)), 150);
    });
  }
  window.addEventListener("pagehide", () => source.close());
}

// -- home -------------------------------------------------------------------------------

function searchBox() {
  const input = h("input", {
    type: "search", id: "q", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
    "aria-controls": "q-list", placeholder: "Company, alias or ticker", autocomplete: "off",
  });
  const list = h("ul", { id: "q-list", role: "listbox", hidden: true, "aria-label": "Companies" });
  let options = [], active = -1, asked = 0;
  const choose = (slug) => { location.href = companyHref(slug); };
  const paint = () => {
    list.replaceChildren(...options.map((c, i) => h("li", {
      role: "option", id: `q-${i}`, "aria-selected": i === active ? "true" : "false",
      onmousedown: (ev) => { ev.preventDefault(); choose(c.slug); },
    }, h("span", {}, c.name), h("span", { class: "muted" }, c.slug))));
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    if (active >= 0) input.setAttribute("aria-activedescendant", `q-${active}`);
    else input.removeAttribute("aria-activedescendant");
  };
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      const ticket = ++asked;
      const found = q ? (await api(`/companies?q=${enc(q)}&limit=8`)).companies : [];
      if (ticket !== asked) return; // an older answer arriving late
      options = found; active = found.length ? 0 : -1; paint();
    }, 120);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && options.length) { active = (active + 1) % options.length; paint(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && options.length) { active = (active - 1 + options.length) % options.length; paint(); ev.preventDefault(); }
    else if (ev.key === "Enter" && active >= 0) { choose(options[active].slug); ev.preventDefault(); }
    else if (ev.key === "Escape") { options = []; active = -1; paint(); }
  });
  input.addEventListener("blur", () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); });
  return h("div", { class: "search" }, h("label", { for: "q", class: "muted" }, "Find a company"), input, list);
}

function dealItem(deal) {
  return h("li", {}, h("a", { href: dealHref(deal.deal_id) }, deal.companies.map((c) => c.name).join(" · ")),
    " ", h("span", { class: "muted" }, deal.deal_kind), " ", statusBadge(deal.status));
}

async function home() {
  document.title = "deal-timeline";
  const companies = h("ul", { class: "plain", id: "recent-companies" });
  const deals = h("ul", { class: "plain", id: "recent-deals" });
  render(h("h1", {}, "Deal timelines"), h("p", { class: "muted" },
    "Rumors, denials, partnerships and endorsements from the news, each tied to the sentence that says it."),
    searchBox(),
    h("div", { class: "grid" },
      h("section", { class: "card" }, h("h2", {}, "Recently active companies"), companies),
      h("section", { class: "card" }, h("h2", {}, "Latest deal threads"), deals)));
  const fill = async () => {
    const recent = await api("/activity?limit=10");
    companies.replaceChildren(...recent.companies.map((x) => {
      const n = x.counts.rumors + x.counts.denials + x.counts.partnerships + x.counts.endorsements;
      return h("li", {}, h("a", { href: companyHref(x.slug) }, x.name), " ", h("span", { class: "muted" }, `${n} event${n === 1 ? "" : "s"}`));
    }));
    deals.replaceChildren(...recent.deals.map(dealItem));
  };
  await fill();
  live(() => fill());
}

// -- company ----------------------------------------------------------------------------

function readFilters() {
  const q = new URLSearchParams(location.search);
  return {
    types: new Set(q.getAll("type").length ? q.getAll("type") : TYPES),
    kind: q.get("deal_kind") || "", counterparty: q.get("counterparty") || "",
    from: q.get("from") || "", to: q.get("to") || "",
  };
}

function writeFilters(f) {
  const q = new URLSearchParams();
  if (f.types.size !== TYPES.length) for (const t of f.types) q.append("type", t);
  for (const key of ["kind", "counterparty", "from", "to"]) if (f[key]) q.set(key === "kind" ? "deal_kind" : key, f[key]);
  history.replaceState(null, "", `${location.pathname}${q.toString() ? `?${q}` : ""}${location.hash}`);
}

function matches(e, f) {
  if (!f.types.has(e.type)) return false;
  if (f.kind && e.deal_kind !== f.kind) return false;
  if (f.counterparty && !e.counterparties.some((c) => c.slug === f.counterparty)) return false;
  const covered = span(e);
  if ((f.from || f.to) && !covered) return false;
  if (f.from && covered[1] <= Date.parse(f.from)) return false;
  if (f.to && covered[0] > Date.parse(f.to)) return false;
  return true;
}

function filterForm(events, f, onChange) {
  const kinds = [...new Set(events.map((e) => e.deal_kind))].sort();
  const parties = new Map();
  for (const e of events) for (const c of e.counterparties) parties.set(c.slug, c.name);
  const select = (name, label, values, current) => h("label", { class: "field" }, label,
    h("select", { name }, h("option", { value: "" }, "any"),
      values.map(([v, text]) => h("option", { value: v, selected: v === current }, text))));
  const form = h("form", { class: "filters", "aria-label": "Filters" },
    h("fieldset", {}, h("legend", {}, "Types"), TYPES.map((t) => h("label", { class: `t-${t}` },
      h("input", { type: "checkbox", name: "type", value: t, checked: f.types.has(t) }), badge(t)))),
    select("deal_kind", "Deal kind", kinds.map((k) => [k, k]), f.kind),
    select("counterparty", "Counterparty", [...parties].sort((a, b) => a[1].localeCompare(b[1])), f.counterparty),
    h("label", { class: "field" }, "From", h("input", { type: "date", name: "from", value: f.from })),
    h("label", { class: "field" }, "To", h("input", { type: "date", name: "to", value: f.to })));
  form.addEventListener("change", () => {
    const data = new FormData(form);
    onChange({ types: new Set(data.getAll("type")), kind: data.get("deal_kind"), counterparty: data.get("counterparty"),
      from: data.get("from"), to: data.get("to") });
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  return form;
}

function chart(events, deals) {
  const laneOf = new Map();
  deals.forEach((d, i) => d.events.forEach((ref) => laneOf.set(ref.event_id, i)));
  const placed = events.map((e) => ({ e, at: span(e), lane: laneOf.get(e.event_id) })).filter((p) => p.at && p.lane !== undefined);
  const used = [...new Set(placed.map((p) => p.lane))].sort((a, b) => a - b);
  if (!placed.length) return h("p", { class: "muted" }, "No dated events to draw.");
  const row = new Map(used.map((lane, i) => [lane, i]));
  const label = 220, laneH = 34, top = 24, width = Math.max(640, (document.getElementById("app").clientWidth || 900) - 4);
  const height = top + used.length * laneH + 8;
  let lo = Math.min(...placed.map((p) => p.at[0])), hi = Math.max(...placed.map((p) => p.at[1]));
  const pad = Math.max((hi - lo) * 0.03, 15 * 864e5);
  lo -= pad; hi += pad;
  const x = (t) => label + ((t - lo) / (hi - lo)) * (width - label - 12);
  const svg = s("svg", { width, height, role: "img", "aria-label": `Timeline chart of ${placed.length} events in ${used.length} deal threads` });
  for (const [t, text] of ticks(lo, hi)) {
    const px = x(t);
    svg.append(s("line", { class: "tick", x1: px, x2: px, y1: top - 6, y2: height }), s("text", { class: "ticklabel", x: px + 3, y: 14 }, text));
  }
  used.forEach((lane, i) => {
    const d = deals[lane], y = top + i * laneH;
    if (i % 2 === 0) svg.append(s("rect", { class: "lanebg", x: 0, y, width, height: laneH }));
    const name = `${d.companies.map((c) => c.name).join(" · ")} (${d.deal_kind}, ${d.status})`;
    svg.append(s("a", { href: dealHref(d.deal_id) }, s("text", { class: "lane", x: 6, y: y + laneH / 2 + 4 },
      name.length > 34 ? `${name.slice(0, 33)}…` : name, s("title", {}, name))));
  });
  const together = new Map(); // events drawn at the same place sit side by side
  for (const p of placed) {
    const key = `${p.lane}:${p.at[0]}:${p.at[1]}`;
    p.k = (together.get(key) || 0);
    together.set(key, p.k + 1);
  }
  for (const p of placed) {
    const { e, at, lane, k } = p, n = together.get(`${lane}:${at[0]}:${at[1]}`);
    const cy = top + row.get(lane) * laneH + laneH / 2, x0 = x(at[0]), x1 = x(at[1]);
    const title = s("title", {}, `${TYPE_LABEL[e.type]} · ${e.deal_kind} · ${shownDate(e)}`);
    const link = s("a", { href: `#ev-${e.event_id}`, class: `t-${e.type} mark` }, title);
    if (e.date_precision !== "day" && x1 - x0 > 6 && k === 0) link.append(s("rect", { class: "span", x: x0, y: cy - 9, width: x1 - x0, height: 18, rx: 4 }));
    const mid = (e.date_precision === "day" ? x0 : (x0 + x1) / 2) + (k - (n - 1) / 2) * 17;
    link.append(s("use", { href: `#i-${e.type}`, x: mid - 8, y: cy - 8, width: 16, height: 16 }));
    svg.append(link);
  }
  return svg;
}

// Axis ticks: years over a long range, months (at most about a dozen) over a short one.
function ticks(lo, hi) {
  const out = [];
  const first = new Date(lo);
  if (hi - lo > 3 * 365 * 864e5) {
    const years = [];
    for (let y = first.getUTCFullYear() + 1; Date.UTC(y, 0, 1) < hi; y++) years.push(y);
    const step = Math.ceil(years.length / 12) || 1;
    return years.filter((y, i) => i % step === 0).map((y) => [Date.UTC(y, 0, 1), String(y)]);
  }
  const months = [];
  for (let m = first.getUTCFullYear() * 12 + first.getUTCMonth() + 1; ; m++) {
    const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
    if (t >= hi) break;
    months.push([t, `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`]);
  }
  const step = Math.ceil(months.length / 12) || 1;
  for (let i = 0; i < months.length; i += step) out.push(months[i]);
  return out;
}

function eventItem(e, company) {
  return h("li", { id: `ev-${e.event_id}`, class: `card t-${e.type}${e.current ? "" : " superseded"}` },
    h("div", { class: "event-head" }, h("span", { class: "event-date" }, shownDate(e)), badge(e.type),
      h("span", { class: "kind" }, e.deal_kind), e.counterparties.length ? h("span", {}, "with ",
        e.counterparties.flatMap((c, i) => [i ? ", " : "", h("a", { href: companyHref(c.slug) }, c.name)])) : null),
    e.evidence.map((ev) => h("blockquote", {}, ev.text)),
    h("div", { class: "meta" }, e.sources.length ? `Source: ${e.sources.join(", ")} · ` : "",
      h("a", { href: articleHref(e.article_id, e.event_id) }, "the article"),
      ` · ${company} is ${e.role === "party" ? "a party" : `the ${e.role}`}`));
}

async function companyPage(slug) {
  const [detail, events] = await Promise.all([api(`/companies/${enc(slug)}`), allPages(`/companies/${enc(slug)}/timeline?limit=500`, "events")]);
  performance.mark("timeline:fetched");
  document.title = `${detail.name}: deal-timeline`;
  let filters = readFilters();
  const chartBox = h("div", { class: "chart", id: "chart" });
  const list = h("ol", { class: "events", id: "events", "aria-label": "Events" });
  const count = h("p", { class: "muted", id: "shown" });
  const paint = (fresh = new Set()) => {
    const shown = events.filter((e) => matches(e, filters));
    chartBox.replaceChildren(chart(shown, detail.deals));
    list.replaceChildren(...shown.map((e) => {
      const item = eventItem(e, detail.name);
      if (fresh.has(e.event_id)) item.classList.add("new");
      return item;
    }));
    count.textContent = `${shown.length} of ${events.length} events`;
  };
  const c = detail.counts;
  render(h("h1", {}, detail.name),
    h("div", { class: "counts" }, TYPES.map((t) => h("span", { class: `badge t-${t}` }, icon(t), `${c[`${t}s`]} ${TYPE_LABEL[t].toLowerCase()}${c[`${t}s`] === 1 ? "" : "s"}`))),
    filterForm(events, filters, (f) => { filters = f; writeFilters(f); paint(); }),
    h("h2", {}, "Deal threads"), chartBox, h("h2", {}, "Events"), count, list);
  paint();
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  let resizing = null;
  window.addEventListener("resize", () => { clearTimeout(resizing); resizing = setTimeout(() => paint(), 200); });
  live(async (changed) => {
    const known = new Set(events.map((e) => e.event_id));
    if (!changed.length) return;
    const [d, fresh] = await Promise.all([api(`/companies/${enc(slug)}`), allPages(`/companies/${enc(slug)}/timeline?limit=500`, "events")]);
    Object.assign(detail, d);
    events.splice(0, events.length, ...fresh);
    paint(new Set(fresh.filter((e) => !known.has(e.event_id)).map((e) => e.event_id)));
  });
}

// -- article ----------------------------------------------------------------------------

function highlighted(text, events) {
  const spans = events.flatMap((e) => e.evidence.map((ev) => ({ ...ev, e })))
    .filter((x) => x.start >= 0 && x.end <= text.length && x.start < x.end).sort((a, b) => a.start - b.start);
  // An anchor per event, in the mark holding its first evidence: events may share a sentence.
  const anchors = events.map((e) => spans.find((x) => x.e === e)).filter(Boolean).sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0, next = 0;
  for (const x of spans) {
    if (x.start < at) continue; // overlapping evidence: the first one keeps the words
    const inside = [];
    while (next < anchors.length && anchors[next].start < x.end) {
      inside.push(h("span", { class: "anchor", id: `ev-${anchors[next].e.event_id}` }));
      next += 1;
    }
    out.push(text.slice(at, x.start));
    out.push(h("mark", { class: `evidence t-${x.e.type}`, "data-event": x.e.event_id }, inside,
      h("a", { href: `#event-${x.e.event_id}`, title: `${TYPE_LABEL[x.e.type]} · ${x.e.deal_kind}` }, text.slice(x.start, x.end))));
    at = x.end;
  }
  out.push(text.slice(at));
  return out;
}

async function articlePage(id) {
  const a = await api(`/articles/${enc(id)}`);
  document.title = `${a.title}: deal-timeline`;
  render(h("h1", {}, a.title),
    h("p", { class: "meta" }, [a.publisher, a.published, a.revision ? `revision ${a.revision}` : null].filter(Boolean).join(" · "),
      a.url ? [" · ", h("a", { href: a.url, rel: "noopener noreferrer" }, "original")] : null),
    h("h2", {}, `Deal events found (${a.events.length})`),
    h("ol", { class: "events" }, a.events.map((e) => h("li", { id: `event-${e.event_id}`, class: `card t-${e.type}` },
      h("div", { class: "event-head" }, h("span", { class: "event-date" }, shownDate(e)), badge(e.type), h("span", { class: "kind" }, e.deal_kind),
        e.companies.flatMap((c, i) => [i ? " · " : "", h("a", { href: companyHref(c.slug) }, c.name)])),
      h("a", { href: `#ev-${e.event_id}`, class: "meta" }, "show in the text")))),
    h("h2", {}, "Text"), h("div", { class: "article-text", id: "article-text" }, highlighted(a.text, a.events)));
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

// -- deal -------------------------------------------------------------------------------

async function dealPage(id) {
  const d = await api(`/deals/${enc(id)}`);
  const names = d.companies.map((c) => c.name).join(" · ");
  document.title = `${names}: deal-timeline`;
  render(h("h1", {}, names), h("p", {}, h("span", {}, d.deal_kind), " ", statusBadge(d.status), " ",
    d.companies.flatMap((c, i) => [i ? ", " : "", h("a", { href: companyHref(c.slug) }, c.name)])),
    h("ol", { class: "events", id: "events" }, d.events.map((e) => h("li", { class: `card t-${e.type}` },
      h("div", { class: "event-head" }, h("span", { class: "event-date" }, shownDate(e)), badge(e.type),
        h("a", { href: articleHref(e.article_id, e.event_id) }, "the article"))))));
}

// -- routes -----------------------------------------------------------------------------

const ROUTES = [
  [/^\/$/, () => home()],
  [/^\/company\/([^/]+)$/, (m) => companyPage(decodeURIComponent(m[1]))],
  [/^\/article\/([^/]+)$/, (m) => articlePage(decodeURIComponent(m[1]))],
  [/^\/deal\/([^/]+)$/, (m) => dealPage(decodeURIComponent(m[1]))],
];

async function main() {
  for (const [pattern, page] of ROUTES) {
    const m = location.pathname.match(pattern);
    if (m) {
      try { await page(m); } catch (error) { fail(error); }
      performance.mark("timeline:ready"); // bench/web.py reads it
      document.body.dataset.ready = "true";
      return;
    }
  }
  fail(new Problem(404, { detail: "No such page." }));
  document.body.dataset.ready = "true";
}

main();
