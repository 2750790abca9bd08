import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlagCombinations, checkOutDirWritable } from './preflight.ts';

describe('preflight checks', () => {
  it('refuses an unknown defect, listing the valid ones and the connector help', () => {
    expect(() => checkFlagCombinations({ target: 'builtin', defect: 'nope' })).toThrow(
      /Could not use --defect "nope": no such defect\. Use one of none, no-dedupe, .*dedupe-race.* \(described in `npm run connector -- --help`\)\./,
    );
    expect(() => checkFlagCombinations({ target: 'builtin', defect: 'slow-ack' })).not.toThrow();
  });

  it('refuses --defect and --redis-url with an external target', () => {
    expect(() => checkFlagCombinations({ target: 'http://127.0.0.1:3000', defect: 'slow-ack' })).toThrow(
      'Could not use --defect with --target http://127.0.0.1:3000',
    );
    expect(() =>
      checkFlagCombinations({ target: 'http://127.0.0.1:3000', redisUrlFlag: 'redis://127.0.0.1:6379' }),
    ).toThrow('Could not use --redis-url with --target');
    expect(() => checkFlagCombinations({ target: 'http://127.0.0.1:3000' })).not.toThrow();
  });

  it('refuses --defect with a target command, naming --target builtin, and hands --redis-url to it', () => {
    expect(() => checkFlagCombinations({ target: 'supervised', defect: 'slow-ack' })).toThrow(
      /Could not use --defect with a target command .* Add --target builtin/,
    );
    expect(() => checkFlagCombinations({ target: 'supervised', redisUrlFlag: 'redis://127.0.0.1:6379' })).not.toThrow();
  });

  it('creates a missing output folder and refuses a file in the way', () => {
    const base = mkdtempSync(join(tmpdir(), 'preflight-'));
    checkOutDirWritable(join(base, 'a', 'b'));
    writeFileSync(join(base, 'file'), 'x');
    expect(() => checkOutDirWritable(join(base, 'file'))).toThrow(
      /Could not write run folders under --out .*file: (a file is in the way|it is not a folder)\. Pick a folder/,
    );
    expect(() => checkOutDirWritable(join(base, 'file', 'sub'))).toThrow('a file is in the way');
  });

  it.runIf(existsSync('/proc/self'))(
    'refuses --out under /proc at once instead of hanging (Node 20 recursive mkdir spins there)',
    () => {
      expect(() => checkOutDirWritable('/proc/wa-loadtest-runs')).toThrow(
        'Could not write run folders under --out /proc/wa-loadtest-runs: no folder can be made there. Pick a folder',
      );
    },
  );

  it('refuses a folder it may not write into, when run as root too', () => {
    // Root writes through any mode bits, so a chmod 500 folder stops other users only; nobody,
    // root included, may write into /proc/self (Linux, where the tests run).
    const dir = process.getuid?.() === 0 ? '/proc/self' : mkdtempSync(join(tmpdir(), 'preflight-ro-'));
    if (dir !== '/proc/self') chmodSync(dir, 0o500);
    expect(() => checkOutDirWritable(dir)).toThrow(
      `Could not write run folders under --out ${dir}: permission denied. Pick a folder`,
    );
  });
});
