import { createHash } from 'node:crypto';
import { decodeWamid } from '../../common/core/index.ts';

/** How a command takes part in a dedupe check. */
export type DedupeShape = 'set-nx' | 'setnx' | 'check' | 'set-after-check' | 'eval';

export interface DedupeCommand {
  shape: DedupeShape;
  key: string;
  /** TTL as sent with the command (EX/PX), in seconds; undefined when none was sent or it is unknowable (EVAL). */
  ttlS: number | undefined;
  /** True when the command itself sets an expiry option (SET … EX/PX/EXAT/PXAT/KEEPTTL). */
  ttlKnown: boolean;
}

export interface DedupeMatchSettings {
  /** A dedupe key must match this; undefined = any key for SET NX/SETNX/EVAL, wamid-bearing keys for GET/EXISTS. */
  keyPattern: RegExp | undefined;
  scriptPattern: RegExp;
}

/** Scripts that claim a key: `SET … NX` or `SETNX` inside redis.call. */
export const DEFAULT_DEDUPE_SCRIPT = /SETNX|['"]NX['"]/i;

const WAMID_IN_KEY = /wamid\.[A-Za-z0-9+/=_-]{48}/;

/** The synthetic inbound message id a key carries, if any. */
export function findWamidInKey(key: string): { wamid: string; seq: number; sentAtMs: number } | undefined {
  const match = WAMID_IN_KEY.exec(key);
  if (!match) return undefined;
  const fields = decodeWamid(match[0]);
  return fields ? { wamid: match[0], seq: fields.seq, sentAtMs: fields.sentAtMs } : undefined;
}

function ttlOf(words: readonly string[], from: number): { ttlS: number | undefined; ttlKnown: boolean } {
  for (let i = from; i < words.length; i++) {
    const option = words[i]?.toUpperCase();
    const value = Number(words[i + 1]);
    if (option === 'EX' && Number.isFinite(value)) return { ttlS: value, ttlKnown: true };
    if (option === 'PX' && Number.isFinite(value)) return { ttlS: value / 1000, ttlKnown: true };
    if (option === 'EXAT' || option === 'PXAT' || option === 'KEEPTTL') return { ttlS: undefined, ttlKnown: true };
  }
  return { ttlS: undefined, ttlKnown: false };
}

function hasOption(words: readonly string[], from: number, option: string): boolean {
  for (let i = from; i < words.length; i++) if (words[i]?.toUpperCase() === option) return true;
  return false;
}

/**
 * Remembers scripts by SHA1 (from EVAL and SCRIPT LOAD) so an EVALSHA of a dedupe script is
 * recognised too. Bounded: a target that generates scripts forever does not grow it past 1,000.
 */
export function createScriptBook() {
  const dedupe = new Map<string, boolean>();
  return {
    remember(body: string, pattern: RegExp): boolean {
      const isDedupe = pattern.test(body);
      if (dedupe.size >= 1000) dedupe.clear();
      dedupe.set(createHash('sha1').update(body).digest('hex'), isDedupe);
      return isDedupe;
    },
    isDedupe: (sha: string) => dedupe.get(sha.toLowerCase()) === true,
  };
}
export type ScriptBook = ReturnType<typeof createScriptBook>;

const keyOk = (settings: DedupeMatchSettings, key: string) =>
  settings.keyPattern ? settings.keyPattern.test(key) : true;

/**
 * Recognises a dedupe-shaped command from its words. `openCheck(key)` tells whether a GET/EXISTS
 * on the key is waiting for its SET (check-then-set dedupe).
 */
export function matchDedupeCommand(
  words: readonly string[],
  settings: DedupeMatchSettings,
  scripts: ScriptBook,
  openCheck: (key: string) => boolean,
): DedupeCommand | undefined {
  const name = words[0]?.toUpperCase();
  const key = words[1];
  if (name === undefined || key === undefined) return undefined;
  switch (name) {
    case 'SET': {
      if (words.length < 3) return undefined;
      const ttl = ttlOf(words, 3);
      if (hasOption(words, 3, 'NX')) return keyOk(settings, key) ? { shape: 'set-nx', key, ...ttl } : undefined;
      return openCheck(key) ? { shape: 'set-after-check', key, ...ttl } : undefined;
    }
    case 'SETNX':
      return keyOk(settings, key) ? { shape: 'setnx', key, ttlS: undefined, ttlKnown: false } : undefined;
    case 'SETEX':
    case 'PSETEX': {
      if (!openCheck(key)) return undefined;
      const n = Number(words[2]);
      return { shape: 'set-after-check', key, ttlS: name === 'SETEX' ? n : n / 1000, ttlKnown: Number.isFinite(n) };
    }
    case 'GET':
    case 'EXISTS': {
      if (words.length !== 2) return undefined;
      const ok = settings.keyPattern ? settings.keyPattern.test(key) : findWamidInKey(key) !== undefined;
      return ok ? { shape: 'check', key, ttlS: undefined, ttlKnown: false } : undefined;
    }
    case 'EVAL':
    case 'EVALSHA': {
      const isDedupe = name === 'EVAL' ? scripts.remember(key, settings.scriptPattern) : scripts.isDedupe(key);
      const firstKey = Number(words[2]) >= 1 ? words[3] : undefined;
      if (!isDedupe || firstKey === undefined || !keyOk(settings, firstKey)) return undefined;
      return { shape: 'eval', key: firstKey, ttlS: undefined, ttlKnown: false };
    }
    case 'SCRIPT':
      if (key.toUpperCase() === 'LOAD' && words[2] !== undefined) scripts.remember(words[2], settings.scriptPattern);
      return undefined;
    default:
      return undefined;
  }
}
