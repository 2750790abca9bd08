import type { RunRecord } from '../../../common/contracts/index.ts';
import {
  runK6Engine,
  runNodeEngine,
  type NodeEngineDiagnostics,
  type ProgressSnapshot,
} from '../../../scenarios/engines/index.ts';
import { phaseAt } from '../../../scenarios/model/index.ts';
import type { createProgressPrinter } from './progress.ts';
import { adminTokenFor } from './start-dependencies.ts';
import type { RunContext } from './run-context.ts';
import type { LiveViews } from './start-live-views.ts';

export interface EngineRun {
  targetUrl: string;
  mockUrl: string;
  signal: AbortSignal;
  sourceAddresses: string[];
  /** Filled by the Node engine (429s the target answered itself). */
  diagnostics: NodeEngineDiagnostics;
  progress: ReturnType<typeof createProgressPrinter>;
  live: LiveViews;
}

/** Runs the chosen engine to its end or the abort; the progress line (and, with Node, the live views) follow it. */
export function runEngine(run: RunContext, load: EngineRun): Promise<RunRecord> {
  const { scenario, runId, phases, fixtureSet } = run;
  const { targetUrl, signal, sourceAddresses, progress, live } = load;
  const phase = (p: ProgressSnapshot) => phaseAt(phases, p.elapsedS);
  // Both engines feed the progress line and the dashboard; the live metrics serve the Node engine
  // only (k6 has its own outputs, K6_OUT), so live.metrics is unset under k6.
  const onProgress = (p: ProgressSnapshot) => {
    progress.update(p, phase(p));
    live.metrics?.update(p);
    live.dashboard?.update(p, phase(p));
  };
  if (run.engine === 'node')
    return runNodeEngine({
      scenario,
      targetUrl,
      fixtures: fixtureSet.fixtures,
      runId,
      phases,
      signal,
      onProgress,
      sourceAddresses,
      diagnostics: load.diagnostics,
    });
  return runK6Engine({
    scenario,
    targetUrl,
    runId,
    phases,
    runDir: run.runDir,
    fixturesDir: fixtureSet.dir,
    signal,
    sourceAddresses,
    mockUrl: load.mockUrl,
    mockAdminToken: adminTokenFor(run),
    onProgress,
    log: run.log,
  });
}
