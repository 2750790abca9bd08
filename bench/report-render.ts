/**
 * Reporter benchmark: a one-hour run at 1,000 deliveries/s (3.6 M deliveries, 900 k inbound
 * messages, 3,600 per-second points, three chaos phases) rendered into every artefact.
 * Goal: under 5 s and under 300 MB. Baseline in the same run: JSON.parse + JSON.stringify of the
 * same input files. The timed part runs in a fresh child process so its peak RSS is its own.
 *
 *   npx tsx bench/report-render.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSummary, loadRunFolder, renderTerminal, writeReportArtifacts } from '../reports/index.ts';
import { buildAcked, buildCounters, buildHistogram, buildLedgerStats, buildRunRecord } from '../reports/test-builders.ts';

const SECONDS = 3600;
const RATE = 1000;
const INBOUND = (SECONDS * RATE) / 4;

function writeInputs(dir: string): void {
  const phases = [
    { name: 'healthy', startS: 0, endS: 1200 },
    { name: 'storm', startS: 1200, endS: 2400 },
    { name: 'recovery', startS: 2400, endS: 3600 },
  ];
  const perPhase = (SECONDS * RATE) / 3;
  const ackByPhase = Object.fromEntries(phases.map((p, i) => [p.name, buildHistogram([[15 + i, perPhase * 0.98], [300 * (i + 1), perPhase * 0.02]])]));
  const record = buildRunRecord({
    scenario: 'soak',
    seconds: SECONDS,
    rate: RATE,
    phases,
    ackByPhase,
    countersByPhase: Object.fromEntries(phases.map((p) => [p.name, buildCounters({ sent: perPhase, status2xx: perPhase, deliveries: perPhase, inboundMessagesAcked: INBOUND / 3 })])),
    counters: { inboundMessagesAcked: INBOUND },
    acked: buildAcked({ seqs: Array.from({ length: INBOUND }, (_, i) => i) }),
  });
  writeFileSync(join(dir, 'run-record.json'), JSON.stringify(record));
  writeFileSync(join(dir, 'ledger-stats.json'), JSON.stringify(buildLedgerStats({ answered: INBOUND })));
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ name: 'soak', gates: {} }));
}

async function measureRender(dir: string): Promise<void> {
  const t0 = performance.now();
  const folder = loadRunFolder(dir);
  const summary = buildSummary({ runRecords: folder.runRecords, ledgers: folder.ledgers, gates: folder.gates });
  await writeReportArtifacts(summary, join(dir, 'out'));
  renderTerminal(summary, { color: false });
  const renderMs = performance.now() - t0;
  const renderRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ renderMs, renderRssMb, verdict: summary.verdict }) + '\n');
}

function measureBaseline(dir: string): void {
  const t0 = performance.now();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) JSON.stringify(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  process.stdout.write(JSON.stringify({ baselineMs: performance.now() - t0, baselineRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

const mode = process.argv[2];
if (mode === '--render') await measureRender(process.argv[3] as string);
else if (mode === '--baseline') measureBaseline(process.argv[3] as string);
else {
  const dir = mkdtempSync(join(tmpdir(), 'wa-report-bench-'));
  writeInputs(dir);
  const sizeMb = readdirSync(dir).reduce((n, f) => (f.endsWith('.json') ? n + readFileSync(join(dir, f)).length : n), 0) / 1e6;
  const child = (flag: string) => JSON.parse(spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, flag, dir], { encoding: 'utf8' }).stdout.trim().split('\n').pop() ?? '{}');
  const runs = [1, 2, 3].map(() => ({ ...child('--baseline'), ...child('--render') }));
  const median = (k: string) => runs.map((r) => r[k] as number).sort((a, b) => a - b)[1] as number;
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}`);
  console.log(`input: ${SECONDS} s at ${RATE}/s = ${SECONDS * RATE} deliveries, ${INBOUND} inbound messages; run folder JSON ${sizeMb.toFixed(1)} MB`);
  console.log(`render all artefacts (load + validate + gates + summary.json, report.md, junit.xml, report.html, terminal): median ${median('renderMs').toFixed(0)} ms, peak RSS ${median('renderRssMb').toFixed(0)} MB`);
  console.log(`baseline JSON.parse + JSON.stringify of the same files: median ${median('baselineMs').toFixed(0)} ms, peak RSS ${median('baselineRssMb').toFixed(0)} MB`);
  console.log(`ratio render / baseline: ${(median('renderMs') / median('baselineMs')).toFixed(1)}× time; goal < 5000 ms and < 300 MB: ${median('renderMs') < 5000 && median('renderRssMb') < 300 ? 'met' : 'NOT met'}`);
}
