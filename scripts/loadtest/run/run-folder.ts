import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerStats, RunRecord, Scenario } from '../../../common/contracts/index.ts';
import { redactSecrets } from '../../../scenarios/model/index.ts';
import { makeDir } from '../../../common/node/index.ts';

/** Writes the run's raw inputs (the reporter re-renders from exactly these files). */
export async function writeRunInputs(
  dir: string,
  files: {
    scenario: Scenario;
    runRecord: RunRecord;
    ledger?: LedgerStats;
    metricsBefore?: string;
    metricsAfter?: string;
  },
): Promise<void> {
  await makeDir(dir);
  const json = (name: string, value: unknown) => writeFile(join(dir, name), JSON.stringify(value, null, 1) + '\n');
  await json('scenario.json', redactSecrets(files.scenario));
  await json('run-record.json', files.runRecord);
  if (files.ledger) await json('ledger-stats.json', files.ledger);
  if (files.metricsBefore !== undefined) await writeFile(join(dir, 'metrics-before.prom'), files.metricsBefore);
  if (files.metricsAfter !== undefined) await writeFile(join(dir, 'metrics-after.prom'), files.metricsAfter);
}

/**
 * After a failed run: removes the run folder when no run record reached it (it would hold only a
 * k6 config), so `reports/runs` lists only runs that have something to show.
 */
export async function removeIfUnfinished(dir: string): Promise<void> {
  const files = await readdir(dir).catch(() => undefined);
  if (files && !files.includes('run-record.json')) await rm(dir, { recursive: true, force: true });
}
