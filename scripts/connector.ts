import { EXIT } from '../common/core/index.ts';
import { printHelpIfAsked, runCli } from '../common/node/index.ts';
import { resolveCliConfig, startConnector } from '../targets/reference/index.ts';
import { CONNECTOR_HELP } from './help/connector.ts';

/** `npm run connector -- [flags]`: prints one JSON "listening" line on stdout, logs on stderr. */
await runCli('connector', async () => {
  if (printHelpIfAsked(process.argv.slice(2), CONNECTOR_HELP)) return EXIT.ok;
  const config = resolveCliConfig(process.argv.slice(2), process.env);
  // Unreachable after printHelpIfAsked; the parser still knows --help for callers of its own.
  if (config === 'help') return EXIT.ok;
  const connector = await startConnector(config);
  process.stdout.write(JSON.stringify({ event: 'listening', url: connector.url }) + '\n');
  // SIGTERM (orchestrators, Kubernetes) and SIGINT (Ctrl-C) both drain before exiting 0. The
  // listeners stay: a second signal (a process group and a wrapper both relaying) must not kill the drain.
  await new Promise<void>((resolve) => {
    process.on('SIGTERM', () => resolve());
    process.on('SIGINT', () => resolve());
  });
  await connector.close();
  return EXIT.ok;
});
