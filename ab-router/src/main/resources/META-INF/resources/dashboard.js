// The Autoloop A/B dashboard: three pages (overview, experiment, models) read from /v1/dashboard/* and refreshed
// every REFRESH_MS without a reload, under a banner that shows when the model's training needs attention; the actions call the admin API with the key typed into the page, which is kept
// in the page's memory only.
import { calibrationChart, legend, timeChart } from "./charts.js";

const REFRESH_MS = 3000;
const PAGE_SIZE = 50;
const CHAMPION = { name: "champion", colour: "#1f5fa8", dash: "none", marker: "circle" };
const CHALLENGER = { name: "challenger", colour: "#b54700", dash: "6 3", marker: "square" };
const ACTIONS = {
  pause: { label: "Pause", phases: ["PROGRESSING"], explain: "The challenger keeps its weight; the controller stops advancing it." },
  resume: { label: "Resume", phases: ["PAUSED", "STOPPED"], explain: "The controller goes on analysing and advancing." },
  promote: { label: "Promote", phases: ["PROGRESSING", "PAUSED", "STOPPED"], explain: "The challenger becomes the champion for every user." },
  rollback: { label: "Roll back", phases: ["WAITING", "PROGRESSING", "PAUSED", "STOPPED"], explain: "The challenger is withdrawn; every user gets the champion." },
};

