import { TEXT_PREFIX } from './log-scan.ts';

export interface PiiCollector {
  /** Reads one parsed webhook body the harness sent; never throws. */
  add(parsed: unknown): void;
  waIds: Set<string>;
  names: Set<string>;
  texts: Set<string>;
}

const LIMITS = { waIds: 200_000, names: 2_000, texts: 500 };

/**
 * Collects the PII actually planted in the webhooks sent: sender wa_ids, profile names and
 * message texts. Bounded: beyond the limits new values are no longer collected (wa_ids are the
 * cheap ones to look for, so they get the largest budget).
 */
export function createPiiCollector(): PiiCollector {
  const out = { waIds: new Set<string>(), names: new Set<string>(), texts: new Set<string>() };
  const put = (set: Set<string>, limit: number, v: unknown) => {
    if (typeof v === 'string' && v && set.size < limit) set.add(v);
  };
  return {
    ...out,
    add(parsed: unknown) {
      for (const value of changeValues(parsed)) {
        for (const c of asArray(value['contacts'])) {
          put(out.waIds, LIMITS.waIds, c['wa_id']);
          put(out.names, LIMITS.names, (c['profile'] as Record<string, unknown> | undefined)?.['name']);
        }
        for (const m of asArray(value['messages'])) {
          put(out.waIds, LIMITS.waIds, m['from']);
          const text = (m['text'] as Record<string, unknown> | undefined)?.['body'];
          if (typeof text === 'string' && ![...out.texts].some((t) => t.startsWith(text.slice(0, TEXT_PREFIX))))
            put(out.texts, LIMITS.texts, text);
        }
        for (const s of asArray(value['statuses'])) put(out.waIds, LIMITS.waIds, s['recipient_id']);
      }
    },
  };
}

type Obj = Record<string, unknown>;
const asArray = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.filter((x): x is Obj => Boolean(x) && typeof x === 'object') : [];

export function changeValues(body: unknown): Obj[] {
  const out: Obj[] = [];
  for (const entry of asArray((body as Obj | null)?.['entry'])) {
    for (const change of asArray(entry['changes'])) {
      const value = change['value'];
      if (value && typeof value === 'object') out.push(value as Obj);
    }
  }
  return out;
}
