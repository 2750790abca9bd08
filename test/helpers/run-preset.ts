import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioDefinition } from '../../scenarios/definitions/index.ts';
import { parseLoadtestFlags, resolveLoadtest, runLoadtest } from '../../scripts/loadtest/index.ts';

const SCRIPTS_DIR = fileURLToPath(new URL('../../scripts/', import.meta.url));

export interface PresetRun {
  exitCode: number;
  runDir: string;
  /** Everything loadtest logged. */
  log: string;
  json<T = Record<string, unknown>>(file: string): T;
  text(file: string): string;
}

/**
 * Runs `npm run loadtest -- <argv>` in process (Node engine unless told, quiet, a temp out folder) the way
 * the CLI does, for usage tests of the presets against the reference connector.
 */
export async function runPreset(
  argv: string[],
  options: {
    config?: unknown;
    env?: Record<string, string>;
    engine?: 'node' | 'k6';
    /** Do not add --target builtin (the run names its own target command). */ presetTarget?: boolean;
  } = {},
): Promise<PresetRun> {
  const out = mkdtempSync(join(tmpdir(), 'wa-preset-run-'));
  // Built-in presets name their example connector; these runs test the preset against the reference connector unless told otherwise (presetTarget: the preset's own command).
  const target =
    options.presetTarget || argv.includes('--target') || argv.includes('--target-cmd') ? [] : ['--target', 'builtin'];
  const flags = parseLoadtestFlags(['--engine', options.engine ?? 'node', '--out', out, ...target, ...argv]);
  const config = resolveLoadtest({
    flags,
    env: options.env ?? {},
    loadDefinition: loadScenarioDefinition,
    configFile: options.config === undefined ? undefined : { path: 'test-config.json', data: options.config },
  });
  let log = '';
  const collect = { write: (text: string) => ((log += text), true) };
  const { exitCode, runDir } = await runLoadtest(config, {
    stdout: collect,
    stderr: collect,
    signal: new AbortController().signal,
    scriptsDir: SCRIPTS_DIR,
    printSummary: false,
  });
  const text = (file: string) => readFileSync(join(runDir, file), 'utf8');
  log += gatesNotPassed(text('summary.json'));
  return { exitCode, runDir, log, text, json: <T>(file: string) => JSON.parse(text(file)) as T };
}

/** A line naming every gate that did not pass, so a failed exit-code assertion says why. */
function gatesNotPassed(summaryText: string): string {
  const { gates } = JSON.parse(summaryText) as {
    gates: { id: string; verdict: string; observed?: number | null; threshold?: number }[];
  };
  const rows = gates
    .filter((g) => g.verdict !== 'pass')
    .map((g) => `${g.id} ${g.verdict} ${g.observed} (threshold ${g.threshold})`);
  return rows.length ? `test: gates not passed: ${rows.join('; ')}\n` : '';
}

/** One gate of summary.json. */
export function gate(
  run: PresetRun,
  id: string,
): { verdict: string; threshold: number; allowedNotMeasured: boolean } | undefined {
  return run
    .json<{ gates: { id: string; verdict: string; threshold: number; allowedNotMeasured: boolean }[] }>('summary.json')
    .gates.find((g) => g.id === id);
}

/** The value of one Prometheus sample (exact series text, e.g. `x_total{kind="call"}`), 0 when absent. */
export function promValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
