import { explainFailure } from './explain-failure.ts';
import { judgeRun } from './judge-run.ts';
import type { LoadtestIo, LoadtestResult } from './loadtest-io.ts';
import { planRun } from './plan-run.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import { need, type RunContext } from './run-context.ts';
import { removeIfUnfinished } from './run-folder.ts';
import { runLoad } from './run-load.ts';
import { runStages, type Stage } from './run-stages.ts';
import { settleRun } from './settle-run.ts';
import { startDependencies } from './start-dependencies.ts';
import { startTarget } from './start-target.ts';
import { writeReport } from './write-report.ts';

/** A run, top to bottom. Each stage reads what the stages before it left in the run context. */
export const LOADTEST_STAGES: readonly Stage<RunContext>[] = [
  { name: 'start dependencies', run: startDependencies }, // Redis dependency, mock Graph API
  { name: 'start the target', run: startTarget }, // reference connector, supervised target or URL; handshake
  { name: 'load', run: runLoad }, // clean ledger, live views, engine, progress
  { name: 'settle', run: settleRun }, // the target's tail, the final ledger
  { name: 'judge', run: judgeRun }, // is the run whole; the gates
  { name: 'write the report', run: writeReport }, // run folder, artefacts, terminal table, exit code
];

/**
 * The main job: the pre-flight, then the stages. Whatever a stage started is stopped in one
 * place however the run ends; a run folder with no run record in it is removed.
 */
export async function runLoadtest(config: ResolvedLoadtest, io: LoadtestIo): Promise<LoadtestResult> {
  const run = await planRun(config, io);
  await runStages(LOADTEST_STAGES, run, {
    explainFailure,
    afterTeardown: async () => {
      if (!run.report && !run.keepRunDir) await removeIfUnfinished(run.runDir);
    },
  });
  return { exitCode: need(run, 'report').exitCode, runDir: run.runDir };
}
