/** Inline CSS and the small hover script of report.html (no network, no framework). */
export const REPORT_CSS = `
:root{--fg:#1b1f24;--muted:#5b6470;--line:#d8dee4;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--bg:#fff;--panel:#f6f8fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:980px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted);margin:0 0 12px}.badge{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600;margin-right:8px}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.aborted,.badge.load-not-delivered{background:var(--warn)}
.banner{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:10px 14px;margin:12px 0;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}.card{background:var(--panel);border-radius:6px;padding:8px 12px}.card b{display:block;font-size:18px}.card span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;margin:4px 0}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{background:var(--panel);font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}td.note{color:var(--muted);font-size:12px}table.gates td:first-child{min-width:190px}
.v-pass{color:var(--pass);font-weight:600}.v-fail{color:var(--fail);font-weight:600}.v-not-measured,.v-incomplete{color:var(--warn);font-weight:600}.v-allowed{color:var(--muted)}
.chart{margin:12px 0;position:relative}.chart figcaption{font-weight:600;margin-bottom:4px}.chart svg{width:100%;height:auto;display:block;background:#fff;border:1px solid var(--line);border-radius:6px}
.legend{font-weight:400;margin-left:12px;color:var(--muted)}.key{margin-right:12px;white-space:nowrap}.key i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.line{fill:none;stroke-width:1.6}.area{opacity:.85}.grid{stroke:#eef1f4}.axis{stroke:#8c959f}.tick{font-size:11px;fill:var(--muted)}.phase{opacity:.13}.phase-edge{stroke:#8c959f;stroke-dasharray:2 3}.phase-label{font-size:11px;fill:#57606a;font-weight:600}.cursor{stroke:#57606a;stroke-dasharray:3 3}
.tip{position:absolute;top:28px;background:rgba(27,31,36,.92);color:#fff;font-size:12px;padding:6px 8px;border-radius:4px;pointer-events:none;white-space:pre}
pre{background:var(--panel);padding:10px 12px;border-radius:6px;overflow:auto}footer{color:var(--muted);font-size:12px;margin-top:24px}
@media print{.tip,.cursor{display:none}}
`;

/** Hover read-out: shows every series' value at the second under the pointer. */
export const REPORT_JS = `
(function(){
  var data=JSON.parse(document.getElementById('chart-data').textContent);
  document.querySelectorAll('figure.chart').forEach(function(fig){
    var chart=data.charts[fig.id]; if(!chart) return;
    var svg=fig.querySelector('svg'), tip=fig.querySelector('.tip'), cursor=svg.querySelector('.cursor');
    var xs=(data.xsBy&&data.xsBy[fig.id])||data.xs;
    var W=+fig.dataset.width, L=+fig.dataset.left, R=+fig.dataset.right, xMax=+fig.dataset.xmax;
    svg.addEventListener('mousemove',function(ev){
      var box=svg.getBoundingClientRect(), vx=(ev.clientX-box.left)/box.width*W;
      var t=(vx-L)/(W-L-R)*xMax, best=0;
      for(var i=0;i<xs.length;i++){ if(Math.abs(xs[i]-t)<Math.abs(xs[best]-t)) best=i; }
      if(!xs.length) return;
      var cx=L+xs[best]/xMax*(W-L-R);
      cursor.setAttribute('x1',cx); cursor.setAttribute('x2',cx); cursor.setAttribute('visibility','visible');
      tip.hidden=false; tip.style.left=Math.min(box.width-180,Math.max(0,ev.clientX-box.left+12))+'px';
      tip.textContent='t = '+xs[best]+' s\\n'+chart.map(function(s){return s.name+': '+s.values[best]+(s.unit||'');}).join('\\n');
    });
    svg.addEventListener('mouseleave',function(){ tip.hidden=true; cursor.setAttribute('visibility','hidden'); });
  });
})();
`;
