import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '../../common/node/index.ts';
import { parseLoadtestFlags, resolveLoadtest, runLoadtest, type OutputStream } from '../loadtest/index.ts';
import { evaluateCalibrationRun, failedCalibrationRun, type CalibrationRow } from './evaluate.ts';
import { DEPENDENCY_MODES, PRESET_CONTROL_MODES, SHAPED_MODES, SUPERVISED_MODES } from './expectations.ts';

export interface CalibrationOptions {
  modes: readonly string[];
  /** Scenario definition to run every mode with (default: calibration). */
  scenario: string;
  /** Extra loadtest flags for every run (e.g. --duration 8 --chaos <file>). */
  extraArgs: readonly string[];
  outDir: string;
  /** Engine for every run: node, k6, or auto (k6 when on PATH, as loadtest decides). Default node. */
  engine?: 'node' | 'k6' | 'auto';
  /** Modes run side by side; each has its own mock and connector processes. */
  parallel: number;
  scriptsDir: string;
  loadDefinition: (name: string) => unknown;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** Runs the harness against the reference connector once per mode and judges the verdicts. */
export async function runCalibrationMatrix(options: CalibrationOptions): Promise<CalibrationRow[]> {
  const rows: CalibrationRow[] = new Array(options.modes.length);
  let next = 0;
  const worker = async () => {
    while (next < options.modes.length && !options.signal.aborted) {
      const index = next++;
      const mode = options.modes[index] as string;
      rows[index] = await runOneMode(mode, options);
      options.log(`calibrate: ${mode}: ${rows[index]?.ok ? 'as expected' : 'UNEXPECTED'}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel) }, worker));
  return rows.filter(Boolean);
}

const silent: OutputStream = { write: () => true };

async function runOneMode(mode: string, options: CalibrationOptions): Promise<CalibrationRow> {
  const argv = [
    '--scenario',
    options.scenario,
    '--engine',
    options.engine ?? 'node',
    '--out',
    join(options.outDir, mode),
    ...options.extraArgs,
  ];
  const supervised =
    SUPERVISED_MODES[mode] ?? DEPENDENCY_MODES[mode] ?? SHAPED_MODES[mode] ?? PRESET_CONTROL_MODES[mode];
  if (supervised) {
    // Row files are named relative to the repository (the folder above scripts/).
    argv.push(
      ...supervised.args.map((a) => (a.startsWith('scripts/calibrate/') ? join(options.scriptsDir, '..', a) : a)),
    );
    if (supervised.defect) argv.push('--defect', supervised.defect);
  } else if (mode !== 'none') argv.push('--defect', mode);
  try {
    const flags = parseLoadtestFlags(argv);
    // A supervised row's own --config is read as the CLI entry reads it. The matrix-wide --config
    // (calibration/fast.json) has never been read for the other rows, and their thresholds were
    // calibrated that way; reading it for them too is left to a deliberate, re-calibrated change.
    const configFile =
      supervised && flags.config ? { path: flags.config, data: readJsonFile(flags.config, 'config file') } : undefined;
    const config = resolveLoadtest({ flags, env: {}, loadDefinition: options.loadDefinition, configFile });
    const { runDir } = await runLoadtest(config, {
      stdout: silent,
      stderr: silent,
      signal: options.signal,
      scriptsDir: options.scriptsDir,
      printSummary: false,
    });
    const summary = JSON.parse(await readFile(join(runDir, 'summary.json'), 'utf8')) as {
      gates: { id: string; verdict: string }[];
    };
    return evaluateCalibrationRun(mode, summary.gates, runDir);
  } catch (error) {
    return failedCalibrationRun(mode, (error as Error).message.split('\n')[0] ?? 'unknown error');
  }
}
