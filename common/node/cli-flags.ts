import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDurationS } from '../../scenarios/model/index.ts';
import { UserError } from './errors.ts';
import { nearestKey } from './known-keys.ts';

/**
 * The one way every CLI reads its flags (and the environment variables that stand in for them).
 * A bad value reads `Could not read <flag> "<value>": <reason>. <fix>.` and is a UserError (exit 2).
 */

type Config = ParseArgsConfig & { options: NonNullable<ParseArgsConfig['options']> };
type Parsed<T extends Config> = ReturnType<typeof parseArgs<T & { strict: true }>>;

/** Drops the trailing periods of a clause so the sentence ends with exactly one. */
const clause = (text: string): string => text.trim().replace(/\.+$/, '');

/** How a fix names a value: `--rate 50` for a flag, `WA_RATE=50` for a variable, the bare value otherwise. */
function sample(source: string, value: string | number): string {
  if (source.startsWith('-')) return `${source} ${value}`;
  return /^[A-Z][A-Z0-9_]*$/.test(source) ? `${source}=${value}` : String(value);
}

/** The error of one bad value, in the wording every CLI shares. */
export function flagError(source: string, value: string, reason: string, fix: string): UserError {
  return new UserError(`Could not read ${source} "${value}": ${clause(reason)}. ${clause(fix)}.`);
}

export interface NumberBounds {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Exclusive lower bound: `above: 0` means positive. */
  above?: number;
  /** The value the fix suggests (default: the smallest allowed). */
  example?: number;
}

function rangeText({ min, max, above }: NumberBounds): string {
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  const low = min !== undefined ? `of at least ${min}` : above !== undefined ? `above ${above}` : undefined;
  const high = max !== undefined ? (low ? `at most ${max}` : `of at most ${max}`) : undefined;
  return [low, high].filter(Boolean).join(' and ');
}

function checkBounds(source: string, text: string, value: number, bounds: NumberBounds, kind: string): number {
  const { min, max, above } = bounds;
  if (
    (min !== undefined && value < min) ||
    (max !== undefined && value > max) ||
    (above !== undefined && value <= above)
  ) {
    throw flagError(
      source,
      text,
      `out of range, it must be ${kind} ${rangeText(bounds)}`,
      `Pass e.g. ${sample(source, exampleOf(bounds))}`,
    );
  }
  return value;
}

const exampleOf = ({ example, min, above, max }: NumberBounds): number =>
  example ?? min ?? (above !== undefined ? Math.floor(above) + 1 : Math.min(1, max ?? 1));

/**
 * A finite number within bounds.
 *
 * @example readNumber('--rate', '50', { above: 0 }) // 50
 */
export function readNumber(source: string, text: string, bounds: NumberBounds = {}): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw flagError(source, text, 'not a number', `Pass a number, e.g. ${sample(source, exampleOf(bounds))}`);
  return checkBounds(source, text, value, bounds, 'a number');
}

/**
 * A whole number (digits, optional sign) within bounds.
 *
 * @example readInteger('--port', '8089', { min: 0, max: 65535 }) // 8089
 */
export function readInteger(source: string, text: string, bounds: NumberBounds = {}): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text))
    throw flagError(source, text, 'not an integer', `Pass a whole number, e.g. ${sample(source, exampleOf(bounds))}`);
  return checkBounds(source, text, Number(text), bounds, 'an integer');
}

/**
 * A positive duration in seconds: plain seconds or one unit (`90`, `90s`, `5m`, `1h`, `1500ms`),
 * the rules k6's WA_DURATION follows too.
 */
export function readDuration(source: string, text: string): number {
  const seconds = parseDurationS(text);
  if (seconds === undefined)
    throw flagError(source, text, 'not a positive duration', 'Use seconds or one unit, e.g. 90, 90s, 5m, 1h');
  return seconds;
}

