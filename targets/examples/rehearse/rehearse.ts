import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LedgerStats } from '../../../common/contracts/index.ts';
import { EXIT } from '../../../common/core/index.ts';
import { loadScenarioDefinition } from '../../../scenarios/definitions/index.ts';
import { makeDirSync, readJsonFile, UserError } from '../../../common/node/index.ts';
import { parseLoadtestFlags, resolveLoadtest, runLoadtest } from '../../../scripts/loadtest/index.ts';
import { EXAMPLES, findExample, type ExampleSpec } from './catalog.ts';
import { judgeChecks, type CheckResult } from './checks.ts';
import { freePort } from './free-port.ts';
import { hasRedisServer, startThrowawayRedis, type ThrowawayRedis } from './redis.ts';
import { fillPlaceholders, launchExample, randomSecrets } from './launch.ts';
import type { TargetProcess } from './target-process.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLES_DIR = join(REPO, 'targets', 'examples');

export interface RehearseOptions {
  example: string;
  defect?: string;
  /** Load duration in seconds (default: the smoke scenario's 10 s). */
  durationS?: number;
  /** Deliveries per second (default: the smoke scenario's 5). */
  rate?: number;
  /** Where loadtest writes its run folder (default reports/runs/rehearse). */
  outDir?: string;
  /** Aborts the load (Ctrl-C); a partial report is still written. */
  signal?: AbortSignal;
}

export interface RehearseIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface RehearsalResult {
  exitCode: number;
  loadtestExitCode: number;
  runDir: string | undefined;
  checks: CheckResult[];
}

/**
 * Rehearses one example connector end to end: builds it if needed, starts it with the
 * supervised-target environment, waits for its health endpoint, runs `loadtest` (in process)
 * against it with its preset (smoke scenario), judges the rehearsal checks, stops it with SIGTERM.
 * Exit code: loadtest's when it is not 0, else 99 when a rehearsal check failed, else 0.
 */
