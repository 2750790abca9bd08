import { existsSync, mkdirSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The folders of `dir` that do not exist yet, outermost first. */
function missingFolders(dir: string, exists: (path: string) => boolean): string[] {
  const missing: string[] = [];
  for (let d = resolve(dir); !exists(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  return missing;
}

/**
 * `mkdir -p` that fails instead of spinning. Node 20's `mkdirSync(dir, { recursive: true })`
 * loops forever where mkdir answers ENOENT under a parent that exists (`--out /proc/x` hung
 * `loadtest` at 60 % CPU, deaf to SIGTERM). Each missing folder is made on its own, so the
 * error is the plain one (ENOENT, EACCES, ENOTDIR when a file is in the way, EROFS).
 *
 * @example makeDirSync('runs/2026-12-02') // creates runs/ then runs/2026-12-02
 */
export function makeDirSync(dir: string): void {
  for (const d of missingFolders(dir, existsSync)) {
    try {
      mkdirSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // made meanwhile by someone else
    }
  }
}

/** makeDirSync's asynchronous twin, for I/O shells that must not block the event loop. */
export async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (
    let d = resolve(dir);
    !(await stat(d).then(
      () => true,
      () => false,
    ));
    d = dirname(d)
  ) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
