/**
 * Benchmark: render every artefact of a one-hour run at 1,000 msg/s (3.6 M deliveries, 3,600
 * timeline seconds, a ledger of 900 k inbound messages). Inputs are synthesized into a temp run
 * folder; each measurement runs in its own child process so peak RSS is the renderer's alone.
 * Baseline: JSON.parse + JSON.stringify of the same files. Run: npx tsx scripts/bench/report-render.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Histogram } from '../../common/core/index.ts';
import {
  LEDGER_STATS_SCHEMA_VERSION,
  type LedgerStats,
  RUN_RECORD_SCHEMA_VERSION,
  type Counters,
  type RunRecord,
} from '../../common/contracts/index.ts';
import { encodeBytes } from '../../common/node/index.ts';
import { buildSummary, loadRunFolder, renderTerminal, writeReportArtifacts } from '../../reports/index.ts';
import { buildTimeline } from '../../test/helpers/reports/test-builders.ts';

const SECONDS = 3600;
const RATE = 1000;
const DELIVERIES = SECONDS * RATE;
const INBOUND_EVERY = 4; // 900 k of the 3.6 M deliveries carry an inbound message

/** A log-normal-ish latency spread recorded with weights, not 3.6 M calls. */
function synthHistogram(total: number, medianMs: number): ReturnType<Histogram['toJSON']> {
  const h = new Histogram();
  const steps = 400;
  for (let i = 0; i < steps; i++) {
    const z = (i / steps) * 6 - 3;
    const weight = Math.exp((-z * z) / 2);
    h.recordMs(medianMs * Math.exp(z * 0.6), Math.max(1, Math.round((total * weight) / (steps * 0.4))));
  }
  return h.toJSON();
}

function synthRunRecord(): RunRecord {
  const acked = new Uint8Array(Math.ceil(DELIVERIES / 8));
  for (let seq = 0; seq < DELIVERIES; seq += INBOUND_EVERY) acked[seq >>> 3]! |= 1 << (seq & 7);
  const phases = [
    { name: 'calm', startS: 0, endS: 1200 },
    { name: '429-storm', startS: 1200, endS: 2400 },
    { name: 'recovery', startS: 2400, endS: 3600 },
  ];
  const counters: Counters = {
    sent: DELIVERIES,
    status2xx: DELIVERIES,
    status3xx: 0,
    status4xx: 0,
    status5xx: 0,
    timeouts: 0,
    connectionErrors: 0,
    dropped: 0,
    copiesDropped: 0,
    deliveries: DELIVERIES,
    duplicatesSent: 0,
    redeliveries: 0,
    redeliveriesExhausted: 0,
    forgedSent: 0,
    forgedRejected: 0,
    forgedAccepted: 0,
    inboundMessagesAcked: DELIVERIES / INBOUND_EVERY,
  };
  const third = { ...counters, sent: DELIVERIES / 3, status2xx: DELIVERIES / 3 };
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    kind: 'run-record',
    runId: 'b0b0b0b0b0b0',
    scenario: 'soak-1h',
    engine: { name: 'node', version: '0.1.0' },
    config: {},
    startedAt: '2026-01-15T02:00:00.000Z',
    endedAt: '2026-01-15T03:00:00.000Z',
    status: 'completed',
    phases,
    timeline: buildTimeline(SECONDS, RATE),
    latency: {
      ack: synthHistogram(DELIVERIES, 25),
      ackByPhase: Object.fromEntries(phases.map((p) => [p.name, synthHistogram(DELIVERIES / 3, 25)])),
      dedupe: synthHistogram(DELIVERIES, 2),
      dedupeByPhase: Object.fromEntries(phases.map((p) => [p.name, synthHistogram(DELIVERIES / 3, 2)])),
    },
    counters,
    countersByPhase: Object.fromEntries(phases.map((p) => [p.name, third])),
    acked: { mode: 'bitset', runId: 'b0b0b0b0b0b0', seqs: encodeBytes(acked), multiPart: [] },
  };
}

function synthLedger(): LedgerStats {
  const replies = new Uint8Array(DELIVERIES);
  for (let seq = 0; seq < DELIVERIES; seq += INBOUND_EVERY) replies[seq] = 1;
  const inbound = DELIVERIES / INBOUND_EVERY;
  return {
    schemaVersion: LEDGER_STATS_SCHEMA_VERSION,
    kind: 'ledger-stats',
    replicas: 1,
    startedAt: '2026-01-15T02:00:00.000Z',
    generatedAt: '2026-01-15T03:00:05.000Z',
    committedByType: { text: inbound, read: inbound },
    rejectedByCode: {},
    uncorrelated: 0,
    runs: [
      {
        runId: 'b0b0b0b0b0b0',
        replies: encodeBytes(replies),
        reads: encodeBytes(replies),
        flags: encodeBytes(new Uint8Array(DELIVERIES)),
        extraParts: [],
      },
    ],
    latency: { reply: synthHistogram(inbound, 150), replyByPhase: {}, read: synthHistogram(inbound, 80) },
    faults: {},
    retriedNonRetryable: 0,
    limits: { throughput: 0, pairRate: 0 },
  };
}

async function runChild(mode: string, dir: string): Promise<void> {
  const start = performance.now();
  if (mode === 'baseline') {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')))
      JSON.stringify(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  } else {
    const summary = buildSummary(loadRunFolder(dir));
    await writeReportArtifacts(summary, join(dir, 'out'));
    renderTerminal(summary, { color: false });
  }
  const wallMs = performance.now() - start;
  process.stdout.write(JSON.stringify({ wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** In-process wall time and peak RSS, plus the child's whole life (node + tsx start-up included). */
function measure(mode: string, dir: string): { wallMs: number; maxRssMb: number; processMs: number } {
  const start = performance.now();
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, dir], {
    encoding: 'utf8',
  });
  return { ...(JSON.parse(out) as { wallMs: number; maxRssMb: number }), processMs: performance.now() - start };
}

if (process.argv[2] === '--child') {
  await runChild(process.argv[3] ?? '', process.argv[4] ?? '');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'report-bench-'));
  try {
    writeFileSync(join(dir, 'run-record.json'), JSON.stringify(synthRunRecord()));
    writeFileSync(join(dir, 'ledger-stats.json'), JSON.stringify(synthLedger()));
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ name: 'soak-1h', gates: {} }));
    const inputKb = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0) / 1024;
    const baseline = measure('baseline', dir);
    const render = measure('render', dir);
    const html = statSync(join(dir, 'out', 'report.html')).size / 1024;
    console.log(
      `inputs: ${inputKb.toFixed(0)} KiB (run record + ledger for ${DELIVERIES.toLocaleString('en')} deliveries, ${SECONDS} timeline seconds)`,
    );
    const line = (m: typeof render) =>
      `${m.wallMs.toFixed(0)} ms in process (${m.processMs.toFixed(0)} ms with node+tsx start-up), peak RSS ${m.maxRssMb.toFixed(0)} MB`;
    console.log(`baseline JSON.parse+stringify: ${line(baseline)}`);
    console.log(`render all artefacts:          ${line(render)}; report.html ${html.toFixed(0)} KiB`);
    console.log(
      `budget: < 5000 ms and < 300 MB → ${render.processMs < 5000 && render.maxRssMb < 300 ? 'within budget' : 'OVER BUDGET'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
