import { buildSummary } from '../../../reports/index.ts';
import { resolveEnvNames } from '../../../targets/supervisor/index.ts';
import { describeUnusedRedisProxy } from './redis-dependency.ts';
import { need, type RunContext } from './run-context.ts';

/**
 * Stage: the verdict. A child's death anywhere (even during the settle, after the load ended)
 * makes the run aborted; then the gates judge the run record, the ledger, /metrics and the Redis wire.
 */
export async function judgeRun(run: RunContext): Promise<void> {
  const { config, watch, log } = run;
  const { redis } = need(run, 'dependencies');
  const { connector, pool, metricsBefore } = need(run, 'target');
  const { record } = need(run, 'load');
  const { ledger, metricsAfter } = need(run, 'settled');
  if (watch.death()) {
    record.status = 'aborted';
    record.abortReason =
      (watch.signal.reason as Error).message +
      (ledger ? '' : "; the mock's ledger went with it, so the ledger gates are incomplete");
    log(`loadtest: ${record.abortReason}`);
  }
  const redisProxy = redis?.stats();
  const unusedProxy =
    redisProxy && (connector || pool)
      ? describeUnusedRedisProxy(
          redisProxy,
          config.supervised ? resolveEnvNames(config.supervised.command.envNames).redisUrl : 'REDIS_URL',
        )
      : undefined;
  if (unusedProxy) log(unusedProxy);
  const summary = buildSummary({
    runRecords: [record],
    ledgers: ledger ? [ledger] : [],
    gates: run.scenario.gates,
    metricsBefore,
    metricsAfter,
    baseline: run.baseline,
    redisProxy,
  });
  run.verdict = { summary, redisProxy };
}
