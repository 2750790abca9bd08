/**
 * k6 benchmark: in one session, against one bare node:http sink (child process), a minimal k6
 * script that signs and posts one webhook per iteration versus our `scenarios/load.ts`, at each
 * rate in turn. Goal (issue 27): at 3,000/s ours achieves ≥ 0.9× the minimal script's rate with
 * < 0.5 % dropped, at ≤ 2× its peak RSS. Both get the same VU pool: our default for the rate
 * (Little's law, scenarios/k6/executor.ts) unless --vus says otherwise. Run by hand:
 *
 *   npx tsx scripts/bench/k6-vs-minimal.ts --k6 /path/to/k6                   # 1000,3000,5000/s, 20 s each
 *   npx tsx scripts/bench/k6-vs-minimal.ts --k6 k6 --rates 3000 --duration 10 --vus 200
 *
 * Counts: planned = rate × duration; achieved = iterations started ÷ duration; dropped = k6's
 * dropped_iterations; unstarted = planned − started − dropped (k6 starved of CPU skips arrivals
 * without counting them). Without a real k6 (a fake k6 for tests does not count) it says so and
 * runs its Node-engine half: the built-in engine at the same rates against the same sink.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { runNodeEngine } from '../../scenarios/engines/index.ts';
import { EXPECTED_ACK_MS, preAllocatedVUsFor } from '../../scenarios/k6/index.ts';
import { loadFixtureSet } from '../../fixtures/index.ts';
import { parseFlags, readInteger, readList, readNumber } from '../../common/node/index.ts';
import { readBenchArgs } from './bench-args.ts';
import { describeMachine, fmt, startSinkProcess } from './engine-bench-support.ts';

const USAGE =
  'Usage: npx tsx scripts/bench/k6-vs-minimal.ts [--k6 k6] [--rates 1000,3000,5000] [--duration 20] [--vus <default pool>] [--max-vus 2000]';
const { k6Bin, rates, durationS, vus, maxVUs } = readBenchArgs('k6-vs-minimal', () => {
  const options = {
    k6: { type: 'string', default: 'k6' },
    rates: { type: 'string', default: '1000,3000,5000' },
    duration: { type: 'string', default: '20' },
    vus: { type: 'string', default: '' },
    'max-vus': { type: 'string', default: '2000' },
  } as const;
  const { values } = parseFlags(process.argv.slice(2), { options }, USAGE);
  return {
    k6Bin: values.k6,
    rates: readList(values.rates).map((r) => readInteger('--rates', r, { min: 1, example: 1000 })),
    durationS: readNumber('--duration', values.duration, { above: 0, example: 20 }),
    vus: values.vus === '' ? undefined : readInteger('--vus', values.vus, { min: 1, example: 300 }),
    maxVUs: readInteger('--max-vus', values['max-vus'], { min: 1, example: 2000 }),
  };
});
const SECRET = 'bench-secret';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Row {
  script: string;
  rate: number;
  vus: number;
  planned: number;
  started: number;
  dropped: number;
  peakRssMb: number;
  /** k6's process CPU time (user + system), seconds. */
  cpuS: number;
}

function realK6Version(): string | null {
  try {
    const out = execFileSync(k6Bin, ['version'], { encoding: 'utf8', timeout: 10_000 });
    return /fake/i.test(out) ? null : (/k6\s+(v?\d+\.\d+\.\d+\S*)/.exec(out)?.[1] ?? null);
  } catch {
    return null;
  }
}

/** The minimal script: one signed POST per iteration, nothing else (no fixtures, no metrics). */
function minimalScript(dir: string): string {
  const path = join(dir, 'minimal.js');
  writeFileSync(
    path,
    `import http from 'k6/http';
import crypto from 'k6/crypto';
const body = ${JSON.stringify(loadFixtureSet().fixtures[0]!.raw.replace(/\{\{[a-z_]+(?::\d+)?\}\}/g, 'x'))};
export const options = { discardResponseBodies: true, scenarios: { minimal: { executor: 'constant-arrival-rate', rate: Number(__ENV.RATE), timeUnit: '1s', duration: __ENV.DURATION, preAllocatedVUs: Number(__ENV.VUS), maxVUs: Number(__ENV.MAX_VUS) } } };
export default function () {
  const b = body.replace('"x"', '"' + Date.now() + '"');
  http.post(__ENV.TARGET + '/webhook', b, { headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': 'sha256=' + crypto.hmac('sha256', __ENV.SECRET, b, 'hex') } });
}
export function handleSummary(data) {
  return { [__ENV.OUT]: JSON.stringify({ iterations: data.metrics.iterations ? data.metrics.iterations.values.count : 0, dropped: data.metrics.dropped_iterations ? data.metrics.dropped_iterations.values.count : 0 }) };
}
`,
  );
  return path;
}

/** Runs k6, sampling its peak RSS and CPU time from /proc (k6 is one process). */
function runMeasured(args: string[], env: NodeJS.ProcessEnv): Promise<{ peakRssMb: number; cpuS: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(k6Bin, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKb = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        // utime + stime, fields 14 and 15 of /proc/<pid>/stat (after the command in parentheses).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks = Math.max(ticks, Number(fields[11]) + Number(fields[12]));
      } catch {
        // exited
      }
    }, 100);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(timer);
      resolve({ peakRssMb: peakKb / 1024, cpuS: ticks / 100 });
    });
  });
}

