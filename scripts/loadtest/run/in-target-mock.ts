import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ledgerStatsSchema, type LedgerStats, type Scenario } from '../../../common/contracts/index.ts';
import { InfraError, isLoopbackHost, UserError, validate } from '../../../common/node/index.ts';
import type { SupervisedConfig } from '../resolve/supervised-target.ts';

/** `--mock`: `harness` (default) starts the mock or uses --mock-url; `in-target` hosts it inside the supervised target. */
export const MOCK_MODES = ['harness', 'in-target'] as const;
export type MockMode = (typeof MOCK_MODES)[number];

/** What the preload intercepts by default, and so what GRAPH_BASE_URL says under --mock in-target. */
export const IN_TARGET_GRAPH_BASE_URL = 'https://graph.facebook.com';
/** In the run folder: where the preload writes its admin URL, and the (scaled) chaos profile it starts with. */
export const ADMIN_URL_FILE = 'mock-admin-url';
export const PROFILE_FILE = 'mock-chaos-profile.json';
/** The preload's ledger as the target exits (after its drain), read once the target stopped. */
export const STATS_FILE = 'mock-ledger-at-exit.json';

/** Runtimes that never read NODE_OPTIONS: the preload cannot get into them. */
const NON_NODE = /^(python[\d.]*|uvicorn|gunicorn|hypercorn|flask|fastapi|go|java|ruby|rails|php|dotnet|cargo|perl)$/;

type ResolvedMock = { mode: 'spawn'; port: number } | { mode: 'external'; url: string } | { mode: 'in-target' };

/**
 * The mock a run uses. `in-target` needs one supervised, non-reference, Node target: each
 * instance would hold its own mock and ledger, which the harness does not merge, so replicas and
 * drills (which stop the instance holding the ledger) are refused. Pure; UserError (exit 2).
 */
export function resolveMock(input: {
  mode?: MockMode;
  mockUrl?: string;
  mockUrlFromEnv?: boolean;
  mockPort?: number;
  supervised?: SupervisedConfig;
  drills: readonly string[];
}): ResolvedMock {
  if (input.mode !== 'in-target')
    return input.mockUrl ? { mode: 'external', url: input.mockUrl } : { mode: 'spawn', port: input.mockPort ?? 0 };
  const instead =
    "drop --mock in-target so the instances share the harness's mock (point the connector at GRAPH_BASE_URL; README: Supervised targets)";
  if (input.mockUrl) {
    const source = input.mockUrlFromEnv ? 'WA_MOCK_URL' : '--mock-url';
    throw new UserError(
      `Could not use --mock in-target with ${source}: the first puts the mock inside the target, the second names one running elsewhere. Pick one (unset ${source}, or drop --mock in-target).`,
    );
  }
  if (input.mockPort !== undefined)
    throw new UserError(
      'Could not use --mock in-target with --mock-port: the mock inside the target takes any free port and tells the harness. Drop --mock-port.',
    );
  const s = input.supervised;
  if (!s || s.reference) {
    throw new UserError(
      "Could not host the mock in the target: the harness starts no target here (a --target URL, or the reference connector, which uses the harness's mock). Give the command that starts your Node connector with --target-cmd, or start it yourself with the preload (README: In-process) and pass --mock-url <its admin URL>.",
    );
  }
  if (s.replicas > 1) {
    throw new UserError(
      `Could not host the mock in the target with --replicas ${s.replicas}: each replica would hold its own mock and ledger (and its own 80 msg/s limit and chaos clock), which the harness does not merge, so replies one replica sent would read as lost. Run one replica, or ${instead}.`,
    );
  }
  if (input.drills.length) {
    throw new UserError(
      `Could not host the mock in the target with --drill ${input.drills.join(', ')}: the drill stops the instance that holds the mock, and the replies in its ledger go with it (the replacement starts an empty one), so answered messages would read as lost. Drop the drill, or ${instead}.`,
    );
  }
  const program = programOf(s.command.command);
  if (program && NON_NODE.test(program)) {
    throw new UserError(
      `Could not host the mock in the target: "${program}" is not Node, and the msw preload gets in only through NODE_OPTIONS. For a non-Node connector ${instead}.`,
    );
  }
  return { mode: 'in-target' };
}

