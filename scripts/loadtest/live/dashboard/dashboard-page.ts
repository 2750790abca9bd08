import { CHART_SCRIPT } from './dashboard-chart-script.ts';

/** Tile id → its label while the run is on, and once the tiles hold the final summary's figures. */
const TILES: [id: string, live: string, final: string][] = [
  ['rate', 'rate (achieved / target msg/s)', 'mean rate (achieved / target msg/s)'],
  ['sent', 'sent', 'sent'],
  ['errors', 'errors', 'errors'],
  ['ack', 'ack p99 so far', 'ack p99 (gate)'],
  ['reply', 'webhook→reply p99 so far (gate population)', 'webhook→reply p99 (gate)'],
  ['phase', 'chaos phase', 'chaos phase'],
  ['faults', 'faults injected /s', 'faults injected (total)'],
  ['dropped', 'dropped (maxInFlight)', 'dropped (maxInFlight)'],
  ['lost', 'lost so far (no reply yet)', 'lost (final)'],
];

const tiles = TILES.map(
  ([id, live, final]) =>
    `<div class="card" id="${id}"><span data-live="${live}" data-final="${final}">${live}</span><b>–</b></div>`,
).join('\n');

/**
 * The live page: one self-contained HTML file (no external assets) that polls /state every
 * second, draws the tiles and the whole run's charts, and once the run has ended shows the final
 * figures with the report below. Pure.
 */
export function renderDashboardPage(title: string): string {
  const esc = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fafbfc}
h1{font-size:18px;margin:0 0 4px}#status{color:#57606a;margin-bottom:16px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px}
.card b{display:block;font-size:22px;margin-top:4px}.card span{color:#57606a;font-size:12px}
#phase b{color:#9a6700}#final{display:none;margin-top:16px;padding:12px;border-radius:6px;font-weight:600}
figure{margin:12px 0 0}figcaption{font-size:12px;color:#57606a}.key{display:inline-block;width:18px;border-top:2px solid}
svg{width:100%;max-width:720px;background:#fff;border:1px solid #d0d7de;border-radius:6px;font-family:inherit;fill:#57606a}
#report{display:none;width:100%;height:80vh;margin-top:16px;border:1px solid #d0d7de;border-radius:6px;background:#fff}
</style></head><body>
<h1>${esc}</h1><div id="status">connecting…</div>
<div class="grid">
${tiles}
</div>
<figure><svg id="rate-chart" role="img" aria-label="achieved and target rate, msg/s, over the run"></svg>
<figcaption><span class="key" style="border-color:#0969da"></span> achieved msg/s · <span class="key" style="border-color:#57606a;border-top-style:dashed"></span> target msg/s · shaded: fault phases</figcaption></figure>
<figure><svg id="latency-chart" role="img" aria-label="p99 latencies so far, ms, over the run"></svg>
<figcaption><span class="key" style="border-color:#8250df"></span> ack p99 so far (ms) · <span class="key" style="border-color:#1a7f37"></span> webhook→reply p99 so far, gate population (ms)</figcaption></figure>
<div id="final" role="alert"></div>
<iframe id="report" title="final report"></iframe>
<script>
${CHART_SCRIPT}
const ms = (v) => v == null ? 'n/a' : v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms';
const msTick = (v) => v >= 1000 ? +(v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms';
const set = (id, text) => { document.querySelector('#' + id + ' b').textContent = text; };
let frames = 0;
function render(s) {
  const done = Boolean(s.final);
  document.body.dataset.final = String(done);
  for (const span of document.querySelectorAll('.card span')) span.textContent = done ? span.dataset.final : span.dataset.live;
  document.getElementById('status').textContent = 'run ' + s.runId + ' · scenario ' + s.scenario + ' · ' + Math.round(s.elapsedS) + ' s / ' + Math.round(s.durationS) + ' s';
  set('rate', s.achievedRate.toFixed(1) + ' / ' + s.targetRate.toFixed(1));
  set('sent', String(s.sent)); set('errors', String(s.errors)); set('dropped', String(s.dropped));
  set('ack', ms(s.ackP99Ms)); set('reply', ms(s.replyP99Ms)); set('phase', done ? 'ended' : s.phase ?? '–');
  set('faults', String(done ? s.faultsTotal : s.faultsPerS)); set('lost', String(s.awaitingReply));
  drawChart(document.getElementById('rate-chart'), s, { unit: 'msg/s', minMax: 1, format: (v) => String(+v.toFixed(2)),
    lines: [{ key: 'targetRate', color: '#57606a', dash: '6 4' }, { key: 'achievedRate', color: '#0969da' }] });
  drawChart(document.getElementById('latency-chart'), s, { unit: 'p99 (ms)', minMax: 10, format: msTick,
    lines: [{ key: 'ackP99Ms', color: '#8250df' }, { key: 'replyP99Ms', color: '#1a7f37' }] });
}
async function tick() {
  try {
    const s = await (await fetch('/state', { cache: 'no-store' })).json();
    frames++;
    document.body.dataset.frames = String(frames);
    if (frames === 1) Object.assign(document.body.dataset, { firstElapsedS: String(s.elapsedS), firstPoints: String(s.history.points.length) });
    render(s);
    if (s.final) {
      const f = document.getElementById('final');
      f.style.display = 'block';
      f.style.background = s.final.verdict === 'pass' ? '#dafbe1' : s.final.verdict === 'fail' ? '#ffebe9' : '#fff8c5';
      f.innerHTML = 'Run finished: ' + s.final.verdict.toUpperCase() + ' (exit code ' + s.final.exitCode + '). The tiles hold the final figures; the <a href="/report">final report</a> is below.';
      const report = document.getElementById('report');
      report.style.display = 'block';
      report.src = '/report';
      return;
    }
  } catch {
    document.getElementById('status').textContent = 'waiting for loadtest…';
  }
  setTimeout(tick, 1000);
}
tick();
</script></body></html>
`;
}
