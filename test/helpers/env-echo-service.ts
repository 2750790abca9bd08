import { writeFileSync } from 'node:fs';

// A stand-in child service for tests: writes its own environment to the file named by its first
// argument, then announces itself like the mock and the connector do, and waits for SIGTERM.
writeFileSync(process.argv[2] as string, JSON.stringify(process.env));
process.stdout.write(`${JSON.stringify({ event: 'listening', url: 'http://127.0.0.1:1' })}\n`);
const keepAlive = setInterval(() => undefined, 60_000);
process.once('SIGTERM', () => clearInterval(keepAlive));
