// Small SVG charts for the dashboard, with no library: time series with optional bands, and step lines.
// Every series has a name, a colour and a dash pattern, so colour is never the only way to tell series apart.

const NS = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 56, right: 14, top: 12, bottom: 28 };

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attrs || {})) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function niceTicks(min, max, count) {
  if (!(max > min)) {
    return [min];
  }
  const raw = (max - min) / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return ticks;
}

function clock(ms) {
  return new Date(ms).toISOString().slice(11, 19);
}

/**
 * Draws a time chart into `figure` (a <figure> holding an <svg class="chart">) and returns the svg.
 * options: { label, series: [{ name, colour, dash, points: [{ t, y, lo, hi }] }], steps: bool,
 *            yFormat, yMin, yMax, zero: bool, tEnd, clipMin, clipMax, refs: [{ y, label }] }
 * clipMin and clipMax bound the y-axis whatever the data (a wide early interval would otherwise squeeze the rest and
 * give tick labels too long to read); values beyond them are drawn at the edge. refs are labelled horizontal lines.
 */
export function timeChart(svg, options) {
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", options.label);
  const all = options.series.flatMap((s) => s.points);
  if (all.length === 0) {
    svg.append(el("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle" }, "No data yet"));
    return svg;
  }
  let t0 = Math.min(...all.map((p) => p.t));
  let t1 = Math.max(options.tEnd || 0, ...all.map((p) => p.t));
  if (t1 === t0) {
    t0 -= 30000;
    t1 += 30000;
  }
  const ys = all.flatMap((p) => [p.y, p.lo, p.hi]).filter((v) => v !== undefined && v !== null && isFinite(v));
  let y0 = options.yMin !== undefined ? options.yMin : Math.min(...ys);
  let y1 = options.yMax !== undefined ? options.yMax : Math.max(...ys);
  if (options.zero) {
    y0 = Math.min(y0, 0);
    y1 = Math.max(y1, 0);
  }
  for (const ref of options.refs || []) {
    y0 = Math.min(y0, ref.y);
    y1 = Math.max(y1, ref.y);
  }
  if (options.clipMin !== undefined) y0 = Math.max(y0, options.clipMin);
  if (options.clipMax !== undefined) y1 = Math.min(y1, options.clipMax);
  if (y1 === y0) {
    y0 -= Math.abs(y0) * 0.1 || 1;
    y1 += Math.abs(y1) * 0.1 || 1;
  }
  const span = y1 - y0;
  if (options.yMin === undefined) y0 -= span * 0.05;
  if (options.yMax === undefined) y1 += span * 0.05;
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v) => HEIGHT - PAD.bottom - ((Math.min(Math.max(v, y0), y1) - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);

  const axes = el("g", { "aria-hidden": "true" });
  for (const tick of niceTicks(y0, y1, 4)) {
    axes.append(el("line", { class: "axis", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick) }));
    axes.append(el("text", { x: PAD.left - 6, y: y(tick) + 4, "text-anchor": "end" }, options.yFormat(tick)));
  }
  for (const tick of niceTicks(t0, t1, 4)) {
    axes.append(el("text", { x: x(tick), y: HEIGHT - 8, "text-anchor": "middle" }, clock(tick)));
  }
  if (options.zero && y0 < 0 && y1 > 0) {
    axes.append(el("line", { class: "zero", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0) }));
  }
  for (const ref of options.refs || []) {
    if (ref.y >= y0 && ref.y <= y1) {
      axes.append(el("line", { class: "ref", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(ref.y), y2: y(ref.y) }));
      axes.append(el("text", { class: "ref-label", x: WIDTH - PAD.right - 4, y: y(ref.y) - 4, "text-anchor": "end" }, ref.label));
    }
  }
  svg.append(axes);

  for (const series of options.series) {
    const points = series.points.filter((p) => p.y !== null && p.y !== undefined);
    const group = el("g", { "data-series": series.name });
    const banded = points.filter((p) => p.lo !== null && p.lo !== undefined && p.hi !== null && p.hi !== undefined);
    if (banded.length > 0) {
      const upper = banded.map((p) => `${x(p.t)},${y(Math.min(p.hi, y1))}`);
      const lower = banded.map((p) => `${x(p.t)},${y(Math.max(p.lo, y0))}`).reverse();
      group.append(el("polygon", {
        points: upper.concat(lower).join(" "), fill: series.colour, "fill-opacity": 0.15, stroke: "none",
        class: "band",
      }));
    }
    let path = "";
    points.forEach((p, i) => {
      if (options.steps && i > 0) {
        path += ` L${x(p.t)},${y(points[i - 1].y)}`;
      }
      path += `${i === 0 ? "M" : " L"}${x(p.t)},${y(p.y)}`;
    });
    if (options.steps && points.length > 0) {
      path += ` L${x(t1)},${y(points[points.length - 1].y)}`;
    }
    group.append(el("path", {
      d: path, fill: "none", stroke: series.colour, "stroke-width": 2,
      "stroke-dasharray": series.dash || "none", class: "line",
    }));
    for (const p of points) {
      const marker = series.marker === "square"
        ? el("rect", { x: x(p.t) - 2.5, y: y(p.y) - 2.5, width: 5, height: 5, fill: series.colour, class: "point" })
        : el("circle", { cx: x(p.t), cy: y(p.y), r: 2.5, fill: series.colour, class: "point" });
      marker.append(el("title", {}, `${series.name} ${clock(p.t)}: ${options.yFormat(p.y)}`));
      group.append(marker);
    }
    svg.append(group);
  }
  return svg;
}

