import { describe, expect, it } from 'vitest';
import {
  parseFlags,
  readDuration,
  readEnum,
  readInteger,
  readList,
  readNumber,
  readSwitch,
  readUrl,
} from './cli-flags.ts';
import { UserError } from './errors.ts';

const caught = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (error) {
    return error as UserError;
  }
  throw new Error('expected a throw');
};

describe('number readers', () => {
  it('reads a number within bounds and names flag, value, reason and fix otherwise', () => {
    expect(readNumber('--rate', '2.5', { above: 0 })).toBe(2.5);
    expect(caught(() => readNumber('--rate', 'fast')).message).toBe(
      'Could not read --rate "fast": not a number. Pass a number, e.g. --rate 1.',
    );
    expect(caught(() => readNumber('--rate', '-5', { above: 0, example: 50 })).message).toBe(
      'Could not read --rate "-5": out of range, it must be a number above 0. Pass e.g. --rate 50.',
    );
    expect(() => readNumber('--rate', '')).toThrow(/not a number/);
  });

  it('reads integers only, with an inclusive range', () => {
    expect(readInteger('--port', '65535', { min: 0, max: 65535 })).toBe(65535);
    expect(readInteger('--seed', '-7')).toBe(-7);
    expect(caught(() => readInteger('--port', '80.5', { min: 0, max: 65535 })).message).toBe(
      'Could not read --port "80.5": not an integer. Pass a whole number, e.g. --port 0.',
    );
    expect(caught(() => readInteger('--port', '70000', { min: 0, max: 65535 })).message).toMatch(
      /"70000": out of range, it must be an integer from 0 to 65535\./,
    );
    expect(() => readInteger('--count', '0x10')).toThrow(/not an integer/);
  });

  it('writes the fix for an environment variable as NAME=value', () => {
    expect(caught(() => readInteger('WA_SEED', 'x')).message).toBe(
      'Could not read WA_SEED "x": not an integer. Pass a whole number, e.g. WA_SEED=1.',
    );
  });

  it('is a usage error (exit 2)', () => {
    expect(caught(() => readInteger('--port', 'x')).exitCode).toBe(2);
  });
});

describe('readDuration', () => {
  it('accepts plain seconds and one unit, the syntaxes loadtest always took', () => {
    expect(readDuration('--duration', '90')).toBe(90);
    expect(readDuration('--duration', '30s')).toBe(30);
    expect(readDuration('--duration', '2m')).toBe(120);
    expect(readDuration('--duration', '90m')).toBe(5400);
    expect(readDuration('--duration', '1h')).toBe(3600);
    expect(readDuration('--duration', '1500ms')).toBe(1.5);
  });

  it('refuses zero and words', () => {
    expect(caught(() => readDuration('--duration', 'soon')).message).toBe(
      'Could not read --duration "soon": not a positive duration. Use seconds or one unit, e.g. 90, 90s, 5m, 1h.',
    );
    expect(() => readDuration('WA_DURATION', '0')).toThrow(/WA_DURATION "0": not a positive duration/);
  });
});

describe('readList, readEnum, readSwitch', () => {
  it('splits comma lists from one or several flags, trimming empty parts', () => {
    expect(readList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(readList(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(readList(undefined)).toEqual([]);
  });

  it('suggests the nearest value of an enum', () => {
    expect(readEnum('--engine', 'k6', ['auto', 'k6', 'node'])).toBe('k6');
    expect(caught(() => readEnum('--engine', 'nod', ['auto', 'k6', 'node'])).message).toBe(
      'Could not read --engine "nod": not one of auto, k6, node (did you mean "node"?). Pass one of them, e.g. --engine node.',
    );
    expect(caught(() => readEnum('--engine', 'jmeter', ['auto', 'k6', 'node'])).message).toMatch(
      /not one of auto, k6, node\. Pass one of them, e.g\. --engine auto\.$/,
    );
  });

  it('reads on/off switches', () => {
    expect(readSwitch('--pair-rate', 'on')).toBe(true);
    expect(readSwitch('--pair-rate', 'OFF')).toBe(false);
    expect(caught(() => readSwitch('--pair-rate', 'maybe')).message).toBe(
      'Could not read --pair-rate "maybe": not on or off. Pass --pair-rate on or --pair-rate off.',
    );
  });
});

describe('readUrl', () => {
  it('parses a URL of an allowed scheme', () => {
    expect(readUrl('--redis-url', 'redis://127.0.0.1:6380', ['redis:']).port).toBe('6380');
  });

  it('refuses a non-URL and a wrong scheme without echoing credentials', () => {
    expect(caught(() => readUrl('--mock-url', 'nope')).message).toBe(
      'Could not read --mock-url "nope": not a URL. Pass a full URL such as http://127.0.0.1:3000.',
    );
    const wrong = caught(() => readUrl('--target', 'ftp://user:pw@127.0.0.1')).message;
    expect(wrong).toMatch(/only http and https are supported/);
    expect(wrong).not.toContain('pw');
  });
});

describe('parseFlags', () => {
  const options = { rate: { type: 'string', short: 'r' }, verbose: { type: 'boolean' } } as const;
  const fix = 'Run `x --help` for the flags.';

  it('hands negative numbers to the value readers instead of failing as ambiguous', () => {
    expect(parseFlags(['--rate', '-5'], { options }, fix).values.rate).toBe('-5');
    expect(parseFlags(['-r', '-5'], { options }, fix).values.rate).toBe('-5');
  });

  it('words parseArgs errors as one sentence with a single period and a did-you-mean', () => {
    const unknown = caught(() => parseFlags(['--rat', '5'], { options }, fix));
    expect(unknown.message).toBe(
      "Could not read the command line: Unknown option '--rat' (did you mean --rate?). Run `x --help` for the flags.",
    );
    expect(unknown.exitCode).toBe(2);
    const missing = caught(() => parseFlags(['--rate'], { options }, fix)).message;
    expect(missing).toBe(
      "Could not read the command line: Option '-r, --rate <value>' argument missing. Run `x --help` for the flags.",
    );
    const stray = caught(() => parseFlags(['stray'], { options }, fix)).message;
    expect(stray).toBe("Could not read the command line: Unexpected argument 'stray'. Run `x --help` for the flags.");
    expect(caught(() => parseFlags(['--rate', '--verbose'], { options }, fix)).message).toBe(
      "Could not read the command line: Option '--rate' has no value. Run `x --help` for the flags.",
    );
    for (const m of [unknown.message, missing, stray]) expect(m).not.toMatch(/\.\./);
  });

  it('keeps positionals when allowed', () => {
    expect(parseFlags(['run', '--verbose'], { options, allowPositionals: true }, fix).positionals).toEqual(['run']);
  });
});
