import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfraError } from '../../../common/node/index.ts';
import type { ExampleSpec } from './catalog.ts';
import { freePort } from './free-port.ts';
import { startTarget, waitForHealth, type TargetProcess } from './target-process.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../', import.meta.url));
/** Debian's python3, which has python3-fastapi, -uvicorn, -flask and -redis (a pyenv one on PATH may not). */
export const PYTHON = '/usr/bin/python3';

export interface ExampleSecrets {
  appSecret: string;
  verifyToken: string;
  accessToken: string;
}

export interface LaunchOptions {
  graphBaseUrl: string;
  redisUrl?: string;
  defect?: string;
  secrets: ExampleSecrets;
  /** A temp folder for build output. */
  work: string;
}

export interface LaunchedExample {
  url: string;
  port: number;
  target: TargetProcess;
}

/** Fresh random secrets for one run. */
export function randomSecrets(): ExampleSecrets {
  const token = () => randomBytes(18).toString('base64url');
  return { appSecret: token(), verifyToken: token(), accessToken: token() };
}

/**
 * Builds (if needed) and starts an example with the supervised-target environment (PORT, HOST,
 * WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_ACCESS_TOKEN, GRAPH_BASE_URL, REDIS_URL,
 * and EXAMPLE_DEFECT) on a free port, and resolves once its health endpoint answers 2xx.
 */
export async function launchExample(spec: ExampleSpec, options: LaunchOptions): Promise<LaunchedExample> {
  const dir = join(EXAMPLES_DIR, spec.dir);
  if (spec.build) build(spec, dir, options.work);
  const port = await freePort();
  const { secrets } = options;
  const env: Record<string, string> = {
    ...baseEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    WHATSAPP_APP_SECRET: secrets.appSecret,
    WHATSAPP_VERIFY_TOKEN: secrets.verifyToken,
    WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
    GRAPH_BASE_URL: options.graphBaseUrl,
    ...(options.redisUrl && { REDIS_URL: options.redisUrl }),
    ...(options.defect && { EXAMPLE_DEFECT: options.defect }),
  };
  if (spec.command.includes('{python}') && !existsSync(PYTHON)) {
    throw new InfraError(
      `Could not start ${spec.name}: ${PYTHON} is missing. The Python examples run on Debian's python3 with its packages: apt-get install python3 python3-fastapi python3-uvicorn python3-flask python3-redis.`,
    );
  }
  const target = startTarget(
    fillPlaceholders(spec.command, { dir, out: options.work }),
    dir,
    env,
    Object.values(secrets),
  );
  try {
    await waitForHealth(target, `http://127.0.0.1:${port}${spec.healthPath}`, spec.name);
  } catch (error) {
    await target.stop(2000);
    const missing = /ModuleNotFoundError: No module named '([\w.]+)'/.exec(target.output())?.[1]?.split('.')[0];
    if (missing)
      throw new InfraError(
        `Could not start ${spec.name}: ${PYTHON} has no module "${missing}". Install it from Debian: apt-get install python3-${missing}.`,
      );
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, target };
}

function build(spec: ExampleSpec, dir: string, work: string): void {
  const [command, ...args] = fillPlaceholders(spec.build!, { dir, out: work });
  // GOPROXY=off: the standard library only, never a module download.
  const result = spawnSync(command!, args, {
    cwd: dir,
    env: { ...baseEnv(), GOPROXY: 'off', CGO_ENABLED: '0' },
    encoding: 'utf8',
  });
  if (result.error)
    throw new InfraError(
      `Could not build ${spec.name}: ${command} is not installed (${result.error.message}). Install it (Debian: apt-get install golang-go).`,
    );
  if (result.status !== 0)
    throw new InfraError(
      `Could not build ${spec.name}: ${[command, ...args].join(' ')} exited ${result.status}:\n${result.stderr.trim()}`,
    );
}

/** Only what a process needs to run, as the supervised-target contract says: PATH, HOME, LANG, TMPDIR (and Go's caches). */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'GOCACHE', 'GOPATH'])
    if (process.env[key]) env[key] = process.env[key]!;
  return env;
}

/** `{python}`, `{dir}` (the example's folder) and `{out}` (the temp folder) in an argv. */
export function fillPlaceholders(argv: readonly string[], at: { dir: string; out: string }): string[] {
  return argv.map((arg) => arg.replaceAll('{python}', PYTHON).replaceAll('{dir}', at.dir).replaceAll('{out}', at.out));
}
