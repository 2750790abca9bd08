import { describe, expect, it } from 'vitest';
import { formatCommandHelp, printHelpIfAsked, wantsHelp, type CommandHelp } from './cli-help.ts';

const HELP: CommandHelp = {
  usage: ['npm run thing -- listen [flags]', 'npm run thing -- import <file> [flags]'],
  about: 'Does the thing.',
  flags: [
    { flag: '--port <n>', help: 'port to listen on', default: '8090' },
    { flag: '-o, --out <dir>', help: 'where to write' },
    { flag: '--a-very-long-flag-name <value>', help: 'goes on its own line' },
  ],
  notes: ['Environment: THING_TOKEN.'],
  exitCodes: [
    [0, 'ok'],
    [2, 'usage error'],
  ],
};

describe('command help', () => {
  it('prints usage lines, what it does, flags with defaults and --help, notes, then exit codes', () => {
    expect(formatCommandHelp(HELP)).toBe(
      [
        'Usage: npm run thing -- listen [flags]',
        '       npm run thing -- import <file> [flags]',
        '',
        'Does the thing.',
        '',
        'Flags:',
        '      --port <n>            port to listen on (default: 8090)',
        '  -o, --out <dir>           where to write',
        '      --a-very-long-flag-name <value>',
        '                            goes on its own line',
        '  -h, --help                print this help and exit 0',
        '',
        'Environment: THING_TOKEN.',
        '',
        'Exit codes: 0 ok, 2 usage error.',
        '',
      ].join('\n'),
    );
  });

  it('wraps long text at 100 columns under its own column', () => {
    const text = formatCommandHelp({ ...HELP, flags: [{ flag: '--x', help: 'word '.repeat(40).trim() }] });
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    const flagLines = lines.slice(
      lines.indexOf('Flags:') + 1,
      lines.indexOf('  -h, --help                print this help and exit 0'),
    );
    expect(flagLines.length).toBeGreaterThan(1);
    for (const line of flagLines.slice(1)) expect(line).toMatch(/^ {28}word/);
  });

  it('answers --help and -h anywhere before --, and nothing else', () => {
    expect(wantsHelp(['--help'])).toBe(true);
    expect(wantsHelp(['--port', '1', '-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsHelp(['--helpful'])).toBe(false);
    const written: string[] = [];
    expect(printHelpIfAsked(['-h'], HELP, (t) => void written.push(t))).toBe(true);
    expect(printHelpIfAsked(['--port', '1'], HELP, (t) => void written.push(t))).toBe(false);
    expect(written).toEqual([formatCommandHelp(HELP)]);
  });
});
