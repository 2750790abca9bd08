/**
 * Preload for Node targets: `node --import tsx --import ./mock-graph-api/preload.ts target.js`
 * intercepts every fetch to graph.facebook.com with the mock, no code change in the target.
 * This entry file is the only place that reads the environment:
 *   WA_MOCK_PROFILE     chaos profile name or JSON file (default none)
 *   WA_MOCK_CONFIG      mock config as JSON (e.g. {"throughputPerS":"off"})
 *   WA_MOCK_STATS_FILE  where to write LedgerStats JSON on SIGTERM / SIGINT and again on exit
 *                       (so a target that drains after the signal leaves its final ledger)
 *   WA_MOCK_BASE_URL    base URL to intercept (default https://graph.facebook.com)
 *   WA_MOCK_ADMIN_PORT  serve the mock (admin API, /metrics) on 127.0.0.1:<port> (0 = any free
 *                       port) for `loadtest --mock-url`; the URL goes to stderr as one JSON line
 *   WA_MOCK_ADMIN_URL_FILE  also write that URL to this file (removed on exit); alone, it
 *                       implies WA_MOCK_ADMIN_PORT=0. Every Node process of a target loads the
 *                       preload; the last to start (the connector under a wrapper) owns the file,
 *                       and only the owner writes WA_MOCK_STATS_FILE and removes the file at exit
 */
import { renameSync, writeFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { handleError, UserError } from '../common/node/index.ts';
import { loadChaosProfile } from './chaos/load-chaos-profile.ts';
import { createGraphHandlers } from './msw/graph-handlers.ts';
import { describeAdminUrl, ownsUrlFile, parseAdminPort, removeOwnUrlFile, startPreloadAdmin } from './preload-admin.ts';
import { createSimulator, type Simulator } from './simulator.ts';

function readConfig(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new UserError(
      'Could not read WA_MOCK_CONFIG: it is not valid JSON. Set it to a JSON object such as {"throughputPerS":"off"}.',
    );
  }
}

async function install(): Promise<Simulator> {
  const env = process.env;
  const urlFile = env.WA_MOCK_ADMIN_URL_FILE || undefined;
  const adminPort = parseAdminPort(env.WA_MOCK_ADMIN_PORT) ?? (urlFile ? 0 : undefined);
  const simulator = createSimulator(readConfig(env.WA_MOCK_CONFIG), loadChaosProfile(env.WA_MOCK_PROFILE || 'none'));
  // Awaited: the port listens and its URL is announced before the target's own code runs.
  let adminUrl: string | undefined;
  if (adminPort !== undefined) {
    const admin = await startPreloadAdmin(simulator, adminPort, urlFile);
    adminUrl = admin.url;
    process.stderr.write(describeAdminUrl(admin.url, simulator.chaosProfile().name) + '\n');
  }
  const server = setupServer(...createGraphHandlers(simulator, { baseUrl: env.WA_MOCK_BASE_URL || undefined }));
  server.listen({ onUnhandledRequest: 'bypass' });
  const statsFile = env.WA_MOCK_STATS_FILE;
  // With a URL file, only the process it names writes the stats (a wrapper's empty mock never overwrites the connector's).
  const owner = () => !urlFile || !adminUrl || ownsUrlFile(urlFile, adminUrl);
  const dump = () => {
    if (!statsFile || !owner()) return;
    // Atomic, so a reader never sees half a ledger; the last write (at exit) wins.
    const partial = `${statsFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(simulator.stats()));
    renameSync(partial, statsFile);
  };
  process.on('exit', dump);
  // After the dump, which reads the file to know it owns it.
  if (urlFile && adminUrl) process.on('exit', () => removeOwnUrlFile(urlFile, adminUrl));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      dump();
      // Keep the target's own graceful shutdown when it has one; otherwise exit as the signal would.
      if (process.listenerCount(signal) === 0) process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
    });
  }
  return simulator;
}

let installed: Simulator | undefined;
try {
  installed = await install();
} catch (error) {
  process.exit(handleError(error, 'mock-graph-api preload'));
}

/** The preloaded simulator, for targets that want to read it in-process. */
export const preloadedSimulator = installed;
