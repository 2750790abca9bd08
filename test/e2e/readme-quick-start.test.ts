import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparableLines, lineShape, textBlockAfter } from '../helpers/output-shape.ts';

/**
 * The README's quick-start sample is what `npm run loadtest` prints: the command word for word,
 * in a pseudo-terminal as a user runs it, compared line by line by shape (numbers, URLs, run ids
 * and durations vary; the lines and their order may not).
 */
const root = resolve(import.meta.dirname, '../..');
const progress = (shape: string) => shape.startsWith('[');

function runQuickStart(): Promise<{ code: number | null; output: string }> {
  const child = spawn('script', ['-qfec', 'exec npm run loadtest', '/dev/null'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const hardStop = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 150_000);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(hardStop);
      done({ code, output });
    }),
  );
}

describe("the README's quick start", () => {
  it('shows the lines npm run loadtest prints, in the order it prints them, and no line it does not print', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const sample = comparableLines(textBlockAfter(readme, '`npm run loadtest` with no arguments')).map(lineShape);
    const run = await runQuickStart();
    const runId = /loadtest: run ([0-9a-f]{12})/.exec(run.output)?.[1];
    if (runId) rmSync(join(root, 'reports/runs', runId), { recursive: true, force: true });
    expect(run.code, run.output).toBe(0);
    const printed = comparableLines(run.output).map(lineShape);

    // Every sample line appears, in order.
    let at = 0;
    for (const line of sample) {
      const found = printed.indexOf(line, at);
      expect(
        found,
        `README line not printed (after line ${at}): ${line}\n--- printed:\n${printed.join('\n')}`,
      ).not.toBe(-1);
      at = found + 1;
    }
    // Every line printed (but the progress line, shown once) is in the sample.
    for (const line of printed.filter((l) => !progress(l)))
      expect(sample, `printed but missing from the README: ${line}`).toContain(line);
  }, 180_000);
});