/** How numbers read on every page; the browser test formats the API's values with the same rules. */
export const format = {
  int: (n) => (n === null || n === undefined ? "—" : Number(n).toLocaleString("en-US")),
  weight: (w) => `${Math.round(w * 100) / 100} %`,
  percent: (x) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(2)} %`),
  signed: (x) => (x === null || x === undefined ? "—" : `${x >= 0 ? "+" : "-"}${Math.abs(x * 100).toFixed(2)} %`),
  p: (p) => (p === null || p === undefined ? "—" : p < 0.001 ? "< 0.001" : p.toFixed(3)),
  decimal: (x, digits) => (x === null || x === undefined ? "—" : x.toFixed(digits)),
  time: (iso) => (iso ? `${iso.replace("T", " ").slice(0, 19)} UTC` : "—"),
  name: (s) => (s ? s.toLowerCase().replace(/_/g, " ") : "—"),
};

const main = document.getElementById("main");
const liveText = document.getElementById("live-text");
const trainingBanner = document.getElementById("training-banner");
let page = null;
let timer = null;

const rendered = new WeakMap();

/** Replaces `node`'s content only when it changed, so unchanged parts keep their state (focus, open details). */
function setHtml(node, html) {
  if (rendered.get(node) !== html) {
    node.innerHTML = html;
    rendered.set(node, html);
  }
}

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `${response.status} ${response.statusText}`);
  }
  return response.json();
}

/** A page of a list endpoint: its items and the total the answer's X-Total-Count gives. */
async function getPage(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `${response.status} ${response.statusText}`);
  }
  return { rows: await response.json(), total: Number(response.headers.get("X-Total-Count")) };
}

function phaseBadge(phase) {
  return `<span class="badge phase-${esc(phase)}" data-field="phase">${esc(phase)}</span>`;
}

function alertList(alerts) {
  if (!alerts || alerts.length === 0) {
    return `<span data-field="alerts">none</span>`;
  }
  return `<ul class="alerts" data-field="alerts">${alerts
    .map((a) => `<li data-alert="${esc(a.kind)}"><strong>${esc(format.name(a.kind))}:</strong> ${esc(a.message)}</li>`)
    .join("")}</ul>`;
}

function liftCell(lift) {
  if (!lift) {
    return `<span data-field="lift">—</span>`;
  }
  return `<span data-field="lift">${format.signed(lift.estimate)}</span>
    <span class="note interval">[<span data-field="lift-lower">${format.signed(lift.lower)}</span>,
    <span data-field="lift-upper">${format.signed(lift.upper)}</span>]</span>`;
}

function setLive(ok, detail) {
  liveText.parentElement.classList.toggle("stale", !ok);
  liveText.textContent = ok
    ? `Live: updated ${new Date().toISOString().slice(11, 19)} UTC, every ${REFRESH_MS / 1000} s`
    : `Not updating: ${detail}`;
}

// ---- Overview -----------------------------------------------------------------------------------------------------

const overview = {
  title: "Overview",
  nav: "overview",
  mount() {
    main.innerHTML = `<h1>Experiments</h1>
      <section aria-labelledby="experiments-title">
        <h2 id="experiments-title">Every experiment of this router's model, newest first</h2>
        <div class="scroll" id="overview-table"><p>Loading…</p></div>
        <nav class="pages" id="overview-pages" aria-label="Pages of experiments"></nav>
        <p class="note">Lift: the challenger's relative CTR gain with its always-valid 95 % interval; p: the always-valid
        p-value. Rows with an alert are marked ⚠ and name the problem.</p>
      </section>`;
  },
  offset: 0,
  async load() {
    const { rows, total } = await getPage(`/v1/dashboard/experiments?limit=${PAGE_SIZE}&offset=${overview.offset}`);
    const target = document.getElementById("overview-table");
    if (!target) return;
    if (rows.length === 0 && overview.offset > 0) {
      overview.offset = 0;
      return overview.load();
    }
    pager(rows.length, total);
    if (rows.length === 0) {
      setHtml(target, "<p>No experiment yet: one starts when the retrainer publishes a version that passed its gate.</p>");
      return;
    }
    setHtml(target, `<table class="stack" id="experiments">
      <thead><tr>
        <th scope="col">Experiment</th><th scope="col">Phase</th><th scope="col">Champion → challenger</th>
        <th scope="col" class="num">Challenger weight</th><th scope="col" class="num">Lift [95 % interval]</th>
        <th scope="col" class="num">p</th><th scope="col" class="num">Impressions champion / challenger</th>
        <th scope="col">Last transition</th><th scope="col">Alerts</th>
      </tr></thead>
      <tbody>${rows.map(overviewRow).join("")}</tbody></table>`);
  },
};

/** The overview's page links: which experiments show, and the newer and older pages when there are more. */
function pager(shown, total) {
  const nav = document.getElementById("overview-pages");
  if (!nav) return;
  if (total <= shown) {
    setHtml(nav, "");
    return;
  }
  const first = overview.offset + 1;
  setHtml(nav, `<button type="button" data-page="newer" ${overview.offset === 0 ? "disabled" : ""}>Newer</button>
    <span data-field="page-range">${format.int(first)}–${format.int(overview.offset + shown)} of ${format.int(total)}</span>
    <button type="button" data-page="older" ${overview.offset + shown >= total ? "disabled" : ""}>Older</button>`);
  nav.onclick = (event) => {
    const button = event.target.closest("button[data-page]");
    if (!button || button.disabled) return;
    overview.offset = button.dataset.page === "older" ? overview.offset + PAGE_SIZE : Math.max(0, overview.offset - PAGE_SIZE);
    refresh();
  };
}

function overviewRow(row) {
  const e = row.experiment;
  const arm = (name) => e.arms.find((a) => a.arm === name) || {};
  const last = row.lastTransition;
  const alerted = row.alerts.length > 0;
  return `<tr data-experiment-id="${esc(e.id)}" class="${alerted ? "has-alert" : ""}">
    <td data-label="Experiment">${alerted ? '<span aria-hidden="true">⚠ </span>' : ""}<a href="#/experiments/${encodeURIComponent(e.id)}">${esc(e.id)}</a></td>
    <td data-label="Phase">${phaseBadge(e.phase)}</td>
    <td data-label="Champion → challenger"><code data-field="champion">${esc(e.champion)}</code> →
      <code data-field="challenger">${esc(e.challenger)}</code></td>
    <td data-label="Challenger weight" class="num" data-field="weight">${format.weight(e.challengerWeight)}</td>
    <td data-label="Lift [95 % interval]" class="num">${liftCell(e.lift)}</td>
    <td data-label="p" class="num" data-field="p-value">${format.p(e.lift ? e.lift.alwaysValidPValue : null)}</td>
    <td data-label="Impressions champion / challenger" class="num"><span data-field="champion-impressions">${format.int(arm("champion").impressions)}</span>
      / <span data-field="challenger-impressions">${format.int(arm("challenger").impressions)}</span></td>
    <td data-label="Last transition" data-field="last-transition">${last ? `${esc(format.name(last.action))} at <time datetime="${esc(last.at)}">${format.time(last.at)}</time>` : "—"}</td>
    <td data-label="Alerts">${alertList(row.alerts)}</td>
  </tr>`;
}

// ---- Experiment ---------------------------------------------------------------------------------------------------

function experimentPage(id) {
  return {
    title: `Experiment ${id}`,
    nav: "overview",
    mount() {
      main.innerHTML = `<p><a href="#/">← All experiments</a></p>
        <h1>Experiment <span id="experiment-id">${esc(id)}</span></h1>
        <div id="experiment-summary"><p>Loading…</p></div>
        <div class="grid">
          <figure><figcaption id="ctr-title">CTR per arm (cumulative, 95 % Wilson interval)</figcaption>
            <svg class="chart" id="chart-ctr" aria-labelledby="ctr-title"></svg><div id="legend-ctr"></div></figure>
          <figure><figcaption id="weight-title">Challenger weight over time</figcaption>
            <svg class="chart" id="chart-weight" aria-labelledby="weight-title"></svg></figure>
          <figure><figcaption id="lift-title">Lift and its always-valid 95 % interval</figcaption>
            <svg class="chart" id="chart-lift" aria-labelledby="lift-title"></svg>
            <p class="note">The dotted line is no difference and the dashed one the gain threshold; the band narrows as
            evidence grows and stays valid however often it is looked at. At the decision step the experiment promotes
            once the gain test is significant with the lift at or above the threshold, and ends as "no gain" once the
            futility bound falls below it. The axis stops at −100 % and +100 %: an early interval reaching beyond is
            drawn to the edge.</p></figure>
          <section aria-labelledby="guardrails-title"><h2 id="guardrails-title">Guardrails and sample ratio</h2>
            <div id="guardrails"></div><div id="srm"></div></section>
        </div>
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          <form class="actions" id="actions" autocomplete="off">
            <label for="admin-key">Admin key <input type="password" id="admin-key" name="admin-key"
              autocomplete="off" aria-describedby="admin-key-note"></label>
            <label for="action-reason">Reason (optional) <input type="text" id="action-reason" name="reason" maxlength="200"></label>
            ${Object.entries(ACTIONS).map(([action, a]) => `<button type="button" id="action-${action}" data-action="${action}">${a.label}</button>`).join("")}
          </form>
          <p class="note" id="admin-key-note">Each action asks for confirmation and needs the admin key; the key stays in
          this page only and is sent with the action.</p>
          <p class="message" id="action-message" role="status"></p>
        </section>
        <section aria-labelledby="history-title"><h2 id="history-title">Rollout history</h2>
          <div class="scroll" id="history"></div></section>`;
      document.getElementById("actions").addEventListener("click", (event) => {
        const button = event.target.closest("button[data-action]");
        if (button) act(id, button.dataset.action);
      });
    },
    failed(error) {
      setHtml(document.getElementById("experiment-summary"),
        `<p class="message error" role="alert">Cannot show this experiment: ${esc(error.message)}</p>`);
    },
    async load() {
      const detail = await getJson(`/v1/dashboard/experiments/${encodeURIComponent(id)}`);
      if (document.getElementById("experiment-id")?.textContent !== id) return;
      renderExperiment(detail);
    },
  };
}

/** The ramp's facts: where the rollout stands, the bounds that end it and the traffic it still needs. */
function rampFacts(ramp, points) {
  const stage = ramp.stage === "decision" ? "decision step" : ramp.stage === "safety" ? "safety step" : "—";
  const needed = ramp.impressionsToDecide;
  const rate = impressionsPerMinute(points);
  const eta = needed === null || rate === null || rate <= 0 ? "" : ` (≈ ${format.int(Math.ceil(needed / rate))} min at the current traffic)`;
  return `<div><dt>Ramp</dt><dd data-field="ramp">safety ${ramp.safetySteps.map((s) => format.weight(s)).join(" → ")}
        → decision ${format.weight(ramp.decisionStep)}; now: <span data-field="stage">${stage}</span></dd></div>
      <div><dt>Promotion bound</dt><dd>gain p ≤ ${ramp.gainAlpha} and lift ≥ ${format.signed(ramp.gainThreshold)};
        gain p = <span data-field="gain-p">${format.p(ramp.gainPValue)}</span></dd></div>
      <div><dt>Futility bound</dt><dd>upper end of the ${Math.round(ramp.futilityConfidence * 100)} % interval
        &lt; ${format.signed(ramp.gainThreshold)}; now <span data-field="futility-upper">${format.signed(ramp.futilityUpper)}</span></dd></div>
      <div><dt>Harm</dt><dd>harm p ≤ ${ramp.harmAlpha}; now <span data-field="harm-p">${format.p(ramp.harmPValue)}</span></dd></div>
      <div><dt>Impressions to decide</dt><dd><span data-field="impressions-to-decide">${format.int(needed)}</span>${eta}</dd></div>`;
}

/** Both arms' impressions per minute over the newest analyses (up to the last ten minutes), null without two. */
function impressionsPerMinute(points) {
  if (points.length < 2) return null;
  const last = points[points.length - 1];
  const end = Date.parse(last.at);
  const first = points.find((p) => Date.parse(p.at) >= end - 600000) || points[0];
  const minutes = (end - Date.parse(first.at)) / 60000;
  const total = (p) => p.champion.impressions + p.challenger.impressions;
  return minutes > 0 ? (total(last) - total(first)) / minutes : null;
}

function renderExperiment(detail) {
  const e = detail.experiment;
  const arm = (name) => e.arms.find((a) => a.arm === name) || {};
  setHtml(document.getElementById("experiment-summary"), `
    ${detail.alerts.length > 0 ? `<section class="alert-box" role="alert" aria-labelledby="alerts-title">
      <h2 id="alerts-title">⚠ Needs attention</h2>${alertList(detail.alerts)}</section>` : ""}
    <section aria-labelledby="evidence-title"><h2 id="evidence-title">Evidence</h2>
    <dl class="facts">
      <div><dt>Phase</dt><dd>${phaseBadge(e.phase)}</dd></div>
      <div><dt>Champion → challenger</dt><dd><code data-field="champion">${esc(e.champion)}</code> →
        <code data-field="challenger">${esc(e.challenger)}</code></dd></div>
      <div><dt>Challenger weight (step ${e.step} of ${e.steps.length})</dt><dd data-field="weight">${format.weight(e.challengerWeight)}</dd></div>
      <div><dt>Lift [always-valid ${e.lift ? Math.round(e.lift.confidence * 100) : 95} % interval]</dt><dd>${liftCell(e.lift)}</dd></div>
      <div><dt>p (this analysis)</dt><dd data-field="p-analysis">${format.p(e.lift ? e.lift.pValue : null)}</dd></div>
      <div><dt>p (always valid)</dt><dd data-field="p-value">${format.p(e.lift ? e.lift.alwaysValidPValue : null)}</dd></div>
      <div><dt>Latest verdict</dt><dd data-field="verdict">${esc(e.verdict || "—")}</dd></div>
      ${rampFacts(e.ramp, detail.analyses)}
      <div><dt>Analysed at</dt><dd data-field="analysed-at">${format.time(e.analysedAt)}</dd></div>
    </dl>
    <p class="note" data-field="reason">${esc(e.reason || "No analysis yet.")}</p>
    <table id="arms" class="stack"><caption class="note">Cumulative counts per arm</caption>
      <thead><tr><th scope="col">Arm</th><th scope="col">Version</th><th scope="col" class="num">Weight</th>
      <th scope="col" class="num">Impressions</th><th scope="col" class="num">Clicks</th><th scope="col" class="num">CTR</th></tr></thead>
      <tbody>${["champion", "challenger"].map((name) => {
        const a = arm(name);
        return `<tr data-arm="${name}"><th scope="row" data-label="Arm">${name}</th>
          <td data-label="Version"><code>${esc(a.version)}</code></td>
          <td data-label="Weight" class="num" data-field="weight">${format.weight(a.weight)}</td>
          <td data-label="Impressions" class="num" data-field="impressions">${format.int(a.impressions)}</td>
          <td data-label="Clicks" class="num" data-field="clicks">${format.int(a.clicks)}</td>
          <td data-label="CTR" class="num" data-field="ctr">${format.percent(a.ctr)}</td></tr>`;
      }).join("")}</tbody></table></section>`);

  const points = detail.analyses;
  const t = (p) => Date.parse(p.at);
  drawArmCtr(points, document.getElementById("chart-ctr"), document.getElementById("legend-ctr"));
  const now = Date.now();
  const weights = detail.weights.map((w) => ({ t: Date.parse(w.at), y: w.weight }));
  timeChart(document.getElementById("chart-weight"), {
    label: `Challenger weight in ${weights.length} steps, now ${format.weight(e.challengerWeight)}`,
    series: [{ ...CHALLENGER, dash: "none", name: "challenger weight", points: weights }],
    steps: true, yMin: 0, yMax: 100, yFormat: (v) => `${Math.round(v)} %`,
    tEnd: ["SUCCEEDED", "ROLLED_BACK", "NO_GAIN"].includes(e.phase) ? Date.parse(e.updatedAt) : now,
  });
  const lifted = points.filter((p) => p.lift !== null);
  const threshold = e.ramp.gainThreshold;
  timeChart(document.getElementById("chart-lift"), {
    label: `Lift over ${lifted.length} analyses, latest ${format.signed(e.lift ? e.lift.estimate : null)}`,
    series: [
      { ...CHALLENGER, name: "lift", dash: "none", points: lifted.map((p) => ({ t: t(p), y: p.lift, lo: p.liftLower, hi: p.liftUpper })) },
      { ...CHAMPION, name: "futility bound", dash: "2 3", points: lifted.filter((p) => p.futilityUpper !== null).map((p) => ({ t: t(p), y: p.futilityUpper })) },
    ],
    zero: true, clipMin: -1, clipMax: Math.max(1, 4 * threshold),
    refs: [{ y: threshold, label: `gain threshold ${format.signed(threshold)}` }],
    yFormat: (v) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(0)} %`,
  });

  const icon = { PASS: "✔", FAIL: "✖", NO_DATA: "–" };
  const value = (g) => (g.value === null ? "—" : g.guardrail === "P99_LATENCY" ? `${g.value.toFixed(1)} ms`
    : g.guardrail === "ERROR_RATE" ? format.percent(g.value) : g.value.toFixed(3));
  const limits = detail.guardrailLimits;
  const limit = (g) => (g.guardrail === "P99_LATENCY" ? `≤ ${limits.maxP99LatencyMillis} ms`
    : g.guardrail === "ERROR_RATE" ? `≤ ${format.percent(limits.maxErrorRate)}`
      : `${limits.calibrationLow} to ${limits.calibrationHigh} (observed ÷ predicted)`);
  setHtml(document.getElementById("guardrails"), e.guardrails.length === 0
    ? "<p>No analysis yet.</p>"
    : `<table id="guardrail-table" class="stack"><thead><tr><th scope="col">Guardrail</th><th scope="col">Status</th>
        <th scope="col" class="num">Value</th><th scope="col">Limit</th><th scope="col" class="num">Failed in a row (rollback at)</th></tr></thead>
      <tbody>${e.guardrails.map((g) => `<tr data-guardrail="${esc(g.guardrail)}"><th scope="row" data-label="Guardrail">${esc(format.name(g.guardrail))}</th>
        <td data-label="Status" class="status-${esc(g.status)}" data-field="status">${icon[g.status]} ${esc(format.name(g.status))}</td>
        <td data-label="Value" class="num" data-field="value">${value(g)}</td><td data-label="Limit">${limit(g)}</td>
        <td data-label="Failed in a row" class="num">${g.consecutiveFailures} of ${limits.failuresToRollback}</td></tr>`).join("")}</tbody></table>
      <p class="note">Error rate and latency need ${format.int(limits.minRequests)} challenger requests per analysis,
      calibration a report of ${format.int(limits.minCalibrationSamples)} samples; a guardrail that fails
      ${limits.failuresToRollback} analyses in a row rolls the challenger back.</p>`);
  const srmBad = e.phase === "STOPPED" || (e.srmPValue !== null && e.srmPValue < detail.srmAlpha);
  setHtml(document.getElementById("srm"), `<p id="srm-status"><strong>Sample ratio:</strong>
    <span data-field="srm" class="${srmBad ? "status-FAIL" : e.srmPValue === null ? "status-NO_DATA" : "status-PASS"}">${
    srmBad ? "✖ mismatch" : e.srmPValue === null ? "– not enough settled impressions in this step" : "✔ as assigned"}</span>
    (χ² p = <span data-field="srm-p">${format.p(e.srmPValue)}</span>; a mismatch is p &lt; ${detail.srmAlpha})</p>`);

  setHtml(document.getElementById("history"), `<table class="stack" id="history-table">
    <thead><tr><th scope="col">Time</th><th scope="col">Action</th><th scope="col">Phase</th>
    <th scope="col" class="num">Weight</th><th scope="col">Actor</th><th scope="col">Reason</th><th scope="col">Numbers</th></tr></thead>
    <tbody>${e.history.slice().reverse().map((h) => `<tr data-action="${esc(h.action)}">
      <td data-label="Time"><time datetime="${esc(h.at)}">${format.time(h.at)}</time></td>
      <td data-label="Action" data-field="action">${esc(format.name(h.action))}</td>
      <td data-label="Phase">${esc(h.from || "—")} → ${esc(h.to)}</td>
      <td data-label="Weight" class="num" data-field="to-weight">${format.weight(h.fromWeight)} → ${format.weight(h.toWeight)}</td>
      <td data-label="Actor">${esc(h.actor)}</td>
      <td data-label="Reason" data-field="reason">${esc(h.reason)}</td>
      <td data-label="Numbers">${numbers(h.numbers)}</td></tr>`).join("")}</tbody></table>`);

  for (const [action, a] of Object.entries(ACTIONS)) {
    document.getElementById(`action-${action}`).disabled = !a.phases.includes(e.phase);
  }
}

