import { createHmac } from 'node:crypto';
import type { HmacSha256Hex } from '../../../common/core/index.ts';

/** HMAC-SHA256 hex over the exact body, as Meta computes X-Hub-Signature-256 (node:crypto). */
export const hmacSha256Hex: HmacSha256Hex = (secret, body) => createHmac('sha256', secret).update(body).digest('hex');
