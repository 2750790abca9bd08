import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerStats, RunRecord } from '../../../common/contracts/index.ts';
import {
  isK6Available,
  runK6Engine,
  runNodeEngine,
  type NodeEngineDiagnostics,
} from '../../../scenarios/engines/index.ts';
import { buildWebhookUrl, peakRate, totalDurationS } from '../../../scenarios/model/index.ts';
import { loadFixtureSet } from '../../../fixtures/index.ts';
import { loadChaosProfile, profilePhases } from '../../../mock-graph-api/index.ts';
import { startLiveMetrics, type LiveMetrics } from '../live/metrics/index.ts';
import {
  buildSummary,
  exitCodeFor,
  loadBaseline,
  renderTerminal,
  writeReportArtifacts,
} from '../../../reports/index.ts';
import { assertRunUrlsAllowed } from '../resolve/check-urls.ts';
import { checkHandshake } from './handshake.ts';
import { createMockClient, scrapeMetrics } from './mock-client.ts';
import { warnIfMockUntouched } from './untouched-mock.ts';
import { createProgressPrinter } from './progress.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import { writeRunInputs } from './run-folder.ts';
import { startService, type RunningService } from './service.ts';
import { waitUntilStable } from './settle.ts';
import { checkBatchable, checkMix, warnIfNoInboundMessages } from '../resolve/check-mix.ts';
import { resolveEngine } from '../resolve/resolve-engine.ts';
import { describeUnusedRedisProxy, startRunRedis, writeRedisStats } from './redis-dependency.ts';
import { awaitUrlTargetRedis, describeUnreachedRedisProxy } from './redis-proxy-wait.ts';
import { builtinConnectorArgs, checkHealth, describeRateLimited } from '../../../targets/presets/index.ts';
import { inboundMessageShare, warnIfRateExceedsMockLimit } from '../resolve/rate-warning.ts';
import { startLiveDashboard, type LiveDashboard } from '../live/live-dashboard.ts';
import { describePhaseWindows, scaleChaosProfile } from '../resolve/scale-chaos.ts';
import { checkOutDirWritable } from './preflight.ts';
import { createChildWatch, InfraError, type EnvMap } from '../../../common/node/index.ts';
import { removeIfUnfinished } from './run-folder.ts';
import { startSupervisedTarget } from '../resolve/supervised-target.ts';
import { IN_TARGET_GRAPH_BASE_URL, prepareInTargetMock, readFinalLedger, waitForAdminUrl } from './in-target-mock.ts';
import { resolveEnvNames, type TargetPool } from '../../../targets/supervisor/index.ts';

/** Where loadtest writes: process streams, or a collector in tests and calibration. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface LoadtestIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Aborted on Ctrl-C / SIGTERM: the load stops and a partial record is still written. */
  signal: AbortSignal;
  /** Folder holding scripts/connector.ts and scripts/mock.ts. */
  scriptsDir: string;
  /** Print the terminal verdict table (calibration turns it off). */
  printSummary?: boolean;
  /** The environment children take their platform variables (PATH, HOME, …) from; default process.env. Nothing else of it reaches a child. */
  env?: EnvMap;
}

export interface LoadtestResult {
  exitCode: number;
  runDir: string;
}

