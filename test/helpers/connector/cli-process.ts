import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const ENTRY = fileURLToPath(new URL('../../../scripts/connector.ts', import.meta.url));

/**
 * Spawns `scripts/connector.ts` as a real child process (as the orchestrator does), collecting
 * its output; `listening` resolves with the URL from its one JSON stdout line.
 */
export function spawnConnectorCli(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    void exited.then((code) => reject(new Error(`connector exited with ${code} before listening: ${stderr}`)));
  });
  listening.catch(() => undefined);
  return {
    child,
    exited,
    listening,
    output: () => ({ stdout, stderr }),
    /** SIGKILL if still running (test cleanup). */
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
