import { runCli } from '../common/node/index.ts';
import { loadChaosProfile, startMockServer, parseMockArgs } from '../mock-graph-api/index.ts';

// The mock Graph API server: prints {"event":"listening","url":…} once ready, closes on SIGTERM/SIGINT.
await runCli('mock', async () => {
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
