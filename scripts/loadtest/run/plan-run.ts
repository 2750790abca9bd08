import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createChildWatch } from '../../../common/node/index.ts';
import { loadFixtureSet } from '../../../fixtures/index.ts';
import { loadChaosProfile, profilePhases } from '../../../mock-graph-api/index.ts';
import { loadBaseline } from '../../../reports/index.ts';
import { isK6Available } from '../../../scenarios/engines/index.ts';
import { totalDurationS } from '../../../scenarios/model/index.ts';
import { checkBatchable, checkMix } from '../resolve/check-mix.ts';
import { assertRunUrlsAllowed } from '../resolve/check-urls.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import { resolveEngine } from '../resolve/resolve-engine.ts';
import { endChaosWithLoad, scaleChaosProfile } from '../resolve/scale-chaos.ts';
import type { LoadtestIo } from './loadtest-io.ts';
import { describeMixAndRate } from './pre-run-notes.ts';
import { checkOutDirWritable } from './preflight.ts';
import type { RunContext } from './run-context.ts';

/**
 * The pre-flight: every check that needs no running process (URLs, fixtures, mix, chaos
 * profile, engine, baseline, output folder), so a mistake fails before anything starts.
 */
export async function planRun(config: ResolvedLoadtest, io: LoadtestIo): Promise<RunContext> {
  const { scenario } = config;
  const log = (line: string) => io.stderr.write(line + '\n');
  await assertRunUrlsAllowed(config);
  const fixtureSet = loadFixtureSet(scenario.fixtures);
  checkMix(scenario.mix, fixtureSet.fixtures);
  checkBatchable(scenario.delivery.batchSize, scenario.mix, fixtureSet.fixtures);
  for (const note of describeMixAndRate(config, fixtureSet.fixtures)) log(note);
  const named = loadChaosProfile(scenario.chaos);
  const profile = endChaosWithLoad(scaleChaosProfile(named, config.chaosScale ?? 1), totalDurationS(scenario.load));
  const phases = profilePhases(profile, totalDurationS(scenario.load));
  const engine = await resolveEngine(config.engine, isK6Available);
  const baseline = config.baseline ? loadBaseline(config.baseline) : undefined;
  const runId = randomBytes(6).toString('hex');
  checkOutDirWritable(config.outDir);

  // A child dying mid-run aborts the load at once, like Ctrl-C, and its death is the abort reason.
  const watch = createChildWatch(() =>
    run.loadStartedMs === undefined ? undefined : (Date.now() - run.loadStartedMs) / 1000,
  );
  const run: RunContext = {
    config,
    io,
    scenario,
    log,
    parentEnv: io.env ?? process.env,
    secrets: [scenario.target.appSecret, scenario.target.verifyToken],
    fixtureSet,
    profile,
    profileAdjusted: profile !== named,
    phases,
    engine,
    baseline,
    runId,
    runDir: join(config.outDir, runId),
    watch,
    signal: AbortSignal.any([io.signal, watch.signal]),
    keepRunDir: false,
  };
  return run;
}
