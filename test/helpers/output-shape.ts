// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * The shape of a line the CLI prints: colours, URLs, run ids, numbers and durations replaced by
 * placeholders, whitespace collapsed, so two runs of the same command give the same shapes.
 */
export function lineShape(line: string): string {
  return line
    .replace(ANSI, '')
    .replace(/https?:\/\/[^\s),]+/g, 'URL')
    .replace(/\b[0-9a-f]{12}\b/g, 'RUN')
    .replace(/\d+(\.\d+)?\s?(ms|s|min)\b/g, 'T')
    .replace(/\d+(\.\d+)?/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The lines worth comparing: not blank, not npm's own `> …` echo, not the README's `…` elision. */
export function comparableLines(text: string): string[] {
  return text
    .replace(/\r/g, '\n')
    .split('\n')
    .map((l) => l.replace(ANSI, '').trimEnd())
    .filter((l) => l.trim() !== '' && !l.startsWith('>') && l.trim() !== '…' && !/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(l));
}

/** The fenced ```text block that follows `marker` in a Markdown file. */
export function textBlockAfter(markdown: string, marker: string): string {
  const at = markdown.indexOf(marker);
  if (at === -1) throw new Error(`marker not found: ${marker}`);
  const start = markdown.indexOf('```text\n', at);
  const end = markdown.indexOf('\n```', start + 8);
  return markdown.slice(start + 8, end);
}
