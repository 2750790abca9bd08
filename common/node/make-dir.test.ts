import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDir, makeDirSync } from './make-dir.ts';

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

  it.runIf(existsSync('/proc/self'))('makeDir fails at once under /proc', async () => {
    await expect(makeDir('/proc/wa-loadtest-no-such/sub')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
