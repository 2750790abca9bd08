import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDir, makeDirSync } from './make-dir.ts';

const ROOT = resolve(import.meta.dirname, '..');
const base = () => mkdtempSync(join(tmpdir(), 'wa-make-dir-'));

describe('makeDirSync and makeDir', () => {
  for (const [name, make] of [
    ['makeDirSync', async (d: string) => makeDirSync(d)],
    ['makeDir', makeDir],
  ] as const) {
    it(`${name} creates every missing folder and accepts one that exists`, async () => {
      const dir = join(base(), 'a', 'b', 'c');
      await make(dir);
      expect(statSync(dir).isDirectory()).toBe(true);
      await make(dir);
    });

    it(`${name} fails with ENOTDIR when a file is in the way`, async () => {
      const file = join(base(), 'file');
      writeFileSync(file, 'x');
      await expect(Promise.resolve().then(() => make(join(file, 'sub')))).rejects.toMatchObject({ code: 'ENOTDIR' });
    });

  }

  // In a child with a deadline: a regression would spin synchronously and hang this worker.
  it.runIf(existsSync('/proc/self'))("makeDirSync fails at once under /proc, where Node's recursive mkdir spins forever", () => {
    const script = "import('./lib/make-dir.ts').then((m) => m.makeDirSync('/proc/wa-loadtest-no-such/sub'))";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(child.error, 'makeDirSync did not return within 20 s').toBeUndefined();
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('ENOENT');
  });

  it.runIf(existsSync('/proc/self'))('makeDir fails at once under /proc', async () => {
    await expect(makeDir('/proc/wa-loadtest-no-such/sub')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
