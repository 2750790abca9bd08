import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exitCodeFor, renderTerminal, writeReportArtifacts } from '../../../reports/index.ts';
import { writeRedisStats } from './redis-dependency.ts';
import { need, type RunContext } from './run-context.ts';
import { writeRunInputs } from './run-folder.ts';

/**
 * Stage: the run folder (the raw inputs the reporter re-renders from, then the artefacts), the
 * dashboard's verdict, the terminal table and the exit code.
 */
export async function writeReport(run: RunContext): Promise<void> {
  const { config, runDir, io } = run;
  const { health, metricsBefore, sourceAddresses } = need(run, 'target');
  const { record, diagnostics, dashboard } = need(run, 'load');
  const { ledger, metricsAfter } = need(run, 'settled');
  const { summary, redisProxy } = need(run, 'verdict');
  const json = (name: string, value: unknown) => writeFile(join(runDir, name), JSON.stringify(value, null, 1) + '\n');
  await writeRunInputs(runDir, { scenario: run.scenario, runRecord: record, ledger, metricsBefore, metricsAfter });
  await writeRedisStats(redisProxy, runDir);
  if (run.engine === 'node') await json('engine-diagnostics.json', { ...diagnostics, sourceAddresses });
  if (config.preset) await json('preset.json', { ...config.preset, health });
  const written = await writeReportArtifacts(summary, runDir, { githubStepSummary: config.githubStepSummary });
  run.report = { exitCode: exitCodeFor(summary) };
  await dashboard?.finish(summary, join(runDir, 'report.html'));
  if (io.printSummary !== false) io.stdout.write(renderTerminal(summary, { color: Boolean(io.stdout.isTTY) }) + '\n');
  run.log(`loadtest: report written to ${runDir} (${written.map((p) => p.split('/').pop()).join(', ')})`);
}
