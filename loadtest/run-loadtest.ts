import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerStats, RunRecord } from '../contracts/index.ts';
import { isK6Available, runK6Engine, runNodeEngine, totalDurationS, type NodeEngineDiagnostics } from '../engine/index.ts';
import { loadFixtureSet } from '../fixtures/index.ts';
import { assertTargetAllowed } from '../lib/index.ts';
import { loadChaosProfile, profilePhases } from '../mock-graph-api/index.ts';
import { startLiveMetrics, type LiveMetrics } from '../metrics-export/index.ts';
import { buildSummary, exitCodeFor, loadBaseline, renderTerminal, writeReportArtifacts } from '../reports/index.ts';
import { buildWebhookUrl, checkHandshake } from './handshake.ts';
import { createMockClient, scrapeMetrics } from './mock-client.ts';
import { createProgressPrinter } from './progress.ts';
import type { ResolvedLoadtest } from './resolve-config.ts';
import { writeRunInputs } from './run-folder.ts';
import { startService, type RunningService } from './service.ts';
import { waitUntilStable } from './settle.ts';
import { checkBatchable, checkMix, warnIfNoInboundMessages } from './check-mix.ts';
import { resolveEngine } from './resolve-engine.ts';
import { startRunRedis, writeRedisStats } from './redis-dependency.ts';
import { builtinConnectorArgs, checkHealth, describeRateLimited } from '../presets/index.ts';

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
}

export interface LoadtestResult {
  exitCode: number;
  runDir: string;
}

