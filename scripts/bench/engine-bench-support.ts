import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Starts scripts/bench/engine-sink.ts in a child process and resolves with its base URL. */
export async function startSinkProcess(
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess; stop: () => void }> {
  const script = fileURLToPath(new URL('./engine-sink.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sink did not start within 10 s')), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /port=(\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`sink exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, stop: () => void child.kill('SIGTERM') };
}

/** One line naming the machine the figures come from. */
export function describeMachine(): string {
  const cores = cpus();
  return `${cores.length} cores (${cores[0]?.model ?? 'unknown CPU'}), node ${process.versions.node}, ${process.platform}/${process.arch}`;
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