/** The main job: mock up, target up, handshake, load, settle, ledger, report, exit code. */
export async function runLoadtest(config: ResolvedLoadtest, io: LoadtestIo): Promise<LoadtestResult> {
  const { scenario } = config;
  const log = (line: string) => io.stderr.write(line + '\n');
  const parentEnv = io.env ?? process.env;
  const secrets = [scenario.target.appSecret, scenario.target.verifyToken];
  await assertRunUrlsAllowed(config);

  const fixtureSet = loadFixtureSet(scenario.fixtures);
  checkMix(scenario.mix, fixtureSet.fixtures);
  checkBatchable(scenario.delivery.batchSize, scenario.mix, fixtureSet.fixtures);
  const mixNote = warnIfNoInboundMessages(scenario.mix, fixtureSet.fixtures, scenario.gates.allowNotMeasured);
  if (mixNote) log(mixNote);
  const rateNote =
    config.mock.mode !== 'external'
      ? warnIfRateExceedsMockLimit({
          peakRate: peakRate(scenario.load),
          batchSize: scenario.delivery.batchSize,
          mix: scenario.mix,
          fixtures: fixtureSet.fixtures,
          phoneNumberId: scenario.business.phoneNumberId,
        })
      : undefined;
  if (rateNote) log(rateNote);
  const profile = scaleChaosProfile(loadChaosProfile(scenario.chaos), config.chaosScale ?? 1);
  const durationS = totalDurationS(scenario.load);
  const phases = profilePhases(profile, durationS);
  const engine = await resolveEngine(config.engine, isK6Available);
  const baseline = config.baseline ? loadBaseline(config.baseline) : undefined;
  const runId = randomBytes(6).toString('hex');
  const runDir = join(config.outDir, runId);
  checkOutDirWritable(config.outDir);

  const services: RunningService[] = [];
  let live: LiveMetrics | undefined;
  let dashboard: LiveDashboard | undefined;
  let loadStartedMs: number | undefined;
  // A child dying mid-run aborts the load at once, like Ctrl-C, and its death is the abort reason.
  const watch = createChildWatch(() => (loadStartedMs === undefined ? undefined : (Date.now() - loadStartedMs) / 1000));
  const signal = AbortSignal.any([io.signal, watch.signal]);
  let reported = false;
  let pool: TargetPool | undefined;
  let redis: Awaited<ReturnType<typeof startRunRedis>>;
  try {
    redis = await startRunRedis(config, profile, log);
    let mockUrl: string;
    if (config.mock.mode === 'spawn') {
      const mock = await startService({
        name: 'mock Graph API',
        script: join(io.scriptsDir, 'mock.ts'),
        parentEnv,
        args: [
          '--port',
          String(config.mock.port),
          '--profile',
          scenario.chaos,
          '--correlation',
          scenario.correlation,
          '--run-id',
          runId,
          '--seed',
          String(scenario.seed),
        ],
      });
      services.push(mock);
      watch.watch(mock);
      mockUrl = mock.url;
    } else if (config.mock.mode === 'external') {
      mockUrl = config.mock.url;
    } else {
      // The target hosts the mock (msw preload): its admin URL is known once the target runs.
      mockUrl = IN_TARGET_GRAPH_BASE_URL;
    }
    const inTarget =
      config.mock.mode === 'in-target'
        ? await prepareInTargetMock({
            runDir,
            runId,
            scenario,
            profile,
            nodeOptions: config.supervised?.command.env.NODE_OPTIONS,
          })
        : undefined;
    let mock = createMockClient(mockUrl);
    if (config.mock.mode === 'external' || (config.mock.mode === 'spawn' && (config.chaosScale ?? 1) !== 1))
      await mock.putChaos(profile);
    log(
      `loadtest: run ${runId}: scenario ${scenario.name}${config.preset ? `, preset ${config.preset.name}` : ''}, engine ${engine}, chaos ${scenario.chaos}, mock Graph API ${inTarget ? 'inside the target (msw preload)' : `at ${mockUrl}`}`,
    );

    if (phases.length > 1)
      log(
        `loadtest: chaos phases${(config.chaosScale ?? 1) !== 1 ? ` (scaled ×${(config.chaosScale ?? 1).toFixed(2)} with --duration)` : ''}: ${describePhaseWindows(phases)}`,
      );

    let targetUrl = config.target;
    let connector: RunningService | undefined;
    if (config.target === 'builtin') {
      connector = await startService({
        name: 'reference connector',
        script: join(io.scriptsDir, 'connector.ts'),
        parentEnv,
        args: [
          '--port',
          '0',
          '--graph-base-url',
          mockUrl,
          '--phone-number-id',
          scenario.business.phoneNumberId,
          '--path-template',
          scenario.target.pathTemplate,
          ...(config.defect ? ['--defect', config.defect] : []),
          ...builtinConnectorArgs(config.preset?.builtin),
        ],
        // The Redis URL may carry a password: environment, never argv (the child's environment is
        // built from the resolved config, so a REDIS_URL in the shell never reaches it).
        env: {
          WA_APP_SECRET: scenario.target.appSecret,
          WA_VERIFY_TOKEN: scenario.target.verifyToken,
          WA_ACCESS_TOKEN: 'wa-loadtest-token',
          ...(redis || config.redisUrl ? { REDIS_URL: redis?.url ?? (config.redisUrl as string) } : {}),
        },
        secrets: config.redisUrl
          ? [...secrets, config.redisUrl, decodeURIComponent(new URL(config.redisUrl).password)]
          : secrets,
      });
      services.push(connector);
      watch.watch(connector);
      targetUrl = connector.url;
      log(`loadtest: reference connector${config.defect ? ` (defect ${config.defect})` : ''} at ${targetUrl}`);
    }
    if (config.supervised) {
      pool = await startSupervisedTarget(config.supervised, {
        runId,
        runDir,
        scenario,
        mockUrl,
        redisUrl: redis?.url ?? config.redisUrl,
        redisProxyUrl: redis?.url,
        parentEnv,
        log,
        extraEnv: inTarget?.env,
      });
      if (inTarget) {
        mockUrl = await waitForAdminUrl(inTarget.urlFile, { logFile: join(runDir, 'target.log') });
        mock = createMockClient(mockUrl);
        await mock.putChaos(profile);
        log(`loadtest: mock Graph API inside the target (msw preload) at ${mockUrl}`);
      }
      await pool.prepareDrills(config.supervised.drills);
      targetUrl = pool.url;
      const s = config.supervised;
      log(
        `loadtest: supervised target${s.reference ? ' (reference connector' + (config.defect ? `, defect ${config.defect}` : '') + ')' : ''}: ${s.replicas} instance(s) behind ${targetUrl}${s.drills.length ? `, drills ${s.drills.map((d) => `${d.kind}@${d.atS}s`).join(', ')}` : ''}; logs in ${runDir}`,
      );
    }
    const webhookUrl = buildWebhookUrl(targetUrl, scenario.target.pathTemplate, scenario.business.phoneNumberId);
    if (scenario.target.handshake) await checkHandshake(webhookUrl, scenario.target.verifyToken);
    const endpoints = config.preset?.endpoints;
    const targetBase = targetUrl.replace(/\/+$/, '');
    const health: Record<string, unknown> = {};
    if (scenario.target.handshake && endpoints) {
      for (const path of [endpoints.health, endpoints.healthDetailed])
        if (path) health[path] = await checkHealth(targetBase + path);
    }
    const metricsPath = endpoints ? endpoints.metrics : connector ? '/metrics' : null;
    const metricsUrl = config.metricsUrl ?? (metricsPath ? targetBase + metricsPath : undefined);
    const sourceAddresses = config.sourceAddresses ?? [];
    if (sourceAddresses.length)
      log(
        `loadtest: sending from ${sourceAddresses.length} source addresses (${sourceAddresses[0]}…${sourceAddresses.at(-1)}), round-robin`,
      );
    else if (config.preset?.engine.sourceAddresses)
      log(
        `loadtest: preset ${config.preset.name} spreads source addresses only towards a loopback target; any 429 is reported as rate-limited by target`,
      );
    const diagnostics: NodeEngineDiagnostics = { rateLimitedByTarget: 0 };
    const metricsBefore = metricsUrl ? await scrapeMetrics(metricsUrl) : undefined;

    // A URL target is pointed at the Redis proxy by its user: wait (bounded) for its first connection.
    if (redis && !connector && !pool) await awaitUrlTargetRedis(redis, log, signal);
    await mock.reset();
    if (watch.death()) throw new InfraError(`Could not start the load: ${(watch.signal.reason as Error).message}.`);
    loadStartedMs = Date.now();
    redis?.startClock();
    const progress = createProgressPrinter(io.stderr);
    if (config.metricsPort !== undefined && engine === 'node') {
      live = await startLiveMetrics({ port: config.metricsPort, runId, scenario: scenario.name });
      log(`loadtest: live metrics at ${live.url}`);
    }
    if (config.dashboardPort !== undefined) {
      dashboard = await startLiveDashboard({
        port: config.dashboardPort,
        runId,
        scenario: scenario.name,
        mock,
        messageShare: inboundMessageShare(scenario.mix, fixtureSet.fixtures),
      });
      log(`loadtest: live dashboard at ${dashboard.url}`);
    }
    if (config.metricsPort !== undefined && engine !== 'node') {
      log('loadtest: --metrics-port serves the Node engine only; with k6 use K6_OUT (see metrics-export/README.md)');
    }
    // A supervised instance dying mid-run aborts the load like any child.
    const engineSignal = pool ? AbortSignal.any([signal, pool.died]) : signal;
    pool?.startMonitoring(Date.now());
    for (const drill of config.supervised?.drills ?? []) pool?.scheduleDrill(drill);
    const runRecord: RunRecord =
      engine === 'node'
        ? await runNodeEngine({
            scenario,
            targetUrl,
            fixtures: fixtureSet.fixtures,
            runId,
            phases,
            signal: engineSignal,
            onProgress: (p) => {
              progress.update(p, phaseAt(phases, p.elapsedS));
              live?.update(p);
              dashboard?.update(p, phaseAt(phases, p.elapsedS));
            },
            sourceAddresses,
            diagnostics,
          })
        : await runK6Engine({
            scenario,
            targetUrl,
            runId,
            phases,
            runDir,
            fixturesDir: fixtureSet.dir,
            signal: engineSignal,
            sourceAddresses,
            mockUrl,
            onProgress: (p) => progress.update(p, phaseAt(phases, p.elapsedS)),
            log,
          });
    progress.done();
    dashboard?.stopPolling();
    if (diagnostics.rateLimitedByTarget)
      log(
        `loadtest: ${describeRateLimited(diagnostics.rateLimitedByTarget, runRecord.counters.sent, sourceAddresses)}`,
      );

    const mockDied = watch.death()?.name === 'mock Graph API';
    const committed = async () => {
      const s = await mock.stats();
      return sumValues(s.committedByType) + sumValues(s.rejectedByCode);
    };
    let ledger: LedgerStats | undefined;
    let metricsAfter: string | undefined;
    if (!mockDied) {
      log('loadtest: load finished; waiting for the target to finish its Graph API calls…');
      await waitUntilStable(
        committed,
        connector || pool ? { quietMs: 2000, maxMs: 15_000 } : { quietMs: 6000, maxMs: 60_000 },
      );
      metricsAfter = metricsUrl && !watch.death() ? await scrapeMetrics(metricsUrl) : undefined;
      // Stopping the reference connector drains its retries, so the ledger is final afterwards.
      // A mock inside the target stops with it: its ledger is read before, and again as it exited.
      const beforeStop = inTarget ? await mock.stats().catch(() => undefined) : undefined;
      if (connector) await connector.stop();
      if (pool) runRecord.supervised = await pool.finish();
      if (inTarget) ledger = await readFinalLedger(inTarget.statsFile, beforeStop);
      else ledger = watch.death()?.name === 'mock Graph API' ? undefined : await mock.stats();
      const untouched = warnIfMockUntouched({
        ledger,
        mockSpawned: config.mock.mode !== 'external',
        inTarget: Boolean(inTarget),
        ackedMessages: runRecord.counters.inboundMessagesAcked,
        mockUrl,
      });
      if (untouched) log(untouched);
    }
    const death = watch.death();
    if (death) {
      // The death may come after the load ended (during the settle): the run is still not whole.
      runRecord.status = 'aborted';
      runRecord.abortReason =
        (watch.signal.reason as Error).message +
        (ledger ? '' : "; the mock's ledger went with it, so the ledger gates are incomplete");
      log(`loadtest: ${runRecord.abortReason}`);
    }

    await writeRunInputs(runDir, { scenario, runRecord, ledger, metricsBefore, metricsAfter });
    const redisProxy = await writeRedisStats(redis, runDir);
    const unusedProxy =
      redisProxy && (connector || pool)
        ? describeUnusedRedisProxy(
            redisProxy,
            config.supervised ? resolveEnvNames(config.supervised.command.envNames).redisUrl : 'REDIS_URL',
          )
        : undefined;
    if (unusedProxy) log(unusedProxy);
    const unreached = redis && redisProxy && !connector && !pool && describeUnreachedRedisProxy(redisProxy, redis.url);
    if (unreached) log(unreached);
    if (engine === 'node')
      await writeFile(
        join(runDir, 'engine-diagnostics.json'),
        JSON.stringify({ ...diagnostics, sourceAddresses }, null, 1) + '\n',
      );
    if (config.preset)
      await writeFile(join(runDir, 'preset.json'), JSON.stringify({ ...config.preset, health }, null, 1) + '\n');
    const summary = buildSummary({
      runRecords: [runRecord],
      ledgers: ledger ? [ledger] : [],
      gates: scenario.gates,
      metricsBefore,
      metricsAfter,
      baseline,
      redisProxy,
    });
    const written = await writeReportArtifacts(summary, runDir, { githubStepSummary: config.githubStepSummary });
    reported = true;
    await dashboard?.finish(summary, join(runDir, 'report.html'));
    if (io.printSummary !== false) io.stdout.write(renderTerminal(summary, { color: Boolean(io.stdout.isTTY) }) + '\n');
    log(`loadtest: report written to ${runDir} (${written.map((p) => p.split('/').pop()).join(', ')})`);
    return { exitCode: exitCodeFor(summary), runDir };
  } catch (error) {
    // A child that died before the load (or took the handshake down with it) is the real cause.
    const death = watch.death();
    if (death && !reported)
      throw new InfraError(`Could not complete the run: ${(watch.signal.reason as Error).message}.`);
    // Keep the folder when the error points into it (k6's config, to reproduce the failure).
    if (error instanceof Error && error.message.includes(runId)) reported = true;
    throw error;
  } finally {
    await live?.close();
    await dashboard?.close();
    await pool?.close();
    await Promise.all(services.reverse().map((s) => s.stop(5000)));
    await redis?.stop();
    if (!reported) await removeIfUnfinished(runDir);
  }
}

function phaseAt(phases: { name: string; startS: number; endS: number }[], tS: number): string | undefined {
  return phases.find((p) => tS >= p.startS && tS < p.endS)?.name;
}

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}
