/**
 * The page's chart drawing, as the inline script's source: two SVG time charts (rate in msg/s
 * against the target, p99 latencies so far in ms) over the whole run, with axes, units and the
 * fault phases shaded. Plain browser JavaScript, no dependencies.
 */
export const CHART_SCRIPT = String.raw`
const SVG_NS = 'http://www.w3.org/2000/svg';
const BOX = { w: 720, h: 200, left: 70, right: 12, top: 12, bottom: 40 };
function niceStep(max, ticks) {
  const raw = max / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const unit = [1, 2, 5, 10].find((m) => m * mag >= raw) * mag;
  return unit;
}
function el(parent, name, attrs, text) {
  const e = document.createElementNS(SVG_NS, name);
  for (const k in attrs) e.setAttribute(k, String(attrs[k]));
  if (text !== undefined) e.textContent = text;
  parent.appendChild(e);
  return e;
}
function drawChart(svg, s, opts) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  svg.setAttribute('viewBox', '0 0 ' + BOX.w + ' ' + BOX.h);
  const points = s.history.points;
  const lastT = points.length ? points[points.length - 1].t : 0;
  const xMax = Math.max(1, s.durationS, lastT);
  const values = [];
  for (const p of points) for (const line of opts.lines) { const v = p[line.key]; if (v != null) values.push(v); }
  const yStep = niceStep(Math.max(opts.minMax, ...values) * 1.1, 4);
  const yMax = Math.ceil((Math.max(opts.minMax, ...values) * 1.1) / yStep) * yStep;
  const pw = BOX.w - BOX.left - BOX.right, ph = BOX.h - BOX.top - BOX.bottom;
  const x = (t) => BOX.left + (t / xMax) * pw;
  const y = (v) => BOX.top + ph - (v / yMax) * ph;
  for (const w of s.phases) {
    if (!w.fault) continue;
    const end = Math.min(w.endS == null ? xMax : w.endS, xMax);
    if (end <= w.startS) continue;
    el(svg, 'rect', { class: 'phase-fault', 'data-phase': w.name, x: x(w.startS), y: BOX.top, width: x(end) - x(w.startS), height: ph, fill: '#ffebe9' });
    el(svg, 'text', { class: 'phase-label', x: x(w.startS) + 4, y: BOX.top + 12, 'font-size': 11, fill: '#cf222e' }, w.name);
  }
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    el(svg, 'line', { x1: BOX.left, x2: BOX.left + pw, y1: y(v), y2: y(v), stroke: '#eaeef2' });
    el(svg, 'text', { class: 'tick y-tick', x: BOX.left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11 }, opts.format(v));
  }
  const xStep = niceStep(xMax, 6);
  for (let t = 0; t <= xMax + 1e-9; t += xStep) {
    el(svg, 'line', { x1: x(t), x2: x(t), y1: BOX.top + ph, y2: BOX.top + ph + 4, stroke: '#57606a' });
    el(svg, 'text', { class: 'tick x-tick', x: x(t), y: BOX.top + ph + 16, 'text-anchor': 'middle', 'font-size': 11 }, t + ' s');
  }
  el(svg, 'line', { class: 'axis', x1: BOX.left, x2: BOX.left, y1: BOX.top, y2: BOX.top + ph, stroke: '#57606a' });
  el(svg, 'line', { class: 'axis', x1: BOX.left, x2: BOX.left + pw, y1: BOX.top + ph, y2: BOX.top + ph, stroke: '#57606a' });
  el(svg, 'text', { class: 'axis-title x-title', x: BOX.left + pw / 2, y: BOX.h - 4, 'text-anchor': 'middle', 'font-size': 12 }, 'time since the run started (s)');
  el(svg, 'text', { class: 'axis-title y-title', x: 12, y: BOX.top + ph / 2, 'text-anchor': 'middle', 'font-size': 12, transform: 'rotate(-90 12 ' + (BOX.top + ph / 2) + ')' }, opts.unit);
  for (const line of opts.lines) {
    let d = '';
    for (const p of points) {
      const v = p[line.key];
      if (v == null) continue;
      // a point covers (t − seconds, t]: drawn at the middle of its stretch
      d += (d ? 'L' : 'M') + x(p.t - p.seconds / 2).toFixed(1) + ' ' + y(v).toFixed(1);
    }
    el(svg, 'path', { class: 'series', 'data-series': line.key, d: d, fill: 'none', stroke: line.color, 'stroke-width': 2, 'stroke-dasharray': line.dash || '' });
  }
  svg.dataset.points = String(points.length);
  svg.dataset.stepS = String(s.history.stepS);
}
`;
