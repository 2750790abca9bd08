import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { scrubText } from '../../scenarios/model/index.ts';

/** The last `lines` lines of a log file (reads at most its last 64 KiB), scrubbed of secrets. */
export function readLogTail(path: string, lines: number, secrets: readonly string[]): string[] {
  let text = '';
  try {
    const size = statSync(path).size;
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buf, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    text = buf.toString('utf8');
  } catch {
    return [];
  }
  return scrubText(text, secrets).split('\n').filter(Boolean).slice(-lines);
}
