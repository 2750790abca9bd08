/**
 * A minimal POSIX ustar writer and reader (pure): enough for k6 archives, which are plain tar
 * files of regular files, directories and one hard link. No long-name extensions: a path must
 * fit ustar's 155-byte prefix + 100-byte name split.
 */
export type TarEntry =
  | { type: 'file'; name: string; data: Uint8Array; mode?: number; mtimeS?: number }
  | { type: 'dir'; name: string; mode?: number; mtimeS?: number }
  | { type: 'link'; name: string; target: string; mtimeS?: number };

const BLOCK = 512;
const TYPE_FLAG = { file: '0', link: '1', dir: '5' } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function splitName(name: string): { prefix: string; base: string } {
  if (encoder.encode(name).length <= 100) return { prefix: '', base: name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(base).length <= 100) return { prefix, base };
  }
  throw new Error(
    `Could not store "${name}" in a tar archive: the path is too long for ustar (max 155 + 100 bytes). Use shorter paths.`,
  );
}

function putString(header: Uint8Array, offset: number, length: number, value: string): void {
  header.set(encoder.encode(value).subarray(0, length), offset);
}

function putOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  putString(header, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function headerFor(entry: TarEntry, size: number): Uint8Array {
  const header = new Uint8Array(BLOCK);
  const { prefix, base } = splitName(entry.name);
  putString(header, 0, 100, base);
  putOctal(
    header,
    100,
    8,
    entry.type === 'dir' ? (entry.mode ?? 0o755) : entry.type === 'file' ? (entry.mode ?? 0o644) : 0o644,
  );
  putOctal(header, 108, 8, 0); // uid
  putOctal(header, 116, 8, 0); // gid
  putOctal(header, 124, 12, size);
  putOctal(header, 136, 12, Math.floor(entry.mtimeS ?? 0));
  header.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  putString(header, 156, 1, TYPE_FLAG[entry.type]);
  if (entry.type === 'link') putString(header, 157, 100, entry.target);
  putString(header, 257, 6, 'ustar\0');
  putString(header, 263, 2, '00');
  putString(header, 345, 155, prefix);
  let sum = 0;
  for (const byte of header) sum += byte;
  putString(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** The archive bytes for `entries`, in order, ending with the two zero blocks tar expects. */
export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  let total = 0;
  for (const entry of entries) {
    const data = entry.type === 'file' ? entry.data : new Uint8Array(0);
    blocks.push(headerFor(entry, data.length));
    const padded = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
    padded.set(data);
    blocks.push(padded);
    total += BLOCK + padded.length;
  }
  blocks.push(new Uint8Array(2 * BLOCK));
  total += 2 * BLOCK;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const block of blocks) {
    out.set(block, offset);
    offset += block.length;
  }
  return out;
}

function readString(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** Parses a ustar archive (checksums verified); throws naming the entry on a corrupt header. */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  for (let offset = 0; offset + BLOCK <= bytes.length;) {
    const block = bytes.subarray(offset, offset + BLOCK);
    if (block.every((b) => b === 0)) break;
    const stored = readOctal(block, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
    const base = readString(block, 0, 100);
    const prefix = readString(block, 345, 155);
    const name = prefix ? `${prefix}/${base}` : base;
    if (sum !== stored) throw new Error(`Corrupt tar header at byte ${offset} (${name}): checksum mismatch.`);
    const size = readOctal(block, 124, 12);
    const mode = readOctal(block, 100, 8);
    const mtimeS = readOctal(block, 136, 12);
    const flag = String.fromCharCode(block[156] as number);
    const data = bytes.slice(offset + BLOCK, offset + BLOCK + size);
    if (flag === '5') entries.push({ type: 'dir', name, mode, mtimeS });
    else if (flag === '1') entries.push({ type: 'link', name, target: readString(block, 157, 100), mtimeS });
    else entries.push({ type: 'file', name, data, mode, mtimeS });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
