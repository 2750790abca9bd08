import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const bench = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'bench', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

// The benchmarks are run by hand, never here: these calls fail on their flags, before anything starts.
describe('benchmark flags', () => {
  it.each([
    [
      'redis-proxy.ts',
      ['--seconds', 'abc'],
      'bench/redis-proxy: Could not read --seconds "abc": not a number. Pass a number, e.g. --seconds 6.',
    ],
    [
      'mock-throughput.ts',
      ['--seconds', '-1'],
      'bench/mock-throughput: Could not read --seconds "-1": out of range, it must be a number above 0. Pass e.g. --seconds 5.',
    ],
    [
      'engine-throughput.ts',
      ['--rate', '5000', '--durtion', '20'],
      "bench/engine-throughput: Could not read the command line: Unknown option '--durtion' (did you mean --duration?).",
    ],
    ['fuzz.ts', ['ten'], 'bench/fuzz: Could not read cases "ten": not an integer. Pass a whole number, e.g. 10000.'],
  ])(
    '%s %j exits 2 with the shared flag error and no stack',
    (script, args, message) => {
      const result = bench(script, args);
      expect(result.stderr.trim().startsWith(message), result.stderr).toBe(true);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.status).toBe(2);
    },
    70_000,
  );
});
