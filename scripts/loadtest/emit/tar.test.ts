import { describe, expect, it } from 'vitest';
import { ENTRIES, LONG_DIR } from '../../../test/helpers/tar-entries.ts';
import { readTar, writeTar } from './tar.ts';

describe('ustar writer and reader', () => {
  it('reads back exactly what it wrote, long paths split into prefix and name', () => {
    const back = readTar(writeTar(ENTRIES));
    expect(back.map((e) => [e.type, e.name])).toEqual(ENTRIES.map((e) => [e.type, e.name]));
    expect(back[3]).toMatchObject({
      type: 'file',
      data: ENTRIES[3]!.type === 'file' ? ENTRIES[3]!.data : undefined,
      mode: 0o644,
    });
    expect(back[5]).toMatchObject({ type: 'link', target: 'data' });
    expect(LONG_DIR.length).toBeGreaterThan(100);
  });

  it('refuses a path too long for ustar, naming it', () => {
    const name = `file/${'x'.repeat(120)}/${'y'.repeat(120)}`;
    expect(() => writeTar([{ type: 'file', name, data: new Uint8Array(0) }])).toThrow(/too long for ustar/);
  });

  it('rejects a corrupt header with its offset', () => {
    const tar = writeTar(ENTRIES);
    tar[1024 + 10] = 0x7a; // inside the second header (after data: 512 header + 512 padded body)
    expect(() => readTar(tar)).toThrow(/Corrupt tar header at byte 1024/);
  });
});