/** A legend (<ul>) naming each series with its colour, dash and marker. */
export function legend(series) {
  const list = document.createElement("ul");
  list.className = "legend";
  for (const s of series) {
    const item = document.createElement("li");
    const swatch = el("svg", { width: 30, height: 10, "aria-hidden": "true" });
    swatch.append(el("line", {
      x1: 0, x2: 30, y1: 5, y2: 5, stroke: s.colour, "stroke-width": 2, "stroke-dasharray": s.dash || "none",
    }));
    swatch.append(s.marker === "square"
      ? el("rect", { x: 12.5, y: 2.5, width: 5, height: 5, fill: s.colour })
      : el("circle", { cx: 15, cy: 5, r: 2.5, fill: s.colour }));
    item.append(swatch, ` ${s.name}`);
    list.append(item);
  }
  return list;
}

/**
 * A calibration plot: mean predicted probability (x) against the observed positive rate (y) per bucket, with the
 * diagonal of perfect calibration. buckets: [{ meanPredicted, observedRate, samples }].
 */
export function calibrationChart(svg, label, buckets, colour) {
  svg.replaceChildren();
  const size = 260;
  const pad = 40;
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  const filled = buckets.filter((b) => b.meanPredicted !== null && b.observedRate !== null);
  const top = Math.max(0.05, ...filled.flatMap((b) => [b.meanPredicted, b.observedRate])) * 1.1;
  const max = Math.min(1, top);
  const x = (v) => pad + (v / max) * (size - pad - 10);
  const y = (v) => size - pad - (v / max) * (size - pad - 10);
  const axes = el("g", { "aria-hidden": "true" });
  for (const tick of niceTicks(0, max, 4)) {
    axes.append(el("line", { class: "axis", x1: pad, x2: size - 10, y1: y(tick), y2: y(tick) }));
    axes.append(el("text", { x: pad - 4, y: y(tick) + 4, "text-anchor": "end" }, tick.toFixed(2)));
    axes.append(el("text", { x: x(tick), y: size - pad + 14, "text-anchor": "middle" }, tick.toFixed(2)));
  }
  axes.append(el("text", { x: size / 2 + 10, y: size - 6, "text-anchor": "middle" }, "mean predicted"));
  axes.append(el("text", { x: 10, y: size / 2, transform: `rotate(-90 10 ${size / 2})`, "text-anchor": "middle" },
    "observed rate"));
  axes.append(el("line", { class: "zero", x1: x(0), y1: y(0), x2: x(max), y2: y(max) }));
  svg.append(axes);
  let path = "";
  filled.forEach((b, i) => {
    path += `${i === 0 ? "M" : " L"}${x(b.meanPredicted)},${y(b.observedRate)}`;
  });
  svg.append(el("path", { d: path, fill: "none", stroke: colour, "stroke-width": 2 }));
  for (const b of filled) {
    const dot = el("circle", {
      cx: x(b.meanPredicted), cy: y(b.observedRate), r: 3.5, fill: colour, class: "bucket",
    });
    dot.append(el("title", {},
      `predicted ${b.meanPredicted.toFixed(3)}, observed ${b.observedRate.toFixed(3)} (${b.samples} samples)`));
    svg.append(dot);
  }
  return svg;
}