const sink = await startSinkProcess();
const rows: Row[] = [];
const k6 = realK6Version();
process.stdout.write(`machine: ${describeMachine()} (shared with other work)\n`);
try {
  if (k6) {
    process.stdout.write(
      `k6 ${k6} (${k6Bin}): minimal signed-POST script vs scenarios/load.ts, ${durationS} s per rate, same VU pool for both (${vus ?? `our default: rate × ${EXPECTED_ACK_MS} ms × 2 + 10`}), maxVUs ${maxVUs}\n`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'wa-k6-bench-'));
    const minimal = minimalScript(dir);
    // No REST API port (two k6 in a row, other k6 on the machine), no usage report.
    const k6Args = ['run', '--quiet', '--address', '127.0.0.1:0'];
    const base = { PATH: process.env.PATH, HOME: process.env.HOME, K6_NO_USAGE_REPORT: 'true' };
    for (const rate of rates) {
      const pool = vus ?? preAllocatedVUsFor(rate, EXPECTED_ACK_MS);
      const planned = Math.round(rate * durationS);
      const out = join(dir, `minimal-${rate}.json`);
      const env = {
        ...base,
        TARGET: sink.url,
        SECRET,
        RATE: String(rate),
        DURATION: `${durationS}s`,
        VUS: String(pool),
        MAX_VUS: String(maxVUs),
        OUT: out,
      };
      const minimalRun = await runMeasured([...k6Args, minimal], env);
      const m = JSON.parse(readFileSync(out, 'utf8')) as { iterations: number; dropped: number };
      rows.push({
        script: 'minimal',
        rate,
        vus: pool,
        planned,
        started: m.iterations,
        dropped: m.dropped,
        ...minimalRun,
      });
      const oursOut = join(dir, `ours-${rate}.json`);
      const oursEnv = {
        ...base,
        WA_APP_SECRET: SECRET,
        WA_TARGET_URL: sink.url,
        WA_RATE: String(rate),
        WA_DURATION: `${durationS}s`,
        WA_VUS: String(pool),
        WA_MAX_IN_FLIGHT: String(maxVUs),
        WA_OUT: oursOut,
      };
      const oursRun = await runMeasured([...k6Args, join(ROOT, 'scenarios/load.ts')], oursEnv);
      const c = (JSON.parse(readFileSync(oursOut, 'utf8')) as { counters: { deliveries: number; dropped: number } })
        .counters;
      rows.push({
        script: 'scenarios/load.ts',
        rate,
        vus: pool,
        planned,
        started: c.deliveries,
        dropped: c.dropped,
        ...oursRun,
      });
    }
    rmSync(dir, { recursive: true, force: true });
  } else {
    process.stdout.write(
      'k6 is not on PATH (or only the test fake is): the k6 half is skipped. Node-engine half: the built-in engine at the same rates, same sink.\n',
    );
    const { fixtures } = loadFixtureSet();
    for (const rate of rates) {
      const scenario = scenarioSchema.parse({
        name: 'bench-k6-vs-minimal',
        load: { profile: 'constant', rate, durationS },
        maxInFlight: maxVUs * 10,
        delivery: { duplicateRatio: 0 },
      });
      const record = await runNodeEngine({
        scenario,
        targetUrl: sink.url,
        fixtures,
        runId: 'b0b0b0b0b0b2',
        phases: [],
      });
      const c = record.counters;
      rows.push({
        script: 'node engine',
        rate,
        vus: 0,
        planned: Math.round(rate * durationS),
        started: c.deliveries - c.dropped,
        dropped: c.dropped,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        cpuS: 0,
      });
    }
  }
} finally {
  sink.stop();
}

const pct = (n: number, of: number) => (100 * n) / Math.max(1, of);
process.stdout.write(
  '\n| script | rate asked | VUs | achieved | dropped | unstarted | peak RSS | k6 CPU per delivery |\n|---|---:|---:|---:|---:|---:|---:|---:|\n',
);
for (const r of rows)
  process.stdout.write(
    `| ${r.script} | ${fmt(r.rate, 0)}/s | ${r.vus || '–'} | ${fmt(r.started / durationS, 0)}/s | ${fmt(pct(r.dropped, r.planned), 2)} % | ${fmt(pct(Math.max(0, r.planned - r.started - r.dropped), r.planned), 2)} % | ${fmt(r.peakRssMb, 0)} MB | ${r.cpuS ? `${fmt((1000 * r.cpuS) / Math.max(1, r.started), 2)} ms` : '–'} |\n`,
  );
if (k6) {
  process.stdout.write('\nours ÷ minimal, same run:\n');
  for (const rate of rates) {
    const mine = rows.find((r) => r.script === 'scenarios/load.ts' && r.rate === rate);
    const base = rows.find((r) => r.script === 'minimal' && r.rate === rate);
    if (!mine || !base) continue;
    process.stdout.write(
      `  ${fmt(rate, 0)}/s: achieved ${fmt(mine.started / Math.max(1, base.started), 2)}× (goal ≥ 0.9×), dropped ${fmt(pct(mine.dropped, mine.planned), 2)} % (goal < 0.5 %), peak RSS ${fmt(mine.peakRssMb / Math.max(1, base.peakRssMb), 2)}× (goal ≤ 2×)\n`,
    );
  }
}
process.exit(0);
