import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { InfraError, UserError } from '../common/node/index.ts';
import { startMockServer, type MockServer } from './express/server.ts';
import type { Simulator } from './simulator.ts';

/** `WA_MOCK_ADMIN_PORT`: unset or empty = no admin port; 0 = any free port. */
export function parseAdminPort(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) {
    throw new UserError(
      `Could not read WA_MOCK_ADMIN_PORT "${text.slice(0, 40)}": it must be a port number from 0 to 65535 (0 = any free port). Fix the variable or unset it.`,
    );
  }
  return port;
}

/** The line the preload prints on stderr once the admin port listens. */
export function describeAdminUrl(url: string, profile: string): string {
  return JSON.stringify({ event: 'mock-admin-listening', url, profile });
}

/**
 * Serves the preloaded simulator over HTTP on 127.0.0.1 (never another address): the whole mock,
 * like `npm run mock` (admin API, /metrics, and the Graph routes), so `loadtest --mock-url <url>`
 * drives its chaos and reads its ledger. The server does not keep the target alive by itself.
 * With `urlFile`, the URL is written there (atomically, so a reader never sees half a line); the
 * caller removes it at exit (removeOwnUrlFile), so a stale file never points at a dead port.
 */
export async function startPreloadAdmin(simulator: Simulator, port: number, urlFile?: string): Promise<MockServer> {
  let server: MockServer;
  try {
    server = await startMockServer({ simulator, port, host: '127.0.0.1', unref: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InfraError(
      `Could not start the mock's admin API on 127.0.0.1:${port}: ${code}. Set WA_MOCK_ADMIN_PORT to a free port, or 0 for any free port.`,
    );
  }
  if (urlFile) {
    const partial = `${urlFile}.${process.pid}.tmp`;
    try {
      writeFileSync(partial, server.url + '\n');
      renameSync(partial, urlFile);
    } catch (error) {
      await server.close();
      throw new UserError(
        `Could not write WA_MOCK_ADMIN_URL_FILE ${urlFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Point it at a writable file.`,
      );
    }
  }
  return server;
}

/**
 * True when the URL file names this process's mock. Every Node process of a target loads the
 * preload (NODE_OPTIONS reaches a wrapper such as `npm start` and the connector it starts), and the
 * last one to start, the connector, writes the file last: it alone owns the file and the stats file.
 */
export function ownsUrlFile(urlFile: string, url: string): boolean {
  try {
    return readFileSync(urlFile, 'utf8').trim() === url;
  } catch {
    return false;
  }
}

/** At exit: removes the URL file when it still names this process's mock (never a later one's). */
export function removeOwnUrlFile(urlFile: string, url: string): void {
  if (ownsUrlFile(urlFile, url)) rmSync(urlFile, { force: true });
}
