import type { RunPlan } from './run-context.ts';
import { startService, type RunningService, type ServiceSpec } from './service.ts';
import type { StopStack } from './stop-stack.ts';

/**
 * Starts a child the run depends on (the mock, the reference connector): its death aborts the
 * run, and the teardown stops it (5 s grace) if nothing stopped it before.
 */
export async function startWatchedService(
  run: Pick<RunPlan, 'parentEnv' | 'watch'>,
  stops: StopStack,
  spec: Omit<ServiceSpec, 'parentEnv'>,
): Promise<RunningService> {
  const service = await startService({ ...spec, parentEnv: run.parentEnv });
  stops.push(() => service.stop(5000));
  run.watch.watch(service);
  return service;
}
