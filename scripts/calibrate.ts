import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALL_CALIBRATION_MODES,
  DEFAULT_CALIBRATE_MODES,
  renderCalibrationMatrix,
  runCalibrationMatrix,
} from './calibrate/index.ts';
import { EXIT } from '../common/core/index.ts';
import { loadScenarioDefinition } from '../scenarios/definitions/index.ts';
import { CALIBRATE_HELP } from './help/calibrate.ts';
import {
  onStopSignals,
  parseFlags,
  printHelpIfAsked,
  readDuration,
  readEnum,
  readInteger,
  readList,
  runCli,
} from '../common/node/index.ts';

await runCli('calibrate', async () => {
  if (printHelpIfAsked(process.argv.slice(2), CALIBRATE_HELP)) return EXIT.ok;
  const options = {
    modes: { type: 'string' },
    parallel: { type: 'string' },
    out: { type: 'string' },
    duration: { type: 'string' },
    engine: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const { values } = parseFlags(process.argv.slice(2), { options }, 'Run `npm run calibrate -- --help`');
  const modes = values.modes
    ? readList(values.modes).map((m) => readEnum('--modes', m, ALL_CALIBRATION_MODES))
    : DEFAULT_CALIBRATE_MODES;
  const parallel =
    values.parallel === undefined ? 2 : readInteger('--parallel', values.parallel, { min: 1, max: 11, example: 2 });
  const engine = values.engine === undefined ? 'auto' : readEnum('--engine', values.engine, ['auto', 'node', 'k6']);
  // Checked here so a typo fails before eleven runs start; the runs get the text as given.
  if (values.duration !== undefined) readDuration('--duration', values.duration);
  const controller = new AbortController();
  onStopSignals({ prefix: 'calibrate', stopping: 'stopping the runs', controller });
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
