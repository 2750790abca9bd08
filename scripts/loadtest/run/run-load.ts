import type { NodeEngineDiagnostics } from '../../../scenarios/engines/index.ts';
import { describeRateLimited } from '../../../targets/presets/index.ts';
import { InfraError } from '../../../common/node/index.ts';
import { createProgressPrinter } from './progress.ts';
import { need, type RunContext } from './run-context.ts';
import { runEngine } from './run-engine.ts';
import { startLiveViews } from './start-live-views.ts';
import type { StopStack } from './stop-stack.ts';

/**
 * Stage: the load, on a clean ledger with the clocks started, to its end or the abort (Ctrl-C, a
 * child's death, a supervised instance's): an abort still gives a record, marked partial.
 */
export async function runLoad(run: RunContext, stops: StopStack): Promise<void> {
  const { config, watch, log } = run;
  const { mock, mockUrl, redis } = need(run, 'dependencies');
  const { url: targetUrl, pool, sourceAddresses } = need(run, 'target');
  await mock.reset();
  if (watch.death()) throw new InfraError(`Could not start the load: ${(watch.signal.reason as Error).message}.`);
  run.loadStartedMs = Date.now();
  redis?.startClock();
  const progress = createProgressPrinter(run.io.stderr);
  const live = await startLiveViews(run, mock, stops);
  // A supervised instance dying mid-run aborts the load like any child.
  const signal = pool ? AbortSignal.any([run.signal, pool.died]) : run.signal;
  pool?.startMonitoring(Date.now());
  for (const drill of config.supervised?.drills ?? []) pool?.scheduleDrill(drill);
  const diagnostics: NodeEngineDiagnostics = { rateLimitedByTarget: 0 };
  const record = await runEngine(run, { targetUrl, mockUrl, signal, sourceAddresses, diagnostics, progress, live });
  progress.done();
  live.dashboard?.stopPolling();
  if (diagnostics.rateLimitedByTarget)
    log(`loadtest: ${describeRateLimited(diagnostics.rateLimitedByTarget, record.counters.sent, sourceAddresses)}`);
  run.load = { record, diagnostics, dashboard: live.dashboard };
}
