import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, writeTar } from '../../scripts/loadtest/emit/tar.ts';
import { ENTRIES, LONG_DIR } from '../helpers/tar-entries.ts';

const dir = mkdtempSync(join(tmpdir(), 'tar-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describe('ustar archives and GNU tar', () => {
  it('writes archives GNU tar lists and extracts, hard link included', () => {
    const file = join(dir, 'a.tar');
    writeFileSync(file, writeTar(ENTRIES));
    const listing = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
    expect(listing).toContain(`${LONG_DIR}/text-\u00e9moji.json`);
    expect(listing).toMatch(/file\/main\.ts link to data/);
    execFileSync('tar', ['-xf', file, '-C', dir]);
    expect(readFileSync(join(dir, 'file/main.ts'), 'utf8')).toBe('export default function () {}\n');
    expect(readFileSync(join(dir, `${LONG_DIR}/text-\u00e9moji.json`), 'utf8')).toBe(
      '{"body":"ol\u00e1 \ud83d\udc4b"}',
    );
  });

  it('reads archives GNU tar wrote', () => {
    writeFileSync(join(dir, 'gnu.txt'), 'from gnu tar');
    const file = join(dir, 'gnu.tar');
    execFileSync('tar', ['--format=ustar', '-cf', file, '-C', dir, 'gnu.txt']);
    const [entry] = readTar(readFileSync(file));
    expect(entry).toMatchObject({ type: 'file', name: 'gnu.txt' });
    expect(new TextDecoder().decode((entry as { data: Uint8Array }).data)).toBe('from gnu tar');
  });
});
