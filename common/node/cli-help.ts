/**
 * One shape for every command's `--help` / `-h`: a usage line, what it does, the flags with their
 * defaults, further notes, and the exit codes. The text is built from data, so no command drifts.
 */

export interface HelpFlag {
  /** As typed, with the short form and the value: `-r, --rate <n>`. */
  flag: string;
  /** What it does, one sentence without its default. */
  help: string;
  /** Printed as `(default: <value>)`; leave out for flags without one. */
  default?: string;
}

export interface CommandHelp {
  /** What follows `Usage: ` (several for several modes): `npm run mock -- [flags]`. */
  usage: readonly string[];
  /** What the command does, in a sentence or two. */
  about: string;
  /** Every flag but `-h, --help`, which is added. */
  flags: readonly HelpFlag[];
  /** Paragraphs after the flags (environment, names, examples), printed as given (a list of names stays on one line, for grep). */
  notes?: readonly string[];
  /** Exit code → meaning, printed in this order. */
  exitCodes: readonly (readonly [code: number, meaning: string])[];
}

const WIDTH = 100;
const FLAG_COLUMN = 28;
const HELP_FLAG: HelpFlag = { flag: '-h, --help', help: 'print this help and exit 0' };

/** Words of `text` in lines of at most `width - indent` characters, each after `indent` spaces. */
function wrap(text: string, indent: number, firstLineUsed = indent): string[] {
  const lines: string[] = [];
  let line = '';
  let room = WIDTH - firstLineUsed;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = WIDTH - indent;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 && firstLineUsed !== indent ? l : ' '.repeat(indent) + l));
}

function formatFlag({ flag, help, default: fallback }: HelpFlag): string[] {
  // Long flags alone on a line of their own, short ones beside their text.
  const head = `  ${flag.startsWith('--') ? '    ' : ''}${flag}`;
  const text = fallback === undefined ? help : `${help} (default: ${fallback})`;
  if (head.length + 1 > FLAG_COLUMN) return [head, ...wrap(text, FLAG_COLUMN)];
  const [first, ...rest] = wrap(text, FLAG_COLUMN, FLAG_COLUMN);
  return [head.padEnd(FLAG_COLUMN) + (first ?? '').trimStart(), ...rest];
}

/**
 * The help text of a command, in the shape every command shares.
 *
 * @example
 * formatCommandHelp({ usage: ['npm run mock -- [flags]'], about: 'The mock Graph API.', flags: [{ flag: '--port <n>', help: 'port', default: '0' }], exitCodes: [[0, 'stopped'], [2, 'usage error']] });
 */
export function formatCommandHelp(help: CommandHelp): string {
  const [first, ...others] = help.usage;
  const usage = [`Usage: ${first}`, ...others.map((u) => `       ${u}`)];
  const exits = help.exitCodes.map(([code, meaning]) => `${code} ${meaning}`).join(', ');
  return [
    ...usage,
    '',
    ...wrap(help.about, 0),
    '',
    'Flags:',
    ...[...help.flags, HELP_FLAG].flatMap(formatFlag),
    ...(help.notes ?? []).flatMap((note) => ['', ...note.split('\n')]),
    '',
    ...wrap(`Exit codes: ${exits}.`, 2, 0),
    '',
  ].join('\n');
}

/**
 * Prints the command's help when the command line asks for it; the entry then exits 0.
 *
 * @example
 * if (printHelpIfAsked(process.argv.slice(2), MOCK_HELP)) return EXIT.ok;
 */
export function printHelpIfAsked(
  argv: readonly string[],
  help: CommandHelp,
  write: (text: string) => void = (text) => void process.stdout.write(text),
): boolean {
  if (!wantsHelp(argv)) return false;
  write(formatCommandHelp(help));
  return true;
}

/** True when the command line asks for help (`--help` or `-h` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
