import type { LogHit, LogHygiene } from '../../common/contracts/index.ts';

/** What the harness planted: the secrets it handed over and the PII of the webhooks it sent. */
export interface Needles {
  /** kind (e.g. "secret:app-secret") → value. */
  secrets: Record<string, string>;
  waIds: ReadonlySet<string>;
  names: ReadonlySet<string>;
  texts: ReadonlySet<string>;
}

const MAX_EXAMPLES = 20;
const MAX_LINE = 300;
/** A message text is looked for by its first characters: loggers often cut long texts. */
export const TEXT_PREFIX = 24;

/**
 * Scans log text line by line for planted values. Phone numbers are found as digit runs (one
 * Set lookup each, so thousands of senders stay cheap); names, texts and secrets by substring.
 * Pure: the caller reads the files.
 */
export function createLogScanner(needles: Needles) {
  const substrings: [kind: string, value: string][] = [
    ...Object.entries(needles.secrets).filter(([, v]) => v.length >= 4),
    ...[...needles.names].filter((n) => n.length >= 4).map((n): [string, string] => ['pii:profile-name', n]),
    ...[...needles.texts]
      .map((t) => t.slice(0, TEXT_PREFIX))
      .filter((t) => t.length >= 8)
      .map((t): [string, string] => ['pii:message-text', t]),
  ];
  const result: LogHygiene = {
    files: [],
    linesScanned: 0,
    hits: 0,
    byKind: {},
    needles: {
      secrets: Object.keys(needles.secrets).length,
      'wa-ids': needles.waIds.size,
      'profile-names': needles.names.size,
      'message-texts': needles.texts.size,
    },
    examples: [],
  };
  const scanLine = (file: string, lineNo: number, line: string) => {
    result.linesScanned++;
    const found: [string, string][] = [];
    for (const digits of line.match(/\d{8,}/g) ?? []) if (needles.waIds.has(digits)) found.push(['pii:wa-id', digits]);
    for (const [kind, value] of substrings) if (line.includes(value)) found.push([kind, value]);
    if (!found.length) return;
    result.hits++;
    const kinds = [...new Set(found.map(([k]) => k))];
    for (const k of kinds) result.byKind[k] = (result.byKind[k] ?? 0) + 1;
    if (result.examples.length < MAX_EXAMPLES)
      result.examples.push({ file, lineNo, kinds, redacted: redactLine(line, found) });
  };
  return {
    scan(file: string, text: string): void {
      if (!result.files.includes(file)) result.files.push(file);
      text.split('\n').forEach((line, i) => {
        if (line) scanLine(file, i + 1, line);
      });
    },
    result: (): LogHygiene => result,
  };
}

/** Every planted value replaced by its [kind]; long lines cut. */
export function redactLine(line: string, found: readonly [string, string][]): string {
  let out = line;
  // Longest first, so a text containing a name is replaced whole.
  for (const [kind, value] of [...found].sort((a, b) => b[1].length - a[1].length))
    out = out.split(value).join(`[${kind}]`);
  return out.length > MAX_LINE ? out.slice(0, MAX_LINE) + '…' : out;
}

export type LogHitExample = LogHit;
