/**
 * The live page: one self-contained HTML file (no external assets) that polls /state every
 * second, draws the figures and a rate sparkline, and opens /report once the run has ended. Pure.
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
svg{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin-top:12px}
</style></head><body>
<h1>${esc}</h1><div id="status">connecting…</div>
<div class="grid">
<div class="card" id="rate"><span>rate (achieved / target msg/s)</span><b>–</b></div>
<div class="card" id="sent"><span>sent</span><b>–</b></div>
<div class="card" id="errors"><span>errors</span><b>–</b></div>
<div class="card" id="ack"><span>ack p99</span><b>–</b></div>
<div class="card" id="reply"><span>webhook→reply p99</span><b>–</b></div>
<div class="card" id="phase"><span>chaos phase</span><b>–</b></div>
<div class="card" id="faults"><span>faults injected /s</span><b>–</b></div>
<div class="card" id="dropped"><span>dropped (maxInFlight)</span><b>–</b></div>
<div class="card" id="lost"><span>lost so far (no reply yet)</span><b>–</b></div>
</div>
<svg id="spark" width="600" height="80" viewBox="0 0 600 80" role="img" aria-label="achieved rate"><path d="" fill="none" stroke="#0969da" stroke-width="2"/></svg>
<div id="final" role="alert"></div>
<script>
const ms = (v) => v == null ? 'n/a' : v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms';
const set = (id, text) => { document.querySelector('#' + id + ' b').textContent = text; };
const rates = [];
let frames = 0;
async function tick() {
  try {
    const s = await (await fetch('/state', { cache: 'no-store' })).json();
    frames++;
    document.body.dataset.frames = String(frames);
    document.getElementById('status').textContent = 'run ' + s.runId + ' · scenario ' + s.scenario + ' · ' + Math.round(s.elapsedS) + ' s / ' + Math.round(s.durationS) + ' s';
    set('rate', s.achievedRate.toFixed(1) + ' / ' + s.targetRate.toFixed(1));
    set('sent', String(s.sent)); set('errors', String(s.errors)); set('dropped', String(s.dropped));
    set('ack', ms(s.ackP99Ms)); set('reply', ms(s.replyP99Ms)); set('phase', s.phase ?? '–');
    set('faults', String(s.faultsPerS)); set('lost', String(s.awaitingReply));
    rates.push(s.achievedRate); if (rates.length > 120) rates.shift();
    const max = Math.max(1, ...rates);
    document.querySelector('#spark path').setAttribute('d', rates.map((r, i) => (i ? 'L' : 'M') + (i * 5) + ' ' + (78 - (r / max) * 74).toFixed(1)).join(''));
    if (s.final) {
      const f = document.getElementById('final');
      f.style.display = 'block';
      f.style.background = s.final.verdict === 'pass' ? '#dafbe1' : s.final.verdict === 'fail' ? '#ffebe9' : '#fff8c5';
      f.innerHTML = 'Run finished: ' + s.final.verdict.toUpperCase() + ' (exit code ' + s.final.exitCode + '). Opening the <a href="/report">final report</a>…';
      setTimeout(() => location.assign('/report'), 1000);
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