/** Each arm's cumulative CTR with its 95 % Wilson interval over an experiment's analyses, with its legend. */
function drawArmCtr(points, svg, legendNode) {
  const t = (p) => Date.parse(p.at);
  const series = [
    { ...CHAMPION, points: points.filter((p) => p.champion.impressions > 0).map((p) => ({ t: t(p), y: p.champion.ctr, lo: p.champion.ctrLower, hi: p.champion.ctrUpper })) },
    { ...CHALLENGER, points: points.filter((p) => p.challenger.impressions > 0).map((p) => ({ t: t(p), y: p.challenger.ctr, lo: p.challenger.ctrLower, hi: p.challenger.ctrUpper })) },
  ];
  timeChart(svg, {
    label: `CTR per arm over ${points.length} analyses`, series, yFormat: (v) => `${(v * 100).toFixed(1)} %`,
  });
  legendNode.replaceChildren(legend(series));
}

function numbers(values) {
  const entries = Object.entries(values || {});
  if (entries.length === 0) return "—";
  const shown = (key, v) => (typeof v !== "number" ? esc(v) : Number.isInteger(v) ? format.int(v)
    : /lift/i.test(key) ? format.signed(v) : /ctr/i.test(key) ? format.percent(v) : v.toPrecision(3));
  return `<details><summary>${entries.length} numbers</summary><dl>${entries
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${shown(k, v)}</dd>`).join("")}</dl></details>`;
}

async function act(id, action) {
  const message = document.getElementById("action-message");
  const key = document.getElementById("admin-key").value.trim();
  message.className = "message";
  if (!key) {
    message.className = "message error";
    message.textContent = "Enter the admin key first.";
    document.getElementById("admin-key").focus();
    return;
  }
  const dialog = document.getElementById("confirm");
  document.getElementById("confirm-title").textContent = `${ACTIONS[action].label} this experiment?`;
  document.getElementById("confirm-text").textContent = `${ACTIONS[action].explain} Experiment: ${id}.`;
  document.getElementById("confirm-ok").textContent = `Confirm: ${ACTIONS[action].label.toLowerCase()}`;
  dialog.returnValue = "";
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener("close", resolve, { once: true }));
  if (dialog.returnValue !== "confirm") {
    message.textContent = "Cancelled: nothing was changed.";
    return;
  }
  const reason = document.getElementById("action-reason").value.trim();
  const url = `/v1/experiments/${encodeURIComponent(id)}/${action}${reason ? `?reason=${encodeURIComponent(reason)}` : ""}`;
  try {
    const response = await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${key}`, Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      message.className = "message error";
      message.textContent = `${ACTIONS[action].label} refused (${response.status}): ${body.detail || response.statusText}`;
      return;
    }
    message.className = "message ok";
    message.textContent = `${ACTIONS[action].label} done: the experiment is now ${body.phase}.`;
    await refresh();
  } catch (error) {
    message.className = "message error";
    message.textContent = `${ACTIONS[action].label} failed: ${error.message}`;
  }
}

