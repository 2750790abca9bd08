import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../engine/index.ts';

/**
 * No false alarm on the correct connector: every built-in scenario, shortened with --duration
 * (chaos phases scale with it), run end to end by the real `loadtest` CLI against the reference
 * connector and the mock, must PASS (exit 0). Node engine for every scenario; k6 engine (fake k6
 * on PATH) for the ones whose shape differs most: late copies, the 429 storm, duplicates.
 * In the calibration pass (alone, after the main suite), as these are real timed runs.
 * `calibration` itself is the matrix's job (test/calibration-matrix*.test.ts).
 */
const ROOT = resolve(import.meta.dirname, '..');
const FAKE_K6 = join(ROOT, 'scenarios/test-support/fake-k6');

interface Verdict {
  code: number | null;
  output: string;
  failing: string[];
}

function runScenario(scenario: string, engine: 'node' | 'k6'): Promise<Verdict> {
  const out = mkdtempSync(join(tmpdir(), `wa-builtin-${scenario}-${engine}-`));
  const args = ['--scenario', scenario, '--engine', engine, '--duration', '12s', '--out', out];
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), join(ROOT, 'scripts/loadtest.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${FAKE_K6}${delimiter}${process.env.PATH}`, FAKE_K6_VU_LIMIT: '6' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const hardStop = setTimeout(() => child.kill('SIGINT'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(hardStop);
      const runs = readdirSync(out);
      const failing: string[] = [];
      if (runs.length !== 1) failing.push(`no single run folder in ${out}`);
      else {
        const summary = JSON.parse(readFileSync(join(out, runs[0] as string, 'summary.json'), 'utf8')) as { gates: { id: string; verdict: string }[]; phaseGates: { phase: string; gates: { id: string; verdict: string }[] }[]; dependency: { phases: { phase: string; gates: { id: string; verdict: string }[] }[] } | null };
        for (const g of summary.gates) if (g.verdict === 'fail') failing.push(g.id);
        for (const p of [...summary.phaseGates, ...(summary.dependency?.phases ?? [])]) for (const g of p.gates) if (g.verdict === 'fail') failing.push(`${p.phase}/${g.id}`);
      }
      done({ code, output, failing });
    });
  });
}

const K6_SCENARIOS = ['demo', 'chaos', 'dedupe-storm'];
const cases = [
  ...listScenarios().filter((s) => s !== 'calibration').map((s) => [s, 'node'] as const),
  ...K6_SCENARIOS.map((s) => [s, 'k6'] as const),
];

// Two runs side by side (each is mostly waiting: 12 s of load at ≤ 100 msg/s plus the settle).
let slots = 2;
const waiting: (() => void)[] = [];
async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots === 0) await new Promise<void>((ok) => waiting.push(ok));
  else slots--;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else slots++;
  }
}

describe('every built-in scenario on the correct reference connector', () => {
  it.concurrent.each(cases)('%s on the %s engine passes every gate (exit 0)', async (scenario, engine) => {
    const r = await inSlot(() => runScenario(scenario, engine));
    expect(r.failing, r.output.slice(-3000)).toEqual([]);
    expect(r.code, r.output.slice(-3000)).toBe(0);
  }, 400_000);
});
