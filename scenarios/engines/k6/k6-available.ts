import { execFile } from 'node:child_process';

/** k6's version (e.g. "v1.3.0") when a `k6` binary is on PATH, else null. */
export function isK6Available(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('k6', ['version'], { timeout: 5000 }, (error, stdout) => {
      if (error) return resolve(null);
      resolve(parseK6Version(stdout));
    });
  });
}

/** Pulls "v1.3.0" out of `k6 version` output ("k6 v1.3.0 (commit/…, go1.24, linux/amd64)"). */
export function parseK6Version(output: string): string | null {
  const match = /k6\s+(v?\d+\.\d+\.\d+[\w.-]*)/.exec(output);
  return match ? (match[1] as string) : null;
}