// ---- Models -------------------------------------------------------------------------------------------------------

const models = {
  title: "Models",
  nav: "models",
  mount() {
    main.innerHTML = `<h1>Models</h1><div id="models-summary"><p>Loading…</p></div>
      <section aria-labelledby="versions-title"><h2 id="versions-title">Versions, newest first</h2>
        <div class="scroll" id="versions"></div>
        <p class="note">Metrics are the retrainer's progressive validation (each sample scored before it was learned);
        the report columns are the error-analyzer's newest window from <code>analysis.reports</code>.</p></section>
      <section aria-labelledby="arm-ctr-title"><h2 id="arm-ctr-title">Each arm's CTR over time</h2>
        <div id="arm-ctr"><p>No running experiment: the arms' CTR is measured per experiment.</p></div>
        <svg class="chart" id="models-chart-ctr" hidden></svg><div id="models-legend-ctr"></div>
        <p class="note">Cumulative CTR of each arm of the running experiment with its 95 % Wilson interval, from its
        analyses; a refresh swaps an arm's version without resetting its lineage's counts.</p></section>
      <section aria-labelledby="lineages-title"><h2 id="lineages-title">Lineages</h2>
        <div id="lineages"></div>
        <p class="note">A lineage is one way of training the model. A newer version of the lineage an arm serves refreshes
        that arm at once and is watched by the refresh guard; a version of another lineage challenges the champion in an
        experiment, whose losing lineage retires.</p></section>
      <section aria-labelledby="calibration-title"><h2 id="calibration-title">Calibration (analysis.reports)</h2>
        <div class="cards" id="calibration"></div></section>`;
  },
  async load() {
    const view = await getJson("/v1/dashboard/models");
    if (!document.getElementById("versions")) return;
    setHtml(document.getElementById("models-summary"), `<section aria-labelledby="serving-title">
      <h2 id="serving-title">What each arm serves: model <code>${esc(view.model)}</code></h2>
      <dl class="facts">
        <div><dt>Champion</dt><dd><code data-field="champion">${esc(view.champion || "none")}</code>
          ${lineageName(view.championLineage)}</dd></div>
        <div><dt>Challenger</dt><dd><code data-field="challenger">${esc(view.challenger || "none")}</code>
          ${lineageName(view.challengerLineage)}</dd></div>
        <div><dt>Challenger weight</dt><dd data-field="weight">${format.weight(view.challengerWeight)}</dd></div>
        <div><dt>Running experiment</dt><dd>${view.experimentId
          ? `<a href="#/experiments/${encodeURIComponent(view.experimentId)}">${esc(view.experimentId)}</a> ${phaseBadge(view.phase)}`
          : "none"}</dd></div>
      </dl></section>`);
    setHtml(document.getElementById("versions"), view.versions.length === 0 ? "<p>The registry has no version yet.</p>"
      : `<table class="stack" id="versions-table"><thead><tr><th scope="col">Version</th><th scope="col">Serves</th>
        <th scope="col">Parent</th><th scope="col">Created</th><th scope="col" class="num">Samples seen</th>
        <th scope="col" class="num">Log loss</th><th scope="col" class="num">AUC</th><th scope="col" class="num">Calibration</th>
        <th scope="col" class="num">Report samples</th><th scope="col" class="num">Observed ÷ predicted</th><th scope="col">Checksum</th></tr></thead>
        <tbody>${view.versions.map((v) => `<tr data-version="${esc(v.version)}">
          <th scope="row" data-label="Version"><code>${esc(v.version)}</code></th>
          <td data-label="Serves" data-field="serves">${v.serves ? `<span class="badge">${esc(v.serves)}</span>` : "—"}${v.rejection ? ` <span class="status-FAIL">✖ rejected: ${esc(v.rejection)}</span>` : ""}</td>
          <td data-label="Parent"><code>${esc(v.parent || "—")}</code></td>
          <td data-label="Created">${format.time(v.createdAt)}</td>
          <td data-label="Samples seen" class="num" data-field="samples-seen">${format.int(v.samplesSeen)}</td>
          <td data-label="Log loss" class="num" data-field="log-loss">${format.decimal(v.metrics && v.metrics.logLoss, 4)}</td>
          <td data-label="AUC" class="num" data-field="auc">${format.decimal(v.metrics && v.metrics.auc, 4)}</td>
          <td data-label="Calibration" class="num" data-field="calibration">${format.decimal(v.metrics && v.metrics.calibration, 3)}</td>
          <td data-label="Report samples" class="num" data-field="report-samples">${format.int(v.report && v.report.samples)}</td>
          <td data-label="Observed ÷ predicted" class="num" data-field="observed-over-predicted">${format.decimal(v.report && v.report.observedOverPredicted, 3)}</td>
          <td data-label="Checksum"><code title="${esc(v.checksum)}">${esc(v.checksum.slice(0, 12))}…</code></td></tr>`).join("")}</tbody></table>`);
    setHtml(document.getElementById("lineages"), view.lineages.length === 0 ? "<p>No lineage yet.</p>"
      : view.lineages.map(lineageCard).join(""));
    const chart = document.getElementById("models-chart-ctr");
    if (view.experimentId) {
      const detail = await getJson(`/v1/dashboard/experiments/${encodeURIComponent(view.experimentId)}`);
      if (!document.getElementById("models-chart-ctr")) return;
      setHtml(document.getElementById("arm-ctr"), `<p>Experiment <a href="#/experiments/${encodeURIComponent(view.experimentId)}">${esc(view.experimentId)}</a>.</p>`);
      chart.hidden = false;
      drawArmCtr(detail.analyses, chart, document.getElementById("models-legend-ctr"));
    } else {
      setHtml(document.getElementById("arm-ctr"), "<p>No running experiment: the arms' CTR is measured per experiment.</p>");
      chart.hidden = true;
      document.getElementById("models-legend-ctr").replaceChildren();
    }
    const reported = view.versions.filter((v) => v.report && v.report.calibration.length > 0);
    const target = document.getElementById("calibration");
    const key = JSON.stringify(reported.map((v) => [v.version, v.serves, v.report]));
    if (rendered.get(target) === key) return;
    rendered.set(target, key);
    if (reported.length === 0) {
      target.innerHTML = "<p>No error report received since this router started; one arrives every analyzer window.</p>";
      return;
    }
    target.replaceChildren(...reported.map((v) => {
      const figure = document.createElement("figure");
      figure.dataset.version = v.version;
      const colour = v.serves === "challenger" ? CHALLENGER.colour : CHAMPION.colour;
      const caption = `${v.version}${v.serves ? ` (${v.serves})` : ""}: ${format.int(v.report.samples)} samples, window ending ${format.time(v.report.windowEnd)}`;
      figure.innerHTML = `<figcaption>${esc(caption)}</figcaption><svg class="chart"></svg>
        <p class="note">Dots: mean predicted probability against the observed click rate per bucket; the dotted
        diagonal is perfect calibration.</p>`;
      calibrationChart(figure.querySelector("svg"), `Calibration of ${v.version}`, v.report.calibration, colour);
      return figure;
    }));
  },
};

