import { readFileSync } from 'node:fs';
import { EXIT } from '../common/core/index.ts';
import { printHelpIfAsked, runCli } from '../common/node/index.ts';
import { loadChaosProfile, parseMockArgs, resolveMockAccess, startMockServer } from '../mock-graph-api/index.ts';
import { MOCK_HELP } from './help/mock.ts';

// The mock Graph API server: prints {"event":"listening","url":…} once ready, closes on SIGTERM/SIGINT.
await runCli('mock', async () => {
  if (printHelpIfAsked(process.argv.slice(2), MOCK_HELP)) return EXIT.ok;
  const options = parseMockArgs(process.argv.slice(2));
  const access = resolveMockAccess({
    host: options.host,
    env: process.env,
    readFile: (path) => readFileSync(path, 'utf8'),
  });
  const profile = loadChaosProfile(options.profile);
  const config = access.accessTokens ? { ...options.config, accessTokens: access.accessTokens } : options.config;
  const mock = await startMockServer({
    port: options.port,
    host: options.host,
    config,
    profile,
    adminToken: access.adminToken,
  });
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: mock.url, profile: profile.name })}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void mock.close().then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
});
