import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALL_CALIBRATION_MODES, CALIBRATION_MODES, renderCalibrationMatrix, runCalibrationMatrix } from '../calibration/index.ts';
import { EXIT } from '../core/index.ts';
import { loadScenarioDefinition } from '../engine/index.ts';
import { runCli, UserError } from '../lib/index.ts';

const HELP = `Usage: npm run calibrate -- [--modes none,no-dedupe,…] [--parallel 2] [--out dir] [--duration 20] [--engine auto|node|k6]

Runs the harness against the reference connector, correct and with each seeded defect,
and prints the mode × gate matrix of expected vs observed verdicts. --engine auto (default)
uses k6 when a k6 binary is on PATH, else the built-in Node engine.
Exit codes: 0 every expectation met, 99 some cell unexpected, 2 usage error.
`;

await runCli('calibrate', async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { modes: { type: 'string' }, parallel: { type: 'string' }, out: { type: 'string' }, duration: { type: 'string' }, engine: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    throw new UserError(`Could not read the command line: ${(error as Error).message}. Run \`npm run calibrate -- --help\`.`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const modes = values.modes ? values.modes.split(',').map((m) => m.trim()) : CALIBRATION_MODES;
  const unknown = modes.filter((m) => !ALL_CALIBRATION_MODES.includes(m));
  if (unknown.length) throw new UserError(`Could not calibrate mode(s) ${unknown.join(', ')}: unknown. Valid modes: ${ALL_CALIBRATION_MODES.join(', ')}.`);
  const parallel = Number(values.parallel ?? 2);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 11) throw new UserError(`Could not use --parallel "${values.parallel}": use a whole number from 1 to 11.`);
  const engine = values.engine ?? 'auto';
  if (engine !== 'auto' && engine !== 'node' && engine !== 'k6') throw new UserError(`Could not use --engine "${engine}": use auto, node or k6.`);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const rows = await runCalibrationMatrix({
    modes,
    scenario: 'calibration',
    extraArgs: values.duration ? ['--duration', values.duration] : [],
    outDir: values.out ?? mkdtempSync(join(tmpdir(), 'wa-calibrate-')),
    parallel,
    engine,
    scriptsDir: dirname(fileURLToPath(import.meta.url)),
    loadDefinition: loadScenarioDefinition,
    signal: controller.signal,
    log: (line) => process.stderr.write(line + '\n'),
  });
  process.stdout.write(renderCalibrationMatrix(rows) + '\n');
  return rows.every((r) => r.ok) ? EXIT.ok : EXIT.gateFailed;
});