function lineageName(ref) {
  return ref ? `<span data-field="lineage">of <strong>${esc(ref.name)}</strong></span>` : "";
}

/** The configuration of a lineage in one line: hash bits, crosses, FTRL's α, β, λ1, λ2 and the labelling version. */
function configText(c) {
  if (!c) return "not registered by the retrainer";
  return `${c.hashBits} bits · crosses ${c.crosses.length ? c.crosses.join(", ") : "none"} · α ${c.alpha} · β ${c.beta}`
    + ` · λ1 ${c.l1} · λ2 ${c.l2} · labelling v${c.labelling}`;
}

function lineageCard(l) {
  const serves = l.serves.map((arm) => `<span class="badge">${esc(arm)}</span>`).join(" ");
  const status = l.retired ? `<span class="status-FAIL" data-field="retired">retired: ${esc(l.retired)}</span>`
    : `<span class="status-PASS" data-field="retired">training</span>`;
  const reverted = l.reverted.length === 0 ? "none" : l.reverted.map((r) => `<code>${esc(r.from)}</code>`).join(", ");
  const history = l.refreshes.length === 0 ? "<p>No refresh yet.</p>"
    : `<table class="stack refreshes"><thead><tr><th scope="col">Time</th><th scope="col">What</th><th scope="col">Arm</th>
      <th scope="col">Version</th><th scope="col">Reason</th><th scope="col">Numbers</th></tr></thead><tbody>${l.refreshes
      .map((r) => `<tr data-kind="${esc(r.kind)}" data-to="${esc(r.to)}">
        <td data-label="Time">${format.time(r.at)}</td>
        <td data-label="What" data-field="kind">${format.name(r.kind)}</td>
        <td data-label="Arm">${esc(r.arm)}</td>
        <td data-label="Version" data-field="versions"><code>${esc(r.from || "—")}</code> → <code>${esc(r.to)}</code></td>
        <td data-label="Reason" data-field="reason">${esc(r.reason)}</td>
        <td data-label="Numbers">${numbers(r.numbers)}</td></tr>`).join("")}</tbody></table>`;
  return `<article class="lineage" data-lineage="${esc(l.id)}" aria-labelledby="lineage-${esc(l.id)}">
    <h3 id="lineage-${esc(l.id)}">${esc(l.name)} <code>${esc(l.id)}</code> ${serves}</h3>
    <dl class="facts">
      <div><dt>Current version</dt><dd><code data-field="current">${esc(l.current || "—")}</code></dd></div>
      <div><dt>Status</dt><dd>${status}</dd></div>
      <div><dt>Configuration</dt><dd data-field="config">${esc(configText(l.config))}</dd></div>
      <div><dt>Reverted refreshes</dt><dd data-field="reverted">${reverted}</dd></div>
    </dl>
    <h4>Refresh history</h4><div class="scroll">${history}</div></article>`;
}