/** A comma list (one value or several flags of it), trimmed, empty parts dropped. */
export function readList(text: string | readonly string[] | undefined): string[] {
  if (text === undefined) return [];
  return (typeof text === 'string' ? [text] : text)
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * One of a fixed set, with the nearest valid value suggested for a typo.
 *
 * @example readEnum('--engine', 'nod', ['auto', 'k6', 'node']) // throws … (did you mean "node"?) …
 */
export function readEnum<const T extends string>(source: string, text: string, values: readonly T[]): T {
  if ((values as readonly string[]).includes(text)) return text as T;
  const near = nearestKey(text, values);
  const reason = `not one of ${values.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`;
  throw flagError(source, text, reason, `Pass one of them, e.g. ${sample(source, near ?? values[0] ?? '')}`);
}

const TRUE = ['on', 'true', 'yes', '1'];
const FALSE = ['off', 'false', 'no', '0'];

/** on/off (also true/false, yes/no, 1/0), for flags that take a switch as their value. */
export function readSwitch(source: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (TRUE.includes(t)) return true;
  if (FALSE.includes(t)) return false;
  throw flagError(source, text, 'not on or off', `Pass ${sample(source, 'on')} or ${sample(source, 'off')}`);
}

/** A URL as it may appear in a message: any user:password part dropped. */
export function redactUrlCredentials(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//');
}

/**
 * A URL whose scheme is one of `protocols` (with their colon, e.g. `['http:', 'https:']`).
 *
 * @example readUrl('--redis-url', 'redis://127.0.0.1:6379', ['redis:'])
 */
export function readUrl(source: string, text: string, protocols: readonly string[] = ['http:', 'https:']): URL {
  const example = `Pass a full URL such as ${protocols[0] ?? 'http:'}//127.0.0.1:${protocols[0]?.startsWith('redis') ? 6379 : 3000}`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw flagError(source, redactUrlCredentials(text), 'not a URL', example);
  }
  if (!protocols.includes(parsed.protocol)) {
    const names = protocols.map((p) => p.replace(/:$/, ''));
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
    throw flagError(
      source,
      redactUrlCredentials(text),
      `only ${list} ${names.length > 1 ? 'are' : 'is'} supported`,
      example,
    );
  }
  return parsed;
}

/** Option names of a parseArgs config, short letters included, for the negative-number join. */
function stringOption(options: Config['options'], arg: string): boolean {
  if (arg.startsWith('--')) return options[arg.slice(2)]?.type === 'string';
  if (/^-[a-zA-Z]$/.test(arg))
    return Object.values(options).some((o) => o.short === arg.slice(1) && o.type === 'string');
  return false;
}

/** `--rate -5` → `--rate=-5`, so a negative number reaches validation instead of parseArgs' "ambiguous" text. */
function joinNegativeNumbers(argv: readonly string[], options: Config['options']): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (next !== undefined && /^-\.?\d/.test(next) && stringOption(options, arg)) {
      out.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** parseArgs' multi-sentence text as one clause, with a did-you-mean for an unknown flag. */
function describeParseError(error: unknown, options: Config['options']): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = clause(message.split('\n')[0]!.split(/\.\s/)[0]!);
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(first);
  if (unknown) {
    const near = nearestKey(unknown[2]!, Object.keys(options));
    return near ? `${first} (did you mean --${near}?)` : first;
  }
  if (/argument is ambiguous$/.test(first)) return first.replace(/ argument is ambiguous$/, ' has no value');
  return first;
}

/**
 * node:util parseArgs (strict) with our wording: a mistake reads
 * `Could not read the command line: <what>. <fix>.` with one period, and negative numbers
 * (`--rate -5`) reach the value readers.
 *
 * @example
 * const { values } = parseFlags(argv, { options: { rate: { type: 'string' } } }, 'Run `npm run loadtest -- --help` for the flags');
 */
export function parseFlags<const T extends Config>(argv: readonly string[], config: T, fix: string): Parsed<T> {
  try {
    return parseArgs({ ...config, args: joinNegativeNumbers(argv, config.options), strict: true }) as Parsed<T>;
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')) throw error;
    throw new UserError(
      `Could not read the command line: ${describeParseError(error, config.options)}. ${clause(fix)}.`,
    );
  }
}