export async function rehearseExample(options: RehearseOptions, io: RehearseIo): Promise<RehearsalResult> {
  const spec = findExample(options.example);
  if (!spec)
    throw new UserError(
      `Could not rehearse "${options.example}": no such example. Use one of: ${EXAMPLES.map((e) => e.name).join(', ')}.`,
    );
  if (options.defect && !spec.defects[options.defect]) {
    throw new UserError(
      `Could not use --defect "${options.defect}" with ${spec.name}: it has ${Object.keys(spec.defects).join(', ')}. Leave --defect out to rehearse the correct connector.`,
    );
  }
  const log = (line: string) => io.stderr.write(`rehearse: ${line}\n`);
  const label = spec.name + (options.defect ? ` (defect ${options.defect})` : '');
  const dir = join(EXAMPLES_DIR, spec.dir);
  const work = mkdtempSync(join(tmpdir(), `wa-rehearse-${spec.name}-`));
  const outDir = resolve(options.outDir ?? join(REPO, 'reports', 'runs', 'rehearse'));
  makeDirSync(outDir);
  const secrets = randomSecrets();
  let redis: ThrowawayRedis | undefined;
  let target: TargetProcess | undefined;
  try {
    if (spec.redis) {
      if (hasRedisServer()) redis = await startThrowawayRedis();
      else
        log(
          'redis-server is not installed: the example runs on its in-memory fallback (apt-get install redis-server to rehearse with Redis)',
        );
    }
    const mockPort = await freePort();
    log(`starting ${label}: ${spec.language}, preset ${spec.preset}${redis ? `, Redis at ${redis.url}` : ''}`);
    const launched = await launchExample(spec, {
      graphBaseUrl: `http://127.0.0.1:${mockPort}`,
      redisUrl: redis?.url,
      defect: options.defect,
      secrets,
      work,
    });
    target = launched.target;
    const port = launched.port;
    const argv = loadtestArgv(spec, {
      port,
      mockPort,
      outDir,
      work,
      dir,
      durationS: options.durationS,
      rate: options.rate,
    });
    const { exitCode: loadtestExitCode, runDir } = await runLoadtestInProcess(
      argv,
      secrets,
      io,
      options.signal ?? new AbortController().signal,
    );

    const peakRssMb = target.peakRssMb();
    const stop = await target.stop(spec.checks.find((c) => c.id === 'stops-on-sigterm')?.threshold ?? 10_000);
    const checks = judgeChecks(spec.checks, { peakRssMb, ledger: runDir ? readLedger(runDir) : undefined, stop });
    const failed = checks.filter((c) => c.verdict === 'fail');
    const exitCode = loadtestExitCode !== EXIT.ok ? loadtestExitCode : failed.length ? EXIT.gateFailed : EXIT.ok;
    for (const c of checks)
      log(
        `check ${c.id}: ${c.verdict.toUpperCase()}${c.observed !== undefined ? ` (${c.observed} ${c.unit}, limit ${c.threshold})` : ''}: ${c.note}`,
      );
    if (runDir) {
      writeFileSync(join(runDir, 'target.log'), target.output());
      writeFileSync(
        join(runDir, 'rehearsal.json'),
        JSON.stringify(
          {
            example: spec.name,
            preset: spec.preset,
            defect: options.defect ?? null,
            loadtestExitCode,
            exitCode,
            checks,
          },
          null,
          1,
        ) + '\n',
      );
    }
    const verdict = exitCode === EXIT.ok ? 'PASS' : exitCode === EXIT.gateFailed ? 'FAIL' : 'ERROR';
    io.stdout.write(`rehearse: ${label}: ${verdict} (exit ${exitCode}${runDir ? `, run folder ${runDir}` : ''})\n`);
    return { exitCode, loadtestExitCode, runDir, checks };
  } finally {
    await target?.stop(5000);
    await redis?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function loadtestArgv(
  spec: ExampleSpec,
  at: { port: number; mockPort: number; outDir: string; work: string; dir: string; durationS?: number; rate?: number },
): string[] {
  const argv = [
    '--target',
    `http://127.0.0.1:${at.port}`,
    '--mock-port',
    String(at.mockPort),
    '--preset',
    spec.preset,
    '--scenario',
    'smoke',
    '--engine',
    'node',
    '--out',
    at.outDir,
  ];
  if (at.durationS !== undefined) argv.push('--duration', String(at.durationS));
  if (at.rate !== undefined) argv.push('--rate', String(at.rate));
  if (spec.config) {
    const file = join(at.work, 'rehearsal-config.json');
    writeFileSync(file, JSON.stringify(spec.config));
    argv.push('--config', file);
  }
  return [...argv, ...fillPlaceholders(spec.loadtestArgs ?? [], { dir: at.dir, out: at.work })];
}

/** `npm run loadtest -- …`, in process (the CLI's own path); the secrets go by environment, never argv. */
async function runLoadtestInProcess(
  argv: string[],
  secrets: { appSecret: string; verifyToken: string },
  io: RehearseIo,
  signal: AbortSignal,
): Promise<{ exitCode: number; runDir?: string }> {
  const flags = parseLoadtestFlags(argv);
  const config = resolveLoadtest({
    flags,
    env: { WA_APP_SECRET: secrets.appSecret, WA_VERIFY_TOKEN: secrets.verifyToken },
    loadDefinition: loadScenarioDefinition,
    configFile: flags.config ? { path: flags.config, data: readJsonFile(flags.config, 'config file') } : undefined,
  });
  try {
    return await runLoadtest(config, {
      stdout: io.stdout,
      stderr: io.stderr,
      signal,
      scriptsDir: join(REPO, 'scripts'),
    });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    io.stderr.write(`loadtest: ${error.message}\n`);
    return { exitCode: error.exitCode };
  }
}

function readLedger(runDir: string): LedgerStats | undefined {
  const file = join(runDir, 'ledger-stats.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LedgerStats) : undefined;
}
