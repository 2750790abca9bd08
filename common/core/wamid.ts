import { decodeBase64, encodeBase64 } from './base64.ts';

/**
 * Synthetic WhatsApp message ids that carry their own timing.
 *
 * Layout (36 bytes, 48 base64 chars after `wamid.`, like real ids):
 * 3 bytes `HBgL` look-alike prefix, 1 version byte, 6 bytes run id, 6 bytes delivery
 * sequence, 2 bytes part (index of the message inside a batched POST), 6 bytes send time
 * in epoch ms, 12 bytes check hash. The mock Graph API decodes ids it sees in replies and
 * read receipts to compute webhook→side-effect latency with no shared state.
 */
export interface WamidFields {
  /** 12 lowercase hex chars. */
  runId: string;
  /** Delivery sequence number, 0 ≤ seq < 2^48; unique per run (k6: iterationInTest). */
  seq: number;
  /** Index of the message within its delivery, 0 ≤ part < 65536. */
  part: number;
  /** Intended send time in epoch milliseconds. */
  sentAtMs: number;
}

const PREFIX = [0x1c, 0x18, 0x0b];
const VERSION = 0x57;
const BYTES = 36;
const HASH_OFFSET = 24;
const MAX48 = 2 ** 48;

export const RUN_ID_PATTERN = /^[0-9a-f]{12}$/;

function writeUint(bytes: Uint8Array, offset: number, width: number, value: number): void {
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    bytes[offset + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

function readUint(bytes: Uint8Array, offset: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + (bytes[offset + i] ?? 0);
  return v;
}

function fillHash(bytes: Uint8Array): void {
  // FNV-1a over the payload, stretched to 12 bytes; integrity check, not security.
  let h = 0x811c9dc5;
  for (let i = 0; i < HASH_OFFSET; i++) {
    h ^= bytes[i] ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  for (let i = HASH_OFFSET; i < BYTES; i++) {
    h ^= i;
    h = Math.imul(h, 0x01000193) >>> 0;
    bytes[i] = h & 0xff;
  }
}

/** Encodes fields into a `wamid.` id. Throws RangeError on out-of-range fields. */
export function encodeWamid(fields: WamidFields): string {
  const { runId, seq, part, sentAtMs } = fields;
  if (!RUN_ID_PATTERN.test(runId)) throw new RangeError(`runId must be 12 lowercase hex chars, got "${runId}"`);
  if (!Number.isInteger(seq) || seq < 0 || seq >= MAX48) throw new RangeError(`seq out of range: ${seq}`);
  if (!Number.isInteger(part) || part < 0 || part > 0xffff) throw new RangeError(`part out of range: ${part}`);
  if (!Number.isInteger(sentAtMs) || sentAtMs < 0 || sentAtMs >= MAX48)
    throw new RangeError(`sentAtMs out of range: ${sentAtMs}`);
  const bytes = new Uint8Array(BYTES);
  bytes.set(PREFIX, 0);
  bytes[3] = VERSION;
  for (let i = 0; i < 6; i++) bytes[4 + i] = parseInt(runId.slice(i * 2, i * 2 + 2), 16);
  writeUint(bytes, 10, 6, seq);
  writeUint(bytes, 16, 2, part);
  writeUint(bytes, 18, 6, sentAtMs);
  fillHash(bytes);
  return `wamid.${encodeBase64(bytes)}`;
}

/** Decodes a synthetic id; returns null for anything that is not one of ours (real ids too). */
export function decodeWamid(id: string): WamidFields | null {
  if (typeof id !== 'string' || !id.startsWith('wamid.') || id.length !== 6 + 48) return null;
  const bytes = decodeBase64(id.slice(6));
  if (!bytes || bytes.length !== BYTES) return null;
  if (bytes[0] !== PREFIX[0] || bytes[1] !== PREFIX[1] || bytes[2] !== PREFIX[2] || bytes[3] !== VERSION) return null;
  const check = bytes.slice(0);
  fillHash(check);
  for (let i = HASH_OFFSET; i < BYTES; i++) if (check[i] !== bytes[i]) return null;
  let runId = '';
  for (let i = 4; i < 10; i++) runId += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return { runId, seq: readUint(bytes, 10, 6), part: readUint(bytes, 16, 2), sentAtMs: readUint(bytes, 18, 6) };
}
