import { EXIT } from '../common/core/index.ts';
import { printHelpIfAsked, runCli } from '../common/node/index.ts';
import { loadChaosProfile, startMockServer, parseMockArgs } from '../mock-graph-api/index.ts';
import { MOCK_HELP } from './help/mock.ts';

// The mock Graph API server: prints {"event":"listening","url":…} once ready, closes on SIGTERM/SIGINT.
await runCli('mock', async () => {
  if (printHelpIfAsked(process.argv.slice(2), MOCK_HELP)) return EXIT.ok;
  const options = parseMockArgs(process.argv.slice(2));
  const profile = loadChaosProfile(options.profile);
  const mock = await startMockServer({ port: options.port, host: options.host, config: options.config, profile });
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: mock.url, profile: profile.name })}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void mock.close().then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
});
