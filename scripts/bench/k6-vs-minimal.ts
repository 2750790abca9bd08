/**
 * k6 benchmark: in one session, against one bare node:http sink (child process), a minimal k6
 * script that signs and posts one webhook per iteration versus our `scenarios/load.ts`, at
 * rising rates. Goal: ours holds ≥ 0.9× the rate the minimal script holds with < 0.5 % dropped,
 * at ≤ 2× its peak RSS. Run by hand:
 *
 *   npx tsx scripts/bench/k6-vs-minimal.ts                                  # 1000,2000,5000,10000/s, 10 s each
 *   npx tsx scripts/bench/k6-vs-minimal.ts --rates 500,1000 --duration 8 --vus 200
 *
 * Without a real k6 on PATH (a fake k6 for tests does not count) it says so and runs its
 * Node-engine half: the built-in engine at the same rates against the same sink.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { runNodeEngine } from '../../scenarios/engines/index.ts';
import { loadFixtureSet } from '../../fixtures/index.ts';
import { parseFlags, readInteger, readList, readNumber } from '../../common/node/index.ts';
import { readBenchArgs } from './bench-args.ts';
import { describeMachine, fmt, startSinkProcess } from './engine-bench-support.ts';

const { rates, durationS, vus, maxVUs } = readBenchArgs('k6-vs-minimal', () => {
  const options = {
    rates: { type: 'string', default: '1000,2000,5000,10000' },
    duration: { type: 'string', default: '10' },
    vus: { type: 'string', default: '300' },
    'max-vus': { type: 'string', default: '2000' },
  } as const;
  const { values } = parseFlags(
    process.argv.slice(2),
    { options },
    'Usage: npx tsx scripts/bench/k6-vs-minimal.ts [--rates 1000,2000] [--duration 10] [--vus 300] [--max-vus 2000]',
  );
  return {
    rates: readList(values.rates).map((r) => readNumber('--rates', r, { above: 0, example: 1000 })),
    durationS: readNumber('--duration', values.duration, { above: 0, example: 10 }),
    vus: readInteger('--vus', values.vus, { min: 1, example: 300 }),
    maxVUs: readInteger('--max-vus', values['max-vus'], { min: 1, example: 2000 }),
  };
});
const SECRET = 'bench-secret';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Row {
  script: string;
  rate: number;
  achieved: number;
  droppedPct: number;
  peakRssMb: number;
}

function realK6Version(): string | null {
  try {
    const out = execFileSync('k6', ['version'], { encoding: 'utf8', timeout: 10_000 });
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

/** Runs a command, sampling its peak RSS from /proc (k6 is one process). */
function runMeasured(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('k6', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKb = 0;
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited
      }
    }, 200);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(timer);
      resolve(peakKb / 1024);
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
      `k6 ${k6}: minimal signed-POST script vs scenarios/load.ts, ${durationS} s per rate, ${vus} pre-allocated VUs, ${maxVUs} max\n`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'wa-k6-bench-'));
    const minimal = minimalScript(dir);
    for (const rate of rates) {
      const out = join(dir, `minimal-${rate}.json`);
      const env = {
        ...process.env,
        TARGET: sink.url,
        SECRET,
        RATE: String(rate),
        DURATION: `${durationS}s`,
        VUS: String(vus),
        MAX_VUS: String(maxVUs),
        OUT: out,
      };
      const rssMinimal = await runMeasured(
        ['run', '--quiet', '--no-usage-report', '--address', '127.0.0.1:0', minimal],
        env,
      );
      const m = JSON.parse(readFileSync(out, 'utf8')) as { iterations: number; dropped: number };
      rows.push({
        script: 'minimal',
        rate,
        achieved: m.iterations / durationS,
        droppedPct: (100 * m.dropped) / Math.max(1, m.iterations + m.dropped),
        peakRssMb: rssMinimal,
      });
      const oursOut = join(dir, `ours-${rate}.json`);
      const oursEnv = {
        ...process.env,
        WA_APP_SECRET: SECRET,
        WA_TARGET_URL: sink.url,
        WA_RATE: String(rate),
        WA_DURATION: `${durationS}s`,
        WA_VUS: String(vus),
        WA_MAX_IN_FLIGHT: String(maxVUs),
        WA_OUT: oursOut,
      };
      const rssOurs = await runMeasured(
        ['run', '--quiet', '--no-usage-report', '--address', '127.0.0.1:0', join(ROOT, 'scenarios/load.ts')],
        oursEnv,
      );
      const c = (JSON.parse(readFileSync(oursOut, 'utf8')) as { counters: { deliveries: number; dropped: number } })
        .counters;
      rows.push({
        script: 'scenarios/load.ts',
        rate,
        achieved: c.deliveries / durationS,
        droppedPct: (100 * c.dropped) / Math.max(1, c.deliveries + c.dropped),
        peakRssMb: rssOurs,
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
        achieved: (c.deliveries - c.dropped) / durationS,
        droppedPct: (100 * c.dropped) / Math.max(1, c.deliveries),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      });
    }
  }
} finally {
  sink.stop();
}

process.stdout.write('\n| script | rate asked | achieved | dropped | peak RSS |\n|---|---:|---:|---:|---:|\n');
for (const r of rows)
  process.stdout.write(
    `| ${r.script} | ${fmt(r.rate, 0)}/s | ${fmt(r.achieved, 0)}/s | ${fmt(r.droppedPct, 2)} % | ${fmt(r.peakRssMb, 0)} MB |\n`,
  );
if (k6) {
  const held = (script: string) =>
    Math.max(0, ...rows.filter((r) => r.script === script && r.droppedPct < 0.5).map((r) => r.achieved));
  const peak = (script: string) => Math.max(0, ...rows.filter((r) => r.script === script).map((r) => r.peakRssMb));
  const rateRatio = held('scenarios/load.ts') / Math.max(1, held('minimal'));
  const rssRatio = peak('scenarios/load.ts') / Math.max(1, peak('minimal'));
  process.stdout.write(
    `\nheld with < 0.5 % dropped: ours ${fmt(held('scenarios/load.ts'), 0)}/s vs minimal ${fmt(held('minimal'), 0)}/s = ${fmt(rateRatio, 2)}× (goal ≥ 0.9×); peak RSS ${fmt(rssRatio, 2)}× (goal ≤ 2×)\n`,
  );
}
process.exit(0);