/** The main job: mock up, target up, handshake, load, settle, ledger, report, exit code. */
export async function runLoadtest(config: ResolvedLoadtest, io: LoadtestIo): Promise<LoadtestResult> {
  const { scenario } = config;
  const log = (line: string) => io.stderr.write(line + '\n');
  const secrets = [scenario.target.appSecret, scenario.target.verifyToken];
  if (config.target !== 'builtin') assertTargetAllowed(config.target, scenario.target.allowHosts);
  if (config.mock.mode === 'external') assertTargetAllowed(config.mock.url, scenario.target.allowHosts, 'mock Graph API');

  const fixtureSet = loadFixtureSet(scenario.fixtures);
  checkMix(scenario.mix, fixtureSet.fixtures);
  checkBatchable(scenario.delivery.batchSize, scenario.mix, fixtureSet.fixtures);
  const mixNote = warnIfNoInboundMessages(scenario.mix, fixtureSet.fixtures);
  if (mixNote) log(mixNote);
  const profile = loadChaosProfile(scenario.chaos);
  const durationS = totalDurationS(scenario.load);
  const phases = profilePhases(profile, durationS);
  const engine = await resolveEngine(config.engine, isK6Available);
  const baseline = config.baseline ? loadBaseline(config.baseline) : undefined;
  const runId = randomBytes(6).toString('hex');
  const runDir = join(config.outDir, runId);

  const services: RunningService[] = [];
  let live: LiveMetrics | undefined;
  let redis: Awaited<ReturnType<typeof startRunRedis>>;
  try {
    redis = await startRunRedis(config, profile, log);
    let mockUrl: string;
    if (config.mock.mode === 'spawn') {
      const mock = await startService({
        name: 'mock Graph API',
        script: join(io.scriptsDir, 'mock.ts'),
        args: ['--port', String(config.mock.port), '--profile', scenario.chaos, '--correlation', scenario.correlation, '--run-id', runId, '--seed', String(scenario.seed)],
      });
      services.push(mock);
      mockUrl = mock.url;
    } else {
      mockUrl = config.mock.url;
    }
    const mock = createMockClient(mockUrl);
    if (config.mock.mode === 'external') await mock.putChaos(profile);
    log(`loadtest: run ${runId}: scenario ${scenario.name}${config.preset ? `, preset ${config.preset.name}` : ''}, engine ${engine}, chaos ${scenario.chaos}, mock Graph API at ${mockUrl}`);

    let targetUrl = config.target;
    let connector: RunningService | undefined;
    if (config.target === 'builtin') {
      connector = await startService({
        name: 'reference connector',
        script: join(io.scriptsDir, 'connector.ts'),
        args: [
          '--port', '0',
          '--graph-base-url', mockUrl,
          '--phone-number-id', scenario.business.phoneNumberId,
          '--path-template', scenario.target.pathTemplate,
          ...(config.defect ? ['--defect', config.defect] : []),
          ...(redis || config.redisUrl ? ['--redis-url', redis?.url ?? (config.redisUrl as string)] : []),
          ...builtinConnectorArgs(config.preset?.builtin),
        ],
        env: { WA_APP_SECRET: scenario.target.appSecret, WA_VERIFY_TOKEN: scenario.target.verifyToken, WA_ACCESS_TOKEN: 'wa-loadtest-token' },
        secrets,
      });
      services.push(connector);
      targetUrl = connector.url;
      log(`loadtest: reference connector${config.defect ? ` (defect ${config.defect})` : ''} at ${targetUrl}`);
    }
    const webhookUrl = buildWebhookUrl(targetUrl, scenario.target.pathTemplate, scenario.business.phoneNumberId);
    if (scenario.target.handshake) await checkHandshake(webhookUrl, scenario.target.verifyToken);
    const endpoints = config.preset?.endpoints;
    const targetBase = targetUrl.replace(/\/+$/, '');
    const health: Record<string, unknown> = {};
    if (scenario.target.handshake && endpoints) {
      for (const path of [endpoints.health, endpoints.healthDetailed]) if (path) health[path] = await checkHealth(targetBase + path);
    }
    const metricsPath = endpoints ? endpoints.metrics : connector ? '/metrics' : null;
    const metricsUrl = config.metricsUrl ?? (metricsPath ? targetBase + metricsPath : undefined);
    const sourceAddresses = config.sourceAddresses ?? [];
    if (sourceAddresses.length) log(`loadtest: sending from ${sourceAddresses.length} source addresses (${sourceAddresses[0]}…${sourceAddresses.at(-1)}), round-robin`);
    else if (config.preset?.engine.sourceAddresses) log(`loadtest: preset ${config.preset.name} spreads source addresses only towards a loopback target; any 429 is reported as rate-limited by target`);
    const diagnostics: NodeEngineDiagnostics = { rateLimitedByTarget: 0 };
    const metricsBefore = metricsUrl ? await scrapeMetrics(metricsUrl) : undefined;

    await mock.reset();
    redis?.startClock();
    const progress = createProgressPrinter(io.stderr);
    if (config.metricsPort !== undefined && engine === 'node') {
      live = await startLiveMetrics({ port: config.metricsPort, runId, scenario: scenario.name });
      log(`loadtest: live metrics at ${live.url}`);
    } else if (config.metricsPort !== undefined) {
      log('loadtest: --metrics-port serves the Node engine only; with k6 use K6_OUT (see metrics-export/README.md)');
    }
    const runRecord: RunRecord =
      engine === 'node'
        ? await runNodeEngine({
            scenario,
            targetUrl,
            fixtures: fixtureSet.fixtures,
            runId,
            phases,
            signal: io.signal,
            onProgress: (p) => {
              progress.update(p, phaseAt(phases, p.elapsedS));
              live?.update(p);
            },
            sourceAddresses,
            diagnostics,
          })
        : await runK6Engine({ scenario, targetUrl, runId, phases, runDir, fixturesDir: fixtureSet.dir, signal: io.signal, sourceAddresses });
    progress.done();
    if (diagnostics.rateLimitedByTarget) log(`loadtest: ${describeRateLimited(diagnostics.rateLimitedByTarget, runRecord.counters.sent, sourceAddresses)}`);

    const committed = async () => {
      const s = await mock.stats();
      return sumValues(s.committedByType) + sumValues(s.rejectedByCode);
    };
    log('loadtest: load finished; waiting for the target to finish its Graph API calls…');
    await waitUntilStable(committed, connector ? { quietMs: 2000, maxMs: 15_000 } : { quietMs: 6000, maxMs: 60_000 });
    const metricsAfter = metricsUrl ? await scrapeMetrics(metricsUrl) : undefined;
    // Stopping the reference connector drains its retries, so the ledger is final afterwards.
    if (connector) await connector.stop();
    const ledger: LedgerStats = await mock.stats();

    await writeRunInputs(runDir, { scenario, runRecord, ledger, metricsBefore, metricsAfter });
    const redisProxy = await writeRedisStats(redis, runDir);
    if (engine === 'node') await writeFile(join(runDir, 'engine-diagnostics.json'), JSON.stringify({ ...diagnostics, sourceAddresses }, null, 1) + '\n');
    if (config.preset) await writeFile(join(runDir, 'preset.json'), JSON.stringify({ ...config.preset, health }, null, 1) + '\n');
    const summary = buildSummary({ runRecords: [runRecord], ledgers: [ledger], gates: scenario.gates, metricsBefore, metricsAfter, baseline, redisProxy });
    const written = await writeReportArtifacts(summary, runDir, { githubStepSummary: config.githubStepSummary });
    if (io.printSummary !== false) io.stdout.write(renderTerminal(summary, { color: Boolean(io.stdout.isTTY) }) + '\n');
    log(`loadtest: report written to ${runDir} (${written.map((p) => p.split('/').pop()).join(', ')})`);
    return { exitCode: exitCodeFor(summary), runDir };
  } finally {
    await live?.close();
    await Promise.all(services.reverse().map((s) => s.stop(5000)));
    await redis?.stop();
  }
}

function phaseAt(phases: { name: string; startS: number; endS: number }[], tS: number): string | undefined {
  return phases.find((p) => tS >= p.startS && tS < p.endS)?.name;
}

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}


