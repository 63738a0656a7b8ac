"use strict";
// The health report's page: reads the embedded data, draws the overview, the relationship graph
// (graphology + sigma, vendored), the distributions (Chart.js, vendored) and the files table.
// No network.
(function () {
  const T0 = performance.now(), timings = { start: T0 };
  const D = JSON.parse(document.getElementById("report-data").textContent);
  timings.parse = performance.now() - T0;
  const N = D.nodes.file.length;
  // Each file's path (shown from the library root: the run's paths may be absolute) and its
  // link (relative to the report), from its folder and its name.
  const prefix = D.root.replace(/\/$/, "") + "/";
  const join = (folder, name) => (folder === "" ? name : folder + "/" + name);
  D.nodes.path = D.nodes.file.map((name, i) => {
    const p = join(D.folders[D.nodes.folder[i]][0], name);
    return p.startsWith(prefix) ? p.slice(prefix.length) : p;
  });
  D.nodes.href = D.nodes.file.map((name, i) => join(D.folders[D.nodes.folder[i]][1], name));
  const SEV = ["none", "info", "warning", "error"];
  const SEV_COLOR = ["#9fc79e", "#4a90c2", "#e8a33d", "#d1495b"];
  const REL_COLOR = {
    generalizes_from: "#6a51a3", specializes_to: "#9e9ac8", enables: "#31a354", requires: "#e6550d",
    alternatives: "#d6616b", complementary: "#3182bd", tools: "#8c6d31",
  };
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#17becf"];
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  };
  const fmt = (n) => n.toLocaleString("en");
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + "%" : "–");
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const code = (s) => esc(s).replace(/`([^`]*)`/g, "<code>$1</code>");

  // ---- findings, per node -------------------------------------------------------------------
  const F = D.findings, FW = 7, NF = F.length / FW;
  const rule = (i) => D.rules[F[i * FW + 3]];
  const byNode = Array.from({ length: N }, () => []);
  const worst = new Uint8Array(N);
  const counts = Array.from({ length: N }, () => [0, 0, 0, 0]);
  const rulesOf = Array.from({ length: N }, () => new Set());
  const hasNew = new Uint8Array(N);
  for (let i = 0; i < NF; i++) {
    const node = F[i * FW], sev = F[i * FW + 4];
    if (node < 0) continue;
    byNode[node].push(i);
    counts[node][sev]++;
    if (sev > worst[node]) worst[node] = sev;
    rulesOf[node].add(F[i * FW + 3]);
    if (D.new && D.new[i]) hasNew[node] = 1;
  }
  const link = (i) => {
    const node = F[i * FW], line = F[i * FW + 1], col = F[i * FW + 2];
    return el("a", { href: D.nodes.href[node] + "#L" + line, class: "finding-link", text: D.nodes.path[node] + ":" + line + ":" + col });
  };
  const findingItem = (i) => {
    const r = rule(i), hint = F[i * FW + 6];
    const item = el("li", {}, link(i), " ", el("span", { class: "sev-" + F[i * FW + 4], text: r[0] }), " ");
    item.append(el("span", { html: code(D.texts[F[i * FW + 5]]) }));
    if (hint >= 0) item.append(el("div", { class: "muted", html: "hint: " + code(D.texts[hint]) }));
    if (D.new && D.new[i]) item.append(el("strong", { text: " new" }));
    return item;
  };

  // ---- edges ---------------------------------------------------------------------------------
  const E = D.edges, EW = 4, NE = E.length / EW;
  const inDeg = new Uint32Array(N), outDeg = new Uint32Array(N);
  for (let k = 0; k < NE; k++) {
    if (!E[k * EW + 3] || E[k * EW] === E[k * EW + 1]) continue;
    outDeg[E[k * EW]]++;
    inDeg[E[k * EW + 1]]++;
  }
  let curatedLinks = 0;
  for (let k = 0; k < NE; k++) curatedLinks += E[k * EW + 3];
  const brokenOf = Array.from({ length: N }, () => []);
  for (let k = 0; k < D.broken.length; k += 4) brokenOf[D.broken[k]].push(k);
  const orphan = new Set(D.orphans), untargeted = new Set(D.untargeted), inCycle = new Set(D.cycles.flat());

  // ---- header and tabs -----------------------------------------------------------------------
  $("subtitle").textContent = D.root + " · " + fmt(N) + " files · " + fmt(NF) + " findings · patternlint " + D.version;
  const shown = new Set();
  const views = { overview: drawOverview, graph: drawGraph, distributions: drawDistributions, files: drawFiles };
  function show(view) {
    for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.view === view);
    for (const s of document.querySelectorAll(".view")) s.classList.toggle("active", s.id === "view-" + view);
    if (!shown.has(view)) { shown.add(view); views[view](); }
    if (view === "graph" && renderer) renderer.refresh();
    document.body.dataset.view = view;
  }
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.view));

  // ---- overview ------------------------------------------------------------------------------
  function table(head, rows) {
    const t = el("table", {}, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { text: h })))));
    const body = el("tbody");
    for (const r of rows) body.append(el("tr", {}, ...r.map((c) => (c instanceof Node ? el("td", {}, c) : el("td", { class: typeof c === "number" ? "num" : "", text: typeof c === "number" ? fmt(c) : c })))));
    t.append(body);
    return t;
  }
  function drawOverview() {
    const root = $("view-overview"), O = D.overview;
    const v7 = O.layout.v7 || 0;
    const cov = D.coverage.reduce((a, c) => [a[0] + c[1], a[1] + c[2]], [0, 0]);
    const L = D.letters, total = (o) => Object.values(o).reduce((a, b) => a + b, 0);
    const brokenCurated = D.broken.filter((_, k) => k % 4 === 2).reduce((a, c) => a + c, 0);
    root.append(el("div", { class: "cards" },
      ...[["files", N], ["findings", NF], ["errors", O.severity.error || 0], ["warnings", O.severity.warning || 0], ["infos", O.severity.info || 0], ["links", NE], ["broken links", D.broken.length / 4]]
        .map(([k, v]) => el("div", { class: "card" }, el("b", { text: fmt(v) }), k))));
    root.append(el("h2", { text: "What stands out" }));
    const facts = el("ul", { class: "facts" });
    const fact = (html) => facts.append(el("li", { html }));
    if (cov[0]) fact(`<b>${pct(cov[0] - cov[1], cov[0])}</b> of the ${fmt(cov[0])} checkable paired relationships are not written back as their inverse in the other pattern.`);
    if (total(L.curated)) fact(`<b>${pct(L.curated.a, total(L.curated))}</b> of curated relationship targets and <b>${pct(L.inferred.a, total(L.inferred))}</b> of inferred ones start with “a”; ${fmt(L.slugs.a)} of ${fmt(total(L.slugs))} v7 slugs (${pct(L.slugs.a, total(L.slugs))}) do.`);
    if (v7) fact(`<b>${fmt(D.untargeted.length)}</b> of ${fmt(v7)} v7 patterns are never the target of a curated relationship; ${fmt(D.orphans.length)} have no curated link at all.`);
    const totalIn = inDeg.reduce((a, b) => a + b, 0);
    if (totalIn) {
      const hubs = Array.from(inDeg.keys()).sort((a, b) => inDeg[b] - inDeg[a]).slice(0, 10);
      const share = hubs.reduce((a, i) => a + inDeg[i], 0);
      fact(`The 10 most linked-to patterns receive <b>${pct(share, totalIn)}</b> of the ${fmt(totalIn)} curated links between patterns; the first, <code>${esc(D.nodes.name[hubs[0]])}</code>, ${fmt(inDeg[hubs[0]])}.`);
    }
    if (O.layout.v1) fact(`<b>${fmt(O.layout.v1)}</b> files are still in the older v1 layout.`);
    if (D.scorePairs.length) fact(`<b>${fmt(D.mismatches)}</b> of ${fmt(D.scorePairs.length / 3)} overall scores differ from the mean of their eight dimensions by more than the rounding.`);
    fact(`${fmt(D.broken.length / 4)} links name no pattern (${fmt(brokenCurated)} curated); ${fmt(D.cycles.length)} generalization cycles.`);
    root.append(facts);
    if (O.baseline) {
      const b = O.baseline;
      root.append(el("h2", { text: "Against the baseline" }), el("p", { html: `Baseline <code>${esc(b.file)}</code>: <b>${fmt(b.new)}</b> new findings, ${fmt(b.known)} known, <b>${fmt(b.fixed)}</b> baseline entries no longer occur (fixed or changed).` }));
    }
    root.append(el("h2", { text: "Systemic causes" }), el("p", { class: "muted", text: "One cause behind findings in many files: fix it once, where it comes from." }));
    if (!D.causes.length) root.append(el("p", { text: "None: no single cause reaches many files." }));
    for (const c of D.causes) {
      const r = D.rules[c.rule];
      const box = el("div", { class: "cause cause-" + c.severity });
      box.append(el("div", { html: `<b class="sev-${c.severity}">${esc(r[0])} ${esc(r[1])}</b> · ${fmt(c.findings)} findings in <b>${fmt(c.files)}</b> files` }));
      box.append(el("div", { class: "muted", html: "the message, values left out: " + code(c.template) }));
      box.append(el("div", { html: "for example: " + code(D.texts[F[c.examples[0] * FW + 5]]) }));
      box.append(el("div", { class: "decision", html: "<b>Decision:</b> " + code(c.decision) }));
      const ex = el("div", { class: "muted" }, "in ");
      c.examples.forEach((i, k) => { if (k) ex.append(", "); ex.append(link(i)); });
      ex.append(c.files > c.examples.length ? ` and ${fmt(c.files - c.examples.length)} more files` : "");
      box.append(ex);
      root.append(box);
    }
    const cols = el("div", { class: "charts" });
    const block = (title, t) => el("div", {}, el("h2", { text: title }), t);
    cols.append(block("Files per layout", table(["layout", "files"], Object.entries(O.layout))));
    cols.append(block("Files per profile", table(["profile", "files"], Object.entries(O.profile))));
    cols.append(block("Findings per severity", table(["severity", "findings"], Object.entries(O.severity))));
    root.append(cols);
    const maxRule = Math.max(1, ...Object.values(O.rule));
    const ruleRows = Object.entries(O.rule).sort((a, b) => b[1] - a[1]).map(([c, n]) => {
      const r = D.rules.find((x) => x[0] === c);
      return [c, r ? r[1] : "", n, el("span", { class: "bar", style: `width:${Math.max(1, (200 * n) / maxRule)}px` })];
    });
    root.append(el("h2", { text: "Findings per rule" }), table(["code", "rule", "findings", ""], ruleRows));
  }

  // ---- the graph -----------------------------------------------------------------------------
  let graph = null, renderer = null, selected = null, neighbours = new Set();
  // Inferred links (the graph-garden tool's guesses, more than half of all links) start hidden:
  // they bury the curated ones, and drawing them doubles the first frame's work.
  const state = { relations: new Set(D.relations), inferred: false, profile: "", domain: "", rule: "", highlight: "", color: "severity" };
  function nodeColor(i) {
    if (state.color === "layout") return ["#3b75af", "#a17fc4", "#bbbbbb", "#bbbbbb"][Math.max(0, ["v7", "v1", "other", "none"].indexOf(D.layouts[D.nodes.layout[i]]))];
    if (state.color === "domain") { const d = D.nodes.domain[i]; return d < 0 ? "#cccccc" : PALETTE[d % PALETTE.length]; }
    return SEV_COLOR[worst[i]];
  }
  function passes(i) {
    if (state.profile !== "" && D.nodes.profile[i] !== +state.profile) return false;
    if (state.domain !== "" && D.nodes.domain[i] !== +state.domain) return false;
    if (state.rule !== "" && !rulesOf[i].has(+state.rule)) return false;
    return true;
  }
  function marked(i) {
    switch (state.highlight) {
      case "broken": return brokenOf[i].length > 0;
      case "orphans": return orphan.has(i);
      case "cycles": return inCycle.has(i);
      case "untargeted": return untargeted.has(i);
      default: return true;
    }
  }
  function drawGraph() {
    const Graph = graphology.MultiDirectedGraph;
    graph = new Graph();
    const library = graphologyLibrary;
    for (let i = 0; i < N; i++) {
      graph.addNode(i, { label: D.nodes.name[i], size: 2 + Math.log2(1 + inDeg[i]) * 1.6, group: D.layouts[D.nodes.layout[i]] + ":" + (D.nodes.domain[i] < 0 ? "" : D.domains[D.nodes.domain[i]]), x: 0, y: 0 });
    }
    for (let k = 0; k < NE; k++) {
      const r = D.relations[E[k * EW + 2]], curated = E[k * EW + 3] === 1;
      graph.addEdgeWithKey(k, E[k * EW], E[k * EW + 1], { rel: r, curated, size: curated ? 0.6 : 0.3, color: curated ? (REL_COLOR[r] || "#999") + "66" : "#bbbbbb33" });
    }
    timings.graph = performance.now() - T0;
    library.layout.circlepack.assign(graph, { hierarchyAttributes: ["group"], rng: mulberry(7) });
    timings.layout = performance.now() - T0;
    const SigmaClass = (window.Sigma && (window.Sigma.Sigma || window.Sigma.default)) || window.Sigma;
    renderer = new SigmaClass(graph, $("graph-canvas"), {
      labelRenderedSizeThreshold: 9, defaultEdgeType: "line", zIndex: true,
      // The graph's tab may be left while a camera animation still renders: a hidden container
      // has no size, which is no error.
      allowInvalidContainer: true,
      nodeReducer: (key, attrs) => {
        const i = +key, out = { ...attrs, color: nodeColor(i) };
        if (!passes(i)) { out.hidden = true; return out; }
        if (selected !== null) {
          if (i === selected) { out.highlighted = true; out.zIndex = 2; out.forceLabel = true; }
          else if (neighbours.has(i)) { out.zIndex = 1; }
          else { out.color = "#e4e7ea"; out.label = ""; }
        } else if (state.highlight && !marked(i)) { out.color = "#eceef0"; out.label = ""; }
        else if (state.highlight) { out.zIndex = 1; out.size = attrs.size + 2; }
        return out;
      },
      edgeReducer: (key, attrs) => {
        const out = { ...attrs };
        if (attrs.curated ? !state.relations.has(attrs.rel) : !state.inferred) { out.hidden = true; return out; }
        const [s, t] = graph.extremities(key);
        if (!passes(+s) || !passes(+t)) { out.hidden = true; return out; }
        if (selected !== null) {
          if (+s === selected || +t === selected) { out.color = REL_COLOR[attrs.rel] || "#777"; out.size = 1.5; out.zIndex = 1; }
          else out.hidden = true;
        } else if (state.highlight === "cycles") {
          if (!(inCycle.has(+s) && inCycle.has(+t) && (attrs.rel === "generalizes_from" || attrs.rel === "specializes_to"))) out.hidden = true;
          else { out.color = "#6a51a3"; out.size = 1.5; }
        } else if (state.highlight) out.hidden = true;
        return out;
      },
    });
    timings.sigma = performance.now() - T0;
    renderer.on("clickNode", ({ node }) => select(+node));
    renderer.on("clickStage", () => select(null));
    // Controls.
    const list = $("slugs");
    const opts = [];
    for (let i = 0; i < N; i++) opts.push(`<option value="${esc(D.nodes.name[i])}">`);
    list.innerHTML = opts.join("");
    const byName = new Map();
    for (let i = 0; i < N; i++) { if (!byName.has(D.nodes.name[i])) byName.set(D.nodes.name[i], i); }
    const search = () => {
      const q = $("search").value.trim();
      if (!q) return;
      let i = byName.get(q);
      if (i === undefined) i = D.nodes.name.findIndex((n) => n.includes(q));
      if (i === undefined || i < 0) { i = D.nodes.path.findIndex((p) => p.includes(q)); }
      if (i >= 0) select(i, true);
    };
    $("search").addEventListener("change", search);
    $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(); });
    fill($("filter-profile"), D.profiles);
    fill($("filter-domain"), D.domains, true);
    fill($("filter-rule"), D.rules.map((r) => r[0] + " " + r[1]));
    for (const [id, key] of [["filter-profile", "profile"], ["filter-domain", "domain"], ["filter-rule", "rule"], ["highlight", "highlight"], ["color-by", "color"]]) {
      $(id).addEventListener("change", () => { state[key] = $(id).value; renderer.refresh(); legend(); });
    }
    const rf = $("relation-filters");
    for (const r of D.relations.filter((r) => REL_COLOR[r])) {
      const box = el("input", { type: "checkbox", checked: "", "data-relation": r });
      box.addEventListener("change", () => { box.checked ? state.relations.add(r) : state.relations.delete(r); renderer.refresh(); });
      rf.append(el("label", {}, box, el("span", { class: "swatch", style: "background:" + REL_COLOR[r] }), r));
    }
    const inf = el("input", { type: "checkbox", "data-relation": "inferred" });
    inf.addEventListener("change", () => { state.inferred = inf.checked; renderer.refresh(); });
    rf.append(el("label", {}, inf, el("span", { class: "swatch", style: "background:#bbb" }), "inferred"));
    $("layout-run").addEventListener("click", spread);
    legend();
    timings.controls = performance.now() - T0;
  }
  function fill(select, names, sorted) {
    const order = names.map((n, i) => [n, i]);
    if (sorted) order.sort((a, b) => a[0].localeCompare(b[0]));
    for (const [n, i] of order) select.append(el("option", { value: String(i), text: n }));
  }
  function legend() {
    const parts = { broken: [brokenOf.filter((b) => b.length).length, "patterns with broken links"], orphans: [orphan.size, "orphans"], cycles: [inCycle.size, "patterns in generalization cycles"], untargeted: [untargeted.size, "never a target"] };
    const h = state.highlight ? parts[state.highlight] : null;
    $("graph-legend").innerHTML = (h ? `<b>${fmt(h[0])}</b> ${h[1]} highlighted. ` : "") +
      `${fmt(N)} patterns, ${fmt(NE)} links (${fmt(NE - curatedLinks)} inferred, shown when ticked; ${fmt(D.broken.length / 4)} broken links are listed in each pattern's panel). Node size: curated links in. Color: ` +
      (state.color === "severity" ? SEV.map((s, i) => `<span class="swatch" style="background:${SEV_COLOR[i]}"></span>${s}`).join(" ") : state.color);
  }
  function mulberry(seed) {
    return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  }
  function spread() {
    // ForceAtlas2 in small steps, one per frame, so that the page stays responsive.
    const fa2 = graphologyLibrary.layoutForceAtlas2;
    const settings = fa2.inferSettings(graph);
    let steps = 60;
    const step = () => { fa2.assign(graph, { iterations: 2, settings }); if (--steps > 0) requestAnimationFrame(step); };
    requestAnimationFrame(step);
  }
  function nodeLink(i) {
    return el("a", { class: "node", "data-node": String(i), text: D.nodes.name[i], onclick: () => select(i, true) });
  }
  function select(i, focus) {
    selected = i;
    neighbours = new Set();
    const panel = $("panel");
    panel.innerHTML = "";
    if (i === null) { panel.append(el("p", { class: "muted", text: "Click a pattern, or search one, to see its links, scores and findings." })); renderer.refresh(); return; }
    for (const n of graph.neighbors(String(i))) neighbours.add(+n);
    panel.dataset.selected = D.nodes.name[i];
    panel.append(el("h3", { text: D.nodes.name[i] }));
    panel.append(el("p", {}, el("a", { href: D.nodes.href[i], class: "file-link", text: D.nodes.path[i] })));
    const dom = D.nodes.domain[i];
    panel.append(el("p", { class: "muted", text: `layout ${D.layouts[D.nodes.layout[i]]} · profile ${D.profiles[D.nodes.profile[i]]}` + (dom >= 0 ? ` · domain ${D.domains[dom]}` : "") }));
    const sc = D.nodes.scores[i];
    if (sc) {
      const rows = D.dims.map((d, k) => [d, sc[k] === null ? "–" : String(sc[k])]);
      const vals = sc.slice(0, 8).filter((x) => x !== null);
      if (vals.length === 8) rows.push(["mean of dimensions", (vals.reduce((a, b) => a + b, 0) / 8).toFixed(2)]);
      panel.append(el("h3", { text: "Scores" }), table(["score", "value"], rows));
    }
    const outs = el("ul"), ins = el("ul");
    for (const key of graph.outEdges(String(i))) { const a = graph.getEdgeAttributes(key); outs.append(el("li", {}, a.rel + (a.curated ? "" : " (inferred)") + " → ", nodeLink(+graph.target(key)))); }
    for (const k of brokenOf[i]) outs.append(el("li", { html: `${esc(D.relations[D.broken[k + 1]])}${D.broken[k + 2] ? "" : " (inferred)"} → <code>${esc(D.texts[D.broken[k + 3]])}</code> <span class="sev-3">not a pattern</span>` }));
    for (const key of graph.inEdges(String(i))) { const a = graph.getEdgeAttributes(key); ins.append(el("li", {}, nodeLink(+graph.source(key)), " " + a.rel + (a.curated ? "" : " (inferred)") + " → this")); }
    panel.append(el("h3", { text: `Links out (${graph.outDegree(String(i)) + brokenOf[i].length})` }), outs);
    panel.append(el("h3", { text: `Links in (${graph.inDegree(String(i))})` }), ins);
    const flags = [];
    if (orphan.has(i)) flags.push("orphan"); if (untargeted.has(i)) flags.push("never a target"); if (inCycle.has(i)) flags.push("in a generalization cycle");
    if (flags.length) panel.append(el("p", { class: "sev-2", text: flags.join(" · ") }));
    const fl = el("ul", { class: "findings-list" });
    for (const f of byNode[i]) fl.append(findingItem(f));
    panel.append(el("h3", { text: `Findings (${byNode[i].length})` }), fl);
    if (focus) {
      const pos = renderer.getNodeDisplayData(String(i));
      if (pos) renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.5 }, { duration: 300 });
    }
    renderer.refresh();
  }

  // ---- distributions (Chart.js, vendored) ----------------------------------------------------
  // Each chart is made when the tab is first shown, at a fixed size and without animation: a
  // library of thousands of patterns draws its fourteen charts in one pass, and nothing moves
  // in a screenshot.
  const charts = [];
  function chartDefaults() {
    const d = Chart.defaults;
    d.animation = false;
    d.responsive = false;
    d.font.size = 10;
    d.color = "#5f6b76";
    d.plugins.legend.labels.boxWidth = 10;
  }
  function chartBox(name, title, width, height, config, note) {
    const canvas = el("canvas", { width: String(width), height: String(height), "data-chart": name, role: "img", "aria-label": title });
    const box = el("div", { class: "chart" }, el("h3", { text: title }), canvas);
    if (note) box.append(el("div", { class: "muted", style: `max-width:${width}px`, html: note }));
    // Made once the box is in the page: Chart.js reads the canvas's size from the layout.
    return { box, make: () => charts.push(new Chart(canvas, config)) };
  }
  const percent = (v) => (v * 100).toFixed(1) + "%";
  function barChart(name, title, labels, series, opts) {
    opts = opts || {};
    const y = { beginAtZero: true, ticks: { precision: 0 } };
    if (opts.percent) Object.assign(y, { max: opts.max, ticks: { callback: (v) => Math.round(v * 100) + "%" } });
    return chartBox(name, title, opts.width || 320, opts.height || 170, {
      type: "bar",
      data: { labels, datasets: series.map((s) => ({ label: s.name, data: s.values, backgroundColor: s.color, categoryPercentage: 0.9, barPercentage: 1 })) },
      options: {
        indexAxis: opts.horizontal ? "y" : "x",
        scales: opts.horizontal ? { x: { ...y, stacked: opts.stacked }, y: { stacked: opts.stacked } } : { x: { ticks: { autoSkip: true, maxRotation: 0 }, stacked: opts.stacked }, y: { ...y, stacked: opts.stacked } },
        plugins: {
          legend: { display: series.length > 1 },
          tooltip: { callbacks: { label: opts.label || ((c) => `${c.dataset.label}: ${opts.percent ? percent(c.raw) : fmt(c.raw)}`) } },
        },
        onClick: opts.onClick,
        onHover: opts.onClick ? (ev, items) => { ev.native.target.style.cursor = items.length ? "pointer" : "default"; } : undefined,
      },
    }, opts.note);
  }
  function scatterChart() {
    // Overall score against the mean of the dimensions; the mismatches (by more than the
    // rounding, as the report counts them) in red, each named in its tooltip.
    const P = D.scorePairs, ok = [], bad = [];
    for (let k = 0; k < P.length; k += 3) (Math.abs(P[k + 1] - P[k + 2]) > 0.05 + 1e-9 ? bad : ok).push({ x: P[k + 1], y: P[k + 2], node: P[k] });
    const axis = (title) => ({ type: "linear", min: 1, max: 5, ticks: { stepSize: 1 }, title: { display: true, text: title } });
    return chartBox("overall-vs-mean", "Overall score against the mean of the dimensions", 380, 320, {
      type: "scatter",
      data: {
        datasets: [
          { label: "consistent", data: ok, backgroundColor: "#3b75af55", pointRadius: 2, pointHoverRadius: 4 },
          { label: "mismatch", data: bad, backgroundColor: "#d1495b", pointRadius: 3, pointHoverRadius: 5 },
          { type: "line", label: "overall = mean", data: [{ x: 1, y: 1 }, { x: 5, y: 5 }], borderColor: "#bbbbbb", borderDash: [4, 3], borderWidth: 1, pointRadius: 0, pointHitRadius: 0 },
        ],
      },
      options: {
        parsing: false,
        scales: { x: axis("mean of the 8 dimensions"), y: axis("overall score") },
        plugins: {
          tooltip: {
            filter: (c) => c.datasetIndex < 2,
            callbacks: { label: (c) => `${D.nodes.path[c.raw.node]}: overall ${c.raw.y}, mean ${c.raw.x.toFixed(3)}` },
          },
        },
      },
    }, `<b>${fmt(D.mismatches)}</b> of ${fmt(P.length / 3)} differ by more than 0.05 (red).`);
  }
  function listFiles(nodes, note) {
    fileFilter = new Set(nodes);
    show("files");
    $("file-count").dataset.note = note;
    renderFiles();
  }
  function drawDistributions() {
    const root = $("view-distributions");
    chartDefaults();
    const made = [];
    const add = (parent, c) => { parent.append(c.box); made.push(c); };
    root.append(el("h2", { text: "Scores" }));
    const scores = el("div", { class: "charts" });
    root.append(scores);
    for (const d of D.dims) {
      const b = D.scoreBins[d];
      add(scores, barChart("score-" + d, d, b.map((x) => String(x[0])), [{ name: d, color: d === "overall_score" ? "#3b75af" : "#7aa6c9", values: b.map((x) => x[1]) }], { width: 240, height: 150 }));
    }
    const misc = el("div", { class: "charts" });
    root.append(el("h2", { text: "Consistency and links" }), misc);
    add(misc, scatterChart());
    const deg = (k) => D.degrees[k].map((x) => x[1]);
    const degLabels = D.degrees.in.map((x) => (x[0] === 20 ? "20+" : String(x[0])));
    add(misc, barChart("links-per-pattern", "Curated links per v7 pattern", degLabels, [{ name: "out", color: "#3b75af", values: deg("out") }, { name: "in", color: "#e8a33d", values: deg("in") }], { width: 460, height: 220, note: "links between two different patterns that resolve" }));
    const cov = D.coverage;
    add(misc, barChart("inverse-coverage", "Inverse coverage per link type", cov.map((c) => c[0]), [{ name: "written back", color: "#59a14f", values: cov.map((c) => (c[1] ? c[2] / c[1] : 0)) }], {
      width: 360, height: 220, percent: true, max: 1,
      label: (c) => `written back: ${percent(c.raw)} (${fmt(cov[c.dataIndex][2])} of ${fmt(cov[c.dataIndex][1])})`,
      note: cov.map((c) => `${esc(c[0])}: ${fmt(c[2])} of ${fmt(c[1])}`).join(" · "),
    }));
    const L = D.letters, letters = Object.keys(L.slugs);
    const share = (o) => { const t = Object.values(o).reduce((a, b) => a + b, 0) || 1; return letters.map((c) => o[c] / t); };
    root.append(el("h2", { text: "First letters: link targets against slugs" }));
    const first = el("div", { class: "charts" });
    root.append(first);
    add(first, barChart("first-letters", "Share of names starting with each letter", letters, [
      { name: "v7 slugs", color: "#9aa5b1", values: share(L.slugs) },
      { name: "curated targets", color: "#3b75af", values: share(L.curated) },
      { name: "inferred targets", color: "#e8a33d", values: share(L.inferred) },
    ], { width: 900, height: 220, percent: true }));
    root.append(el("h2", { text: "Section completeness" }));
    if (!D.sections.length) root.append(el("p", { class: "muted", text: "No section findings in this run (the section rules found nothing, or were not run)." }));
    else {
      const kinds = [["missing", "#d1495b"], ["empty", "#e8a33d"], ["too short", "#4a90c2"], ["too long", "#9c755f"]];
      const lengths = D.sections.some((s) => s[3].length || s[4].length);
      const shownKinds = kinds.map((k, j) => [...k, j]).filter((k) => k[2] < 2 || lengths);
      const sectionsBox = el("div", { class: "charts" });
      root.append(sectionsBox);
      add(sectionsBox, barChart("sections", "Files per section: missing, empty, too short, too long", D.sections.map((s) => s[0]), shownKinds.map(([name, color, j]) => ({ name, color, values: D.sections.map((s) => s[j + 1].length) })), {
        width: 640, height: Math.max(120, 40 + 22 * D.sections.length), horizontal: true, stacked: true,
        // A bar lists its files in the Files tab, as a count in the table below does.
        onClick: (ev, items) => {
          if (!items.length) return;
          const { datasetIndex, index } = items[0], [what, , j] = shownKinds[datasetIndex], s = D.sections[index];
          listFiles(s[j + 1], `${what} ${s[0]}`);
        },
      }));
      const cell = (nodes, what, name) => {
        if (!nodes.length) return "0";
        const a = el("a", { href: "#", class: "section-files", text: fmt(nodes.length) });
        a.addEventListener("click", (ev) => { ev.preventDefault(); listFiles(nodes, `${what} ${name}`); });
        return a;
      };
      root.append(table(["section", "missing", "empty", "too short", "too long"], D.sections.map((s) => [s[0], cell(s[1], "missing", s[0]), cell(s[2], "empty", s[0]), cell(s[3], "too short", s[0]), cell(s[4], "too long", s[0])])));
      root.append(el("p", { class: "muted", text: "Click a bar or a count to list those files." + (lengths ? "" : " Too short and too long come from `section-length`, which is off by default (`--extend-select section-length`).") }));
    }
    for (const c of made) c.make();
    timings.distributions = performance.now() - T0;
  }

  // ---- files ---------------------------------------------------------------------------------
  let fileFilter = null, sortKey = "e", sortDir = -1, limit = 300, expanded = new Set();
  const overall = (i) => { const s = D.nodes.scores[i]; return s && s[8] !== null ? s[8] : -1; };
  const keyOf = {
    path: (i) => D.nodes.path[i], layout: (i) => D.layouts[D.nodes.layout[i]], profile: (i) => D.profiles[D.nodes.profile[i]],
    domain: (i) => (D.nodes.domain[i] < 0 ? "" : D.domains[D.nodes.domain[i]]), e: (i) => counts[i][3], w: (i) => counts[i][2], i: (i) => counts[i][1],
    in: (i) => inDeg[i], out: (i) => outDeg[i], overall,
  };
  function drawFiles() {
    fill($("file-rule"), D.rules.map((r) => r[0] + " " + r[1]));
    if (D.new) $("file-new-wrap").hidden = false;
    for (const id of ["file-filter", "file-rule", "file-severity", "file-new"]) $(id).addEventListener("input", () => { limit = 300; renderFiles(); });
    for (const th of document.querySelectorAll("#files th[data-key]")) th.addEventListener("click", () => {
      const k = th.dataset.key;
      sortDir = sortKey === k ? -sortDir : (k === "path" || k === "layout" || k === "profile" || k === "domain" ? 1 : -1);
      sortKey = k;
      renderFiles();
    });
    $("file-more").addEventListener("click", () => { limit += 1000; renderFiles(); });
    renderFiles();
  }
  function renderFiles() {
    const q = $("file-filter").value.trim().toLowerCase(), r = $("file-rule").value, sv = $("file-severity").value, onlyNew = $("file-new").checked;
    const rows = [];
    for (let i = 0; i < N; i++) {
      if (fileFilter && !fileFilter.has(i)) continue;
      if (q && !D.nodes.path[i].toLowerCase().includes(q) && !D.nodes.name[i].toLowerCase().includes(q)) continue;
      if (r !== "" && !rulesOf[i].has(+r)) continue;
      if (sv !== "" && worst[i] !== +sv) continue;
      if (onlyNew && !hasNew[i]) continue;
      rows.push(i);
    }
    const key = keyOf[sortKey];
    rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : a - b) * sortDir; });
    for (const th of document.querySelectorAll("#files th[data-key]")) th.className = (th.classList.contains("num") ? "num " : "") + (th.dataset.key === sortKey ? (sortDir > 0 ? "sorted-asc" : "sorted-desc") : "");
    const body = document.querySelector("#files tbody");
    body.innerHTML = "";
    for (const i of rows.slice(0, limit)) {
      const tr = el("tr", { "data-node": String(i) });
      const a = el("a", { href: D.nodes.href[i], text: D.nodes.path[i] });
      const toggle = el("button", { text: expanded.has(i) ? "−" : "+", title: "show the findings" });
      toggle.addEventListener("click", () => { expanded.has(i) ? expanded.delete(i) : expanded.add(i); renderFiles(); });
      tr.append(el("td", { class: "path" }, byNode[i].length ? toggle : null, " ", a));
      for (const k of ["layout", "profile", "domain"]) tr.append(el("td", { text: keyOf[k](i) }));
      for (const k of ["e", "w", "i", "in", "out"]) tr.append(el("td", { class: "num", text: String(keyOf[k](i)) }));
      tr.append(el("td", { class: "num", text: overall(i) < 0 ? "" : String(overall(i)) }));
      body.append(tr);
      if (expanded.has(i)) {
        const list = el("ul", { class: "findings-list" });
        for (const f of byNode[i]) list.append(findingItem(f));
        body.append(el("tr", { class: "expanded" }, el("td", { colspan: "10" }, list)));
      }
    }
    const note = fileFilter ? ` (${$("file-count").dataset.note || "chosen files"}; clear the filter box to see all)` : "";
    $("file-count").textContent = `${fmt(rows.length)} of ${fmt(N)} files${note}`;
    $("file-more").hidden = rows.length <= limit;
  }
  $("file-filter").addEventListener("focus", () => { if (fileFilter) { fileFilter = null; } });

  // A hook for tests and the console: the graph, and how to select a pattern.
  window.patternlintReport = {
    data: D, timings, charts, get graph() { return graph; }, get renderer() { return renderer; }, get selected() { return selected; }, show, select: (i) => select(i, true),
  };
  show(location.hash.slice(1) in views ? location.hash.slice(1) : "overview");
  timings.ready = performance.now() - T0;
  document.body.dataset.ready = "1";
})();
