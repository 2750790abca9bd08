import { encodeBase64 } from '../../common/core/base64.ts';
import { drawUniform } from './seq-random.ts';

const HEX = '0123456789ABCDEF';
const ID_SEED = 0x0b0d1d;

/**
 * A realistic id for a message WE did not send in this run (status callbacks' `status_id`,
 * replies' `context.id`, call ids): shaped like Meta's (`HBg` + length-prefixed wa_id + a hex
 * tail, base64), deterministic per (wa_id, key), and longer than our synthetic wamids so
 * `decodeWamid` always returns null for it: the mock never mistakes it for an inbound message.
 */
export function encodeOutboundId(prefix: 'wamid.' | 'wacid.', waId: string, key: number): string {
  const bytes = new Uint8Array(3 + waId.length + 6 + 18 + 1);
  bytes.set([0x1c, 0x18, waId.length], 0);
  let o = 3;
  for (let i = 0; i < waId.length; i++) bytes[o++] = waId.charCodeAt(i);
  bytes.set([0x15, 0x02, 0x00, 0x11, 0x18, 0x12], o);
  o += 6;
  for (let i = 0; i < 18; i++) bytes[o++] = HEX.charCodeAt(Math.floor(drawUniform(ID_SEED, key, i) * 16));
  bytes[o] = 0;
  return prefix + encodeBase64(bytes);
}