// ---- Training banner ----------------------------------------------------------------------------------------------

/** Shows the training's alerts (stalled, failing, not reported) above every page, or hides the banner when none. */
async function loadTraining() {
  const view = await getJson("/v1/dashboard/training");
  trainingBanner.hidden = view.alerts.length === 0;
  if (view.alerts.length === 0) {
    setHtml(trainingBanner, "");
    return;
  }
  const t = view.trainer;
  setHtml(trainingBanner, `<h2 id="training-banner-title">⚠ Training of model <code>${esc(view.model)}</code> needs attention</h2>
    ${alertList(view.alerts)}
    ${t ? `<p class="note" data-field="training-numbers">Last report from <code>${esc(t.instance)}</code> at
      ${format.time(t.at)}: state <span data-field="training-state">${esc(t.state)}</span>, last sample learned
      ${format.time(t.lastLearnedAt)}, ${format.int(t.lag)} records waiting, ${format.int(t.nonFiniteUpdates)} refused as
      non-finite updates, ${format.int(t.quarantined)} quarantined.</p>` : ""}`);
}

// ---- Routing and refresh ------------------------------------------------------------------------------------------

function route() {
  const hash = location.hash || "#/";
  const match = hash.match(/^#\/experiments\/(.+)$/);
  if (match) return experimentPage(decodeURIComponent(match[1]));
  if (hash === "#/models") return models;
  return overview;
}

async function refresh() {
  const current = page;
  try {
    await Promise.all([current.load(), loadTraining()]);
    if (current === page) setLive(true);
  } catch (error) {
    if (current === page) {
      setLive(false, error.message);
      if (current.failed) current.failed(error);
    }
  }
}

function show() {
  page = route();
  document.title = `${page.title} · Autoloop experiments`;
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === page.nav) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  page.mount();
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, REFRESH_MS);
}

window.addEventListener("hashchange", show);
show();
