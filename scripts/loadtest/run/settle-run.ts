import type { MockClient } from '../../../mock-graph-api/index.ts';
import { readFinalLedger } from './in-target-mock.ts';
import { scrapeMetrics } from './scrape-metrics.ts';
import { need, type RunContext } from './run-context.ts';
import { waitUntilStable } from './settle.ts';
import { warnIfMockUntouched } from './untouched-mock.ts';

/**
 * Stage: the target's tail. It answers webhooks before it calls the Graph API and retries, so
 * side effects keep coming after the load: wait until the mock's ledger stops moving, stop the
 * target so it drains, then read the final ledger. Nothing to wait for when the mock died.
 */
export async function settleRun(run: RunContext): Promise<void> {
  const { watch, log } = run;
  const { mock, mockUrl, inTarget } = need(run, 'dependencies');
  const { connector, pool, metricsUrl } = need(run, 'target');
  const { record } = need(run, 'load');
  run.settled = {};
  const mockDied = () => watch.death()?.name === 'mock Graph API';
  if (mockDied()) return;
  log('loadtest: load finished; waiting for the target to finish its Graph API calls…');
  await waitUntilStable(
    () => countAnswered(mock),
    connector || pool ? { quietMs: 2000, maxMs: 15_000 } : { quietMs: 6000, maxMs: 60_000 },
  );
  run.settled.metricsAfter = metricsUrl && !watch.death() ? await scrapeMetrics(metricsUrl) : undefined;
  // Stopping the reference connector drains its retries, so the ledger is final afterwards.
  // A mock inside the target stops with it: its ledger is read before, and again as it exited.
  const beforeStop = inTarget ? await mock.stats().catch(() => undefined) : undefined;
  if (connector) await connector.stop();
  if (pool) record.supervised = await pool.finish();
  const ledger = inTarget
    ? await readFinalLedger(inTarget.statsFile, beforeStop)
    : mockDied()
      ? undefined
      : await mock.stats();
  run.settled.ledger = ledger;
  const untouched = warnIfMockUntouched({
    ledger,
    mockSpawned: run.config.mock.mode !== 'external',
    inTarget: Boolean(inTarget),
    ackedMessages: record.counters.inboundMessagesAcked,
    mockUrl,
  });
  if (untouched) log(untouched);
}

/** Graph requests the mock answered, committed or rejected: the counter that stops moving once the target is done. */
async function countAnswered(mock: MockClient): Promise<number> {
  const stats = await mock.stats();
  return [...Object.values(stats.committedByType), ...Object.values(stats.rejectedByCode)].reduce((a, b) => a + b, 0);
}
