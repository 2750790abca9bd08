import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../common/core/index.ts';
import { listScenarios, loadScenarioDefinition } from '../scenarios/definitions/index.ts';
import { BUILTIN_PROFILES } from '../mock-graph-api/index.ts';
import { listPresets } from '../targets/presets/index.ts';
import { onStopSignals, readJsonFile, runCli, wantsHelp } from '../common/node/index.ts';

import {
  checkEmitFlags,
  checkFlagCombinations,
  emitK6Operator,
  formatLoadtestHelp,
  parseLoadtestFlags,
  pickLoadtestEnv,
  resolveLoadtest,
  runLoadtest,
} from './loadtest/index.ts';

await runCli('loadtest', async () => {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(
      formatLoadtestHelp({
        scenarios: listScenarios(),
        presets: listPresets(),
        profiles: [...BUILTIN_PROFILES.keys()],
      }),
    );
    return EXIT.ok;
  }
  const flags = parseLoadtestFlags(process.argv.slice(2));
  const config = resolveLoadtest({
    flags,
    env: pickLoadtestEnv(process.env),
    loadDefinition: loadScenarioDefinition,
    configFile: flags.config ? { path: flags.config, data: readJsonFile(flags.config, 'config file') } : undefined,
  });
  checkFlagCombinations({
    target: config.supervised?.reference ? 'builtin' : config.target,
    defect: config.defect,
    redisUrlFlag: flags.redisUrl,
  });
  checkEmitFlags({
    emit: flags.emit,
    parallelism: flags.parallelism,
    mockImage: flags.mockImage,
    mockMode: config.mock.mode,
    supervised: Boolean(config.supervised),
  });
  if (flags.emit) {
    const emitted = await emitK6Operator(config, {
      parallelism: flags.parallelism ?? 1,
      ...(flags.mockImage ? { mockImage: flags.mockImage } : {}),
    });
    const kib = (emitted.archiveBytes / 1024).toFixed(0);
    process.stderr.write(
      `loadtest: wrote a k6-operator run to ${emitted.dir} (archive.tar: ${emitted.bundleFiles.length} files, ${kib} KiB); next: kubectl apply -k ${emitted.dir}\n`,
    );
    if (emitted.warning) process.stderr.write(`loadtest: warning: ${emitted.warning}\n`);
    if (emitted.secretHeadersNote) process.stderr.write(`loadtest: note: ${emitted.secretHeadersNote}\n`);
    return EXIT.ok;
  }
  const controller = new AbortController();
  onStopSignals({ prefix: 'loadtest', stopping: 'stopping the load and writing a partial report', controller });
  const result = await runLoadtest(config, {
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
    scriptsDir: dirname(fileURLToPath(import.meta.url)),
  });
  return result.exitCode;
});
