import { InfraError } from '../../../common/node/index.ts';
import type { RunContext } from './run-context.ts';

/**
 * The error a failed run ends with. A child that died before the report (and took the load or
 * the handshake down with it) is the real cause, so it is named instead. An error that points
 * into the run folder (k6's config, to reproduce the failure) keeps the folder.
 */
export function explainFailure(run: Pick<RunContext, 'watch' | 'runId' | 'report' | 'keepRunDir'>, error: unknown) {
  if (run.watch.death() && !run.report)
    return new InfraError(`Could not complete the run: ${(run.watch.signal.reason as Error).message}.`);
  if (error instanceof Error && error.message.includes(run.runId)) run.keepRunDir = true;
  return error;
}