/** The program a shell command runs, past `VAR=value` assignments and `exec`/`env`; its base name. */
function programOf(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  const first = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && w !== 'exec' && w !== 'env');
  return first?.split('/').pop();
}

/**
 * The variables that load the preload into a Node target: NODE_OPTIONS imports tsx and the
 * preload by absolute URL (the target's own folder need not have either), the admin URL file and
 * the run's chaos profile in the run folder, and the run's correlation, run id and seed, as the
 * harness's own mock gets them. Writes the profile file. The user's own NODE_OPTIONS (target.command
 * env) come first.
 */
export async function prepareInTargetMock(run: {
  runDir: string;
  runId: string;
  scenario: Scenario;
  profile: unknown;
  nodeOptions?: string;
}): Promise<{ env: Record<string, string>; urlFile: string; statsFile: string }> {
  const dir = resolve(run.runDir);
  await mkdir(dir, { recursive: true });
  const profileFile = join(dir, PROFILE_FILE);
  await writeFile(profileFile, JSON.stringify(run.profile, null, 1) + '\n');
  const urlFile = join(dir, ADMIN_URL_FILE);
  const preload = new URL('../../../mock-graph-api/preload.ts', import.meta.url).href;
  const nodeOptions = [run.nodeOptions, `--import ${import.meta.resolve('tsx')}`, `--import ${preload}`]
    .filter(Boolean)
    .join(' ');
  const config = { correlation: run.scenario.correlation, runId: run.runId, seed: run.scenario.seed };
  const statsFile = join(dir, STATS_FILE);
  return {
    urlFile,
    statsFile,
    env: {
      NODE_OPTIONS: nodeOptions,
      WA_MOCK_ADMIN_URL_FILE: urlFile,
      WA_MOCK_PROFILE: profileFile,
      WA_MOCK_STATS_FILE: statsFile,
      WA_MOCK_CONFIG: JSON.stringify(config),
    },
  };
}

/**
 * The in-target mock's admin URL. The preload writes its file before the target's own code runs,
 * so it exists once the target is healthy; the bound covers slow file systems. InfraError (exit 3)
 * naming the file and what to check when it never appears.
 */
export async function waitForAdminUrl(urlFile: string, opts: { timeoutMs?: number; logFile: string }): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(urlFile)) {
      const text = (await readFile(urlFile, 'utf8').catch(() => '')).trim();
      if (isLoopbackAdminUrl(text)) return text;
    }
    if (Date.now() >= deadline) break;
    await sleep(50);
  }
  throw new InfraError(
    `Could not find the mock inside the target: ${urlFile} never appeared (with a loopback URL in it) within ${timeoutMs / 1000} s after the target answered its health check. ` +
      `The msw preload gets in through NODE_OPTIONS, so the command must start Node and keep NODE_OPTIONS (a non-Node connector, or a script that empties NODE_OPTIONS, cannot host it); look for the preload's errors in ${opts.logFile}, or drop --mock in-target and point the connector at GRAPH_BASE_URL.`,
  );
}

/**
 * The in-target mock's final ledger: the one the preload wrote as the target exited (replies sent
 * while it drained included), else the last one read over the admin API before the stop (a target
 * killed after its drain timeout writes none).
 */
export async function readFinalLedger(
  statsFile: string,
  beforeStop: LedgerStats | undefined,
): Promise<LedgerStats | undefined> {
  if (!existsSync(statsFile)) return beforeStop;
  return validate(ledgerStatsSchema, JSON.parse(await readFile(statsFile, 'utf8')), {
    thing: 'ledger stats',
    filePath: statsFile,
  });
}

function isLoopbackAdminUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}
