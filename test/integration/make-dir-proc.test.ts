import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('makeDirSync under /proc', () => {
  // In a child with a deadline: a regression would spin synchronously and hang this worker.
  it.runIf(existsSync('/proc/self'))(
    "makeDirSync fails at once under /proc, where Node's recursive mkdir spins forever",
    () => {
      const script = "import('./common/node/make-dir.ts').then((m) => m.makeDirSync('/proc/wa-loadtest-no-such/sub'))";
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(child.error, 'makeDirSync did not return within 20 s').toBeUndefined();
      expect(child.status).not.toBe(0);
      expect(child.stderr).toContain('ENOENT');
    },
  );
});
