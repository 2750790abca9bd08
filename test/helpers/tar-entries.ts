import type { TarEntry } from '../../scripts/loadtest/emit/index.ts';

/** Archive entries that exercise ustar's corners: a long path split into prefix and name, non-ASCII, an empty file, a hard link. */
export const bytes = (text: string) => new TextEncoder().encode(text);
export const LONG_DIR = `file/wa-harness/${'deeply-nested-folder/'.repeat(5)}fixtures`;
export const ENTRIES: TarEntry[] = [
  { type: 'file', name: 'data', data: bytes('export default function () {}\n'), mtimeS: 1_700_000_000 },
  { type: 'dir', name: 'file', mtimeS: 1_700_000_000 },
  { type: 'dir', name: LONG_DIR, mtimeS: 1_700_000_000 },
  {
    type: 'file',
    name: `${LONG_DIR}/text-\u00e9moji.json`,
    data: bytes('{"body":"ol\u00e1 \ud83d\udc4b"}'),
    mtimeS: 1_700_000_000,
  },
  { type: 'file', name: 'file/empty.txt', data: new Uint8Array(0), mtimeS: 1_700_000_000 },
  { type: 'link', name: 'file/main.ts', target: 'data', mtimeS: 1_700_000_000 },
];
